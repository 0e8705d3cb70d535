"""Coded, actionable messages in English and German. A user never sees a traceback for a
user mistake.

Every message lives here under a stable code, so that the CLI, the REST API and the tests
refer to the same thing. A message names the object and, where there is one, the fix.
"""

from __future__ import annotations

from collections.abc import Mapping

from hafen.i18n import pick

# code -> (English, German)
MESSAGES: dict[str, tuple[str, str]] = {
    # reading (E1xx): one file cannot be read; the run goes on with the others
    "E101": ("binary content, not a text document ({kind}); skipped",
             "Binärinhalt, kein Textdokument ({kind}); übersprungen"),
    "E102": ("the file is empty; skipped", "die Datei ist leer; übersprungen"),
    "E103": ("the file is {size_mb:.0f} MB, over the limit of {limit_mb} MB; raise it with --max-mb",
             "die Datei ist {size_mb:.0f} MB groß, über der Grenze von {limit_mb} MB; mit --max-mb anheben"),
    "E104": ("the PDF has no text layer (scanned pages?); run OCR first and add the text version",
             "das PDF hat keine Textebene (gescannte Seiten?); erst OCR ausführen, dann die Textfassung hinzufügen"),
    "E105": ("the PDF is damaged or truncated ({detail}); export or download it again",
             "das PDF ist beschädigt oder abgeschnitten ({detail}); neu exportieren oder herunterladen"),
    "E106": ("no readable text after removing scripts, menus and boilerplate",
             "kein lesbarer Text nach Entfernen von Skripten, Menüs und Seitenbausteinen"),
    "E107": ("unsupported file type '{suffix}'; hafen reads .txt .md .html .htm .pdf .docx .csv",
             "nicht unterstützter Dateityp '{suffix}'; hafen liest .txt .md .html .htm .pdf .docx .csv"),
    "E108": ("the DOCX is damaged or not a Word document ({detail})",
             "die DOCX-Datei ist beschädigt oder kein Word-Dokument ({detail})"),
    "E109": ("the CSV cannot be parsed ({detail})", "die CSV-Datei ist nicht lesbar ({detail})"),
    "E110": ("the text cannot be decoded as UTF-8, cp1252 or latin-1",
             "der Text ist weder als UTF-8 noch als cp1252 oder Latin-1 lesbar"),
    "E111": ("the file cannot be opened ({detail})", "die Datei lässt sich nicht öffnen ({detail})"),
    "E112": ("the content is {actual}, not {expected} as the extension says; read as {actual}",
             "der Inhalt ist {actual}, nicht {expected} wie die Endung sagt; als {actual} gelesen"),
    # pipeline (E2xx)
    "E201": ("pipeline stage '{name}' returned {got} instead of the Document; a stage must return "
             "the Document it got",
             "Pipeline-Stufe '{name}' gab {got} statt des Dokuments zurück; eine Stufe muss das "
             "erhaltene Dokument zurückgeben"),
    "E202": ("unknown pipeline stage '{name}'; known stages: {known}",
             "unbekannte Pipeline-Stufe '{name}'; bekannt sind: {known}"),
    "E203": ("pipeline stage '{name}' failed on {source}: {detail}",
             "Pipeline-Stufe '{name}' scheiterte an {source}: {detail}"),
    "E204": ("the pipeline gave two entities of {source} the same key '{key}'; entity keys must be "
             "unique within a document",
             "die Pipeline gab zwei Entitäten von {source} denselben Schlüssel '{key}'; Schlüssel "
             "müssen innerhalb eines Dokuments eindeutig sein"),
    # store (E3xx)
    "E301": ("the store {path} cannot be opened ({detail}); check the path and its permissions",
             "der Speicher {path} lässt sich nicht öffnen ({detail}); Pfad und Rechte prüfen"),
    "E302": ("the store {path} was written by a newer hafen (unknown migration '{name}'); upgrade hafen",
             "der Speicher {path} stammt von einem neueren hafen (unbekannte Migration '{name}'); "
             "hafen aktualisieren"),
    "E303": ("no document with source '{source}' in the store",
             "kein Dokument mit der Quelle '{source}' im Speicher"),
    "E304": ("PostgreSQL is not supported yet; give a SQLite file path",
             "PostgreSQL wird noch nicht unterstützt; einen SQLite-Dateipfad angeben"),
    "E305": ("the store {path} is busy or locked ({detail}); wait for the other build to finish",
             "der Speicher {path} ist belegt oder gesperrt ({detail}); warten, bis der andere Lauf "
             "fertig ist"),
    # command line and configuration (E4xx)
    "E401": ("no input files found under {paths}; give files or folders with .txt .md .html .pdf .docx .csv",
             "keine Eingabedateien unter {paths}; Dateien oder Ordner mit .txt .md .html .pdf .docx .csv angeben"),
    "E402": ("'{path}' does not exist", "'{path}' existiert nicht"),
    "E403": ("the store {path} does not exist; build it first with `hafen build PATH --db {path}`",
             "der Speicher {path} existiert nicht; zuerst mit `hafen build PATH --db {path}` bauen"),
    "E404": ("the evaluation data is missing at {path}; pass --shared DIR",
             "die Evaluationsdaten fehlen unter {path}; --shared DIR angeben"),
    "E405": ("the evaluation script failed with exit status {status}",
             "das Evaluationsskript scheiterte mit Status {status}"),
    "E406": ("the output folder {path} cannot be written ({detail})",
             "der Ausgabeordner {path} ist nicht beschreibbar ({detail})"),
    # web app and JSON API (E5xx); the HTTP status is in errors.HTTP_STATUS
    "E501": ("nothing found at {kind}/{id}; follow a link from a list or a search",
             "unter {kind}/{id} ist nichts zu finden; einem Link aus einer Liste oder Suche folgen"),
    "E502": ("the parameter '{name}' must be {expected}, not '{value}'",
             "der Parameter '{name}' muss {expected} sein, nicht '{value}'"),
    "E503": ("no page or API route at {path}; see /openapi.json for the API",
             "keine Seite und keine API-Route unter {path}; die API beschreibt /openapi.json"),
    "E504": ("matchmaking is not built yet in this version of hafen",
             "Matchmaking ist in dieser hafen-Version noch nicht gebaut"),
    "E505": ("the parameter 'q' is required: describe the need in a few words",
             "der Parameter 'q' fehlt: den Bedarf in ein paar Worten beschreiben"),
    "E506": ("unknown export format '{format}'; use one of {known}",
             "unbekanntes Exportformat '{format}'; eines von {known} verwenden"),
    "E507": ("the export needs the Python package '{package}'; install it with pip",
             "der Export braucht das Python-Paket '{package}'; mit pip installieren"),
    "E508": ("the matchmaking index of this store is still being built (about a minute for a large store); try again shortly",
             "der Matchmaking-Index dieses Speichers wird noch aufgebaut (bei einem großen Speicher etwa eine Minute); bitte gleich noch einmal versuchen"),
    # corpus graph: curation, profiles, matchmaking (E6xx)
    "E601": ("'{name}' is ambiguous: {n} entities match; give one of these ids instead:\n{candidates}",
             "'{name}' ist mehrdeutig: {n} Entitäten passen; stattdessen eine dieser Nummern angeben:\n{candidates}"),
    "E602": ("no entity named '{name}' in the store; check the spelling or search with `hafen show`",
             "keine Entität namens '{name}' im Speicher; Schreibweise prüfen oder mit `hafen show` suchen"),
    "E603": ("no curated decision with id {id}; list them with `hafen curations --db DB`",
             "keine kuratierte Entscheidung mit der Nummer {id}; mit `hafen curations --db DB` auflisten"),
    "E604": ("'{a}' ({a_type}) and '{b}' ({b_type}) have different types; only entities of one type can merge",
             "'{a}' ({a_type}) und '{b}' ({b_type}) haben verschiedene Typen; nur Entitäten eines Typs lassen sich zusammenführen"),
    "E605": ("'{a}' and '{b}' name the same document record; name two different forms to split",
             "'{a}' und '{b}' bezeichnen denselben Dokumenteintrag; zum Trennen zwei verschiedene Namensformen angeben"),
    "E606": ("'{a}' and '{b}' are already one entity", "'{a}' und '{b}' sind bereits eine Entität"),
}

# HTTP status of the codes the web app and API answer with.
HTTP_STATUS: dict[str, int] = {"E501": 404, "E502": 400, "E503": 404, "E504": 501, "E505": 400, "E508": 503}


def message(code: str, lang: str | None = None, **kwargs: object) -> str:
    return render(code, kwargs, lang)


def render(code: str, fields: Mapping[str, object], lang: str | None = None) -> str:
    """The message ``code`` with its ``fields``, in ``lang`` (default: the current language)."""
    en, de = MESSAGES[code]
    return pick(en, de, lang).format(**fields)


class HafenError(Exception):
    """Base of all errors hafen reports to a user; ``code`` is stable, the text may change."""

    exit_status = 1

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        self.kwargs = kwargs
        super().__init__(render(code, kwargs))

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class ReadError(HafenError):
    """A single input file cannot be read; the run goes on with the others."""

    def __init__(self, path: str, code: str, **kwargs: object) -> None:
        self.path = path
        super().__init__(code, **kwargs)

    def __str__(self) -> str:
        return f"{self.path}: [{self.code}] {self.args[0]}"


class PipelineError(HafenError):
    pass


class StoreError(HafenError):
    pass


class ConfigError(HafenError):
    exit_status = 2


class WebError(HafenError):
    """A request the web app or API cannot answer; carries its HTTP status."""

    def __init__(self, code: str, **kwargs: object) -> None:
        self.status = HTTP_STATUS.get(code, 400)
        super().__init__(code, **kwargs)

    def text(self, lang: str | None) -> str:
        return message(self.code, lang, **self.kwargs)
