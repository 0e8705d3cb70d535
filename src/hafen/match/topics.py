"""A small bilingual topic vocabulary: concepts, their written forms, and related concepts.

Written for hafen from general knowledge of the German innovation landscape. Forms within
one concept name the same field ("KI", "Künstliche Intelligenz", "AI"); related concepts
are neighbours that a need for one should also surface (KI -> maschinelles Lernen).
Resolution uses the concepts to merge TOPIC records; matchmaking uses both levels.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from hafen.resolve import normalize as nz

CONCEPTS: dict[str, tuple[str, ...]] = {
    "ki": ("KI", "Künstliche Intelligenz", "AI", "artificial intelligence", "KI-gestützt"),
    "ml": ("maschinelles Lernen", "Machine Learning", "ML", "Deep Learning", "neuronale Netze"),
    "data": (
        "Data Science",
        "Datenanalyse",
        "Data Analytics",
        "Big Data",
        "Datenwissenschaft",
        "Datenmanagement",
        "data management",
    ),
    "datenraum": (
        "Datenraum",
        "Datenräume",
        "data space",
        "Datensouveränität",
        "souveräne Datenräume",
        "Datenaustausch",
        "data sharing",
        "International Data Spaces",
        "Gaia-X",
    ),
    "wartung": (
        "vorausschauende Wartung",
        "predictive maintenance",
        "Zustandsüberwachung",
        "condition monitoring",
        "Instandhaltung",
    ),
    "sensorik": ("Sensorik", "Sensor", "Sensoren", "sensors", "Internet der Dinge", "IoT"),
    "wasserstoff": ("Wasserstoff", "H2", "hydrogen", "Brennstoffzelle", "fuel cell", "Elektrolyse"),
    "gruendung": (
        "Gründung",
        "Gründer",
        "Gründerin",
        "Gründungszentrum",
        "Startup",
        "Start-up",
        "Existenzgründung",
        "founder",
        "Entrepreneurship",
        "Inkubator",
        "incubator",
        "Accelerator",
        "Ausgründung",
        "spin-off",
    ),
    "it_sicherheit": (
        "IT-Sicherheit",
        "Cybersicherheit",
        "Cybersecurity",
        "cyber security",
        "Informationssicherheit",
        "Datensicherheit",
    ),
    "logistik": ("Logistik", "logistics", "Intralogistik", "Materialfluss", "Supply Chain", "Lieferkette"),
    "digitalisierung": (
        "Digitalisierung",
        "digitalization",
        "digitale Transformation",
        "digital transformation",
        "digitalisation",
    ),
    "zwilling": ("digitaler Zwilling", "digitale Zwillinge", "digital twin"),
    "robotik": ("Robotik", "Roboter", "robotics", "robot", "Robotersysteme", "Rettungsrobotik"),
    "smart_city": ("Smart City", "Smart Cities", "smarte Stadt", "Stadt der Zukunft", "urbane Technologien"),
    "vr_ar": (
        "VR",
        "AR",
        "virtual reality",
        "augmented reality",
        "virtuelle Realität",
        "Mixed Reality",
        "erweiterte Realität",
    ),
    "blockchain": ("Blockchain", "Distributed Ledger"),
    "medizintechnik": (
        "Medizintechnik",
        "medical technology",
        "MedTech",
        "Medizinprodukte",
        "medical devices",
    ),
    "gesundheit": ("Gesundheitswirtschaft", "Gesundheit", "health", "healthcare", "Medizin"),
    "wirkstoff": (
        "Wirkstoffforschung",
        "Wirkstoff",
        "drug discovery",
        "Arzneimittel",
        "Pharma",
        "pharmaceutical",
        "Wirkstoffentwicklung",
    ),
    "kreislauf": ("Kreislaufwirtschaft", "circular economy", "Recycling", "Ressourceneffizienz"),
    "mobilitaet": ("Mobilität", "mobility", "Fahrzeug", "Fahrzeuge", "automotive", "vehicle", "Verkehr"),
    "vernetztes_fahrzeug": (
        "Infotainment",
        "connected car",
        "vernetztes Fahrzeug",
        "Car-to-X",
        "Fahrzeugdaten",
        "Fahrzeugvernetzung",
        "vernetzte Mobilität",
    ),
    "foerderung": (
        "Förderung",
        "Fördermittel",
        "Förderprogramm",
        "funding",
        "Zuschuss",
        "Zuschüsse",
        "Finanzierung",
        "Fonds",
        "financial support",
        "finanzielle Unterstützung",
    ),
    "qualifizierung": (
        "Qualifizierung",
        "Weiterbildung",
        "Fortbildung",
        "upskilling",
        "Fachkräfte",
        "Beschäftigte",
        "Bildungsscheck",
        "Personalentwicklung",
    ),
    "handwerk": ("Handwerk", "Handwerksbetrieb", "crafts", "craft business"),
    "kmu": ("KMU", "Mittelstand", "SME", "SMEs", "kleine und mittlere Unternehmen", "mittelständische"),
    "transfer": (
        "Technologietransfer",
        "Wissenstransfer",
        "Transfer",
        "technology transfer",
        "Transferzentrum",
    ),
    "druck3d": ("3D-Druck", "additive Fertigung", "additive manufacturing", "3D printing"),
    "materialien": ("neue Materialien", "Werkstoffe", "Materialforschung", "materials", "Werkstofftechnik"),
    "produktion": (
        "Produktion",
        "Industrie 4.0",
        "Smart Factory",
        "manufacturing",
        "Fertigung",
        "Produktionstechnologie",
        "urbane Produktion",
    ),
    "energie": ("Energie", "energy", "erneuerbare Energien", "Energiewende", "renewable energy"),
    "sport": ("Sport", "Spitzensport", "Amateursport", "Sportwirtschaft", "sports", "Sportvereine"),
    "veranstaltung": (
        "Veranstaltung",
        "Veranstaltungsreihe",
        "Event",
        "Events",
        "Konzert",
        "Festival",
        "Club",
        "Clubs",
        "Clubkultur",
        "Konferenz",
        "Messe",
        "conference",
    ),
    "gefahrenabwehr": (
        "Gefahrenabwehr",
        "Rettung",
        "Rettungseinsätze",
        "Katastrophenschutz",
        "Bevölkerungsschutz",
        "rescue",
        "civil protection",
        "emergency response",
    ),
    "software": ("Software", "Softwareentwicklung", "software engineering", "Systemtechnik"),
    "stadtentwicklung": ("Stadtentwicklung", "urban development", "Quartiersentwicklung", "Raumplanung"),
}

# Forms that name exactly the same field: what TOPIC records may be merged on. Stricter
# than CONCEPTS, whose groups also hold near neighbours (Smart Factory in "produktion").
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("KI", "Künstliche Intelligenz", "AI", "artificial intelligence"),
    ("maschinelles Lernen", "Machine Learning", "ML"),
    ("IT-Sicherheit", "Cybersicherheit", "Cybersecurity", "cyber security"),
    ("vorausschauende Wartung", "predictive maintenance"),
    ("Wasserstoff", "H2", "hydrogen"),
    ("digitaler Zwilling", "digitale Zwillinge", "digital twin"),
    ("3D-Druck", "3D printing", "additive Fertigung", "additive manufacturing"),
    ("Kreislaufwirtschaft", "circular economy"),
    ("Medizintechnik", "medical technology", "MedTech"),
    ("Smart City", "Smart Cities"),
    ("Digitalisierung", "digitalization", "digitalisation"),
    ("Mobilität", "mobility"),
    ("Logistik", "logistics"),
    ("Robotik", "robotics"),
    ("Wirkstoffforschung", "drug discovery"),
    ("Existenzgründung", "Gründung", "business start-up"),
    ("Technologietransfer", "technology transfer"),
    ("Datenräume", "Datenraum", "data space", "data spaces"),
)

RELATED: dict[str, tuple[str, ...]] = {
    "ki": ("ml", "data", "robotik"),
    "ml": ("ki", "data"),
    "data": ("ki", "ml", "datenraum"),
    "datenraum": ("data", "it_sicherheit"),
    "wartung": ("sensorik", "ki", "produktion"),
    "sensorik": ("wartung",),
    "gruendung": ("transfer",),
    "transfer": ("kmu", "gruendung"),
    "kmu": ("transfer",),
    "zwilling": ("produktion", "digitalisierung"),
    "smart_city": ("stadtentwicklung", "digitalisierung"),
    "stadtentwicklung": ("smart_city",),
    "druck3d": ("materialien", "produktion"),
    "materialien": ("druck3d",),
    "medizintechnik": ("gesundheit",),
    "gesundheit": ("medizintechnik", "wirkstoff"),
    "wirkstoff": ("gesundheit",),
    "mobilitaet": ("vernetztes_fahrzeug",),
    "vernetztes_fahrzeug": ("mobilitaet", "datenraum"),
    "qualifizierung": ("foerderung",),
    "handwerk": ("kmu",),
    "robotik": ("ki", "gefahrenabwehr"),
    "logistik": ("digitalisierung",),
}
RELATED_WEIGHT = 0.5
_SHORT = 3  # forms this short must match a whole token ("KI", "H2", "AR"), longer ones may sit in compounds


def _form_tokens(form: str) -> tuple[str, ...]:
    return tuple(nz.stem(t) for t in nz.fold(form).split() if t not in nz.STOPWORDS)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, tuple[str, ...], str]]:
    """(concept, stemmed tokens of a form, the form) for every form, longest first."""
    out = [(cid, _form_tokens(form), form) for cid, forms in CONCEPTS.items() for form in forms]
    return sorted((p for p in out if p[1]), key=lambda p: -sum(len(t) for t in p[1]))


@lru_cache(maxsize=1)
def _whole_forms() -> dict[str, str]:
    return {" ".join(tokens): cid for cid, tokens, _ in _patterns()}


@lru_cache(maxsize=1)
def _synonym_forms() -> dict[str, str]:
    return {" ".join(_form_tokens(f)): group[0] for group in SYNONYMS for f in group}


def concept_ids(forms: Iterable[str]) -> set[str]:
    """Concepts that one of these forms names as a whole ("Künstlicher Intelligenz" -> ki)."""
    table = _whole_forms()
    return {table[k] for k in (" ".join(_form_tokens(f)) for f in forms) if k in table}


def synonym_ids(forms: Iterable[str]) -> set[str]:
    """Strict synonym groups that one of these forms names ("Machine-Learning" -> the ML group)."""
    table = _synonym_forms()
    return {table[k] for k in (" ".join(_form_tokens(f)) for f in forms) if k in table}


def _token_hit(form_tok: str, tok: str) -> bool:
    if form_tok == tok:
        return True
    if len(form_tok) <= _SHORT:
        # Short tokens keep their plural -s, which stemming leaves alone ("Start-ups", "KMUs").
        return tok == form_tok + "s"
    # German compounds: "Wasserstoffwirtschaft", "Intralogistik", "Cybersicherheit".
    # A form inside a compound stands at its start or its end, never in the middle
    # ("Transportmethoden" does not mention "Sport").
    return len(form_tok) > _SHORT and (tok.startswith(form_tok) or tok.endswith(form_tok))


@lru_cache(maxsize=1)
def _by_first_token() -> dict[str, list[tuple[str, tuple[str, ...], str]]]:
    index: dict[str, list[tuple[str, tuple[str, ...], str]]] = {}
    for pattern in _patterns():
        index.setdefault(pattern[1][0], []).append(pattern)
    return index


@lru_cache(maxsize=200_000)
def _hits(tok: str) -> tuple[str, ...]:
    """Form tokens that a text token matches (cached: vocabularies repeat)."""
    return tuple(ft for ft in _by_first_token() if _token_hit(ft, tok))


def text_tokens(text: str) -> list[str]:
    return [nz.stem(t) for t in nz.fold(text).split() if t not in nz.STOPWORDS]


def find_concepts(text: str) -> dict[str, str]:
    """Concepts mentioned in a text, each with the first form that matched it."""
    toks = text_tokens(text)
    index = _by_first_token()
    found: dict[str, str] = {}
    for i, tok in enumerate(toks):
        for first in _hits(tok):
            for cid, ftoks, form in index[first]:
                if cid in found or i + len(ftoks) > len(toks):
                    continue
                if all(_token_hit(ftoks[j], toks[i + j]) for j in range(1, len(ftoks))):
                    found[cid] = form
    return found


def expand(concepts: Iterable[str]) -> dict[str, float]:
    """Concept weights of a need: named concepts 1.0, their neighbours RELATED_WEIGHT."""
    weights = {c: 1.0 for c in concepts}
    for c in list(weights):
        for rel in RELATED.get(c, ()):
            weights.setdefault(rel, RELATED_WEIGHT)
    return weights


# English names of the concepts whose first written form is German (for English reasons).
ENGLISH_LABELS: dict[str, str] = {
    "ki": "artificial intelligence",
    "ml": "machine learning",
    "datenraum": "data spaces",
    "wartung": "predictive maintenance",
    "sensorik": "sensors",
    "wasserstoff": "hydrogen",
    "gruendung": "business start-up",
    "it_sicherheit": "cyber security",
    "logistik": "logistics",
    "digitalisierung": "digitalisation",
    "zwilling": "digital twin",
    "robotik": "robotics",
    "vr_ar": "virtual and augmented reality",
    "medizintechnik": "medical technology",
    "gesundheit": "health",
    "wirkstoff": "drug discovery",
    "kreislauf": "circular economy",
    "mobilitaet": "mobility",
    "vernetztes_fahrzeug": "connected vehicles",
    "foerderung": "funding",
    "qualifizierung": "training and upskilling",
    "handwerk": "crafts",
    "kmu": "SMEs",
    "transfer": "technology transfer",
    "druck3d": "3D printing",
    "materialien": "new materials",
    "produktion": "manufacturing",
    "energie": "energy",
    "sport": "sport",
    "veranstaltung": "events",
    "gefahrenabwehr": "civil protection and rescue",
    "stadtentwicklung": "urban development",
}


def label(concept: str, lang: str = "de") -> str:
    """A readable name for a concept: its first written form, or its English name."""
    if lang == "en" and concept in ENGLISH_LABELS:
        return ENGLISH_LABELS[concept]
    return CONCEPTS[concept][0]
