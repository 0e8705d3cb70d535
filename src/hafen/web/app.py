"""The hafen web app: HTML pages and the JSON API over one read-only store.

Handlers are thin: each one asks the store (``Store.read_*``) or a small web helper and
renders the answer. Sync handlers run in Starlette's thread pool; the store gives each
thread its own read connection.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import urlparse

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hafen import errors
from hafen.store import Store, open_store
from hafen.store.read import PROFILE_LIMIT
from hafen.web import api, cache, graphdata, matching, pages
from hafen.web.render import HERE, choose_lang, page


@dataclass
class Settings:
    """What ``hafen serve`` passes to the app."""

    db: str
    tiles: str | None = None  # a tile URL template; None keeps the map offline


class _Holder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Store | None = None
        self._lock = threading.Lock()

    def store(self) -> Store:
        if self._store is None:
            with self._lock:  # the first requests (and the warmer) arrive together
                if self._store is None:
                    self._store = open_store(self.settings.db, create=False)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            cache.forget(self._store)
            matching.forget(self._store)
            self._store.close()
            self._store = None


def _csp(tiles: str | None) -> str:
    img = "'self' data:"
    if tiles:
        parsed = urlparse(tiles.replace("{s}", "a"))
        host = f"{parsed.scheme}://{parsed.netloc}".replace("://a.", "://*.")
        img += f" {host}"
    return (
        "default-src 'self'; img-src " + img + "; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


class _SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: cheaper than BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error_response(request: Request, code: str, status: int, text: str) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"error": {"code": code, "message": text}}, status_code=status)
    return page(request, "error.html", status=status, code=code, message=text)


WARM_EVERY = 5.0  # seconds between the warmer's looks at the store's revision
WARM_PROFILES = 50  # the most documented entities whose first profile page is read ahead


def warm_once(store: Store) -> None:
    """Build what the warmer keeps ready for the store's current revision (cheap when it is there)."""
    cache.fact_counts(store)
    graphdata.most_connected(store, 10)
    graphdata.map_attrs(store)
    graphdata.overview(store)
    # The first page of the most documented profiles: the costliest to read, linked from the
    # start page and search, so the most visited.
    for ent in store.read_entities(limit=WARM_PROFILES)["items"]:
        cache.profile(store, ent["id"], PROFILE_LIMIT)
    matching.warm(store)


def _warm(holder: _Holder, stop: threading.Event) -> None:
    """Keep the whole-store caches and the match index built for the store's current revision.

    Runs in a daemon thread of ``hafen serve``: the first visitor after a start or a rebuild
    gets the overview, network, map and matchmaking from the cache instead of waiting for them.
    """
    while not stop.is_set():
        with contextlib.suppress(Exception):  # a store mid-rebuild: try again at the next look
            warm_once(holder.store())
        stop.wait(WARM_EVERY)


def make_app(db: str, tiles: str | None = None, warm: bool = False) -> Starlette:
    """The ASGI app for the store at ``db``; opened once on first use and shared.

    With ``warm``, a background thread builds the cached whole-store views and the match
    index at start and after every change of the store (``hafen serve``).
    """
    holder = _Holder(Settings(db=db, tiles=tiles))

    def bind(handler: Callable[..., Response]) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            return handler(request, holder.store(), holder.settings)

        endpoint.__name__ = handler.__name__
        return endpoint

    async def on_web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, errors.WebError)
        return _error_response(request, exc.code, exc.status, exc.text(choose_lang(request)))

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        lang = choose_lang(request)
        if exc.status_code == 404:
            text = errors.message("E503", lang, path=request.url.path)
            return _error_response(request, "E503", 404, text)
        return _error_response(request, f"HTTP{exc.status_code}", exc.status_code, str(exc.detail))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = threading.Event()
        if warm:
            threading.Thread(target=_warm, args=(holder, stop), name="hafen-warm", daemon=True).start()
        yield
        stop.set()
        holder.close()

    routes = [
        *(Route(path, bind(handler), methods=["GET", "HEAD"]) for path, handler in pages.ROUTES),
        *(Route(path, bind(handler), methods=["GET", "HEAD"]) for path, handler in api.ROUTES),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(_SecurityHeaders, csp=_csp(tiles))],
        exception_handlers={errors.WebError: on_web_error, HTTPException: on_http_error},
    )


def app_from_environment() -> Starlette:
    """The app for ``uvicorn --factory`` worker processes: ``hafen serve --workers N`` passes
    the settings in HAFEN_SERVE_DB and HAFEN_SERVE_TILES."""
    import os

    return make_app(
        os.environ["HAFEN_SERVE_DB"], tiles=os.environ.get("HAFEN_SERVE_TILES") or None, warm=True
    )
