"""The web app and JSON API on a store built from examples/: routes, languages, errors, escaping."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient
from tests.web.conftest import HOSTILE_NAME

from hafen.store.sqlite import SQLiteStore
from hafen.web import matching

PAGES = [
    "/",
    "/search?q=Logistik",
    "/search?type=PERSON",
    "/docs",
    "/datasets",
    "/graph",
    "/map",
    "/match",
    "/match?q=KI+Logistik",
    "/status",
]
API = [
    "/openapi.json",
    "/api/entities",
    "/api/relations",
    "/api/documents",
    "/api/search?q=Dortmund",
    "/api/datasets",
    "/api/graph",
    "/api/map",
    "/api/stats",
]


def _first(store: SQLiteStore, **kw: Any) -> dict[str, Any]:
    return store.read_entities(limit=1, **kw)["items"][0]


def _doc_id(store: SQLiteStore, name: str) -> int:
    return next(d["id"] for d in store.read_documents(limit=500)["items"] if d["name"] == name)


@pytest.mark.parametrize("path", PAGES)
def test_app_pages_answer_200_with_html(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", API)
def test_app_api_routes_answer_json(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert isinstance(r.json(), dict)


def test_app_entity_and_document_pages(client: TestClient, store: SQLiteStore) -> None:
    ent = _first(store, type="ORG")
    assert client.get(f"/entity/{ent['id']}").status_code == 200
    assert client.get(f"/api/entities/{ent['id']}").json()["name"] == ent["name"]
    doc = store.read_documents(limit=1)["items"][0]
    assert client.get(f"/doc/{doc['id']}").status_code == 200
    assert client.get(f"/api/documents/{doc['id']}").json()["text"]


def test_app_language_from_query_cookie_and_header(store: SQLiteStore, web_db: Any) -> None:
    from hafen.web.app import make_app

    with TestClient(make_app(str(web_db))) as c:
        assert "Überblick" in c.get("/", headers={"accept-language": "de-DE,de;q=0.9"}).text
        assert "Overview" in c.get("/", headers={"accept-language": "fr, en;q=0.8"}).text
        r = c.get("/?lang=de", headers={"accept-language": "en"})
        assert 'lang="de"' in r.text and r.cookies.get("hafen_lang") == "de"
        # the cookie now wins over the header
        assert 'lang="de"' in c.get("/graph", headers={"accept-language": "en"}).text
        assert 'lang="en"' in c.get("/graph?lang=en").text


def test_app_pagination_is_consistent(client: TestClient) -> None:
    whole = client.get("/api/entities?limit=500").json()
    first = client.get("/api/entities?limit=5&offset=0").json()
    second = client.get("/api/entities?limit=5&offset=5").json()
    assert first["total"] == second["total"] == whole["total"] == len(whole["items"])
    assert len(first["items"]) == 5 and first["limit"] == 5 and second["offset"] == 5
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in whole["items"][:10]]
    assert client.get("/api/entities?limit=100000").json()["limit"] == 500


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/entities/999999", 404, "E501"),
        ("/api/entities/abc", 404, "E501"),
        ("/api/documents/999999", 404, "E501"),
        ("/api/entities?limit=x", 400, "E502"),
        ("/api/entities?offset=-3", 400, "E502"),
        ("/api/search?q=a&topic=zz", 400, "E502"),
        ("/api/match", 400, "E505"),
        ("/api/nothing/here", 404, "E503"),
    ],
)
def test_app_api_errors_have_one_shape(client: TestClient, path: str, status: int, code: str) -> None:
    r = client.get(path)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


def test_app_error_pages_are_html_and_bilingual(client: TestClient) -> None:
    r = client.get("/entity/999999?lang=de")
    assert r.status_code == 404 and "entity/999999" in r.text and "nichts zu finden" in r.text
    r = client.get("/no/such/page?lang=en")
    assert r.status_code == 404 and "E503" in r.text


def test_app_escapes_everything_from_documents(client: TestClient, store: SQLiteStore) -> None:
    hostile = next(e for e in store.read_entities(limit=500)["items"] if e["name"] == HOSTILE_NAME)
    doc_id = _doc_id(store, "<b>angriff</b>.txt")
    pages = [f"/doc/{doc_id}", f"/entity/{hostile['id']}", "/search?q=alert", "/docs", "/search?q=Labor"]
    for path in pages:
        text = client.get(path).text
        assert "<script>alert(1)" not in text and "<img src=x" not in text and "<b>angriff" not in text, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/doc/{doc_id}").text
    assert "&lt;img src=x onerror=alert(2)&gt;" in client.get(f"/entity/{hostile['id']}").text


def test_app_sends_a_content_security_policy(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert client.get("/api/stats").headers["x-content-type-options"] == "nosniff"


def test_app_pages_load_only_local_assets(client: TestClient) -> None:
    for path in ("/", "/graph", "/map"):
        text = client.get(path).text
        assert "https://" not in text.replace("https://schema.org", "")
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/vendor/cytoscape/cytoscape.min.js").status_code == 200
    assert client.get("/static/vendor/leaflet/LICENSE").status_code == 200


def test_app_document_highlights_the_requested_span(client: TestClient, store: SQLiteStore) -> None:
    profile = client.get(f"/api/entities/{_first(store, type='ORG')['id']}").json()
    ev = profile["mentions"][0]
    text = client.get(f"/doc/{ev['doc_id']}?hl={ev['start']}-{ev['end']}").text
    assert f'id="span-{ev["start"]}"' in text and "focus" in text


def test_app_entity_profile_has_facts_with_evidence(client: TestClient, store: SQLiteStore) -> None:
    rel = client.get("/api/relations?limit=1").json()["items"][0]
    head = client.get(f"/api/entities/{rel['head']['id']}").json()
    tail = client.get(f"/api/entities/{rel['tail']['id']}").json()
    assert any(r["id"] == rel["id"] for r in head["relations_out"])
    assert any(r["id"] == rel["id"] for r in tail["relations_in"] + tail["relations_out"])
    ev = rel["evidence"]
    doc = client.get(f"/api/documents/{ev['doc_id']}").json()
    assert doc["text"][ev["start"] : ev["end"]] == ev["text"] and ev["text"] in ev["sentence"]
    page = client.get(f"/entity/{rel['head']['id']}").text
    assert f"/doc/{ev['doc_id']}?hl={ev['start']}-{ev['end']}" in page


def test_app_graph_has_centrality_for_every_entity(client: TestClient, store: SQLiteStore) -> None:
    graph = client.get("/api/graph").json()
    assert len(graph["nodes"]) == store.read_entities()["total"]
    assert all("betweenness" in n and "degree" in n for n in graph["nodes"])
    types = {e["type"] for e in graph["edges"]}
    assert "co_mention" in types and types - {"co_mention"}


def test_app_map_points_have_coordinates(client: TestClient) -> None:
    data = client.get("/api/map").json()
    assert data["points"] and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in data["points"])
    assert data["layers"] and data["layers"][0]["rows"]


def test_app_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/entities", "/api/search", "/api/match"} <= set(spec["paths"])


def test_app_match_without_library_is_501_not_made_up(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matching, "_matcher", lambda store, wait=True: None)
    r = client.get("/api/match?q=KI")
    assert r.status_code == 501 and r.json()["error"]["code"] == "E504"
    page = client.get("/match?q=KI&lang=de")
    assert page.status_code == 501
    assert "noch nicht gebaut" in page.text and "not built yet" in page.text


def test_app_match_says_so_while_the_first_index_builds_and_never_caches_it(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A large store's first index takes a minute: a request must not hang on it.
    monkeypatch.setattr(matching, "_cache", {})
    monkeypatch.setattr(matching, "_latest", {})
    with matching._build_lock:  # the warmer is building it right now
        page = client.get("/match?q=Wasserstoff&lang=de")
        assert page.status_code == 503 and page.headers["retry-after"] == "30"
        assert "wird gerade aufgebaut" in page.text
        api = client.get("/api/match?q=Wasserstoff")
        assert api.status_code == 503 and api.json()["error"]["code"] == "E508"
    again = client.get("/match?q=Wasserstoff&lang=de")  # built now, and the notice was not kept
    assert again.status_code == 200 and "wird gerade aufgebaut" not in again.text
    assert client.get("/api/match?q=Wasserstoff").status_code == 200


def test_app_match_answers_the_contract_when_available(client: TestClient, store: SQLiteStore) -> None:
    assert matching.available(store)  # hafen.match ships with hafen: no reason to be missing
    items = client.get("/api/match?q=Künstliche+Intelligenz+Logistik&limit=3").json()["items"]
    assert 0 < len(items) <= 3
    assert {"name", "type", "aliases", "score", "reasons", "evidence"} <= set(items[0])


def test_app_match_reasons_follow_the_page_language(client: TestClient) -> None:
    need = "Künstliche+Intelligenz+Logistik"
    de = client.get(f"/api/match?q={need}&limit=3&lang=de").json()["items"]
    en = client.get(f"/api/match?q={need}&limit=3&lang=en").json()["items"]
    assert [i["name"] for i in de] == [i["name"] for i in en]  # same ranking, other words
    de_reasons = " ".join(r for i in de for r in i["reasons"])
    en_reasons = " ".join(r for i in en for r in i["reasons"])
    assert de_reasons != en_reasons
    assert "Themen:" in de_reasons or "inhaltlich" in de_reasons or "Formulierung" in de_reasons
    assert "topics:" in en_reasons or "semantically" in en_reasons or "wording" in en_reasons
    page = client.get(f"/match?q={need}&lang=en")
    assert page.status_code == 200 and en[0]["reasons"][0].split(":")[0] in page.text


def test_app_tiles_are_opt_in_and_allowed_by_the_csp(web_db: Any) -> None:
    from hafen.web.app import make_app

    tiles = "https://tile.example.org/{z}/{x}/{y}.png"
    with TestClient(make_app(str(web_db), tiles=tiles)) as c:
        r = c.get("/map")
        assert "https://tile.example.org" in r.headers["content-security-policy"]
        assert 'data-tiles="https://tile.example.org/{z}/{x}/{y}.png"' in r.text
    with TestClient(make_app(str(web_db))) as c:
        assert 'data-tiles=""' in c.get("/map").text


def test_app_serve_command_offers_tiles() -> None:
    from click.testing import CliRunner

    from hafen.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--tiles" in result.output
