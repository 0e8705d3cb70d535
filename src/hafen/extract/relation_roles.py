"""Person roles for ``hafen.relations.v1``: ``works_for`` with the role the text gives.

"Heike Marzen, Geschäftsführerin der Wirtschaftsförderung Dortmund", "WEG-Geschäftsführer
Rouven Beeck", "Prof. Y von der Z", "P, der bei der Stadt X verantwortlich ist für …".
"""

from __future__ import annotations

import re

from hafen.document import Document, Relation
from hafen.extract import relation_patterns as P
from hafen.extract.relation_context import LinkedMention, SentenceContext

# The gaps roles_between reads, compiled once (it runs for every pair of neighbouring mentions)
_COMPOUND_ROLE = re.compile(rf"^-({P.ROLE})\s+$")
_WITH_ROLE = re.compile(
    rf"^\s*mit\s+(?:dem|der|ihrem|seinem|ihrer|seiner)\s+({P.ROLE}(?:\s+und\s+{P.ROLE})?)\s+$"
)
_APPOSITION_ROLE = re.compile(
    rf"^\s*,\s*(?:{P.ART}\s+)?({P.ADJ}?{P.ROLE}(?:\s+und\s+{P.ROLE})?)\s+"
    r"(?:der|des|bei\s+der|beim|bei\s+dem|von\s+der|vom|im|am|für\s+die|für\s+den)\s+"
    rf"{P.ADJ}?$"
)
_CLAUSE_AT = re.compile(r"^\s*,\s*(?:der|die)\s+(?:bei\s+der|beim|bei\s+dem|im|in\s+der)\s+$")
_CLAUSE_VERB = re.compile(r"\s+(?:als\s+)?([\w ]*?)\s*(?:ist|arbeitet|tätig)\b")
_CLAUSE_DUTY = re.compile(r"\s+(?:arbeitet|tätig|verantwortlich|zuständig)")
_TITLE_VON = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:von\s+der|vom|von\s+dem|von)\s+$")
_COMMA_ONLY = re.compile(r"^\s*,?\s*$")
_ROLE_BEFORE = re.compile(rf"\b({P.ROLE})\s+(?:der|des|bei\s+der|beim|vom|von\s+der)\s+{P.ADJ}?$")


def roles_between(s: SentenceContext, i: int) -> None:
    """``works_for`` stated between the neighbouring mentions ``i`` and ``i + 1``."""
    a, b = s.ments[i], s.ments[i + 1]
    gap = s.gap(i, i + 1)
    # "WEG-Geschäftsführer Rouven Beeck"
    if a.type == "ORG" and b.type == "PERSON":
        m = _COMPOUND_ROLE.match(gap)
        if m:
            s.add(b, "works_for", a, "role_compound", role=m.group(1))
        # "der Chor und das Ensemble mit dem Intendanten und Leiter Thomas Hengelbrock"
        m = _WITH_ROLE.match(gap)
        if m:
            with_role = _nominative_role(m.group(1))
            s.add(b, "works_for", a, "role_with", role=with_role)
            k = i
            while k > 0 and s.ments[k - 1].type == "ORG" and P.COORD_GAP.match(s.gap(k - 1, k)):
                s.add(b, "works_for", s.ments[k - 1], "role_with", role=with_role)
                k -= 1
    # "Heike Marzen, Geschäftsführerin der Wirtschaftsförderung Dortmund"
    if a.type == "PERSON" and b.type == "ORG":
        m = _APPOSITION_ROLE.match(gap)
        if m:
            s.add(a, "works_for", b, "role_apposition", role=m.group(1).strip())
        m = P.UNIT_ROLE.match(gap)
        if m:
            s.add(a, "works_for", b, "role_unit", role=m.group(1).strip())
        m = _CLAUSE_AT.match(gap)
        if m:
            tail = s.text[b.end : b.end + 60]
            v = _CLAUSE_VERB.match(tail)
            if v or _CLAUSE_DUTY.match(tail):
                role = _clause_role(s.text[b.end : s.end])
                s.add(a, "works_for", b, "role_clause", role=role)
        title = P.TITLE_RE.search(s.text[max(s.start, a.start - 20) : a.end])
        if title and _TITLE_VON.match(gap):
            s.add(a, "works_for", b, "title_von", role=title.group(0).strip())
    # "der Intendant des Dortmunder Konzerthauses, Raphael von Hoensbroech"
    if a.type == "ORG" and b.type == "PERSON" and _COMMA_ONLY.match(gap):
        lead = s.text[max(s.start, a.start - 60) : a.start]
        m = _ROLE_BEFORE.search(lead)
        if m:
            s.add(b, "works_for", a, "role_before", role=m.group(1))


def _nominative_role(role: str) -> str:
    """ "Intendanten und Leiter" → "Intendant und Leiter": drop the weak-noun dative "-en"."""
    return " ".join(re.sub(r"(ant|ent|ist|or)en$", r"\1", w) for w in role.split())


def _clause_role(rest: str) -> str | None:
    m = re.match(r"\s*(?:als\s+)?(?:ist\s+)?(verantwortlich|zuständig)\s+(?:ist\s+)?(für\s+[^,.;]+)", rest)
    if m:
        return f"{m.group(1)} {m.group(2)}".strip()
    return None


# The first line of a contact block or byline: "Pressekontakt:", "Ansprechpartnerin", "Autorin: …"
_CONTACT_HEAD = re.compile(
    r"^\W*(?:Presse)?(?:[Kk]ontakt|[Aa]nsprechpartner(?:in|\*in|:in)?|Autor(?:in|\*in|:in)?|"
    r"Verfasser(?:in)?)\b\s*:?"
)


def contact_relations(doc: Document, ments: list[LinkedMention]) -> list[Relation]:
    """``works_for`` from a contact block or byline naming people and one organisation.

    "Ansprechpartnerin:\\nDr. Jana Nowak\\nHochschule Wismar": the people of the block work for
    the one organisation it names; a block with several organisations says nothing.
    """
    text = doc.text
    out: list[Relation] = []
    for head in re.finditer(r"(?m)^.*$", text):
        line = head.group(0)
        if not line.strip() or len(line) > 80 or not _CONTACT_HEAD.match(line):
            continue
        end = text.find("\n\n", head.start())
        end = len(text) if end < 0 else end
        end = min(end, _nth_line_end(text, head.start(), 6))
        if any(len(x) > 120 for x in text[head.start() : end].split("\n")):
            continue  # running text, not a block of short contact lines
        inside = [m for m in ments if head.start() <= m.start and m.end <= end]
        orgs = {m.key for m in inside if m.type == "ORG"}
        people = [m for m in inside if m.type == "PERSON"]
        if len(orgs) != 1 or not people:
            continue
        (org,) = orgs
        for p in people:
            conf = P.CONFIDENCE["contact_block"]
            out.append(
                Relation(
                    p.key,
                    "works_for",
                    org,
                    head.start(),
                    end,
                    method="pattern:contact_block",
                    confidence=conf,
                )
            )
    return out


def _nth_line_end(text: str, start: int, n: int) -> int:
    pos = start
    for _ in range(n):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos - 1
