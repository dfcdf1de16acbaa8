"""Code columns (a format, a level, a side: the schema's enums) are held as categoricals.
Everything a reader gets from them must be what the same tables with plain string
columns give: tables, downloads, figures, filters and the filters' vocabulary."""

from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
import pytest

from greatgame import corridors, export, figures, metrics, profiles
from greatgame.data import DATA_DIR_ENV, Dataset, load_dataset, resource_schemas
from greatgame.filters import Filters, Vocabulary, apply_filters
from tests.conftest import DATA_DIR

TODAY = pd.Timestamp("2026-06-01")


def as_strings(dataset: Dataset) -> Dataset:
    """The same tables with every categorical column as plain strings."""

    def plain(frame: pd.DataFrame) -> pd.DataFrame:
        columns = [c for c in frame if isinstance(frame[c].dtype, pd.CategoricalDtype)]
        return frame.astype({c: "str" for c in columns})

    return replace(dataset, **{name: plain(t) for name, t in dataset.tables().items()})


@pytest.fixture(params=["tiny", "committed"])
def both(request, tiny) -> tuple[Dataset, Dataset]:
    dataset = tiny if request.param == "tiny" else load_dataset(DATA_DIR)
    return dataset, as_strings(dataset)


def test_every_enum_column_is_categorical_with_the_schemas_values_sorted(tiny):
    for name, resource in resource_schemas(tiny.descriptor).items():
        table = getattr(tiny, name)
        for spec in resource["schema"]["fields"]:
            enum = spec.get("constraints", {}).get("enum")
            dtype = table[spec["name"]].dtype
            assert isinstance(dtype, pd.CategoricalDtype) == bool(enum), (name, spec["name"])
            if enum:
                assert list(dtype.categories) == sorted(enum)
                assert not dtype.ordered


def test_the_string_copy_really_has_no_categorical_column(both):
    _, strings = both
    for table in strings.tables().values():
        assert not any(isinstance(d, pd.CategoricalDtype) for d in table.dtypes)


def test_downloads_are_byte_for_byte_the_same(both):
    categorical, strings = both
    for table in categorical.table_names():
        assert export.csv_bytes(export.readable_table(categorical, table)) == export.csv_bytes(
            export.readable_table(strings, table)
        ), table
    made_at = datetime(2026, 1, 1, tzinfo=UTC)
    filters = Filters(powers=("JPN",))

    def snapshot(dataset):
        return export.snapshot_zip(
            apply_filters(dataset, filters), filters, view_link="x", made_at=made_at
        )

    assert snapshot(categorical) == snapshot(strings)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(powers=("JPN", "CHN")),
        Filters(countries=("KAZ",)),
        Filters(formats=("c5_summit", "bilateral_visit"), levels=("leaders",)),
        Filters(formats=("no_such_format",)),
    ],
    ids=repr,
)
def test_filters_keep_the_same_rows(both, filters):
    categorical, strings = both
    cut, plain = apply_filters(categorical, filters), apply_filters(strings, filters)
    for name in categorical.table_names():
        pd.testing.assert_frame_equal(
            as_strings(cut).tables()[name], plain.tables()[name], check_dtype=True, obj=name
        )


def test_tables_and_figures_are_the_same(both):
    categorical, strings = both

    def same_frame(make):
        pd.testing.assert_frame_equal(
            make(categorical).astype(object).reset_index(drop=True),
            make(strings).astype(object).reset_index(drop=True),
        )

    same_frame(figures.event_parties)
    same_frame(lambda d: figures.race_table(d, d))
    same_frame(figures.meeting_matrix)
    same_frame(figures.people_table)
    same_frame(lambda d: figures.timeline_table(d, d.data_through))
    same_frame(lambda d: figures.pledge_totals(d, "kind"))
    same_frame(lambda d: figures.timeline_bins(d.events, "year"))
    same_frame(corridors.volume_table)
    same_frame(corridors.diplomacy_table)
    same_frame(lambda d: metrics.latest_events(d, 10, d.data_through))
    for make in (
        lambda d: figures.timeline_figure(d, d.data_through, today=TODAY.date()),
        lambda d: figures.timeline_figure(d, d.data_through, today=TODAY.date(), marker_limit=1),
        lambda d: figures.race_figure(d, figures.race_table(d, d)),
        lambda d: figures.race_figure(d, figures.race_table(d, d), marker_limit=1),
        lambda d: figures.pledge_figure(d, "kind"),
        figures.meeting_matrix_figure,
    ):
        assert make(categorical).to_json() == make(strings).to_json()
    assert metrics.headline(categorical) == metrics.headline(strings)
    power = profiles.power_profile(categorical, "JPN", TODAY)
    assert power.headline == profiles.power_profile(strings, "JPN", TODAY).headline
    country = profiles.country_profile(categorical, "KAZ")
    assert country.headline == profiles.country_profile(strings, "KAZ").headline


def test_the_vocabulary_is_unchanged(both):
    categorical, strings = both
    assert Vocabulary.from_dataset(categorical) == Vocabulary.from_dataset(strings)


def test_categoricals_survive_the_cache_unchanged(tiny_dir, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tiny_dir))
    fresh, cached = load_dataset(tiny_dir), load_dataset(tiny_dir)
    for name in fresh.table_names():
        pd.testing.assert_frame_equal(fresh.tables()[name], cached.tables()[name], obj=name)
