"""Word lists and shipped reference data for the entity stage, plus the lemma key.

Everything here is general knowledge of German naming (cue nouns, legal forms, titles,
roles) or reference data from ``hafen/data`` (see ``data/SOURCES.md``); nothing is drawn
from the development documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from wordfreq import zipf_frequency

OPEN_QUOTES = frozenset("„“\"«»‚'")
CLOSE_QUOTES = frozenset("“”\"«»‘'")


def _words(text: str, kind: type = frozenset) -> Any:
    """Word lists are kept as plain text: one glance shows them, a formatter leaves them be."""
    return kind(text.split())


def _pairs(text: str) -> dict[str, str]:
    return dict(item.split(":", 1) for item in text.split())


# -- organisations: cue nouns (matched as the end of a compound, lower-cased) -> subtype
ORG_CUES: dict[str, str] = _pairs(
    """
    universität:university hochschule:university fachhochschule:university university:university
    college:university institut:research institute:research forschungszentrum:research
    agency:public ministry:public council:public foundation:other association:network
    society:network corporation:company laboratory:research centre:other
    forschungsinstitut:research akademie:research laboratorium:research
    kompetenzzentrum:research forschungsgesellschaft:research ministerium:public kammer:public
    fraunhofer-einrichtung:research leibniz-einrichtung:research helmholtz-einrichtung:research
    wirtschaftsförderung:public agentur:public behörde:public amt:public regierung:public
    kommission:public union:public parlament:public landeszentrum:public bezirksregierung:public
    verwaltung:public senat:public stadtwerke:company sondervermögen:public
    entwicklungsgesellschaft:public förderbank:public sparkasse:company volksbank:company
    landesbank:public bank:company aufbaubank:public
    netzwerk:network cluster:network verband:network verein:network
    allianz:network bündnis:network arbeitskreis:network verbund:network konsortium:network
    gewerkschaft:network beirat:network forum:network zentrum:other centrum:other center:other
    stiftung:other klinikum:other krankenhaus:other museum:other theater:other
    landtag:public bundestag:public kreistag:public
    konzerthaus:other opernhaus:other oper:other philharmonie:other orchester:other
    ensemble:other chor:other schauspielhaus:other
    gesellschaft:company gruppe:company
    """
)
ORG_CUE_RE = re.compile("(" + "|".join(sorted(ORG_CUES, key=len, reverse=True)) + r")(s|es)?$")
# Houses and ensembles a town has one of: "Kölner Philharmonie", "Dortmunder Oper" name them.
CIVIC_CUES = _words(
    """
    konzerthaus oper opernhaus orchester philharmonie schauspielhaus stadttheater theater
    """,
    frozenset,
)
# Cue nouns that name an organisation alone, in the singular with a definite article
# ("die Landesregierung", "das Jobcenter").
STANDALONE_ORGS: dict[str, str] = _pairs(
    """
    bundesregierung:public landesregierung:public bundestag:public landtag:public
    bundesrat:public jobcenter:public gesundheitsamt:public wirtschaftsförderung:public
    bezirksregierung:public bundesagentur:public
    """
)
# Acronyms that are words of the language, not names.
GENERIC_ACRONYMS = _words(
    """
    AFD AG AI AM AR BIP CDU CEO CFO CO2 COO CSU CTO DAS DAX DER DIE DIN DR EU EUR FAQ FDP FH FÜR
    GB GMBH GPS H2 HR HS HTML ID II III IM IOT ISO IT IV IfSG KB KG KI KMU LKW MB MINT MIT ML NR
    NRW OK PDF PKW PR PROF PS SE SPD TU TV UN UND URL USA USD VON VR ZU ÖPNV
    """,
    frozenset,
)
# Legal forms of companies and associations.
LEGAL_FORMS = _words(
    """
    AG B.V. GbR GmbH Inc. KG KGaA LLC Ltd. OHG S.A. SE UG e.V. eG gGmbH mbH
    """,
    frozenset,
) | {"GmbH & Co. KG", "e. V."}


def dotted_legal_form(word: str) -> bool:
    """'GmbH.', 'mbH.': a legal form the tokenizer kept together with the sentence's full stop."""
    return len(word) > 2 and word[-1] == "." and word[:-1] in LEGAL_FORMS and word not in LEGAL_FORMS


def is_legal_form(word: str) -> bool:
    """A token that is a legal form: 'GmbH', or 'GmbH.' at the end of a sentence."""
    return word in LEGAL_FORMS or dotted_legal_form(word)

# Abbreviations of kinds of German institutions: a name when a place follows ("IHK zu Köln").
INSTITUTION_ABBREVIATIONS: dict[str, str] = _pairs(
    """
    TU:university FH:university HS:university Uni:university TH:university HAW:university
    PH:university IHK:public HWK:public DGB:network VDI:network BDI:network DIHK:public
    """
)
# Words of legal forms, left out of the lemma key.
# Nation-wide funders, federal ministries and funding programmes, known to every reader of
# German innovation documents (type or type/subtype).
KNOWN_ACRONYMS: dict[str, str] = _pairs(
    """
    EU:ORG/public BMBF:ORG/public BMWK:ORG/public BMWi:ORG/public BMDV:ORG/public BMAS:ORG/public
    BMUV:ORG/public BMG:ORG/public DFG:ORG/public KfW:ORG/public DAAD:ORG/other BAFA:ORG/public
    EFRE:PROJECT ESF:PROJECT EXIST:PROJECT GRW:PROJECT ZIM:PROJECT INTERREG:PROJECT LEADER:PROJECT
    """
)
LEGAL_WORDS = _words(
    """
    & ag co. e.v. eg gbr ggmbh gmbh inc. kg kgaa llc ltd. mbh ohg se ug
    """,
    frozenset,
)
# Sentence-initial determiners and quantifiers: never part of a name.
DETERMINERS = _words(
    """
    Alle Andere Beide Das Dem Den Der Des Die Diese Diesen Dieser Dieses Ein Eine Einer Einige
    Ihre Jede Jeder Jedes Keine Mehrere Neue Neuen Neuer Seine Solche Unser Unsere Viele Weitere
    Welche
    """,
    frozenset,
)
# Before a cue noun they describe rather than name ("ein Zentrum für ...").
INDEFINITE = _words(
    """
    als andere anderen drei ein eine einem einen einer eines jede jeder jedes kein keine mehrere
    solche solchen viele vielen vier weitere weiteren zwei
    """,
    frozenset,
)
# Words that mark a facility as being built: a project, not an organisation.
BUILD_CUES = _words(
    """
    Aufbau Aufbaus Bau Baus Einrichtung Errichtung Gründung Realisierung entstehende
    entstehenden geplante geplanten geplantes künftige künftigen
    """,
    frozenset,
)
UNI_ABBREVIATIONS = {
    "tu": "technische universität",
    "fh": "fachhochschule",
    "hs": "hochschule",
    "uni": "universität",
    "th": "technische hochschule",
}
# Research societies whose name alone makes an institute a research organisation.
RESEARCH_SOCIETIES = frozenset({"fraunhofer", "max-planck", "leibniz", "helmholtz", "dlr"})

# -- projects and events: head nouns (end of a compound, lower-cased) --
PROJECT_CUES = _words(
    """
    accelerator akademie campus factory fonds förderprogramm gründerzentrum hub initiative
    inkubator kampagne konzept lab labor lernfabrik masterplan modellprojekt offensive platform plattform
    portal program programm programme project projekt reallabor strategie vorhaben werkbank
    """,
    frozenset,
)
EVENT_CUES = _words(
    """
    ausstellung austausch award camp conference expo fachtagung festival forum gartenschau
    gipfel hackathon kirchentag konferenz kongress messe nacht night panel pitch podiumsdiskussion
    preis roundtable summit
    symposium table tag tage tagung veranstaltung veranstaltungsformat week wettbewerb
    woche workshop
    """,
    frozenset,
)

# Words before "Tage der X" that make it a span of time, not an event ("mehrere Tage der Sperrung").
SPANS_OF_TIME = _words(
    """
    mehrere einige wenige viele ersten letzten nächsten vergangenen kommenden folgenden beiden
    paar zwei drei vier fünf sechs sieben acht neun zehn
    """,
    frozenset,
)
# Small words inside a quoted title ("Entführung aus dem Serail"): a title, not a sentence.
TITLE_INNER = _words(
    """
    aus dem der den des die das im in am an auf vom von zum zur mit und für über unter ohne
    """,
    frozenset,
)

# First parts of compounds that make a cue noun a category, not a name ("Fachkonferenz X").
GENERIC_MODIFIERS = _words(
    """
    abschluss aktion auftakt bundes experten fach förder forschungs informations jahres landes
    modell netzwerk online pilot projekt sonder veranstaltungs verbund vortrags weiterbildungs
    """,
    frozenset,
)

# Words that end in an event cue but name days and assemblies, not events.
NOT_EVENT_RE = re.compile(
    r"(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|feiertag|werktag|"
    r"wochentag|alltag|vortag|folgetag|stichtag|geburtstag|landtag|bundestag|kreistag|"
    r"wochenende|nachttag)(e|en|es|s|n)?$"
)

# -- persons: titles before a name, role nouns, verbs of speech --
TITLES = _words(
    """
    Dipl.-Ing. Dr. Dr.-Ing. Dres. Frau Herr Herrn Ing. PD Prof. Professor Professorin h.c. med.
    nat. rer.
    """,
    frozenset,
)
ROLE_NOUNS = _words(
    """
    geschäftsführer geschäftsführerin direktor direktorin leiter leiterin intendant intendantin
    sprecher sprecherin vorstand vorständin vorsitzende vorsitzender präsident präsidentin
    bürgermeister bürgermeisterin dezernent dezernentin rektor rektorin dekan dekanin minister
    ministerin gründer gründerin manager managerin chef chefin professor professorin dirigent
    dirigenten dirigentin regisseur regisseurin koordinator koordinatorin referent referentin
    beauftragter beauftragte ceo cto inhaber inhaberin vorsitzenden kanzler kanzlerin senator
    senatorin landrat landrätin bariton tenor sopran sopranistin autor autorin co-autor
    puppenspieler projektleiter projektleiterin mitgründer mitgründerin stadtdirektor
    stadtdirektorin wissenschaftler wissenschaftlerin
    """,
    tuple,
)
SPEECH_VERBS = _words(
    """
    berichtet berichtete betont betonte ergänzt ergänzte erklärt erklärte findet freut meint
    resümiert sagt sagte sieht so unterstreicht verkündet weiß said says explains
    """,
    frozenset,
)
NAME_PARTICLES = frozenset({"von", "van", "de", "der", "zu", "vom", "di", "da", "le", "la", "ten"})

# -- places -------------------------------------------------------------------------------
STREET_SUFFIX = re.compile(
    r"(straße|strasse|str\.|weg|platz|allee|damm|ufer|gasse|chaussee|"
    r"promenade|ring|wall|steig|markt)$"
)
SITE_SUFFIX = re.compile(
    r"(gelände|campus|park|quartier|viertel|areal|hafen|zeche|kokerei|"
    r"insel|see|bahnhof|flughafen|werk|gebiet)(s|es)?$"
)
SITE_HEADS = frozenset(
    {
        "Zeche",
        "Kokerei",
        "Schacht",
        "Hafen",
        "Campus",
        "Quartier",
        "Gelände",
        "Areal",
        "Stadtteil",
        "Stadtbezirk",
        "Ortsteil",
        "Gewerbegebiet",
        "Industriegebiet",
        "Technologiepark",
        "Wissenschaftspark",
        "Innovationspark",
        "Industriepark",
        "Chemiepark",
        "Gewerbepark",
        "Energiepark",
    }
)
COMPASS = frozenset({"West", "Ost", "Nord", "Süd", "See", "Mitte", "Süd-West", "Nordwest"})
LOCATIVE = frozenset(
    {
        "in",
        "In",
        "aus",
        "Aus",
        "nach",
        "bei",
        "von",
        "zwischen",
        "bis",
        "Stadt",
        "Kreis",
        "Raum",
        "Region",
        "Großraum",
        "Standort",
        "Stadtgebiet",
        "gen",
    }
)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # city | region
    lat: float | None
    lon: float | None
    source_id: str
    ambiguous: bool


def _data_lines(name: str) -> list[str]:
    text = resources.files("hafen.data").joinpath(name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _float(value: str) -> float | None:
    return float(value) if value else None


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Surface form (and its genitive) -> place; regions and Länder override towns of the same name."""
    table: dict[str, Place] = {}
    for line in _data_lines("places_de.tsv")[1:]:
        name, kind, lat, lon, sid, _pop, amb = line.split("\t")
        table[name] = Place(name, kind, _float(lat), _float(lon), sid, amb == "1")
    for line in _data_lines("regions_de.tsv")[1:]:
        name, kind, lat, lon, aliases = [*line.split("\t"), ""][:5]
        place = Place(name, kind, _float(lat), _float(lon), f"hafen:{name}", False)
        table[name] = place
        for alias in filter(None, aliases.split("|")):
            table[alias] = place
    for form, place in list(table.items()):
        if not form.endswith(("s", "ß", "z", "x", ")")) and form + "s" not in table:
            table[form + "s"] = place  # genitive: "Dortmunds", "Europas"
    return table


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset(" ".join(_data_lines("first_names_de.txt")).split())


@lru_cache(maxsize=1)
def topic_forms() -> dict[str, str]:
    """Every written form of a topic (lower-cased, inflected) -> its canonical name."""
    forms: dict[str, str] = {}
    for line in _data_lines("topics_de.tsv"):
        canon, _, others = line.partition("\t")
        canon = canon.strip()
        for variant in [canon, *filter(None, others.strip().split("|"))]:
            for form in inflections(variant):
                forms.setdefault(form.lower(), canon)
    return forms


def inflections(phrase: str) -> list[str]:
    """Adjective endings on every word before the head noun, genitive -s on the head."""
    words = phrase.split()
    head = words[-1]
    heads = [head] if head.isupper() or not head[-1].isalpha() else [head, head + "s"]
    variants = [[h] for h in heads]
    for word in reversed(words[:-1]):
        stem = re.sub(r"(e|en|er|es|em)$", "", word) if len(word) > 5 else word
        endings = (
            [word]
            if not word.isalpha()
            else list(dict.fromkeys([word] + [stem + e for e in ("e", "en", "er", "es", "em")]))
        )
        variants = [[form, *rest] for form in endings for rest in variants]
    return [" ".join(v) for v in variants]


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common ``word`` is in German (0 = unknown, 7 = 'die'), by wordfreq."""
    return float(zipf_frequency(word.lower(), "de"))


def is_common_word(word: str, threshold: float = 3.0) -> bool:
    return zipf(word) >= threshold


_ARTICLES = frozenset({"der", "des", "die", "das", "dem", "den"})
_ENDINGS = ("es", "en", "er", "em", "e", "s")
_KEY_SPLIT = re.compile(r"[\s\-\u2010-\u2015/]+")
_REGISTERED = re.compile(r"\be\.\s?V\.?(?=\s|$|[,;)])")  # "e. V.", "e.V." - legal form words
_KEY_STRIP = re.compile(r"[„“”\"'‚‘’«»()\[\],;:!?*]|\.(?=\s|$)")


@lru_cache(maxsize=65536)
def city_of_adjective(word: str) -> str | None:
    """The town of an adjectival form: 'Leipziger', 'Karlsruher', 'Dresdner', 'Münchner'."""
    if not word.endswith("er") or not word[:1].isupper():
        return None
    for town in (word[:-2], word[:-1], word[:-2] + "en", word[:-3] + "en"):
        place = places().get(town)
        if place is not None and place.name == town:
            return town
    return None


@lru_cache(maxsize=65536)
def lemma_word(word: str) -> str:
    w = word.casefold()
    if w.endswith(("str.", "str")):  # "Kampstr." = "Kampstraße"
        w = w.rstrip(".") + "asse"
    if not w.isalpha():
        return w
    if len(w) == 4 and w.endswith("s") and not w.endswith("ss"):
        return w[:3]  # "Sees", "Hofs"
    if len(w) <= 4:
        return w
    # at most two endings: "Sondervermögens" -> "sondervermögen" -> "sondervermög"
    for _ in range(2):
        for end in _ENDINGS:
            if w.endswith(end) and len(w) - len(end) >= 4 and not (end == "s" and w.endswith("ss")):
                w = w[: -len(end)]
                break
        else:
            break
    return w


@lru_cache(maxsize=65536)
def lemma_key(form: str) -> str:
    """Inflection-free key of a name: 'des Lamarr-Instituts' and 'Lamarr-Institut' agree."""
    words = [
        w
        for w in _KEY_SPLIT.split(_KEY_STRIP.sub(" ", _REGISTERED.sub(" ", form)))
        if w and w.casefold() not in LEGAL_WORDS and w not in _ARTICLES
    ]
    # "Leipziger Wirtschaftsförderung" = "Wirtschaftsförderung Leipzig"
    town = city_of_adjective(words[0]) if len(words) >= 2 else None
    if town:
        words = [*words[1:], town]
    out = []
    for w in words:
        low = w.casefold()
        out.extend(UNI_ABBREVIATIONS.get(low, w).split())
    return " ".join(lemma_word(w) for w in out)
