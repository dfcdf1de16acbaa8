"""The power and country profiles through app.py: headline facts, ranks, both
directions of money apart, and the choice when the filter names none."""

import json

from tests.conftest import open_page

TOKYO = "2025-12-19-central-asia-japan-summit"


def text(at) -> str:
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def test_japans_profile_states_its_firsts_pace_and_rank(app):
    at = open_page(app, "pages/power.py", power="JPN")
    assert at.title[0].value == "Japan in Central Asia"
    assert (
        "Japan first met the five Central Asian states' ministers together on 1 Mar 2019 "
        "in Tokyo; its first 'Central Asia + X' leaders' summit was on 19–20 Dec 2025 in "
        "Tokyo, 7 years later."
    ) in text(at)
    assert "Its leaders at these meetings: Sanae Takaichi." in text(at)
    ranks = at.table[0].value.set_index("Measure")
    assert ranks.loc["Leaders' meetings held", "Rank"] == "2 of 4"  # China has 2, Japan 1
    assert ranks.loc["Announced for Central Asia, USD", "Value"] == "$19.0 bn"
    timeline = json.loads(at.get_by_key("profile_timeline_chart").proto.spec)
    ids = {c for trace in timeline["data"] for c in trace.get("customdata") or []}
    assert ids == {
        "2019-03-01-central-asia-japan-ministers",
        "2024-08-09-central-asia-japan-summit",
        "2025-12-19-central-asia-japan-summit",
    }


def test_a_profile_with_no_power_chosen_offers_one_and_then_shows_it(app):
    at = open_page(app, "pages/power.py")
    assert at.title[0].value == "A power in Central Asia"
    at.selectbox(key="profile_power").set_value("CHN").run()
    assert at.title[0].value == "China in Central Asia"
    assert "Announced for Central Asia by China" in text(at)
    assert "No deal in this direction in the data." in " ".join(c.value for c in at.caption)


def test_kazakhstans_profile_names_the_powers_it_met_and_keeps_region_money_apart(app):
    at = open_page(app, "pages/country.py", country="KAZ")
    assert at.title[0].value == "Kazakhstan and the powers"
    assert "most often China (2)" in text(at)
    partners = at.dataframe[0].value.set_index("Power")
    assert partners.loc["China", "Leaders' meetings"] == 2
    # The yuan package and Japan's target were for the region, not for Kazakhstan.
    assert partners.loc["China", "Announced for it, USD"] == ""


def test_every_power_name_on_the_overview_links_to_its_profile(app):
    at = open_page(app, "pages/overview.py")
    links = text(at)
    assert "[Japan](power?power=JPN)" in links and "[Kazakhstan](country?country=KAZ)" in links


def test_the_overview_says_what_is_new_in_this_data_version(app, tiny_dir):
    (tiny_dir / "CHANGELOG.md").write_text(
        "# Data changelog\n\n## 0.2.0 — 2026-12-01\n\n**Tokyo summit added.** With its "
        "pledges. And more.\n\n## 0.0.9 — 2026-11-01\n\nOlder.\n",
        encoding="utf-8",
    )
    at = open_page(app, "pages/overview.py")
    assert "New in data version 0.2.0" in [s.value for s in at.subheader]
    assert "- Tokyo summit added. With its pledges." in [m.value for m in at.markdown]
    assert "Older." not in text(at)


def test_an_events_record_links_its_power_and_states_to_their_profiles(app):
    at = open_page(app, "pages/event.py", event="2025-12-19-central-asia-japan-summit")
    assert "[Japan](power?power=JPN)" in text(at)
    assert "[Uzbekistan](country?country=UZB)" in text(at)


def test_a_profiles_events_each_link_to_their_record_keeping_the_profile(app):
    at = open_page(app, "pages/power.py", power="JPN")
    (events,) = [d.value for d in at.dataframe if "event_id" in d.value]
    assert len(events) == 3
    assert f"event?power=JPN&event={TOKYO}" in set(events["event_id"])
