"""What a need asks for beyond its words: roles, types, places; and what role an actor plays."""

from __future__ import annotations

from hafen.match.profiles import Profile
from hafen.resolve import normalize as nz

ROLES = ("research", "company", "network", "public", "facility", "event")

# Word starts (folded, stemmed) in a need that ask for a kind of actor.
NEED_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "research": ("forsch", "research", "wissenschaft", "institut", "hochschul", "universit", "scien"),
    "network": ("netzwerk", "network", "communit", "cluster", "verband", "verein", "association"),
    "public": ("beratung", "foerder", "funding", "advice", "finanziell", "behoerd", "wirtschaftsfoerder"),
    "facility": (
        "zentrum",
        "center",
        "centre",
        "inkubator",
        "incubator",
        "flaech",
        "raeum",
        "labor",
        "campus",
        "werkstatt",
        "space",
        "transferzentrum",
        "kompetenzzentrum",
    ),
    "event": (
        "veranstaltung",
        "event",
        "konferenz",
        "messe",
        "treff",
        "zusammenkomm",
        "conference",
        "meetup",
    ),
    "company": (
        "hersteller",
        "anbieter",
        "dienstleister",
        "industriepartner",
        "firma",
        "company",
        "supplier",
        "provider",
        "manufacturer",
    ),
}
# Name words that reveal the role of an actor whose subtype is unknown.
NAME_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "research": (
        "institut",
        "universit",
        "hochschul",
        "fachhochschul",
        "forschung",
        "research",
        "fraunhofer",
        "akademie",
        "technisch",
    ),
    "company": ("gmbh", "ag", "kg", "se", "inc", "ltd", "werke", "konzern"),
    "network": (
        "netzwerk",
        "network",
        "cluster",
        "verband",
        "verein",
        "initiative",
        "allianz",
        "arbeitskreis",
    ),
    "public": (
        "stadt",
        "kreis",
        "ministerium",
        "agentur",
        "kammer",
        "amt",
        "bank",
        "wirtschaftsfoerderung",
        "regionalagentur",
        "landes",
        "bundes",
    ),
    "facility": (
        "zentrum",
        "center",
        "centrum",
        "campus",
        "hub",
        "labor",
        "lab",
        "werkbank",
        "factory",
        "inkubator",
        "fabrik",
        "port",
    ),
}
ORG_SUBTYPE_ROLE = {
    "university": "research",
    "research": "research",
    "company": "company",
    "network": "network",
    "public": "public",
}
# Need words that say nothing about the subject ("Wir suchen einen Partner").
NEED_STOPWORDS = frozenset(
    [
        "wir",
        "sind",
        "suchen",
        "sucht",
        "gesucht",
        "suche",
        "wollen",
        "brauchen",
        "moechten",
        "koennen",
        "welche",
        "welcher",
        "wo",
        "wie",
        "was",
        "unser",
        "unsere",
        "unseren",
        "einen",
        "eine",
        "einem",
        "ein",
        "partner",
        "neue",
        "neuen",
        "bereich",
        "zugang",
        "gemeinsam",
        "konkrete",
        "we",
        "are",
        "looking",
        "need",
        "want",
        "seek",
        "who",
        "which",
        "where",
        "our",
        "new",
        "help",
        "with",
    ]
)
# Base weight of each type: organisations first; projects and events when they are the
# place to go; places only when they are sites one can go to; topics are not actors.
TYPE_PRIOR = {"ORG": 1.0, "PROJECT": 0.9, "EVENT": 0.6, "PERSON": 0.5, "TOPIC": 0.0}
PLACE_PRIOR = {"site": 0.6, "city": 0.15, "region": 0.15}
EVENT_WANTED_PRIOR = 1.0
# A need for contacts, a community or a network is also served by the events where that
# community meets (kick-offs, meetups, fairs): events count almost as much as actors then.
EVENT_NETWORKING_PRIOR = 0.85


COMPOUND_HEAD = 6  # shorter role words ("raeum", "labor") end too many unrelated compounds


def _tokens(text: str) -> list[str]:
    return [nz.stem(t) for t in nz.fold(text).split()]


# Verbs that open what a need asks for; the words before them describe who asks
# ("Wir sind ein Pumpenhersteller und suchen einen Forschungspartner"). Folded, unstemmed.
SEEK_VERBS = frozenset(
    [
        "suche",
        "suchen",
        "sucht",
        "brauche",
        "brauchen",
        "braucht",
        "benoetige",
        "benoetigen",
        "benoetigt",
        "looking",
        "seek",
        "seeks",
        "seeking",
        "need",
        "needs",
    ]
)


def sought_part(need: str) -> str:
    """The part of a need after its first seek verb: what is asked for, not who asks."""
    words = need.split()
    for i, w in enumerate(words):
        if nz.fold(w) in SEEK_VERBS and i + 1 < len(words):
            return " ".join(words[i + 1 :])
    return need


def need_roles(need: str) -> set[str]:
    """Roles a need asks for ("Forschungspartner" -> research, "Netzwerk" -> network).

    A role word in the self-description before the seek verb ("Wir sind ein Hersteller und
    suchen …") says who asks, not whom they want, and is ignored.
    """
    folded = nz.fold(sought_part(need)).split()
    toks = [*folded, *(nz.stem(t) for t in folded)]
    wanted = set()
    for role, words in NEED_ROLE_WORDS.items():
        if any(_asks_for(t, w) for t in toks for w in words):
            wanted.add(role)
    return wanted


def _asks_for(token: str, word: str) -> bool:
    """A need word names a role word: at its start ("Forschungspartner"), or as the head of a
    compound, which German writes last ("Pumpenhersteller", "Gründungszentrum")."""
    return token.startswith(word) or (len(word) >= COMPOUND_HEAD and token.endswith(nz.stem(word)))


def serving_roles(wanted: set[str]) -> set[str]:
    """Roles of the actors that serve a need: a network is also met at its events."""
    return wanted | {"event"} if "network" in wanted else set(wanted)


def role_of(profile: Profile) -> str | None:
    """The role an actor plays in a consortium, from its type, subtype or name."""
    if profile.type == "EVENT":
        return "event"
    if profile.type == "PLACE":
        return "facility" if profile.subtype == "site" else None
    if profile.type == "ORG" and profile.subtype in ORG_SUBTYPE_ROLE:
        return ORG_SUBTYPE_ROLE[profile.subtype]
    words = nz.fold(" ".join(profile.forms)).split()
    order = (
        ("facility", "research", "network", "public")
        if profile.type == "PROJECT"
        else ("research", "network", "public", "company", "facility")
    )
    for role in order:
        for w in NAME_ROLE_WORDS[role]:
            if any(t == w or (len(w) >= 4 and (t.startswith(w) or t.endswith(w))) for t in words):
                return role
    if profile.type == "PROJECT":
        return "public"  # a named programme or plan: run by someone public, a door to ask at
    return "company" if profile.type == "ORG" and profile.subtype == "company" else None


def type_prior(profile: Profile, wants_event: bool, wants_network: bool = False) -> float:
    if profile.type == "PLACE":
        return PLACE_PRIOR.get(profile.subtype or "", 0.15)
    if profile.type == "EVENT" and wants_event:
        return EVENT_WANTED_PRIOR
    if profile.type == "EVENT" and wants_network:
        return EVENT_NETWORKING_PRIOR
    return TYPE_PRIOR.get(profile.type, 0.5)


def embedding_text(need: str) -> str:
    """The need as embedded: request boilerplate and function words dropped.

    The query embedding costs ~2 ms per token on one core; "Wir sind ein Pumpenhersteller
    und suchen einen Forschungspartner für …" keeps its subject in half the tokens. A need
    left with fewer than two words is embedded as written.
    """
    kept = [
        w
        for w in need.split()
        if (f := nz.fold(w.strip(".,;:!?()\"'„“"))) and f not in NEED_STOPWORDS and f not in nz.STOPWORDS
    ]
    return " ".join(kept) if len(kept) >= 2 else need


def place_tokens(names: tuple[str, ...] | list[str]) -> set[str]:
    """Identity tokens of place names ("Dortmunder" and "Dortmund" agree)."""
    out: set[str] = set()
    for name in names:
        out |= {t for t in nz.content_tokens(name) if t not in nz.GENERIC_WORDS and len(t) >= 3}
    return out
