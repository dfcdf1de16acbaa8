"""greatgame synth: a synthetic dataset that validates, scales and says it is synthetic."""

import pytest

from greatgame.cli import main
from greatgame.data import load_dataset, validate_dir


def test_synth_scales_every_fact_table_and_validates(tiny, tiny_dir, tmp_path, capsys):
    out = tmp_path / "synthetic"
    assert main(["--data", str(tiny_dir), "synth", "--scale", "4", "--out", str(out)]) == 0
    assert validate_dir(out) == []
    synthetic = load_dataset(out)
    assert len(synthetic.events) == 4 * len(tiny.events)
    linked_pledges = tiny.pledges["event_id"].notna().sum()
    assert len(synthetic.pledges) == 4 * linked_pledges
    assert len(synthetic.participants) == 4 * len(tiny.participants)
    # Reference tables are the real ones, so every name and place still resolves.
    assert synthetic.places.equals(tiny.places)
    assert synthetic.descriptor["title"].startswith("SYNTHETIC (4x)")


def test_every_synthetic_row_and_source_says_so(tiny_dir, tmp_path):
    out = tmp_path / "synthetic"
    main(["--data", str(tiny_dir), "synth", "--scale", "2", "--out", str(out)])
    synthetic = load_dataset(out)
    assert synthetic.events["title"].str.startswith("Synthetic event").all()
    assert synthetic.participants["person"].str.startswith("Synthetic person").all()
    cited = set(";".join(synthetic.events["source_ids"]).split(";"))
    urls = synthetic.sources.set_index("source_id").loc[sorted(cited), "url"]
    assert urls.str.startswith("https://synthetic.invalid/").all()


def test_synthetic_events_spread_over_days_and_powers(tiny_dir, tmp_path):
    out = tmp_path / "synthetic"
    main(["--data", str(tiny_dir), "synth", "--scale", "20", "--out", str(out)])
    events = load_dataset(out).events
    assert events["date_start"].nunique() > len(events) / 2
    assert events["power_id"].nunique() >= 3
    assert events.loc[events["modality"] == "virtual", "place_id"].isna().all()


def test_synth_refuses_a_bad_scale_and_a_folder_in_use(tiny_dir, tmp_path, capsys):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "events.csv").write_text("keep me\n")
    assert main(["--data", str(tiny_dir), "synth", "--scale", "2", "--out", str(busy)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert (busy / "events.csv").read_text() == "keep me\n"
    with pytest.raises(SystemExit) as exit_:
        main(["--data", str(tiny_dir), "synth", "--scale", "0", "--out", str(tmp_path / "x")])
    assert exit_.value.code == 2
    assert "at least 1" in capsys.readouterr().err
