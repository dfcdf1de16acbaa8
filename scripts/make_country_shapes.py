"""Derive the map's country shapes, data/geo/central_asia.geojson, from Natural Earth.

Natural Earth's 1:110m admin-0 countries (public domain) ship as a test fixture inside
the pyogrio wheel, so one ``pip download`` fetches them from the package registry and
nothing else is downloaded. The shapefile is read with pyshp, which this script alone
needs (it is not a dependency of the app):

    pip install pyshp
    python scripts/make_country_shapes.py [PYOGRIO_WHEEL]

Without an argument the script downloads the pinned pyogrio wheel into a temporary
folder. It keeps every country that shows in the map's frame (Europe to Japan, the
Arctic to the Arabian Sea), flags the five Central Asian states, and rounds
coordinates to 3 decimals (about 100 m, far finer than 1:110m).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import shapefile  # pyshp

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "geo" / "central_asia.geojson"
# Pinned so that the derived file is reproducible: the fixture changes with pyogrio.
PYOGRIO = "pyogrio==0.13.0"
FIXTURE = "pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres"
CENTRAL_ASIA = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
# west, south, east, north in degrees: wide enough for a 1920 px screen at the map's
# first zoom, and for every corridor node and venue from Brussels to Tokyo.
FRAME = (-12.0, 15.0, 150.0, 78.0)
DECIMALS = 3
# Natural Earth marks a country without an ISO code (or with a disputed one) "-99".
NO_CODE = "-99"


def download_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", PYOGRIO, "-d", folder],
        check=True,
    )
    return next(folder.glob("pyogrio-*.whl"))


def read_countries(wheel: Path) -> shapefile.Reader:
    with zipfile.ZipFile(wheel) as archive:
        parts = {ext: io.BytesIO(archive.read(f"{FIXTURE}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = archive.read(f"{FIXTURE}.cpg").decode("ascii").strip()
    return shapefile.Reader(**parts, encoding=encoding)


def in_frame(bbox: list[float]) -> bool:
    west, south, east, north = bbox
    return not (east < FRAME[0] or west > FRAME[2] or north < FRAME[1] or south > FRAME[3])


def rounded(coordinates):
    """The same nesting of rings and polygons, every number rounded."""
    if isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0], DECIMALS), round(coordinates[1], DECIMALS)]
    return [rounded(part) for part in coordinates]


def label_point(geometry: dict) -> list[float]:
    """Where the country's name goes: the centroid of its largest polygon's outer ring
    (Kazakhstan's name belongs on the steppe, not between its islands)."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    best_area, best_x, best_y = 0.0, 0.0, 0.0
    for polygon in polygons:
        ring = polygon[0]
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(area) > abs(best_area):
            best_area, best_x, best_y = area, cx / (3 * area), cy / (3 * area)
    return rounded([best_x, best_y])


def country_features(reader: shapefile.Reader) -> list[dict]:
    features = []
    for shape_record in reader.iterShapeRecords():
        if not in_frame(shape_record.shape.bbox):
            continue
        record = shape_record.record.as_dict()
        iso3 = None if record["iso_a3"] == NO_CODE else record["iso_a3"]
        geometry = shape_record.shape.__geo_interface__
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso3": iso3,
                    "name": record["name"],
                    "central_asia": iso3 in CENTRAL_ASIA,
                    "label_point": label_point(geometry),
                },
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": rounded(geometry["coordinates"]),
                },
            }
        )
    # Sorted by name so that a rerun on the same wheel changes no byte.
    return sorted(features, key=lambda feature: feature["properties"]["name"])


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        wheel = Path(argv[0]) if argv else download_wheel(Path(folder))
        features = country_features(read_countries(wheel))
    flagged = sorted(f["properties"]["iso3"] for f in features if f["properties"]["central_asia"])
    if flagged != sorted(CENTRAL_ASIA):
        raise SystemExit(f"expected the five Central Asian states, found {flagged}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # One feature per line: compact, yet a change to one country is a one-line diff.
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    OUT.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )
    print(f"{OUT.relative_to(ROOT)}: {len(features)} countries, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
