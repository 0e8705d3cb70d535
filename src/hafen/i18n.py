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
    "cli.interrupted": ("interrupted; stored documents are kept and the next build continues",
                        "abgebrochen; gespeicherte Dokumente bleiben, der nächste Lauf macht weiter"),
    "extract.wrote": ("wrote {n} files to {out}", "{n} Dateien nach {out} geschrieben"),
    "extract.partly_failed": (
        "{failed} of {total} files failed; the others are written",
        "{failed} von {total} Dateien fehlgeschlagen; die anderen sind geschrieben",
    ),
    "remove.missing": ("{n} sources were not in the store", "{n} Quellen waren nicht im Speicher"),
    "status.title": ("hafen store {db}", "hafen-Speicher {db}"),
    "status.documents": ("documents", "Dokumente"),
    "status.words": ("words", "Wörter"),
    "status.entities": ("entities", "Entitäten"),
    "status.relations": ("relations", "Relationen"),
    "status.mentions": ("mentions", "Erwähnungen"),
    "status.figures": ("figures", "Kennzahlen"),
    "status.datasets": ("datasets", "Datensätze"),
    "status.failures": ("failures", "Fehlschläge"),
    "status.pending": ("entity resolution pending; the next build completes it",
                       "Entitätsauflösung ausstehend; der nächste Lauf holt sie nach"),
    "status.source": ("source", "Quelle"),
    "status.name": ("name", "Name"),
    "status.lang": ("language", "Sprache"),
    "status.stored": ("stored", "gespeichert"),
    "status.type": ("type", "Typ"),
    "status.count": ("count", "Anzahl"),
    "status.code": ("code", "Code"),
    "status.reason": ("reason", "Grund"),
    "status.no_documents": ("no documents yet", "noch keine Dokumente"),
    "status.no_failures": ("no failures", "keine Fehlschläge"),
    "eval.running": ("extracting {n} documents of {seeds}", "extrahiere {n} Dokumente aus {seeds}"),
    "eval.kept": ("extraction output kept in {out}", "Extraktionsausgabe liegt in {out}"),
    "remove.done": ("removed {n} documents", "{n} Dokumente entfernt"),
    "serve.listening": ("hafen serves {db} at http://{host}:{port}/ (Ctrl+C stops)",
                        "hafen zeigt {db} unter http://{host}:{port}/ (Strg+C beendet)"),
}


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    en, de = TEXT[key]
    return pick(en, de, lang).format(**kwargs)
