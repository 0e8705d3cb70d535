"""The HTML pages: overview, search, entity profile, document, network, map, matchmaking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from hafen import errors
from hafen.store import Store
from hafen.store.read import PROFILE_LIMIT
from hafen.web import cache, graphdata, matching
from hafen.web.params import int_param, paging, path_id, text_param
from hafen.web.render import choose_lang, page, pieces, remember_lang, window
from hafen.web.status import render as render_status

DOC_PART = 100_000  # characters of a document's text on one page


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
    """A profile, page by page: PROFILE_LIMIT mentions, relations each way and documents a page."""
    entity_id = path_id(request, "entity")
    number = int_param(request, "page", 1, minimum=1) or 1
    profile = cache.profile(store, entity_id, PROFILE_LIMIT, (number - 1) * PROFILE_LIMIT)
    if profile is None:
        raise errors.WebError("E501", kind="entity", id=entity_id)
    counts = profile["counts"]
    longest = max(counts["mentions"], counts["relations_out"], counts["relations_in"], counts["documents"])
    pages = max(1, -(-longest // PROFILE_LIMIT))

    def page_url(k: int) -> str:
        return f"/entity/{entity_id}" + (f"?page={k}" if k > 1 else "")

    return page(
        request, "entity.html", e=profile, number=number, pages=pages, size=PROFILE_LIMIT, page_url=page_url
    )


def document(request: Request, store: Store, settings: Any) -> Response:
    """A document's text with its mentions linked; a long text is shown DOC_PART characters at a time."""
    doc_id = path_id(request, "document")
    doc = store.read_document(doc_id)
    if doc is None:
        raise errors.WebError("E501", kind="document", id=doc_id)
    focus = None
    raw = request.query_params.get("hl", "")
    start, _, end = raw.partition("-")
    if start.isdigit() and end.isdigit() and int(start) < int(end):
        focus = (int(start), int(end))
    asked = int_param(request, "part", None, minimum=1)
    a, b, part, parts = window(len(doc["text"]), DOC_PART, None if asked is None else asked - 1, focus)
    # Mentions inside the part, shifted to it; pieces carry absolute offsets again (anchors, links).
    spans = [
        {**m, "start": max(m["start"], a) - a, "end": min(m["end"], b) - a}
        for m in doc["mentions"]
        if m["end"] > m["start"] and m["end"] > a and m["start"] < b
    ]
    local = (focus[0] - a, focus[1] - a) if focus else None
    parts_list = pieces(doc["text"][a:b], spans, local)
    previous_focus = False
    for piece in parts_list:
        piece["start"] += a
        piece["anchor"] = piece["focus"] and not previous_focus  # where a highlighted span begins
        previous_focus = piece["focus"]

    def part_url(k: int) -> str:
        return f"/doc/{doc_id}?part={k + 1}"

    return page(
        request,
        "doc.html",
        d=doc,
        parts=parts_list,
        focus=focus,
        part=part,
        n_parts=parts,
        part_url=part_url,
    )


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
    state = matching.state(store)
    ok = state == "ready"
    results = matching.match(store, q, top=10, lang=choose_lang(request)) if (ok and q) else None
    doc_ids = {d["name"]: d["id"] for d in store.read_documents(limit=500)["items"]} if results else {}
    return page(
        request,
        "match.html",
        q=q,
        available=state != "unavailable",
        building=state == "building",
        results=results,
        doc_ids=doc_ids,
        status={"ready": 200, "building": 503}.get(state, 501),
    )


def status(request: Request, store: Store, settings: Any) -> Response:
    from starlette.responses import HTMLResponse

    return HTMLResponse(render_status(store, choose_lang(request), settings.db))


def cached(handler: Callable[..., Response]) -> Callable[..., Response]:
    """``handler``'s page from the page cache: a page is a function of its URL, its language and
    the store, so it is rendered once per store revision (errors are never cached)."""

    def endpoint(request: Request, store: Store, settings: Any) -> Response:
        def render() -> tuple[int, bytes]:
            response = handler(request, store, settings)
            return response.status_code, bytes(response.body)

        key = (handler.__name__, request.url.path, request.url.query, choose_lang(request))
        status, body = cache.page(store, key, render)
        response = HTMLResponse(body, status_code=status)
        if status == 503:  # a notice that something is being prepared: say when to come back
            response.headers["Retry-After"] = "30"
        return remember_lang(request, response)

    endpoint.__name__ = handler.__name__
    return endpoint


ROUTES: list[tuple[str, Callable[..., Response]]] = [
    ("/", cached(overview)),
    ("/search", cached(search)),
    ("/entity/{id}", cached(entity)),
    ("/doc/{id}", cached(document)),
    ("/docs", cached(documents)),
    ("/datasets", cached(datasets)),
    ("/graph", cached(graph)),
    ("/map", cached(map_page)),
    ("/match", cached(match)),
    ("/status", status),  # the build's progress: never cached
]
