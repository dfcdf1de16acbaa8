"""greatgame: an open, sourced tracker of great-power engagement with Central Asia."""

__version__ = "0.1.0"
