"""Document-level relations for ``hafen.relations.v1``: what names and entity attributes state.

"Kompetenzzentrum für Wasserstoff" focuses on Wasserstoff, "Bosch Innovationswerkstatt" is
run by Bosch, and the person roles found by the entity stage give ``works_for``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hafen.document import Document, Entity, Relation
from hafen.extract import relation_patterns as P
from hafen.extract.relation_context import LinkedMention


@lru_cache(maxsize=4096)
def _word_re(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


# "Zentrum für Y" focuses on the topic Y, "Labor in Z" lies in the place Z
_NAME_CUES = (
    ("TOPIC", "focuses_on", P.NAME_TOPIC, "name_topic"),
    ("PLACE", "located_in", P.NAME_PLACE, "name_place"),
)


def name_relations(doc: Document, ments: list[LinkedMention]) -> list[Relation]:
    """Relations inside a name: "Kompetenzzentrum für Maschinelles Lernen" focuses on that topic,
    "Wilo Smart Factory" is run by Wilo."""
    forms: dict[str, list[tuple[str, str]]] = {"TOPIC": [], "PLACE": []}
    for e in doc.entities:
        if e.type in forms:
            forms[e.type].extend((f, e.key) for f in {e.name, *e.aliases} if len(f) > 2)
    first: dict[str, LinkedMention] = {}
    for m in ments:
        first.setdefault(m.key, m)
    place_forms = {f.casefold() for f, _ in forms["PLACE"]}
    # the candidates of each prefix or suffix test, by the character a match must start or end
    # with (in their original order, so relations come out as before)
    topic_folded: dict[str, list[tuple[str, str, str]]] = {}
    for f, k in forms["TOPIC"]:
        folded_form = f.casefold()
        topic_folded.setdefault(folded_form[:1], []).append((f, k, folded_form))
    orgs = [e for e in doc.entities if e.type == "ORG"]
    unnamed_org = any(not org.name for org in orgs)  # "" ends every name: no grouping then
    orgs_by_last: dict[str, list[Entity]] = {}
    for org in orgs:
        orgs_by_last.setdefault(org.name[-1:], []).append(org)
    orgs_folded: dict[str, list[tuple[Entity, str]]] = {}
    for org in orgs:
        org_folded = org.name.casefold() + " "
        orgs_folded.setdefault(org_folded[:1], []).append((org, org_folded))
    out: list[Relation] = []

    def emit(head: str, rel: str, tail: str, m: LinkedMention, family: str) -> None:
        out.append(
            Relation(
                head, rel, tail, m.start, m.end, method=f"pattern:{family}", confidence=P.CONFIDENCE[family]
            )
        )

    for e in doc.entities:
        if e.type not in {"ORG", "PROJECT", "EVENT"} or e.key not in first:
            continue
        m = first[e.key]
        for name in {e.name, *e.aliases}:
            for typ, rel, cue, family in _NAME_CUES:
                for form, key in forms[typ]:
                    if form not in name:
                        continue  # cheap test before the regex: most pairs share nothing
                    for hit in _word_re(form).finditer(name):
                        if cue.search(name[: hit.start()]) and key != e.key:
                            emit(e.key, rel, key, m, family)
            folded = name.casefold()
            for form, key, form_folded in topic_folded.get(folded[:1], ()):
                if key != e.key and folded.startswith(form_folded):
                    rest = name[len(form) :]
                    if rest and P.COMPOUND_HEAD.match(rest):
                        emit(e.key, "focuses_on", key, m, "name_compound")
            # "Centrum für Entrepreneurship der TU Dortmund"
            for org in orgs if unnamed_org else orgs_by_last.get(name[-1:], ()):
                if (
                    org.key != e.key
                    and name.endswith(org.name)
                    and P.GENITIVE_END.search(name[: len(name) - len(org.name)])
                ):
                    rel = "part_of" if e.type == "ORG" else "organizes"
                    head, tail = (e.key, org.key) if rel == "part_of" else (org.key, e.key)
                    emit(head, rel, tail, m, "name_genitive")
            if e.type in {"PROJECT", "EVENT"}:
                # canonical names only: aliases are noisier
                for org, org_folded in orgs_folded.get(folded[:1], ()):
                    if folded.startswith(org_folded):
                        rest = name[len(org.name) :].strip()
                        if rest.casefold() not in place_forms:
                            emit(org.key, "organizes", e.key, m, "name_prefix")
    return out


def role_relations(doc: Document, ments: list[LinkedMention]) -> list[Relation]:
    """works_for from the person roles the entity stage found."""
    out = []
    for ent in doc.entities:
        if ent.type != "PERSON":
            continue
        for role in ent.attrs.get("roles", []) or []:
            span = role.get("org_mention")
            if not span:
                continue
            org = next((m for m in ments if m.start < span[1] and span[0] < m.end and m.type == "ORG"), None)
            if org is None:
                continue
            start, end = role.get("span") or span
            out.append(
                Relation(
                    ent.key,
                    "works_for",
                    org.key,
                    start,
                    end,
                    role=role.get("role"),
                    method="role_attr",
                    confidence=P.CONFIDENCE["role_attr"],
                )
            )
    return out


def _demonyms(place: str) -> set[str]:
    """German place adjectives: Dortmund → Dortmunder, Bremen → Bremer, Halle → Haller."""
    out = {place + "er"}
    if place.endswith("en"):
        out.add(place[:-2] + "er")
    if place.endswith("e"):
        out.add(place + "r")
    return out


def place_adjective_relations(doc: Document, ments: list[LinkedMention]) -> list[Relation]:
    """ "das Kieler Institut X", "die Bremer Y GmbH": an actor named with a place adjective lies there."""
    adjectives: dict[str, str] = {}
    for e in doc.entities:
        if e.type == "PLACE" and e.subtype in (None, "city"):
            for form in {e.name, *e.aliases}:
                if " " not in form and len(form) > 2:
                    for adj in _demonyms(form):
                        adjectives.setdefault(adj, e.key)
    if not adjectives:
        return []
    text = doc.text
    out: list[Relation] = []
    for m in ments:
        if m.type not in {"ORG", "EVENT"}:  # a plan named after a city ("Kieler Modell") is no site
            continue
        first = text[m.start : m.end].split(" ", 1)[0]
        place = adjectives.get(first) or (
            adjectives.get(_word_before(text, m.start)) if text[m.start - 1 : m.start] == " " else None
        )
        if place is not None:
            conf = P.CONFIDENCE["place_adjective"]
            out.append(
                Relation(
                    m.key,
                    "located_in",
                    place,
                    m.start,
                    m.end,
                    method="pattern:place_adjective",
                    confidence=conf,
                )
            )
    return out


def _word_before(text: str, pos: int) -> str:
    return text[max(0, pos - 30) : pos].rstrip(" ").rsplit(" ", 1)[-1]


# The labelled lines of an event notice: "Ort: …", "Veranstalter: …" (German and English)
_PLACE_LINE = re.compile(r"(?im)^[ \t]*(?:Ort|Veranstaltungsort|Wo|Location|Venue|Where)[ \t]*:[ \t]*")
_HOST_LINE = re.compile(
    r"(?im)^[ \t]*(?:Veranstalter(?:in|innen)?|Ausrichter(?:in)?|Organisator(?:in|en)?|Gastgeber(?:in)?|Wer|"
    r"Organi[sz]er|Organi[sz]ed\s+by|Host(?:ed\s+by)?)[ \t]*:[ \t]*"
)
_EVENT_REACH = 600  # how far above its labelled lines an event notice names the event


def event_info_relations(doc: Document, ments: list[LinkedMention]) -> list[Relation]:
    """An event notice's labelled lines: "Ort: X" places the event, "Veranstalter: A und B" run it.

    The event is the nearest one named above the line; the place must open the line (a place
    further on is usually part of an address or of an unrecognised venue name).
    """
    events = [m for m in ments if m.type == "EVENT"]
    if not events:
        return []
    out: list[Relation] = []
    text = doc.text
    for pattern, rel in ((_PLACE_LINE, "located_in"), (_HOST_LINE, "organizes")):
        for label in pattern.finditer(text):
            at = label.start()
            above = [e for e in events if e.end <= at and at - e.end <= _EVENT_REACH]
            if not above:
                continue
            event = above[-1]
            end = text.find("\n", label.end())
            end = len(text) if end < 0 else end
            line = [m for m in ments if label.end() <= m.start and m.end <= end]
            if rel == "located_in":
                found = [m for m in line[:1] if m.type == "PLACE" and m.start == label.end()]
                pairs = [(event.key, m.key) for m in found]
            else:
                pairs = [(m.key, event.key) for m in line if m.type == "ORG"]
            conf = P.CONFIDENCE["event_info"]
            for head, tail in pairs:
                out.append(
                    Relation(
                        head, rel, tail, label.start(), end, method="pattern:event_info", confidence=conf
                    )
                )
    return out
