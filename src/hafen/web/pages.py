"""The HTML pages: overview, search, entity profile, document, network, map, matchmaking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from hafen import errors
from hafen.store import Store
from hafen.store.read import PROFILE_LIMIT
from hafen.web import graphdata, matching
from hafen.web.params import int_param, paging, path_id, text_param
from hafen.web.render import page, pieces
from hafen.web.status import render as render_status


def overview(request: Request, store: Store, settings: Any) -> Response:
    data = graphdata.overview(store)
    return page(
        request,
        "overview.html",
        data=data,
        actors=sum(n for t, n in data["entities"].items() if t not in ("PLACE", "TOPIC")),
        connected=graphdata.most_connected(store, 10),
        points_json=graphdata.map_attrs(store)["minimap"],
    )


def search(request: Request, store: Store, settings: Any) -> Response:
    q = text_param(request, "q") or ""
    limit, offset = paging(request, default=20)
    filters = {
        "type": text_param(request, "type"),
        "subtype": text_param(request, "subtype"),
        "topic": int_param(request, "topic"),
        "place": int_param(request, "place"),
    }
    wanted = q or filters["type"]
    result = store.read_search(q, limit=limit, offset=offset, **filters) if wanted else None

    def furl(**changes: Any) -> str:
        """This search with some parameters changed (None drops one)."""
        merged = {"q": q, **filters, "offset": offset or None, **changes}
        return "/search?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})

    return page(
        request, "search.html", q=q, result=result, filters=filters, limit=limit, offset=offset, furl=furl
    )


def entity(request: Request, store: Store, settings: Any) -> Response:
    entity_id = path_id(request, "entity")
    profile = store.read_entity(entity_id, limit=PROFILE_LIMIT)
    if profile is None:
        raise errors.WebError("E501", kind="entity", id=entity_id)
    return page(request, "entity.html", e=profile)


def document(request: Request, store: Store, settings: Any) -> Response:
    doc_id = path_id(request, "document")
    doc = store.read_document(doc_id)
    if doc is None:
        raise errors.WebError("E501", kind="document", id=doc_id)
    focus = None
    raw = request.query_params.get("hl", "")
    start, _, end = raw.partition("-")
    if start.isdigit() and end.isdigit() and int(start) < int(end):
        focus = (int(start), int(end))
    spans = [m for m in doc["mentions"] if m["end"] > m["start"]]
    return page(request, "doc.html", d=doc, parts=pieces(doc["text"], spans, focus), focus=focus)


def documents(request: Request, store: Store, settings: Any) -> Response:
    limit, offset = paging(request, default=100)
    return page(request, "documents.html", docs=store.read_documents(limit=limit, offset=offset))


def datasets(request: Request, store: Store, settings: Any) -> Response:
    limit, offset = paging(request, default=100)
    return page(request, "datasets.html", sets=store.read_datasets(limit=limit, offset=offset))


def graph(request: Request, store: Store, settings: Any) -> Response:
    data = graphdata.network(store)
    topics = sorted((n for n in data["nodes"] if n["type"] == "TOPIC"), key=lambda n: n["name"])
    return page(request, "graph.html", topics=topics, focus=int_param(request, "entity"), net=data)


def map_page(request: Request, store: Store, settings: Any) -> Response:
    return page(
        request,
        "map.html",
        data=graphdata.map_data(store),
        attrs=graphdata.map_attrs(store),
        tiles=settings.tiles,
    )


def match(request: Request, store: Store, settings: Any) -> Response:
    q = text_param(request, "q") or ""
    ok = matching.available(store)
    results = matching.match(store, q, top=10) if (ok and q) else None
    doc_ids = {d["name"]: d["id"] for d in store.read_documents(limit=500)["items"]} if results else {}
    return page(
        request, "match.html", q=q, available=ok, results=results, doc_ids=doc_ids, status=200 if ok else 501
    )


def status(request: Request, store: Store, settings: Any) -> Response:
    from starlette.responses import HTMLResponse

    from hafen.web.render import choose_lang

    return HTMLResponse(render_status(store, choose_lang(request), settings.db))


ROUTES: list[tuple[str, Callable[..., Response]]] = [
    ("/", overview),
    ("/search", search),
    ("/entity/{id}", entity),
    ("/doc/{id}", document),
    ("/docs", documents),
    ("/datasets", datasets),
    ("/graph", graph),
    ("/map", map_page),
    ("/match", match),
    ("/status", status),
]
