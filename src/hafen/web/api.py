"""The JSON API under /api/ and its OpenAPI description; one error shape for every failure.

Lists answer ``{"total", "limit", "offset", "items"}`` and take ``?limit&offset``;
an error is ``{"error": {"code", "message"}}`` with the HTTP status of its code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hafen import errors
from hafen.store import Store
from hafen.store.read import PROFILE_LIMIT
from hafen.web import cache, graphdata, matching
from hafen.web.params import int_param, listing, paging, path_id, text_param
from hafen.web.render import choose_lang


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers={"Cache-Control": "no-cache"})


def _cached_json(store: Store, name: str, compute: Callable[[], Any]) -> Response:
    """A whole-store answer serialised once per store revision (the network is 250 KiB on a large store)."""
    body = cache.cached(store, f"{name}.json", lambda: JSONResponse(compute()).body)
    return Response(body, media_type="application/json", headers={"Cache-Control": "no-cache"})


def entities(request: Request, store: Store, settings: Any) -> Response:
    return _json(listing(request, store.read_entities, texts=("type", "subtype")))


def entity(request: Request, store: Store, settings: Any) -> Response:
    entity_id = path_id(request, "entity")
    limit, offset = paging(request, default=PROFILE_LIMIT)
    profile = cache.profile(store, entity_id, limit, offset)
    if profile is None:
        raise errors.WebError("E501", kind="entity", id=entity_id)
    return _json(profile)


def relations(request: Request, store: Store, settings: Any) -> Response:
    return _json(listing(request, store.read_relations, texts=("type",), ints={"entity": "entity_id"}))


def documents(request: Request, store: Store, settings: Any) -> Response:
    return _json(listing(request, store.read_documents))


def document(request: Request, store: Store, settings: Any) -> Response:
    doc_id = path_id(request, "document")
    doc = store.read_document(doc_id)
    if doc is None:
        raise errors.WebError("E501", kind="document", id=doc_id)
    return _json(doc)


def search(request: Request, store: Store, settings: Any) -> Response:
    q = text_param(request, "q") or ""
    result = listing(
        request,
        lambda **kw: store.read_search(q, **kw),
        default=20,
        texts=("type", "subtype"),
        ints={"topic": "topic", "place": "place"},
    )
    for doc in result["documents"]["items"]:
        # Pieces become plain text plus hit ranges: easy to render safely on any client.
        text, hits, pos = "", [], 0
        for piece, hit in doc.pop("snippet"):
            if hit:
                hits.append([pos, pos + len(piece)])
            text += piece
            pos += len(piece)
        doc["snippet"], doc["hits"] = text, hits
    return _json(result)


def datasets(request: Request, store: Store, settings: Any) -> Response:
    return _json(listing(request, store.read_datasets))


def graph(request: Request, store: Store, settings: Any) -> Response:
    return _cached_json(store, "network", lambda: graphdata.network(store))


def map_data(request: Request, store: Store, settings: Any) -> Response:
    return _cached_json(store, "map", lambda: graphdata.map_data(store))


def match(request: Request, store: Store, settings: Any) -> Response:
    need = text_param(request, "q")
    if not need:
        raise errors.WebError("E505")
    top = int_param(request, "limit", 10, minimum=1) or 10
    results = matching.match(store, need, top=min(top, 50), lang=choose_lang(request))
    if results is None:
        raise errors.WebError("E504")
    return _json({"q": need, "items": results})


def stats(request: Request, store: Store, settings: Any) -> Response:
    return _json(store.stats())


def not_found(request: Request, store: Store, settings: Any) -> Response:
    lang = choose_lang(request)
    text = errors.message("E503", lang, path=request.url.path)
    return _json({"error": {"code": "E503", "message": text}}, 404)


# -- OpenAPI ------------------------------------------------------------------------------
def _params(*names: str) -> list[dict[str, Any]]:
    kinds = {
        "limit": "integer",
        "offset": "integer",
        "topic": "integer",
        "place": "integer",
        "entity": "integer",
        "id": "integer",
    }
    out = []
    for name in names:
        where = "path" if name == "id" else "query"
        out.append(
            {
                "name": name,
                "in": where,
                "required": where == "path" or name == "q",
                "schema": {"type": kinds.get(name, "string")},
            }
        )
    return out


_PAGE = {"limit", "offset"}
_DOCS: dict[str, tuple[str, tuple[str, ...]]] = {
    "/api/entities": ("Corpus entities, filterable by type and subtype", ("type", "subtype", *_PAGE)),
    "/api/entities/{id}": (
        "One entity's profile with every fact and its evidence; mentions, relations and documents by page",
        ("id", *_PAGE),
    ),
    "/api/relations": ("Relations between entities with evidence", ("type", "entity", *_PAGE)),
    "/api/documents": ("Stored documents", tuple(_PAGE)),
    "/api/documents/{id}": ("One document's cleaned text and spans", ("id",)),
    "/api/search": ("Full-text search with facets", ("q", "type", "subtype", "topic", "place", *_PAGE)),
    "/api/datasets": ("Tables found in documents", tuple(_PAGE)),
    "/api/graph": ("The entity network with centrality", ()),
    "/api/map": ("Points with coordinates and dataset layers", ()),
    "/api/match": (
        "Actors ranked for a need, with reasons and evidence "
        "(501 if unavailable, 503 while the store's first index is built)",
        ("q", "limit"),
    ),
    "/api/stats": ("Store counts", ()),
}


def openapi(request: Request, store: Store, settings: Any) -> Response:
    error = {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                "required": ["code", "message"],
            }
        },
    }
    paths = {
        path: {
            "get": {
                "summary": summary,
                "parameters": _params(*sorted(names, key=lambda n: (n != "id", n != "q", n))),
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    "default": {
                        "description": "Error",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                },
            }
        }
        for path, (summary, names) in _DOCS.items()
    }
    return _json(
        {
            "openapi": "3.1.0",
            "info": {
                "title": "hafen API",
                "version": "1",
                "description": "Read-only access to a hafen store.",
            },
            "paths": paths,
            "components": {"schemas": {"Error": error}},
        }
    )


ROUTES: list[tuple[str, Callable[..., Response]]] = [
    ("/openapi.json", openapi),
    ("/api/entities", entities),
    ("/api/entities/{id}", entity),
    ("/api/relations", relations),
    ("/api/documents", documents),
    ("/api/documents/{id}", document),
    ("/api/search", search),
    ("/api/datasets", datasets),
    ("/api/graph", graph),
    ("/api/map", map_data),
    ("/api/match", match),
    ("/api/stats", stats),
    ("/api/{rest:path}", not_found),
]
