"""German and English user-facing text. The language comes from --lang, HAFEN_LANG or LANG."""

from __future__ import annotations

import os
from contextvars import ContextVar

LANGS = ("de", "en")
_current: ContextVar[str | None] = ContextVar("hafen_lang", default=None)


def current_lang() -> str:
    chosen = _current.get()
    if chosen:
        return chosen
    for var in ("HAFEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"


def set_lang(lang: str | None) -> None:
    _current.set(lang if lang in LANGS else None)


def pick(en: str, de: str, lang: str | None = None) -> str:
    return de if (lang or current_lang()) == "de" else en


# Messages shown by the command line; key -> (English, German).
TEXT: dict[str, tuple[str, str]] = {
    "build.reading": ("Reading", "Lese"),
    "build.summary": ("Built {db} in {seconds:.1f} s", "{db} in {seconds:.1f} s gebaut"),
    "build.documents": (
        "documents: {read} read, {unchanged} unchanged, {failed} failed, {removed} removed",
        "Dokumente: {read} gelesen, {unchanged} unverändert, {failed} fehlgeschlagen, {removed} entfernt",
    ),
    "build.entities": ("entities by type", "Entitäten nach Typ"),
    "build.relations": ("relations by type", "Relationen nach Typ"),
    "build.words": ("{words} words, {rate:.0f} words/s", "{words} Wörter, {rate:.0f} Wörter/s"),
    "build.partly_failed": (
        "{failed} of {total} files failed; the others are stored",
        "{failed} von {total} Dateien fehlgeschlagen; die anderen sind gespeichert",
    ),
    "build.none": ("(none)", "(keine)"),
    "extract.wrote": ("wrote {n} files to {out}", "{n} Dateien nach {out} geschrieben"),
    "remove.done": ("removed {n} documents", "{n} Dokumente entfernt"),
    "serve.listening": ("hafen serves {db} at http://{host}:{port}/ (Ctrl+C stops)",
                        "hafen zeigt {db} unter http://{host}:{port}/ (Strg+C beendet)"),
}


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    en, de = TEXT[key]
    return pick(en, de, lang).format(**kwargs)
