"""Interactive end to end tests in headless Chromium through Selenium and chromedriver.

A real browser opens every page of the app served from the examples store (plus one hostile
document), reads the browser's console log for script errors, types into the search box,
clicks through to a profile and its evidence, switches the language, filters the network and
checks the map markers. Screenshots of every page in both languages go to $HAFEN_SHOTS
(default /tmp/shots2), outside the repository, to be looked at by a person.

Selenium Manager never runs: the driver is /usr/bin/chromedriver, the browser /usr/bin/chromium.
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import CHROMIUM_FLAGS, HOSTILE_NAME

from hafen.store.sqlite import SQLiteStore

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (dev extra)")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
    ),
]

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

FLAGS = ["--headless=new", *CHROMIUM_FLAGS]
SHOTS = Path(os.environ.get("HAFEN_SHOTS", "/tmp/shots2"))




@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not fetch anything
    options = Options()
    assert CHROMIUM and CHROMEDRIVER
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _open(browser: WebDriver, url: str) -> list[dict[str, Any]]:
    """Load ``url``, wait until it has settled, return the severe console entries it caused."""
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(url)
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]


def _wait_for(browser: WebDriver, script: str, timeout: float = 20) -> Any:
    return WebDriverWait(browser, timeout).until(lambda d: d.execute_script(script))


def _ids(store_path: Path) -> dict[str, int]:
    with SQLiteStore(store_path) as store:
        rel = store.read_relations(limit=1)["items"][0]
        docs = store.read_documents(limit=500)["items"]
        hostile = next(e for e in store.read_entities(limit=500)["items"] if e["name"] == HOSTILE_NAME)
    return {
        "entity": rel["head"]["id"],
        "doc": next(d["id"] for d in docs if d["name"] == "pressemitteilung-logistik-ki.txt"),
        "hostile_doc": next(d["id"] for d in docs if d["name"] == "<b>angriff</b>.txt"),
        "hostile_entity": hostile["id"],
    }


def _pages(web_db: Path) -> list[tuple[str, str]]:
    ids = _ids(web_db)
    return [
        ("overview", "/"),
        ("search", "/search?q=Logistik"),
        ("entity", f"/entity/{ids['entity']}"),
        ("doc", f"/doc/{ids['doc']}"),
        ("graph", "/graph"),
        ("map", "/map"),
        ("match", "/match?q=KI+Logistik"),
        ("datasets", "/datasets"),
        ("docs", "/docs"),
        ("hostile", f"/doc/{ids['hostile_doc']}"),
    ]


def test_e2e_every_page_runs_without_script_errors_in_both_languages(
    browser: WebDriver, base_url: str, web_db: Path
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in _pages(web_db):
        for lang in ("de", "en"):
            sep = "&" if "?" in path else "?"
            errors = _open(browser, f"{base_url}{path}{sep}lang={lang}")
            assert errors == [], (path, lang, errors)
            assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
            # Nothing sticks out sideways: no horizontal scrollbar at 1400 px.
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (path, lang, overflow)
            if name in ("graph", "map"):
                _wait_for(browser, "return document.querySelector('canvas, .leaflet-interactive') !== null")
            _full_screenshot(browser, SHOTS / f"{name}-{lang}.png")
            assert (SHOTS / f"{name}-{lang}.png").stat().st_size > 10_000


def _full_screenshot(browser: WebDriver, target: Path) -> None:
    height = min(4000, int(browser.execute_script("return document.documentElement.scrollHeight")))
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": 1400, "height": height, "scale": 1},
        },
    )
    target.write_bytes(base64.b64decode(shot["data"]))


def test_e2e_search_profile_and_evidence(browser: WebDriver, base_url: str) -> None:
    _open(browser, f"{base_url}/?lang=de")
    box = browser.find_element(By.CSS_SELECTOR, "form.bigsearch input[name=q]")
    box.send_keys("Logistik")
    box.submit()
    _wait_for(browser, "return location.pathname === '/search'")
    assert browser.find_element(By.CSS_SELECTOR, "form.bigsearch input[name=q]").get_attribute("value") == (
        "Logistik"
    )
    hits = browser.find_elements(By.CSS_SELECTOR, ".results ul.hits a.ent")
    assert hits, browser.page_source[:1000]
    name = hits[0].text
    hits[0].click()
    _wait_for(browser, "return location.pathname.startsWith('/entity/')")
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    # The first piece of evidence: its marked span, then its link into the document.
    fact = browser.find_element(By.CSS_SELECTOR, ".fact blockquote.ev mark")
    span = fact.text
    assert span
    link = browser.find_element(By.CSS_SELECTOR, ".fact a.src")
    link.click()
    _wait_for(browser, "return location.pathname.startsWith('/doc/')")
    focus = browser.find_elements(By.CSS_SELECTOR, ".doctext .focus")
    assert focus, browser.current_url
    assert "".join(f.text for f in focus) == span
    # The highlighted span was scrolled into view.
    assert browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;",
        focus[0],
    )


def test_e2e_language_switch_changes_labels_and_is_remembered(browser: WebDriver, base_url: str) -> None:
    _open(browser, f"{base_url}/search?q=Dortmund&lang=de")
    nav = browser.find_element(By.CSS_SELECTOR, "nav.main")
    assert "Suche" in nav.text and "Karte" in nav.text
    browser.find_element(By.CSS_SELECTOR, "nav.lang a[href$='lang=en']").click()
    _wait_for(browser, "return document.documentElement.lang === 'en'")
    nav = browser.find_element(By.CSS_SELECTOR, "nav.main")
    assert "Search" in nav.text and "Map" in nav.text and "Karte" not in nav.text
    assert "q=Dortmund" in browser.current_url  # the switch keeps the query
    # The choice sticks (cookie) when a link without ?lang= is followed.
    browser.find_element(By.CSS_SELECTOR, "nav.main a[href='/map']").click()
    _wait_for(browser, "return location.pathname === '/map'")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Map"
    browser.find_element(By.CSS_SELECTOR, "nav.lang a[href$='lang=de']").click()
    _wait_for(browser, "return document.documentElement.lang === 'de'")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Karte"


def test_e2e_hostile_document_shows_markup_as_text(browser: WebDriver, base_url: str, web_db: Path) -> None:
    ids = _ids(web_db)
    errors = _open(browser, f"{base_url}/doc/{ids['hostile_doc']}?lang=de")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - the access raises when no alert is open
    assert errors == []
    text = browser.find_element(By.CSS_SELECTOR, "article.doctext").text
    assert "<script>alert(1)</script>" in text
    assert browser.find_element(By.TAG_NAME, "h1").text == "<b>angriff</b>.txt"
    assert (
        browser.execute_script("return document.querySelectorAll('article script, article img').length") == 0
    )
    # The hostile entity name is a link text, not an element.
    browser.find_element(By.CSS_SELECTOR, f"article a[href='/entity/{ids['hostile_entity']}']").click()
    _wait_for(browser, "return location.pathname.startsWith('/entity/')")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.find_element(By.TAG_NAME, "h1").text == HOSTILE_NAME


_VISIBLE_NODES = "return window.hafenGraph ? window.hafenGraph.nodes(':visible').length : null"


def test_e2e_graph_type_filter_changes_the_visible_nodes(browser: WebDriver, base_url: str) -> None:
    assert _open(browser, f"{base_url}/graph?lang=en") == []
    before = _wait_for(browser, _VISIBLE_NODES)
    assert before > 0
    types = browser.execute_script(
        "return window.hafenGraph.nodes(':visible').map(function (n) { return n.data('type'); })"
    )
    org = browser.find_element(By.CSS_SELECTOR, "input[name=type][value=ORG]")
    assert "ORG" in types
    org.click()
    after = browser.execute_script(_VISIBLE_NODES)
    assert 0 < after < before
    assert "ORG" not in browser.execute_script(
        "return window.hafenGraph.nodes(':visible').map(function (n) { return n.data('type'); })"
    )
    org.click()
    assert browser.execute_script(_VISIBLE_NODES) == before


def test_e2e_map_draws_markers_and_a_dataset_layer(browser: WebDriver, base_url: str) -> None:
    assert _open(browser, f"{base_url}/map?lang=de") == []
    markers = _wait_for(browser, "return document.querySelectorAll('path.leaflet-interactive').length")
    assert markers > 3
    options = browser.find_elements(By.CSS_SELECTOR, "#layer option")
    if len(options) > 1:  # the examples carry a district table; its symbols add circles
        from selenium.webdriver.support.ui import Select

        Select(browser.find_element(By.ID, "layer")).select_by_index(1)
        more = browser.execute_script("return document.querySelectorAll('path.leaflet-interactive').length")
        assert more > markers
