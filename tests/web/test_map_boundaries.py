"""Kreis boundaries on the map: the shipped GeoJSON, the name join and the choropleth.

The boundary file is checked as data (valid GeoJSON, the 400 Kreise and kreisfreie Städte of
2021 and later, unique keys). The choropleth is checked in headless Chromium (Selenium with
/usr/bin/chromedriver, nothing downloaded) on a store built from a Hessian district table.
Screenshots go to $HAFEN_SHOTS (default /tmp/shots-kreise), outside the repository.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait
from tests.web.conftest import CHROMIUM_FLAGS, live_server

from hafen.build import build
from hafen.store.sqlite import SQLiteStore
from hafen.web.render import HERE

BOUNDARIES = HERE / "static" / "data" / "kreise.geojson"
SHOTS = Path(os.environ.get("HAFEN_SHOTS", "/tmp/shots-kreise"))

# Kreise per Land since the Thuringian reform of 2021 (Eisenach joined the Wartburgkreis).
KREISE_PER_LAND = {
    "01": 15, "02": 1, "03": 45, "04": 2, "05": 53, "06": 26, "07": 36, "08": 44,
    "09": 96, "10": 6, "11": 1, "12": 18, "13": 8, "14": 13, "15": 14, "16": 22,
}  # fmt: skip

# A district table as Hessian statistics publish them (figures invented for the test).
HESSEN_TABLE = """\
Kreis / kreisfreie Stadt;Haushalte mit Gigabit-Anschluss (%);Geförderte Digitalprojekte;Fördervolumen (Mio. €)
Darmstadt, Wissenschaftsstadt;92,4;38;12,6
Frankfurt am Main, Stadt;95,1;64;21,3
Offenbach am Main, Stadt;90,7;17;5,2
Wiesbaden, Landeshauptstadt;93,8;41;13,9
Landkreis Bergstraße;71,2;22;6,8
Landkreis Darmstadt-Dieburg;74,5;19;5,9
Kreis Groß-Gerau;81,3;24;7,4
Hochtaunuskreis;84,9;27;8,1
Main-Kinzig-Kreis;68,4;26;7,7
Main-Taunus-Kreis;88,2;23;6,5
Odenwaldkreis;59,7;9;2,4
Landkreis Offenbach;86,5;21;6,2
Rheingau-Taunus-Kreis;63,8;12;3,6
Wetteraukreis;70,1;18;5,1
Landkreis Gießen;72,6;25;7,9
Lahn-Dill-Kreis;66,3;16;4,7
Landkreis Limburg-Weilburg;61,9;11;3,2
Landkreis Marburg-Biedenkopf;64,7;20;6,0
Vogelsbergkreis;52,3;8;2,1
Kassel, documenta-Stadt;89,6;29;9,4
Landkreis Fulda;67,8;15;4,4
Landkreis Hersfeld-Rotenburg;55,4;7;1,9
Landkreis Kassel;62,1;13;3,8
Schwalm-Eder-Kreis;57,6;10;2,7
Landkreis Waldeck-Frankenberg;54,8;9;2,3
Werra-Meißner-Kreis;53,1;6;1,6
"""
HESSEN_AGS = [
    "06411", "06412", "06413", "06414", "06431", "06432", "06433", "06434", "06435", "06436",
    "06437", "06438", "06439", "06440", "06531", "06532", "06533", "06534", "06535", "06611",
    "06631", "06632", "06633", "06634", "06635", "06636",
]  # fmt: skip
COLUMN = "Haushalte mit Gigabit-Anschluss (%)"
# Four Kreise (one without a value) and two towns that are no Kreis: areas, then symbols.
MIXED_TABLE = """\
Landkreis / Stadt;Öffentliche Ladepunkte 2024;Zuwachs gegenüber 2023 (%)
Landkreis Gießen;412;18,5
Landkreis Fulda;367;21,2
Kreis Groß-Gerau;455;16,9
Landkreis Kassel;–;14,8
Hanau;198;24,3
Wetzlar;143;19,8
"""
# A table of towns: two of them share their name with a Landkreis, which must not colour it.
TOWN_TABLE = """\
Stadt;Einwohner;Coworking-Spaces
Hanau;101.364;6
Marburg;77.129;9
Gießen;92.187;8
Fulda;70.211;5
Wetzlar;53.456;3
Rüsselsheim am Main;66.543;4
"""


def _features() -> list[dict[str, Any]]:
    data = json.loads(BOUNDARIES.read_text("utf-8"))
    assert data["type"] == "FeatureCollection"
    return list(data["features"])


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def test_boundary_file_is_valid_geojson_of_the_400_kreise() -> None:
    features = _features()
    assert len(features) == 400
    keys = [f["properties"]["ags"] for f in features]
    assert all(re.fullmatch(r"\d{5}", k) for k in keys)
    assert len(set(keys)) == 400
    # Names repeat only for a city and the Landkreis around it ("Leipzig"); name and kind are unique.
    assert len({(f["properties"]["name"], f["properties"]["bez"]) for f in features}) == 400
    assert Counter(k[:2] for k in keys) == KREISE_PER_LAND
    for f in features:
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for ring in _rings(f["geometry"]):
            assert len(ring) >= 4 and ring[0] == ring[-1], f["properties"]
            for lon, lat in ring:
                assert 5.8 < lon < 15.1 and 47.2 < lat < 55.1, f["properties"]
    assert BOUNDARIES.stat().st_size < 1_600_000  # shipped with every install and sent to browsers


def test_boundary_file_has_the_current_kreise_by_key_and_name() -> None:
    by_key = {f["properties"]["ags"]: f["properties"] for f in _features()}
    expected = {
        "05913": ("Dortmund", "Kreisfreie Stadt"),
        "05978": ("Unna", "Kreis"),
        "05334": ("Städteregion Aachen", "Kreis"),
        "14713": ("Leipzig", "Kreisfreie Stadt"),
        "14729": ("Leipzig", "Landkreis"),
        "03241": ("Region Hannover", "Landkreis"),
        "03159": ("Göttingen", "Landkreis"),  # merged from Göttingen and Osterode am Harz in 2016
        "16063": ("Wartburgkreis", "Landkreis"),  # with Eisenach since 2021
        "11000": ("Berlin", "Kreisfreie Stadt"),
    }
    for key, (name, bez) in expected.items():
        assert (by_key[key]["name"], by_key[key]["bez"]) == (name, bez)
    for gone in ("03152", "03156", "16056"):
        assert gone not in by_key


def test_merged_kreis_covers_both_former_areas() -> None:
    """The Wartburgkreis reaches round Eisenach: its outer ring spans the former city too."""
    by_key = {f["properties"]["ags"]: f for f in _features()}
    lons = [p[0] for ring in _rings(by_key["16063"]["geometry"]) for p in ring]
    lats = [p[1] for ring in _rings(by_key["16063"]["geometry"]) for p in ring]
    eisenach = (10.32, 50.98)
    assert min(lons) < eisenach[0] < max(lons) and min(lats) < eisenach[1] < max(lats)


def test_laender_are_the_union_of_their_kreise() -> None:
    data = json.loads((BOUNDARIES.parent / "laender.geojson").read_text("utf-8"))
    features = data["features"]
    assert sorted(f["properties"]["ags"] for f in features) == sorted(KREISE_PER_LAND)
    by_key = {f["properties"]["ags"]: f for f in features}
    assert by_key["05"]["properties"]["name"] == "Nordrhein-Westfalen"
    assert by_key["14"]["properties"]["name"] == "Sachsen"
    # A Land's outline spans its Kreise: Nordrhein-Westfalen reaches from the Rhine to Höxter.
    nrw = [p for ring in _rings(by_key["05"]["geometry"]) for p in ring]
    assert min(p[0] for p in nrw) < 6.0 and max(p[0] for p in nrw) > 9.4
    kreis_points = {
        tuple(p)
        for f in _features()
        if f["properties"]["ags"].startswith("05")
        for r in _rings(f["geometry"])
        for p in r
    }
    # The Land border runs along Kreis borders (the same vertices), not beside them.
    assert sum(tuple(p) in kreis_points for p in nrw) / len(nrw) > 0.95


def test_boundaries_are_served_with_the_map(client: Any) -> None:
    page = client.get("/map?lang=de")
    assert 'data-boundaries="/static/data/kreise.geojson"' in page.text
    assert "GeoBasis-DE / BKG" in page.text  # the attribution travels with the page
    served = client.get("/static/data/kreise.geojson")
    assert served.status_code == 200
    assert len(served.json()["features"]) == 400
    assert len(client.get("/static/data/laender.geojson").json()["features"]) == 16


# ---- in the browser ----


@pytest.fixture(scope="module")
def kreis_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kreise")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "breitband-hessen-2024.csv").write_text(HESSEN_TABLE, encoding="utf-8")
    (corpus / "ladepunkte-mittelhessen.csv").write_text(MIXED_TABLE, encoding="utf-8")
    (corpus / "coworking-hessen.csv").write_text(TOWN_TABLE, encoding="utf-8")
    db = folder / "kreise.db"
    with SQLiteStore(db) as store:
        build([corpus], store)
        store.resolve()
    return db


@pytest.fixture(scope="module")
def kreis_url(kreis_db: Path) -> Iterator[str]:
    with live_server(kreis_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not fetch anything
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", *CHROMIUM_FLAGS]:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-kreise')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _open(browser: WebDriver, url: str) -> list[dict[str, Any]]:
    browser.get_log("browser")
    browser.get(url)
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]


def _wait_for(browser: WebDriver, script: str) -> Any:
    return WebDriverWait(browser, 20).until(lambda d: d.execute_script(script))


def _layer(kreis_db: Path, name: str = "breitband-hessen-2024.csv") -> dict[str, Any]:
    with SQLiteStore(kreis_db) as store:
        layers = [layer for layer in store.read_map()["layers"] if layer["name"] == name]
    assert len(layers) == 1, name
    return dict(layers[0])


# Proportional symbols of a dataset layer: circles drawn in the dataset colour.
SYMBOLS = "return document.querySelectorAll('.leaflet-overlay-pane path[stroke=\"#0b4f8a\"]').length"


CHORO_PATHS = "return document.querySelectorAll('.leaflet-choropleth-pane path').length"


def test_map_draws_the_district_table_as_a_choropleth(
    browser: WebDriver, kreis_url: str, kreis_db: Path
) -> None:
    layer = _layer(kreis_db)
    assert layer["columns"] == [COLUMN, "Geförderte Digitalprojekte", "Fördervolumen (Mio. €)"]
    assert _open(browser, f"{kreis_url}/map?lang=de&layer={layer['id']}") == []
    # The offline base map: every Kreis as an outline, with the boundaries' attribution.
    assert _wait_for(browser, "return document.querySelectorAll('.leaflet-kreise-pane path').length") == 400
    assert _wait_for(browser, "return document.querySelectorAll('.leaflet-laender-pane path').length") == 16
    drawn = _wait_for(browser, CHORO_PATHS)
    # Every row of this table names a Kreis: each one is a coloured area, none a symbol.
    assert drawn == len(layer["rows"]) >= 4
    fills = browser.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-choropleth-pane path'))"
        ".map(p => p.getAttribute('fill'))"
    )
    assert len(set(fills)) >= 3  # quantile classes, not one colour
    legend = browser.find_element(By.CSS_SELECTOR, ".choro-legend")
    assert legend.find_element(By.CSS_SELECTOR, ".choro-title").text == COLUMN
    classes = legend.find_elements(By.CSS_SELECTOR, ".choro-row")
    assert 3 <= len(classes) <= 5
    assert "Symbol" not in legend.text
    assert browser.execute_script(SYMBOLS) == 0
    # German number style: decimal comma ("62,1"), never a decimal point.
    assert re.search(r"\d,\d", legend.text) and not re.search(r"\d\.\d", legend.text), legend.text
    attribution = browser.find_element(By.CSS_SELECTOR, ".leaflet-control-attribution").text
    assert "GeoBasis-DE / BKG" in attribution
    # Hovering a district shows its name and value.
    # (an area whose centre is not under the legend or another control)
    area = browser.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-choropleth-pane path')).find(p => {"
        " const b = p.getBoundingClientRect();"
        " return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === p; })"
    )
    assert area is not None
    ActionChains(browser).move_to_element(area).perform()
    tip = _wait_for(browser, "const t = document.querySelector('.choro-tooltip'); return t && t.textContent")
    assert COLUMN in tip and re.search(r"\d+,\d", tip)
    assert any(row["place"] in tip for row in layer["rows"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "map-kreise-de.png"))


def test_map_legend_follows_the_page_language_and_the_chosen_column(
    browser: WebDriver, kreis_url: str, kreis_db: Path
) -> None:
    layer = _layer(kreis_db)
    assert _open(browser, f"{kreis_url}/map?lang=en") == []
    _wait_for(browser, "return document.querySelectorAll('.leaflet-kreise-pane path').length")
    assert browser.execute_script(CHORO_PATHS) == 0  # no layer chosen: no choropleth
    Select(browser.find_element(By.ID, "layer")).select_by_visible_text(
        f"{layer['name']} – Fördervolumen (Mio. €)"
    )
    assert _wait_for(browser, CHORO_PATHS) == len(layer["rows"])
    legend = browser.find_element(By.CSS_SELECTOR, ".choro-legend").text
    assert legend.startswith("Fördervolumen (Mio. €)")
    assert re.search(r"\d\.\d", legend) and not re.search(r"\d,\d", legend), legend  # English style
    # The choice is kept in the address, so a link opens the same map.
    assert f"layer={layer['id']}" in browser.current_url
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "map-kreise-en.png"))
    Select(browser.find_element(By.ID, "layer")).select_by_index(0)
    assert browser.execute_script(CHORO_PATHS) == 0
    assert not browser.find_elements(By.CSS_SELECTOR, ".choro-legend")


def test_rows_without_a_kreis_boundary_are_symbols_beside_the_choropleth(
    browser: WebDriver, kreis_url: str, kreis_db: Path
) -> None:
    layer = _layer(kreis_db, "ladepunkte-mittelhessen.csv")
    assert [r["place"] for r in layer["rows"]] == [
        "Landkreis Gießen",
        "Landkreis Fulda",
        "Kreis Groß-Gerau",
        "Landkreis Kassel",
        "Hanau",
        "Wetzlar",
    ]
    assert _open(browser, f"{kreis_url}/map?lang=de&layer={layer['id']}") == []
    assert _wait_for(browser, CHORO_PATHS) == 4
    assert browser.execute_script(SYMBOLS) == 2
    fills = browser.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-choropleth-pane path'))"
        ".map(p => p.getAttribute('fill'))"
    )
    assert fills.count("#d9dde3") == 1  # Landkreis Kassel: no value, grey
    legend = browser.find_element(By.CSS_SELECTOR, ".choro-legend").text
    assert "ohne Kreisgrenze: Symbol nach Wert" in legend and "kein Wert" in legend
    assert [r.text for r in browser.find_elements(By.CSS_SELECTOR, ".choro-row")][:3] == ["367", "412", "455"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "map-kreise-mixed-de.png"))


def test_a_table_of_towns_stays_proportional_symbols(
    browser: WebDriver, kreis_url: str, kreis_db: Path
) -> None:
    layer = _layer(kreis_db, "coworking-hessen.csv")
    assert len(layer["rows"]) >= 5
    assert _open(browser, f"{kreis_url}/map?lang=de&layer={layer['id']}:Coworking-Spaces") == []
    _wait_for(browser, "return document.querySelectorAll('.leaflet-kreise-pane path').length")
    assert _wait_for(browser, SYMBOLS) == len(layer["rows"])
    assert browser.execute_script(CHORO_PATHS) == 0  # "Gießen" and "Fulda" do not colour the Landkreise
    assert not browser.find_elements(By.CSS_SELECTOR, ".choro-legend")


def test_kreis_names_join_the_boundaries_in_their_official_and_common_forms(
    browser: WebDriver, kreis_url: str
) -> None:
    assert _open(browser, f"{kreis_url}/map?lang=de") == []
    _wait_for(browser, "return document.querySelectorAll('.leaflet-kreise-pane path').length")
    labels = [line.split(";")[0] for line in HESSEN_TABLE.splitlines()[1:]]
    cases: dict[str, str | None] = dict(zip(labels, HESSEN_AGS, strict=True))
    cases.update(
        {
            "Kreis Unna": "05978",
            "Unna (Kreis)": "05978",
            "Dortmund, Stadt": "05913",
            "Städteregion Aachen": "05334",
            "Leipzig": "14713",  # the city, unless the name says Landkreis
            "Leipzig, Stadt": "14713",
            "Landkreis Leipzig": "14729",
            "Leipzig, Landkreis": "14729",
            "LK Görlitz": "14626",
            "Halle (Saale), Stadt": "15002",
            "Frankfurt (Oder)": "12053",
            "Mülheim a.d. Ruhr": "05117",
            "Muelheim an der Ruhr": "05117",
            "Oldenburg (Oldenburg), Stadt": "03403",
            "Landkreis Oldenburg": "03458",
            "München, Landeshauptstadt": "09162",
            "Landkreis München": "09184",
            "Region Hannover": "03241",
            "Nienburg/Weser": "03256",
            "Göttingen": "03159",
            "Landeshauptstadt München": "09162",
            "Hansestadt Rostock": "13003",
            "Landkreis Rostock": "13072",
            "Freie und Hansestadt Hamburg": "02000",
            "Weiden in der Oberpfalz": "09363",
            "Landkreis Mühldorf am Inn": "09183",
            "Pfaffenhofen an der Ilm": "09186",
        }
    )
    # Towns that are no Kreis of their own stay unmatched (they become symbols).
    for town in ("Hannover", "Lünen", "Bautzen, Stadt", "Eisenach, Stadt", "Rheinland"):
        cases[town] = None
    found = browser.execute_script("return arguments[0].map(n => window.hafenMap.findKreis(n))", list(cases))
    assert dict(zip(cases, found, strict=True)) == cases


def test_district_rows_without_coordinates_reach_the_map_by_their_key(kreis_db: Path) -> None:
    # Many Landkreise in the reference data have an AGS key but no point: their rows must still
    # reach the map, where the boundary is joined by that key; only circles need lat/lon.
    layer = _layer(kreis_db)
    keyed = [r for r in layer["rows"] if r["ags"]]
    assert len(layer["rows"]) >= 20, [r["place"] for r in layer["rows"]]
    assert all(r["ags"].startswith("06") and len(r["ags"]) == 5 for r in keyed)  # Hessen: 06xxx
    assert any(r["lat"] is None for r in keyed)
