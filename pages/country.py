"""Country profile: one Central Asian state and the powers (``?country=KAZ``): whom
its leaders met most, what was announced for it and what it committed to the powers,
its timeline, venues and people. Reads ``country`` from the URL (one state; with none
or several, a choice)."""

from greatgame import ui, ui_pages

ui_pages.render_country_profile(ui.context())
