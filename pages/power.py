"""Power profile: one outside power in Central Asia (``?power=JPN``): its firsts, its
pace and the leaders who met, its rank in the race, its timeline, venues, pledges and
deals in both directions, and its people. Reads ``power`` from the URL (one power;
with none or several, a choice)."""

from greatgame import ui, ui_pages

ui_pages.render_power_profile(ui.context())
