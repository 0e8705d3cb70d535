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
    "build.words_only": ("{words} words", "{words} Wörter"),
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
    # web app (hafen serve)
    "web.title": ("Innovation atlas", "Innovationsatlas"),
    "web.overview": ("Overview", "Überblick"),
    "web.search": ("Search", "Suche"),
    "web.graph": ("Network", "Netzwerk"),
    "web.map": ("Map", "Karte"),
    "web.match": ("Matchmaking", "Matchmaking"),
    "web.status": ("Status", "Status"),
    "web.documents": ("Documents", "Dokumente"),
    "web.actors": ("Actors", "Akteure"),
    "web.relations": ("Relations", "Relationen"),
    "web.figures": ("Key figures", "Kennzahlen"),
    "web.datasets": ("Datasets", "Datensätze"),
    "web.topics": ("Topics", "Themen"),
    "web.places": ("Places", "Orte"),
    "web.most_connected": ("Most connected actors", "Am stärksten vernetzte Akteure"),
    "web.connections": ("connections", "Verbindungen"),
    "web.lead": ("A source-linked picture of the region's innovation ecosystem. Every fact links to the sentence it comes from.",
                 "Ein quellengebundenes Bild des regionalen Innovationsökosystems. Jede Angabe verweist auf den Satz, aus dem sie stammt."),
    "web.search_placeholder": ("Search actors, topics, documents …", "Akteure, Themen, Dokumente suchen …"),
    "web.search_go": ("Search", "Suchen"),
    "web.results_entities": ("{n} entities", "{n} Entitäten"),
    "web.results_documents": ("{n} documents", "{n} Dokumente"),
    "web.no_results": ("Nothing found.", "Nichts gefunden."),
    "web.filter": ("Filter", "Filter"),
    "web.type": ("Type", "Typ"),
    "web.subtype": ("Subtype", "Untertyp"),
    "web.all": ("all", "alle"),
    "web.clear": ("clear filters", "Filter zurücksetzen"),
    "web.mentions": ("Mentions", "Erwähnungen"),
    "web.roles": ("Roles", "Rollen"),
    "web.outgoing": ("Relations from here", "Ausgehende Relationen"),
    "web.incoming": ("Relations to here", "Eingehende Relationen"),
    "web.aliases": ("Also known as", "Auch bekannt als"),
    "web.in_docs": ("named in {n} documents", "in {n} Dokumenten genannt"),
    "web.evidence": ("Evidence", "Beleg"),
    "web.source": ("Source", "Quelle"),
    "web.none": ("none", "keine"),
    "web.open_source": ("open in document", "im Dokument öffnen"),
    "web.entities_in_doc": ("Named in this document", "In diesem Dokument genannt"),
    "web.words": ("{n} words", "{n} Wörter"),
    "web.language": ("language", "Sprache"),
    "web.legend": ("Legend", "Legende"),
    "web.graph_help": ("Scroll to zoom, drag to move. Click a node for its neighbourhood; double-click opens its profile. Node size: betweenness centrality.",
                       "Scrollen zoomt, Ziehen verschiebt. Ein Klick zeigt die Nachbarschaft, ein Doppelklick öffnet das Profil. Knotengröße: Betweenness-Zentralität."),
    "web.co_mention": ("show co-mentions (same document)", "gemeinsame Nennungen zeigen (gleiches Dokument)"),
    "web.by_type": ("Entities by type", "Entitäten nach Typ"),
    "web.isolated": ("show unconnected entities", "unverbundene Entitäten zeigen"),
    "web.neighbourhood": ("Neighbourhood of", "Nachbarschaft von"),
    "web.reset": ("show all", "alles zeigen"),
    "web.topic": ("Topic", "Thema"),
    "web.layer": ("Dataset layer", "Datensatz-Ebene"),
    "web.no_layer": ("no dataset layer", "keine Datensatz-Ebene"),
    "web.via": ("located in {place}", "ansässig in {place}"),
    "web.match_lead": ("Describe a need (a project idea, a challenge) and get the actors that fit, with reasons and evidence.",
                       "Beschreiben Sie einen Bedarf (eine Projektidee, eine Herausforderung) und erhalten Sie passende Akteure mit Begründung und Belegen."),
    "web.match_placeholder": ("e.g. partner for AI in logistics in Dortmund", "z. B. Partner für KI in der Logistik in Dortmund"),
    "web.match_building": ("The matchmaking index of this store is being built (about a minute for a large store). Please reload the page shortly.",
                           "Der Matchmaking-Index dieses Speichers wird gerade aufgebaut (bei einem großen Speicher etwa eine Minute). Bitte die Seite gleich neu laden."),
    "web.match_missing": ("Matchmaking is not built yet in this version of hafen.", "Matchmaking ist in dieser hafen-Version noch nicht gebaut."),
    "web.score": ("score", "Wert"),
    "web.reasons": ("Why", "Warum"),
    "web.not_found": ("Not found", "Nicht gefunden"),
    "web.error": ("Error", "Fehler"),
    "web.back_home": ("Back to the overview", "Zurück zum Überblick"),
    "web.footer": ("hafen · every fact links to its source · read-only", "hafen · jede Angabe mit Quelle · nur lesend"),
    "web.prev": ("previous", "zurück"),
    "web.next": ("next", "weiter"),
    "web.figure_value": ("value", "Wert"),
    "web.dataset_rows": ("Dataset rows", "Datensatzzeilen"),
    "web.shared_docs": ("{n} shared documents", "{n} gemeinsame Dokumente"),
    "web.all_documents": ("All documents", "Alle Dokumente"),
    "web.stored": ("stored", "gespeichert"),
    "web.n_connections": ("{n} connections", "{n} Verbindungen"),
    "web.n_connections_one": ("1 connection", "1 Verbindung"),
    "web.in_docs_one": ("named in 1 document", "in 1 Dokument genannt"),
    "web.results_entities_one": ("1 entity", "1 Entität"),
    "web.results_documents_one": ("1 document", "1 Dokument"),
    "web.shared_docs_one": ("1 shared document", "1 gemeinsames Dokument"),
    "web.graph_capped": ("The network is large: showing the {shown} best-connected of {total} entities.",
                         "Das Netzwerk ist groß: gezeigt werden die {shown} am stärksten vernetzten von {total} Entitäten."),
    "web.map_capped": ("Many points: showing the {shown} most documented of {total}.",
                       "Viele Punkte: gezeigt werden die {shown} am häufigsten genannten von {total}."),
    "web.showing": ("showing the first {shown} of {total}", "die ersten {shown} von {total}"),
    "export.wrote": ("wrote {n} entities and {m} relations to {out} ({format})",
                     "{n} Entitäten und {m} Relationen nach {out} geschrieben ({format})"),
}


# Matchmaking reasons (hafen.match): every result explains itself in the user's language.
TEXT.update(
    {
        "match.topics": ("topics: {items}", "Themen: {items}"),
        "match.related": ("related topics: {items}", "verwandte Themen: {items}"),
        "match.mentions": ("mentions: {items}", "erwähnt: {items}"),
        "match.named": ("named in the request", "in der Anfrage genannt"),
        "match.role": ("is {role}, as asked", "ist {role}, wie gefragt"),
        "match.role.research": ("a research institution", "eine Forschungseinrichtung"),
        "match.role.company": ("a company", "ein Unternehmen"),
        "match.role.network": ("a network", "ein Netzwerk"),
        "match.role.public": ("a public body or programme", "eine öffentliche Stelle oder ein Programm"),
        "match.role.facility": ("a centre or facility", "ein Zentrum oder eine Einrichtung"),
        "match.role.event": ("an event", "eine Veranstaltung"),
        "match.places": ("located in/linked to: {items}", "ansässig in/verbunden mit: {items}"),
        "match.relations": ("relations: {items}", "Relationen: {items}"),
        "match.rel.part_of": ("part of", "Teil von"),
        "match.rel.located_in": ("located in", "ansässig in"),
        "match.rel.cooperates_with": ("cooperates with", "kooperiert mit"),
        "match.rel.works_for": ("works for", "arbeitet für"),
        "match.rel.organizes": ("organizes", "organisiert"),
        "match.rel.develops": ("develops", "entwickelt"),
        "match.rel.focuses_on": ("focuses on", "befasst sich mit"),
        "match.rel.funds": ("funds", "fördert"),
        "match.semantic": ("semantically close to the request ({value})", "inhaltlich nah an der Anfrage ({value})"),
        "match.wording": ("similar wording ({value})", "ähnliche Formulierung ({value})"),
        "match.partner": ("role: {role}", "Rolle: {role}"),
        "match.partner.weak": ("{reason} (weak fit: nothing closer found)", "{reason} (schwache Passung: nichts Näheres gefunden)"),
        "match.partner.research": ("research partner", "Forschungspartner"),
        "match.partner.company": ("industry partner", "Industriepartner"),
        "match.partner.network": ("network / transfer partner", "Netzwerk-/Transferpartner"),
        "match.partner.public": ("public partner or funding programme", "öffentlicher Partner oder Förderprogramm"),
        "match.partner.facility": ("place to build and test", "Ort zum Bauen und Erproben"),
        "match.partner.other": ("further partner", "weiterer Partner"),
    }
)


# The map's Kreis boundaries and choropleth (web/static/map.js, templates/map.html).
TEXT.update(
    {
        "web.map_help_kreise": ("Actors, projects and sites with coordinates; actors without own coordinates sit at the place they are located in. A dataset layer colours the districts (Kreise) its rows name; rows without a district boundary are symbols whose area is the value.",
                                "Akteure, Projekte und Standorte mit Koordinaten; Akteure ohne eigene Koordinaten stehen an ihrem Standort. Eine Datensatz-Ebene färbt die Kreise und kreisfreien Städte, die ihre Zeilen nennen; Zeilen ohne Kreisgrenze erscheinen als Symbole, deren Fläche dem Wert entspricht."),
        "web.map_kreise_attribution": ("District boundaries © GeoBasis-DE / BKG 2016 (data changed)", "Kreisgrenzen © GeoBasis-DE / BKG 2016 (Daten verändert)"),
        "web.map_quantiles": ("classes: quantiles", "Klassen: Quantile"),
        "web.map_no_value": ("no value", "kein Wert"),
        "web.map_symbols": ("no district boundary: symbol by value", "ohne Kreisgrenze: Symbol nach Wert"),
    }
)


# Paged entity profiles and long documents (web/pages.py, templates/entity.html, doc.html).
TEXT.update(
    {
        "web.showing_range": ("showing {first}–{last} of {total}", "{first}–{last} von {total}"),
        "web.page_of": ("page {page} of {pages}", "Seite {page} von {pages}"),
        "web.more_evidence": ("more evidence", "weitere Belege"),
        "web.part_of": ("part {part} of {parts} of the text", "Teil {part} von {parts} des Textes"),
    }
)

def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    en, de = TEXT[key]
    return pick(en, de, lang).format(**kwargs)
