"""End to end in headless Chromium: the pages run their own (vendored) scripts offline.

Drives /usr/bin/chromium directly (``--dump-dom`` after the scripts ran, ``--screenshot``),
so no browser driver package is needed. Screenshots go to $HAFEN_SHOTS (default
/tmp/shots), outside the repository, to be looked at by a person.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from tests.web.conftest import CHROMIUM_FLAGS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
]
FLAGS = ["--headless", *CHROMIUM_FLAGS, "--virtual-time-budget=8000"]




def _chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{time.monotonic_ns()}"
    assert CHROMIUM
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    return result.stdout


def _dom(tmp_path: Path, url: str) -> str:
    return _chromium(tmp_path, "--dump-dom", url)


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("/map?lang=de", "leaflet-marker-pane"),  # Leaflet ran and drew its panes
        ("/?lang=en", "leaflet-interactive"),  # the overview's small map has markers
        ("/graph?lang=de", "<canvas"),  # Cytoscape drew the network
    ],
)
def test_browser_scripts_render(base_url: str, tmp_path: Path, path: str, marker: str) -> None:
    dom = _dom(tmp_path, base_url + path)
    assert marker in dom, dom[:500]


def test_browser_graph_opens_the_neighbourhood_of_an_entity(
    base_url: str, tmp_path: Path, web_db: Path
) -> None:
    from hafen.store.sqlite import SQLiteStore

    with SQLiteStore(web_db) as store:
        rel = store.read_relations(limit=1)["items"][0]
    dom = _dom(tmp_path, f"{base_url}/graph?entity={rel['head']['id']}")
    assert 'id="focusbox" class="focusbox" hidden' not in dom
    assert f'href="/entity/{rel["head"]["id"]}"' in dom


def test_browser_screenshots(base_url: str, tmp_path: Path) -> None:
    shots = Path(os.environ.get("HAFEN_SHOTS", "/tmp/shots"))
    shots.mkdir(parents=True, exist_ok=True)
    for name, path in [
        ("overview-de", "/?lang=de"),
        ("search-en", "/search?q=Logistik&lang=en"),
        ("graph-de", "/graph?lang=de"),
        ("map-en", "/map?lang=en"),
        ("match-de", "/match?q=KI+Logistik&lang=de"),
    ]:
        target = shots / f"{name}.png"
        _chromium(tmp_path, f"--screenshot={target}", base_url + path)
        assert target.is_file() and target.stat().st_size > 10_000, name
