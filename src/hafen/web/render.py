"""Templates, language choice and text highlighting for the web pages.

Everything that comes from a document reaches HTML through Jinja2's autoescaping; spans
are cut into pieces in Python and marked up in templates, never concatenated as HTML.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from hafen.i18n import LANGS, TEXT, t

HERE = Path(__file__).parent
COOKIE = "hafen_lang"
TYPES = ("ORG", "PERSON", "PLACE", "PROJECT", "EVENT", "TOPIC")
# One colour per entity type, shared by badges, the graph and the map (static/app.css too).
COLOURS = {
    "ORG": "#1f5fa8",
    "PERSON": "#b5446e",
    "PLACE": "#2e8b57",
    "PROJECT": "#c7771c",
    "EVENT": "#6a4fb3",
    "TOPIC": "#5f6b7a",
}
TYPE_LABELS = {
    "ORG": ("Organisation", "Organisation"),
    "PERSON": ("Person", "Person"),
    "PLACE": ("Place", "Ort"),
    "PROJECT": ("Project", "Projekt"),
    "EVENT": ("Event", "Veranstaltung"),
    "TOPIC": ("Topic", "Thema"),
}
RELATION_LABELS = {
    "part_of": ("part of", "gehört zu"),
    "located_in": ("located in", "ansässig in"),
    "cooperates_with": ("cooperates with", "kooperiert mit"),
    "works_for": ("works for", "arbeitet für"),
    "organizes": ("organizes", "organisiert"),
    "develops": ("develops", "entwickelt"),
    "focuses_on": ("focuses on", "befasst sich mit"),
    "funds": ("funds", "fördert"),
    "co_mention": ("named together", "gemeinsam genannt"),
}

env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def choose_lang(request: Request) -> str:
    """``?lang=`` first, then the cookie, then the first de/en tag of Accept-Language."""
    asked = request.query_params.get("lang", "")
    if asked in LANGS:
        return asked
    cookie = request.cookies.get(COOKIE, "")
    if cookie in LANGS:
        return cookie
    tags = []
    for part in request.headers.get("accept-language", "").split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        tags.append((weight, tag.lower()[:2]))
    for _, tag in sorted(tags, key=lambda x: -x[0]):
        if tag in LANGS:
            return tag
    return "en"


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` in the request's language; remembers an explicit ``?lang=``."""
    lang = choose_lang(request)

    def tr(key: str, **kw: Any) -> str:
        """The text for ``key``; with ``n=1`` its singular form ``key_one`` if there is one."""
        if kw.get("n") == 1 and f"{key}_one" in TEXT:
            key = f"{key}_one"
        return t(key, lang=lang, **kw)

    def label(code: str | None, table: dict[str, tuple[str, str]] = TYPE_LABELS) -> str:
        if code is None:
            return ""
        en, de = table.get(code, (code, code))
        return de if lang == "de" else en

    def num(value: Any) -> str:
        """A number the way the reader writes it (12.345,5 in German, 12,345.5 in English)."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "" if value is None else str(value)
        # Four-digit values (years, most counts) stay ungrouped, as German style allows.
        text = f"{value:,}" if abs(value) >= 10_000 else str(value)
        return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text

    def rel_label(code: str) -> str:
        return label(code, RELATION_LABELS)

    def lang_url(target: str) -> str:
        query = request.query_params.multi_items()
        kept = [(k, v) for k, v in query if k != "lang"] + [("lang", target)]
        from urllib.parse import urlencode

        return f"{request.url.path}?{urlencode(kept)}"

    html = env.get_template(template).render(
        lang=lang,
        langs=LANGS,
        tr=tr,
        label=label,
        rel_label=rel_label,
        num=num,
        lang_url=lang_url,
        colours=COLOURS,
        types=TYPES,
        path=request.url.path,
        **context,
    )
    return remember_lang(request, HTMLResponse(html, status_code=status))


def remember_lang(request: Request, response: HTMLResponse) -> HTMLResponse:
    """Sets the language cookie when the request chose one with ``?lang=``."""
    lang = request.query_params.get("lang")
    if lang in LANGS:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def pieces(text: str, spans: list[dict[str, Any]], focus: tuple[int, int] | None) -> list[dict[str, Any]]:
    """Cut ``text`` at every span boundary; each piece knows its mention and whether it is in focus.

    Overlapping mentions are resolved to the shortest covering one, so nested names link to
    the most specific entity. One sweep over the sorted boundaries with the spans open at each
    (a handful), so a long document with thousands of mentions costs linear time.
    """
    n = len(text)
    bounds = {0, n}
    for s in spans:
        bounds.update((min(n, max(0, s["start"])), min(n, max(0, s["end"]))))
    if focus:
        bounds.update((min(n, max(0, focus[0])), min(n, max(0, focus[1]))))
    cuts = sorted(bounds)
    out: list[dict[str, Any]] = []
    by_start = sorted(spans, key=lambda s: s["start"])
    active: list[dict[str, Any]] = []  # spans open at the current cut, in ``by_start`` order
    nxt = 0
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        while nxt < len(by_start) and by_start[nxt]["start"] <= a:
            active.append(by_start[nxt])
            nxt += 1
        active = [s for s in active if s["end"] > a]
        mention = min(active, key=lambda s: s["end"] - s["start"]) if active else None
        in_focus = bool(focus and focus[0] <= a and b <= focus[1])
        if out and out[-1]["mention"] is mention and out[-1]["focus"] == in_focus:
            out[-1]["text"] += text[a:b]
        else:
            out.append({"text": text[a:b], "mention": mention, "focus": in_focus, "start": a})
    return out


def window(
    length: int, size: int, part: int | None, focus: tuple[int, int] | None
) -> tuple[int, int, int, int]:
    """(start, end, part, parts) of the part of a long text to show: ``size`` characters each.

    The part asked for, else the one holding the focus, else the first; a text up to ``size``
    characters is one part.
    """
    parts = max(1, -(-length // size))
    if part is None:
        part = min(parts - 1, focus[0] // size) if focus else 0
    part = min(max(0, part), parts - 1)
    return part * size, min(length, (part + 1) * size), part, parts
