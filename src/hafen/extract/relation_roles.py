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
# a role's field: "Vizepräsident für Transfer", "Leiter Innovation und Technologie"
_FIELD = r"(?:\s+(?:für\s+)?[A-ZÄÖÜ][\wäöüß-]+(?:\s+und\s+[A-ZÄÖÜ][\wäöüß-]+)?)?"
_APPOSITION_ROLE = re.compile(
    rf"^\s*,\s*(?:{P.ART}\s+)?({P.ADJ}?{P.ROLE}(?:\s+und\s+{P.ROLE})?{_FIELD})\s+"
    r"(?:der|des|bei\s+der|beim|bei\s+dem|bei|von\s+der|vom|von|im|am|für\s+die|für\s+den|of|at)\s+"
    rf"{P.ADJ}?$"
)
# a contact line: "Dr. Tobias Maier-Lenz, Leiter Innovation und Technologie, IHK Region Stuttgart"
_CONTACT_ROLE = re.compile(rf"^\s*,\s*({P.ROLE}{_FIELD})\s*,\s*$")
_CLAUSE_AT = re.compile(r"^\s*,\s*(?:der|die)\s+(?:bei\s+der|beim|bei\s+dem|im|in\s+der)\s+$")
_CLAUSE_VERB = re.compile(r"\s+(?:als\s+)?([\w ]*?)\s*(?:ist|arbeitet|tätig)\b")
_CLAUSE_DUTY = re.compile(r"\s+(?:arbeitet|tätig|verantwortlich|zuständig)")
_TITLE_VON = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:von\s+der|vom|von\s+dem|von)\s+$")
_COMMA_ONLY = re.compile(r"^\s*,?\s*$")
_OPEN_BRACKET = re.compile(r"^[ \t]*\([ \t]*$")
_WITH_PARTNER = re.compile(r"^\s+(?:mit|und|sowie)\s+(?:der|dem|den|die|das)?\s*$")
_LISTED_WITH = re.compile(r"^(?:,[ \t]*|[ \t]*\([ \t]*)$")
# the organisation closes the bracket or the line (an abbreviation may follow it)
_LISTED_END = re.compile(r"(?:[ \t]+[A-ZÄÖÜ]{2,6})?[ \t]*(?:\)|\n|$)")
_PLACE_AFTER = re.compile(r"^,[ \t]*$")
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
        m = _CONTACT_ROLE.match(gap)
        if m:
            s.add(a, "works_for", b, "role_contact", role=m.group(1).strip())
        m = _CLAUSE_AT.match(gap)
        if m:
            tail = s.text[b.end : b.end + 60]
            v = _CLAUSE_VERB.match(tail)
            if v or _CLAUSE_DUTY.match(tail):
                role = _clause_role(s.text[b.end : s.end])
                s.add(a, "works_for", b, "role_clause", role=role)
        if _LISTED_WITH.match(gap):
            place = _listed_place(s, i + 1)
            if place is not None:
                # "Lukas Hüsing (Hüsing Kunststofftechnik GmbH & Co. KG, Ahlen)": the firm and its town
                s.add(a, "works_for", b, "role_listed")
                s.add(b, "located_in", place, "listed_place")
            elif _LISTED_END.match(s.text, b.end):
                # a speaker list: "Dr. Anneke Rüther, bremenports GmbH", "Claudia Ahlers (Lloyd Werft GmbH)"
                s.add(a, "works_for", b, "role_listed")
        title = P.TITLE_RE.search(s.text[max(s.start, a.start - 20) : a.end])
        if title and _TITLE_VON.match(gap):
            s.add(a, "works_for", b, "title_von", role=title.group(0).strip())
    # "- SmartDock Elbe (Hafen Magdeburg GmbH): …": a list of projects, each with its holder
    if a.type == "PROJECT" and b.type == "ORG" and _OPEN_BRACKET.match(gap):
        _bracket_holders(s, i + 1)
    # "der Intendant des Dortmunder Konzerthauses, Raphael von Hoensbroech"
    if a.type == "ORG" and b.type == "PERSON" and _COMMA_ONLY.match(gap):
        lead = s.text[max(s.start, a.start - 60) : a.start]
        m = _ROLE_BEFORE.search(lead)
        if m:
            s.add(b, "works_for", a, "role_before", role=m.group(1))


def _listed_place(s: SentenceContext, j: int) -> LinkedMention | None:
    """The town after the organisation ``j`` of a speaker list entry, closing it: ", Ahlen)"."""
    if j + 1 >= len(s.ments) or s.ments[j + 1].type != "PLACE" or not _PLACE_AFTER.match(s.gap(j, j + 1)):
        return None
    place = s.ments[j + 1]
    return place if _LISTED_END.match(s.text, place.end) else None


def _bracket_holders(s: SentenceContext, j: int) -> None:
    """The organisations in "Projekt (X mit der Y)" develop the project; X and Y cooperate."""
    project, holders = s.ments[j - 1], [s.ments[j]]
    while j + 1 < len(s.ments) and s.ments[j + 1].type == "ORG" and _WITH_PARTNER.match(s.gap(j, j + 1)):
        j += 1
        holders.append(s.ments[j])
    if not _LISTED_END.match(s.text, s.ments[j].end) or s.text[s.ments[j].end : s.end].find(")") < 0:
        return  # not a closed bracket naming organisations only
    for org in holders:
        s.add(org, "develops", project, "bracket_holder")
    for k, org in enumerate(holders):
        for other in holders[k + 1 :]:
            s.add(org, "cooperates_with", other, "bracket_holder")


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


# "Beteiligt sind das X in Rostock und die Firma Y": the partners of the project just named
_PARTICIPANTS = re.compile(
    r"\b(?:[Bb]eteiligt\s+(?:ist|sind|war|waren)|(?:[Aa]lso\s+)?[Ii]nvolved\s+(?:is|are))\s+"
    r"(?:(?:auch|außerdem|zudem|ferner|ebenfalls|also)\s+)?"
)
# "Involved" starts a word whether or not "Also" comes first
_PARTICIPANTS_KEYS = P.word_keys("Beteiligt beteiligt Involved involved")
_PROJECT_REACH = 400  # how far back the project the partners join may be named


def participants(s: SentenceContext) -> None:
    """ "Beteiligt ist auch das Fraunhofer-Institut …": the listed organisations develop the project.

    The project is the nearest one named before the cue, in this sentence or shortly before;
    without a project nothing is said ("beteiligt sind außerdem" in a funding round).
    """
    for cue in s.cues(_PARTICIPANTS, _PARTICIPANTS_KEYS):
        orgs = _listed(s, cue.end())
        if not orgs:
            continue
        if _investors(s, cue.start(), orgs):
            continue
        here = s.before(cue.start(), {"PROJECT"}, clause=False)
        project = here[0] if here else next((m for m in reversed(s.prev) if m.type == "PROJECT"), None)
        if project is None or cue.start() - project.end > _PROJECT_REACH:
            continue
        for org in orgs:
            s.add(org, "develops", project, "participants")
    for cue in s.cues(_LEAD_INVESTOR, _LEAD_INVESTOR_KEYS):
        orgs = _listed(s, cue.end())
        if orgs:
            _investors(s, cue.start(), orgs)


def _listed(s: SentenceContext, pos: int) -> list[LinkedMention]:
    """The organisations listed right after ``pos`` ("das X in Rostock und die Firma Y"), not parents."""
    orgs = s.after(pos, {"ORG"})
    if not orgs or orgs[0].start - pos > 60:
        return []
    out = [orgs[0]]
    for m in orgs[1:]:
        gap = s.text[out[-1].end : m.start]
        if P.GENITIVE_GAP.match(gap) or m.key == out[-1].key:
            continue  # "das Institut … der Universität", "(HTGF)"
        if not _LIST_GAP.match(gap):
            break
        out.append(m)
    return out


# between two partners of a list: a place or a short description may stand in between
_LIST_GAP = re.compile(r"^[^.;:!?]{0,60}?(?:,|\bund|\bsowie|\band)\s+[^.;:!?]{0,40}$")
# a financing round: "in einer Series-A-Finanzierungsrunde 12 Millionen Euro eingesammelt"
_ROUND = re.compile(
    r"(?i:finanzierungsrunde|investitionsrunde|seed-runde|series-[a-d]|wagniskapital|risikokapital|"
    r"funding\s+round|eingesammelt|sammelt\b[^.]{0,80}\bein\b|(?<=\s)die\s+runde\b)"
)
# "Angeführt wird die Runde vom Wagniskapitalgeber X", "Lead-Investor ist X", "led by X"
_LEAD_INVESTOR = re.compile(
    r"\b(?:[Aa]ngeführt|[Aa]nge?führt\s+wird\s+die\s+Runde|[Gg]eführt|[Ll]ed)\s+(?:wird\s+|wurde\s+)?"
    r"(?:die\s+(?:\w+-?)?[Rr]unde\s+|the\s+round\s+)?(?:von|vom|durch|by)\b|"
    r"\b(?:Lead-?[Ii]nvestor(?:en)?|Investoren|Geldgeber)\s+(?:ist|sind|war|waren)\b"
)
# "Led" stands whole before a space; "Lead-Investor" is a word "Lead" and one "Investor"
_LEAD_INVESTOR_KEYS = P.word_keys(
    "Angeführt angeführt Angführt angführt Geführt geführt Led led Lead Investoren Geldgeber"
)
PARTICIPANTS_KEYS = _PARTICIPANTS_KEYS | _LEAD_INVESTOR_KEYS  # the gate of participants() as a whole


def _investors(s: SentenceContext, pos: int, orgs: list[LinkedMention]) -> bool:
    """Investors of a financing round fund the company that raised it.

    The company is the organisation named nearest before a word of the round ("Das Start-up X
    hat in einer Finanzierungsrunde …"), in this sentence or the one before.
    """
    window = max(0, s.start - 300)
    known = [m for m in (*s.prev, *s.ments) if m.type == "ORG" and m.start >= window and m not in orgs]
    rounds = list(_ROUND.finditer(s.text, window, s.end))
    if not rounds:
        return False
    for r in reversed(rounds):
        near = [m for m in known if m.end <= r.start() and r.start() - m.end <= 120]
        if near:
            company = max(near, key=lambda m: m.end)
            for org in orgs:
                if org.key != company.key:
                    s.add(org, "funds", company, "investors")
            return True
    return True  # a round whose company is not named: the partners develop nothing either


# "sagt Geschäftsführerin Lea Marschall": a role right before the name, no organisation with it
_BARE_ROLE = re.compile(rf"(?:^|(?<=[\s„“\"(]))({P.ROLE})\s+(?:(?:Prof\.|Dr\.)\s*)*$")
_MAYOR = re.compile(r"^(?:Ober)?[Bb]ürgermeister(?:in)?$")
_CITY_NAME = re.compile(r"^(?:Stadt|Landeshauptstadt|Hansestadt|Kreisstadt|Gemeinde)\s")
_COMPANY_ROLE = re.compile(r"^(?:Geschäftsführer(?:in)?|Inhaber(?:in)?|CEO|CTO|CFO|COO)$")
_BARE_REACH = 600  # how far back the company a bare role refers to may be named
_TITLES = ("Prof.", "Dr.")


def _may_end_in_role(before: str) -> bool:
    """False when ``before`` cannot end as _BARE_ROLE wants: a role, then only spaces and titles.

    A quick test that spares the regex most people: without its spaces and titles, the text
    must end as a role does, or name a "Head of …".
    """
    rest = before.rstrip()
    while rest.endswith(_TITLES):
        rest = rest[: -len("Dr." if rest.endswith("Dr.") else "Prof.")].rstrip()
    return rest.endswith(P.ROLE_ENDINGS) or "Head" in before


def bare_role_relations(doc: Document, ments: list[LinkedMention], placed: set[str]) -> list[Relation]:
    """``works_for`` for a role named without its organisation, when the text leaves one choice.

    A (Ober-)Bürgermeisterin works for the one city administration the document names; a
    Geschäftsführer or CEO for the company named nearest before (at most ``_BARE_REACH``
    characters back). People in ``placed`` already have an organisation and are left alone.
    """
    ents = {e.key: e for e in doc.entities}
    cities = {e.key for e in doc.entities if e.type == "ORG" and _CITY_NAME.match(e.name)}
    out: list[Relation] = []
    for i, m in enumerate(ments):
        if m.type != "PERSON" or m.key in placed:
            continue
        window = max(0, m.start - 60)
        if not _may_end_in_role(doc.text[window : m.start]):
            continue
        cue = _BARE_ROLE.search(doc.text, window, m.start)
        if cue is None:
            continue
        role = cue.group(1)
        org: str | None = None
        if _MAYOR.match(role) and len(cities) == 1:
            (org,) = cities
        elif _COMPANY_ROLE.match(role):
            earlier = [
                x
                for x in ments[:i]
                if x.type == "ORG" and m.start - x.end <= _BARE_REACH and ents[x.key].subtype == "company"
            ]
            org = earlier[-1].key if earlier else None
        if org is None:
            continue
        conf = P.CONFIDENCE["bare_role"]
        out.append(
            Relation(
                m.key,
                "works_for",
                org,
                cue.start(),
                m.end,
                role=role,
                method="pattern:bare_role",
                confidence=conf,
            )
        )
    return out
