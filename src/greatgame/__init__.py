"""greatgame: an open, sourced tracker of great-power engagement with Central Asia."""

__version__ = "0.2.0"
