"""A small status page of a store: counts by type, documents and failures, in German or English.

Served by ``hafen serve``; a later issue builds the real web app. Everything shown comes
from documents and is HTML-escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from jinja2 import Environment
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from hafen.i18n import LANGS, t
from hafen.store import Store, open_store

_PAGE = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
 body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
        color: #1d2430; }
 h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
 table { border-collapse: collapse; width: 100%; }
 th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #dde2ea; vertical-align: top; }
 th { font-weight: 600; background: #f4f6f9; }
 td.n { text-align: right; font-variant-numeric: tabular-nums; }
 .cards { display: flex; flex-wrap: wrap; gap: .8rem; }
 .card { border: 1px solid #dde2ea; border-radius: 6px; padding: .5rem .9rem; min-width: 8rem; }
 .card b { display: block; font-size: 1.3rem; }
 .note { color: #8a5a00; } .lang { float: right; } .muted { color: #6b7585; }
 code { word-break: break-all; }
</style>
</head>
<body>
<nav class="lang">{% for l in langs %}<a href="?lang={{ l }}">{{ l }}</a>
{%- if not loop.last %} · {% endif %}{% endfor %}</nav>
<h1>{{ title }}</h1>
<div class="cards">
{% for label, value in cards %}<div class="card"><b>{{ value }}</b>{{ label }}</div>
{% endfor %}</div>
{% if stats.resolution_pending %}<p class="note">{{ pending }}</p>{% endif %}
{% for heading, counts in by_type %}
<h2>{{ heading }}</h2>
{% if counts %}<table><tr><th>{{ th_type }}</th><th>{{ th_count }}</th></tr>
{% for type, n in counts.items() %}<tr><td>{{ type }}</td><td class="n">{{ n }}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">–</p>{% endif %}
{% endfor %}
<h2>{{ h_documents }}</h2>
{% if documents %}<table><tr><th>{{ th_name }}</th><th>{{ th_lang }}</th><th>{{ th_words }}</th>
<th>{{ th_entities }}</th><th>{{ th_stored }}</th></tr>
{% for d in documents %}<tr><td title="{{ d.source }}">{{ d.name }}</td><td>{{ d.lang or "" }}</td>
<td class="n">{{ d.n_words }}</td><td class="n">{{ d.n_entities }}</td><td>{{ d.stored_at }}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">{{ no_documents }}</p>{% endif %}
<h2>{{ h_failures }}</h2>
{% if failures %}<table><tr><th>{{ th_source }}</th><th>{{ th_code }}</th><th>{{ th_reason }}</th></tr>
{% for f in failures %}<tr><td><code>{{ f.source }}</code></td><td>{{ f.code }}</td>
<td>{{ f.text(lang) }}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">{{ no_failures }}</p>{% endif %}
</body>
</html>
"""

_env = Environment(autoescape=True)
_template = _env.from_string(_PAGE)


def _lang(request: Request) -> str:
    asked = request.query_params.get("lang", "")
    if asked in LANGS:
        return asked
    accept = request.headers.get("accept-language", "")
    return "de" if accept.lower().startswith("de") else "en"


def render(store: Store, lang: str, db: str = "") -> str:
    """The status page of ``store`` as HTML."""
    stats = store.stats()

    def tr(key: str, **kw: Any) -> str:
        return t(key, lang=lang, **kw)

    context = {
        "lang": lang,
        "langs": LANGS,
        "title": tr("status.title", db=db).strip(),
        "stats": stats,
        "cards": [
            (tr("status.documents"), stats["documents"]),
            (tr("status.words"), stats["words"]),
            (tr("status.entities"), sum(stats["entities"].values())),
            (tr("status.relations"), sum(stats["relations"].values())),
            (tr("status.figures"), stats["figures"]),
            (tr("status.datasets"), stats["datasets"]),
            (tr("status.failures"), stats["failures"]),
        ],
        "by_type": [
            (tr("build.entities"), stats["entities"]),
            (tr("build.relations"), stats["relations"]),
        ],
        "pending": tr("status.pending"),
        "documents": store.documents(),
        "failures": store.failures(),
        "h_documents": tr("status.documents"),
        "h_failures": tr("status.failures"),
        "th_type": tr("status.type"),
        "th_count": tr("status.count"),
        "th_name": tr("status.name"),
        "th_lang": tr("status.lang"),
        "th_words": tr("status.words"),
        "th_entities": tr("status.entities"),
        "th_stored": tr("status.stored"),
        "th_source": tr("status.source"),
        "th_code": tr("status.code"),
        "th_reason": tr("status.reason"),
        "no_documents": tr("status.no_documents"),
        "no_failures": tr("status.no_failures"),
    }
    return _template.render(**context)


def make_app(db: str) -> Starlette:
    """An ASGI app showing the store at ``db``; the store is opened once and shared."""
    holder: dict[str, Store] = {}

    def store() -> Store:
        if "store" not in holder:
            holder["store"] = open_store(db, create=False)
        return holder["store"]

    # Sync handlers run in Starlette's thread pool; the store gives each thread its own
    # read connection.
    def index(request: Request) -> HTMLResponse:
        return HTMLResponse(render(store(), _lang(request), db))

    def stats(request: Request) -> JSONResponse:
        return JSONResponse(store().stats())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if "store" in holder:
            holder.pop("store").close()

    return Starlette(
        routes=[Route("/", index), Route("/stats.json", stats)],
        lifespan=lifespan,
    )
