"""Document-level relations for ``hafen.relations.v1``: what names and entity attributes state.

"Kompetenzzentrum für Wasserstoff" focuses on Wasserstoff, "Bosch Innovationswerkstatt" is
run by Bosch, and the person roles found by the entity stage give ``works_for``.
"""

from __future__ import annotations

import re

from hafen.document import Document, Relation
from hafen.extract import relation_patterns as P
from hafen.extract.relation_context import LinkedMention


def name_relations(doc: Document, ments: list[LinkedMention]) -> list[Relation]:
    """Relations inside a name: "Kompetenzzentrum für Maschinelles Lernen" focuses on that topic,
    "Wilo Smart Factory" is run by Wilo."""
    forms: dict[str, list[tuple[str, str]]] = {"TOPIC": [], "PLACE": [], "ORG": []}
    for e in doc.entities:
        if e.type in forms:
            forms[e.type].extend((f, e.key) for f in {e.name, *e.aliases} if len(f) > 2)
    first: dict[str, LinkedMention] = {}
    for m in ments:
        first.setdefault(m.key, m)
    place_forms = {f.casefold() for f, _ in forms["PLACE"]}
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
            for typ, rel, cue, family in (
                ("TOPIC", "focuses_on", P.NAME_TOPIC, "name_topic"),
                ("PLACE", "located_in", P.NAME_PLACE, "name_place"),
            ):
                for form, key in forms[typ]:
                    if form not in name:
                        continue  # cheap test before the regex: most pairs share nothing
                    for hit in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", name):
                        if cue.search(name[: hit.start()]) and key != e.key:
                            emit(e.key, rel, key, m, family)
            for form, key in forms["TOPIC"]:
                if key != e.key and name.casefold().startswith(form.casefold()):
                    rest = name[len(form) :]
                    if rest and P.COMPOUND_HEAD.match(rest):
                        emit(e.key, "focuses_on", key, m, "name_compound")
            for org in doc.entities:  # "Centrum für Entrepreneurship der TU Dortmund"
                if (
                    org.type == "ORG"
                    and org.key != e.key
                    and re.search(rf"\s(?:der|des)\s+{re.escape(org.name)}$", name)
                ):
                    rel = "part_of" if e.type == "ORG" else "organizes"
                    head, tail = (e.key, org.key) if rel == "part_of" else (org.key, e.key)
                    emit(head, rel, tail, m, "name_genitive")
            if e.type in {"PROJECT", "EVENT"}:
                for org in doc.entities:  # canonical names only: aliases are noisier
                    rest = name[len(org.name) :].strip()
                    if (
                        org.type == "ORG"
                        and name.casefold().startswith(org.name.casefold() + " ")
                        and rest.casefold() not in place_forms
                    ):
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
