"""Stage ``hafen.relations.v1``: relations the text states, found sentence by sentence.

Each sentence's linked mentions are read in order together with the text between them.
Two kinds of evidence are used: the gap between two neighbouring mentions ("X der Y",
"X in Y", "Y-Geschäftsführer P") and cue words (``relation_patterns``) that choose a head
before and a tail after them. Every relation keeps the sentence as evidence, the pattern
family as ``method`` and that family's confidence; type signatures from the guidelines
filter whatever the patterns propose.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from hafen.document import SYMMETRIC_RELATIONS, Document, Relation
from hafen.extract import relation_patterns as P
from hafen.extract.relation_context import LinkedMention, SentenceContext, linked_mentions, sentence_spans
from hafen.extract.relation_focus import focus, heading_focus, topic_list
from hafen.extract.relation_names import (
    event_info_relations,
    name_relations,
    place_adjective_relations,
    role_relations,
)
from hafen.extract.relation_roles import (
    PARTICIPANTS_KEYS,
    bare_role_relations,
    contact_relations,
    participants,
    roles_between,
)

_ORIGIN_BEFORE = re.compile(r"\b(?:aus|nach|von)\s+$")
_BY_AFTER = re.compile(r"\s*(?:von|vom|durch)\b")
_PARTICIPLE_END = re.compile(r"te[nrms]?$")
_NOUN_AFTER = re.compile(r"\s+[A-ZÄÖÜ][a-zäöüß]")
# "mit dem X", "aus dem Programm „X“": a partner or a source, never the object of the verb
_WITH_BEFORE = re.compile(r"\bmit\s+(?:dem|der|den)?\s*$|\baus\s+(?:dem|der|den)\s+(?:\w+\s+)?[„\"“]?$")
_SEAT_OF = re.compile(r"(?:Haupt|Firmen|Unternehmens)?[Ss]itz\s+(?:der|des|von|vom)\s")
_FROM_PLACE_GAP = re.compile(r"^\s*(?:\([^)]*\)\s*)?aus\s+(?:dem\s+|der\s+)?$")


def _adjacent(s: SentenceContext) -> None:
    """Neighbouring mentions: genitive attributes, "bei der", places after prepositions, roles."""
    for i in range(len(s.ments) - 1):
        a, b = s.ments[i], s.ments[i + 1]
        gap = s.gap(i, i + 1)
        same = a.type == b.type
        run_by_org = b.type == "ORG" and a.type in {"PROJECT", "EVENT"}
        if (same or run_by_org) and (P.GENITIVE_GAP.match(gap) or P.AT_ORG_GAP.match(gap)):
            if same:
                s.add(a, "part_of", b, "genitive")
            else:
                name = s.text[a.start : a.end]
                rel = "develops" if P.STRATEGY_WORD.search(name) else "organizes"
                s.add(b, rel, a, "genitive")
        if (
            b.type == "PLACE"
            and a.type != "PERSON"
            and P.PLACE_GAP.match(gap)
            and not _ORIGIN_BEFORE.search(s.text[max(s.start, a.start - 6) : a.start])
        ):
            s.add(a, "located_in", b, "preposition_place")
            k = i
            while k > 0 and s.ments[k - 1].key == a.key:  # "Fraunhofer-Institut … (IML)"
                k -= 1
            # only a tight "X und Y in Z"; "X sowie Y in Z" usually places Y alone
            if (
                k > 0
                and s.ments[k - 1].type == a.type
                and P.COORD_GAP.match(s.gap(k - 1, k))
                and "und" in s.gap(k - 1, k)
            ):
                s.add(s.ments[k - 1], "located_in", b, "coordinated_place")
        if a.type == "ORG" and b.type == "PLACE" and _FROM_PLACE_GAP.match(gap):
            s.add(a, "located_in", b, "origin_place")  # "die Firma Baltic Algae UG aus Eckernförde"
        roles_between(s, i)
        if a.type == "PLACE" and b.type == "PLACE" and gap.strip() == "(":
            _places_in_brackets(s, i)


def _places_in_brackets(s: SentenceContext, i: int) -> None:
    """ "im Westfälischen Ruhrgebiet (Dortmund, Kreis Unna, Hamm)": the listed places lie in it."""
    region, members = s.ments[i], [s.ments[i + 1]]
    for j in range(i + 2, len(s.ments)):
        if s.ments[j].type != "PLACE" or not re.fullmatch(r"\s*(?:,|und|sowie)\s*", s.gap(j - 1, j)):
            break
        members.append(s.ments[j])
    if not s.text[members[-1].end :].lstrip().startswith(")"):
        return  # not a closed list of places
    for m in members:
        s.add(m, "located_in", region, "places_in_brackets")


def _seat(s: SentenceContext) -> None:
    for cue in s.cues(P.SEAT_CUE, P.SEAT_KEYS):
        places = [m for m in s.ments if m.type == "PLACE" and abs(m.start - cue.end()) < 60]
        places = [p for p in places if p.start >= cue.end() or p.end <= cue.start()]
        if not places:
            continue
        place = min(places, key=lambda p: abs(p.start - cue.end()))
        heads = s.before(min(place.start, cue.start()), {"ORG", "PROJECT", "EVENT"}, clause=False)
        if heads:
            s.add(s.governor(heads[0]), "located_in", place, "seat_cue")
        elif place.end <= cue.start() and _SEAT_OF.match(s.text, cue.start()):
            # "Freiburg ist Sitz des Fraunhofer-Instituts …": the seat's holder follows
            held = s.after(cue.end(), {"ORG", "PROJECT", "EVENT"})
            if held and held[0].start - cue.end() < 12:
                s.add(held[0], "located_in", place, "seat_cue")


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One alternation of flag-free patterns: it matches in a text whenever any of them does."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


_ANY_COOPERATION = _any_of(P.COOP_MIT, P.COOP_ZWISCHEN, P.COOP_PLURAL)


def _cooperation(s: SentenceContext) -> None:
    if not s.may_match(P.COOP_KEYS) or _ANY_COOPERATION.search(s.text, s.start, s.end) is None:
        return  # one scan instead of three, and none in most sentences
    for cue in P.COOP_MIT.finditer(s.text, s.start, s.end):
        tails = s.listed_after(cue.end(), {"ORG"})
        # "kooperiert das X bereits seit 2022 mit Y": the subject may sit inside the cue
        heads = s.before(cue.end(), {"ORG"}, clause=False)
        heads = [h for h in heads if h not in tails]
        if heads and re.search(r"\b(?:und|sowie|samt)\b|;", s.text[heads[0].end : cue.start()]):
            heads = []  # the nearest actor belongs to another phrase of a list
        if tails and heads:
            head = s.governor(heads[0])
            for t in tails:
                s.add(head, "cooperates_with", t, "cooperation_mit")
            s.group_out = _unique([head, *tails])
    for cue in P.COOP_ZWISCHEN.finditer(s.text, s.start, s.end):
        members = s.listed_after(cue.end(), {"ORG"})
        _pairwise(s, members, "cooperation_zwischen")
    for cue in P.COOP_PLURAL.finditer(s.text, s.start, s.end):
        heads = _coordinated_before(s, cue.start())
        if len(heads) >= 2 and "mit" not in s.text[heads[-1].end : cue.start()]:
            _pairwise(s, heads, "cooperation_plural")
            s.group_out = heads


def _coordinated_before(s: SentenceContext, pos: int) -> list[LinkedMention]:
    """The ORG list nearest before ``pos`` in its clause: "X, Y und das Start-up Z"."""
    before = sorted(s.before(pos, {"ORG"}), key=lambda m: m.start)
    if not before:
        return []
    chain = [before[-1]]
    idx = s.ments.index(before[-1])
    for j in range(idx - 1, -1, -1):
        m, gap = s.ments[j], s.gap(j, j + 1)
        if m.key == chain[-1].key and gap.strip() in {"", "("}:
            continue  # "Fraunhofer-Institut … (IML)"
        if m.type == "ORG" and P.CHAIN_GAP.match(gap):
            chain.append(m)
            continue
        break
    return _unique(list(reversed(chain)))


def _founders(s: SentenceContext) -> None:
    """ "Die X GmbH wurde von P und Q gegründet": P and Q work for X as founders."""
    for cue in s.cues(P.FOUNDED, P.FOUNDED_KEYS):
        people = [m for m in s.ments if m.type == "PERSON" and m.end <= cue.start()]
        orgs = s.before(people[0].start, {"ORG"}, clause=False) if people else []
        if not orgs or not P.FOUNDED_BY.search(s.text[orgs[0].end : people[0].start]):
            continue
        for p in people:
            s.add(p, "works_for", s.governor(orgs[0]), "founder", role="Gründer")


def _pairwise(s: SentenceContext, members: list[LinkedMention], family: str) -> None:
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            s.add(a, "cooperates_with", b, family)


def _part_of(s: SentenceContext) -> None:
    _cue_rules(s, "part_of")
    if s.prev and P.PART_OF_PREV.match(s.sentence):
        heads = s.after(s.start, {"ORG", "PROJECT"})
        tails = [m for m in reversed(s.prev) if m.type in {"ORG", "PROJECT"}]
        if heads and tails:
            s.add(heads[0], "part_of", tails[0], "part_cue")
    # "über die Tochtergesellschaft X" (the word test spares a regex scan per mention)
    has_subsidiary = "Tochter" in s.sentence
    for i in range(len(s.ments) - 1 if has_subsidiary else 0):
        if P.SUBSIDIARY.search(s.text[s.start : s.ments[i + 1].start]):
            parents = s.before(s.ments[i + 1].start, {"ORG"}, clause=False)
            if parents:
                s.add(s.ments[i + 1], "part_of", s.governor(parents[0]), "part_cue")
    for cue in s.cues(P.UNION, P.UNION_KEYS):
        heads = s.before(cue.start(), {"ORG", "PROJECT"}, clause=False)
        if not heads:
            continue
        head = s.governor(heads[0])
        members = s.after(cue.end(), {head.type})
        for m in members:
            s.add(m, "part_of", head, "union_members")
        s.group_out = _unique(members)


def _unique(ments: list[LinkedMention]) -> list[LinkedMention]:
    seen: dict[str, LinkedMention] = {}
    for m in ments:
        seen.setdefault(m.key, m)
    return list(seen.values())


def _together(s: SentenceContext) -> None:
    """ "Gemeinsam arbeiten sie an X": the group of the previous sentence cooperates and works on X."""
    if len(s.group_in) < 2:
        return
    cue = P.TOGETHER.match(s.sentence)
    if not cue:
        return
    _pairwise(s, s.group_in, "together")
    topics = [m for m in s.ments if m.type == "TOPIC" and m.start >= s.start + cue.end()]
    if topics:
        for member in s.group_in:
            for t in topic_list(s, topics[0]):
                s.add(member, "focuses_on", t, "together_focus")


def _docked(s: SentenceContext) -> None:
    """ "Das an der X angedockte Projekt": X runs it; "bei der X wurde ein Team (Y) eingerichtet"."""
    for cue in s.cues(P.SET_UP_AT, P.SET_UP_KEYS):
        lead = s.text[s.start : cue.start()]
        org = _host_before(s, cue.start())
        if org is None:
            continue
        ana = s.anaphor()
        if ana is not None and cue.group(0).startswith("angedockt") and lead.lstrip().startswith("Das"):
            s.add(org, "organizes", ana, "docked")
        for x in (x for x in s.ments if org.end <= x.start and x.end <= cue.start()):
            if x.type == "ORG":
                s.add(x, "part_of", org, "set_up_at")
            elif x.type in {"PROJECT", "EVENT"}:
                s.add(org, "organizes", x, "set_up_at")


def _host_before(s: SentenceContext, pos: int) -> LinkedMention | None:
    """The nearest ORG before ``pos`` introduced by "an der", "bei der" or "beim"."""
    for m in reversed([x for x in s.ments if x.end <= pos and x.type == "ORG"]):
        if re.search(
            r"\b(?:an|bei)\s+(?:der|dem)\s+$|\bbeim\s+$", s.text[max(s.start, m.start - 12) : m.start]
        ):
            return m
    return None


def _organizes(s: SentenceContext) -> None:
    if not s.may_match(P.ORG_KEYS) or _ANY_ORGANIZES.search(s.text, s.start, s.end) is None:
        return  # one scan instead of four, and none in most sentences
    targets = {"EVENT", "PROJECT"}
    for cue in P.ORG_PASSIVE.finditer(s.text, s.start, s.end):
        orgs = s.after(cue.end(), {"ORG"})
        if not orgs:
            continue
        here = s.before(cue.start(), targets, clause=False) or s.after(orgs[0].end, targets)
        if here:
            s.add(orgs[0], "organizes", here[0], "organize_passive")
        elif s.prev:
            prev = [m for m in reversed(s.prev) if m.type in targets]
            if prev:
                s.add(orgs[0], "organizes", prev[0], "organize_passive_prev")
    for cue in P.ORG_ATTRIBUTIVE.finditer(s.text, s.start, s.end):
        # "die durch die Wirtschaftsförderung initiierte Plattform X", "die von X und Y getragene Z"
        lead = s.text[max(s.start, cue.start() - 120) : cue.start()]
        by = list(re.finditer(r"\b(?:von|vom|durch)\b", lead))
        if not by:
            continue
        agent_from = cue.start() - len(lead) + by[-1].end()
        agents = [m for m in s.ments if m.type == "ORG" and agent_from <= m.start and m.end <= cue.start()]
        nxt = [m for m in s.ments if m.start >= cue.end()][:1]
        if not agents or not nxt or nxt[0].start - cue.end() > 40:
            continue
        for agent in agents:
            if nxt[0].type in targets:
                s.add(agent, "organizes", nxt[0], "organize_attributive")
            elif nxt[0].type == "ORG":
                s.add(nxt[0], "part_of", agent, "organize_attributive")
    _cue_rules(s, "organizes")


def _cue_rules(s: SentenceContext, rel: str) -> None:
    """Every rule of ``P.CUE_RULES`` stating ``rel``, in table order."""
    # the key gate, then one scan for any of their cues: most sentences have none (a cue
    # matching anywhere makes the alternation match there or earlier, so nothing is lost)
    if not s.may_match(P.CUE_KEYS[rel]) or _ANY_CUE[rel].search(s.text, s.start, s.end) is None:
        return
    for rule in _RULES_BY_REL[rel]:
        _SHAPES[rule.shape](s, rule)


def _between(s: SentenceContext, rule: P.CueRule) -> None:
    """ "X ist Teil der Y": the head before the cue, the first fitting mention after it."""
    for cue in rule.cue.finditer(s.text, s.start, s.end):
        tails = s.after(cue.end(), rule.tail)
        heads = s.before(cue.start(), rule.head, clause=False)
        if tails and heads:
            s.add(s.governor(heads[0]), rule.rel, tails[0], rule.family)


def _agent_after(s: SentenceContext, rule: P.CueRule) -> None:
    """ "X wird gefördert vom Y": the agent right after the cue, the thing before it."""
    for cue in rule.cue.finditer(s.text, s.start, s.end):
        agents = s.after(cue.end(), rule.head)
        if not agents or (rule.reach is not None and agents[0].start - cue.end() > rule.reach):
            continue
        things = s.before(cue.start(), rule.tail, clause=False)
        if things:
            agent = s.governor(agents[0]) if rule.govern else agents[0]
            s.add(agent, rule.rel, s.governor(things[0]), rule.family)


def _agent_passive(s: SentenceContext, rule: P.CueRule) -> None:
    """ "Die Messe wird von der IHK veranstaltet": the agent before a verb-final participle."""
    reach = rule.reach if rule.reach is not None else len(s.text)
    targets = rule.tail
    for cue in rule.cue.finditer(s.text, s.start, s.end):
        agents = [m for m in s.before(cue.start(), rule.head) if cue.start() - m.end <= reach]
        if not agents:
            continue
        agent = s.governor(agents[0])
        if not P.AGENT_BEFORE.search(s.text[max(s.start, agent.start - 12) : agent.start]):
            continue
        objs = [m for m in s.before(agent.start, targets, clause=False) if m.key != agent.key]
        if objs:
            s.add(agent, rule.rel, s.governor(objs[0]), rule.family)
        elif rule.rel == "organizes" and s.prev:
            prev = [m for m in reversed(s.prev) if m.type in targets]
            if prev:
                s.add(agent, rule.rel, prev[0], rule.family + "_prev")


def _active(s: SentenceContext, rule: P.CueRule) -> None:
    """ "X entwickelt Y", "plant die Stadt X ein Y", "Die Stadt will einen Fonds X auflegen"."""
    rel, targets, family = rule.rel, rule.tail, rule.family
    for cue in rule.cue.finditer(s.text, s.start, s.end):
        if _BY_AFTER.match(s.text[cue.end() : cue.end() + 6]):
            continue  # passive, handled elsewhere
        if _PARTICIPLE_END.search(cue.group(0)) and _NOUN_AFTER.match(s.text, cue.end()):
            continue  # attributive participle: "die koordinierte Umsetzung"
        subj = s.before(cue.start(), rule.head)
        after = s.after(cue.end(), {*rule.head, *targets})
        if not subj and after and after[0].type in rule.head and after[0].start - cue.end() < 12:
            subj, after = [after[0]], after[1:]  # verb-second: "plant die Stadt X ein Y"
        objs = [
            m for m in after if m.type in targets and not _WITH_BEFORE.search(s.text[cue.end() : m.start])
        ]
        if subj and not objs:  # verb-final: "Die Stadt will einen Fonds X auflegen"
            objs = [
                m for m in s.ments if subj[0].end <= m.start and m.end <= cue.start() and m.type in targets
            ]
        if subj and objs:
            subjects = _coordinated_before(s, cue.start()) if subj[0].end <= cue.start() else []
            if s.governor(subj[0]) not in subjects:
                subjects = [s.governor(subj[0])]
            for subject in subjects:  # "X, Y und Z starten P"
                s.add(subject, rel, objs[0], family)


def _frame_part(s: SentenceContext) -> None:
    """ "Im Rahmen des Masterplans X soll ein Projekt Y entstehen": Y is part of X."""
    for cue in s.cues(P.FRAME_PART, P.FRAME_PART_KEYS):
        frames = [m for m in s.after(cue.end(), {"PROJECT"}) if m.start - cue.end() < 25]
        if not frames:
            continue
        for m in s.after(frames[0].end, {"PROJECT"}):
            if m.key != frames[0].key and re.search(
                r"\b(?:Projekt|Vorhaben|Initiative|Programm)\w*\b", s.text[frames[0].end : m.start]
            ):
                s.add(m, "part_of", frames[0], "frame_part")
                break


def _examples_of_org(s: SentenceContext) -> None:
    """ "Innovationsprojekten der Wirtschaftsförderung wie X und „Y“": the organisation runs X and Y."""
    for i, org in enumerate(s.ments[:-1]):
        if org.type != "ORG" or not P.EXAMPLES_OF_ORG.match(s.gap(i, i + 1)):
            continue
        if not P.PROGRAMME_BEFORE.search(s.text[max(s.start, org.start - 40) : org.start]):
            continue
        for m in s.listed_after(s.ments[i + 1].start, {"PROJECT", "EVENT"}):
            j = s.ments.index(m)
            owned = j + 1 < len(s.ments) and P.GENITIVE_GAP.match(s.gap(j, j + 1))
            if not owned:  # "der Digitalen Werkbank der TZ Net" belongs to another organisation
                s.add(org, "organizes", m, "examples_of_org")


def _develops(s: SentenceContext) -> None:
    _cue_rules(s, "develops")


def _subproject(s: SentenceContext) -> None:
    """ "das Ruhr-Konferenz-Projekt „X“", "X ist ein KAS-Projekt": X is part of the programme."""
    for i in range(len(s.ments) - 1):
        a, b = s.ments[i], s.ments[i + 1]
        if a.type != "PROJECT" or b.type != "PROJECT":
            continue
        if P.SUBPROJECT_AFTER.match(s.gap(i, i + 1)):
            s.add(b, "part_of", a, "subproject")
        elif P.IS_A_BEFORE.match(s.gap(i, i + 1)) and P.IS_A_AFTER.match(s.text[b.end : b.end + 12]):
            s.add(a, "part_of", b, "subproject")


def _funds(s: SentenceContext) -> None:
    _cue_rules(s, "funds")


_SHAPES: dict[str, Callable[[SentenceContext, P.CueRule], None]] = {
    "between": _between,
    "agent_after": _agent_after,
    "agent_before": _agent_passive,
    "active": _active,
}
_RULES_BY_REL: dict[str, tuple[P.CueRule, ...]] = {
    rel: tuple(r for r in P.CUE_RULES if r.rel == rel) for rel in dict.fromkeys(r.rel for r in P.CUE_RULES)
}
# the cues have no flags or back-references of their own: they combine as they are
_ANY_CUE = {rel: _any_of(*(r.cue for r in rules)) for rel, rules in _RULES_BY_REL.items()}
_ANY_ORGANIZES = _any_of(P.ORG_PASSIVE, P.ORG_ATTRIBUTIVE, *(r.cue for r in _RULES_BY_REL["organizes"]))


FAMILIES: tuple[Callable[[SentenceContext], None], ...] = (
    _adjacent,
    _together,
    _seat,
    _cooperation,
    _part_of,
    _docked,
    _organizes,
    _develops,
    _subproject,
    focus,
    _funds,
    heading_focus,
    _examples_of_org,
    _frame_part,
    _founders,
    participants,
)

_ACTORS = frozenset({"ORG", "PROJECT", "EVENT"})
# What a family needs among the sentence's own mentions ((types, how many) each); most
# sentences lack it, and skipping them saves most of the stage's regex scans.
_NEEDS: dict[Callable[[SentenceContext], None], tuple[tuple[frozenset[str], int], ...]] = {
    _adjacent: ((frozenset({"ORG", "PROJECT", "EVENT", "PLACE", "PERSON", "TOPIC"}), 2),),
    _seat: ((frozenset({"PLACE"}), 1), (_ACTORS, 1)),
    _cooperation: ((frozenset({"ORG"}), 2),),
    _part_of: ((frozenset({"ORG", "PROJECT"}), 1),),
    _docked: ((frozenset({"ORG"}), 1),),
    _organizes: ((frozenset({"ORG"}), 1),),
    _develops: ((frozenset({"ORG"}), 1),),
    _subproject: ((frozenset({"PROJECT"}), 2),),
    focus: ((frozenset({"TOPIC"}), 1),),
    _funds: ((frozenset({"ORG"}), 1),),
    heading_focus: ((frozenset({"TOPIC"}), 1),),
    _examples_of_org: ((frozenset({"ORG"}), 1),),
    _frame_part: ((frozenset({"PROJECT"}), 2),),
    _founders: ((frozenset({"PERSON"}), 1), (frozenset({"ORG"}), 1)),
    participants: ((frozenset({"ORG"}), 1),),
}


# Families all of whose work hangs on cues gated by these keys (SentenceContext.may_match):
# a sentence without any of the keys is not handed to them at all
_GATES: dict[Callable[[SentenceContext], None], frozenset[str]] = {
    _seat: P.SEAT_KEYS,
    _cooperation: P.COOP_KEYS,
    _docked: P.SET_UP_KEYS,
    _organizes: P.ORG_KEYS,
    _develops: P.CUE_KEYS["develops"],
    focus: P.FOCUS_KEYS,
    _funds: P.CUE_KEYS["funds"],
    _frame_part: P.FRAME_PART_KEYS,
    _founders: P.FOUNDED_KEYS,
    participants: PARTICIPANTS_KEYS,
}

_TYPE_ORDER = ("ORG", "PROJECT", "EVENT", "PLACE", "PERSON", "TOPIC")
_RUN: dict[tuple[str, ...], tuple[Callable[[SentenceContext], None], ...]] = {}


def _families_for(ments: list[LinkedMention]) -> tuple[Callable[[SentenceContext], None], ...]:
    """The families whose needs a sentence with these mentions meets (memoised by their types)."""
    kinds = tuple([m.type for m in ments])
    run = _RUN.get(kinds)
    if run is None:
        if len(_RUN) >= 10_000:  # a bound; few sequences of types recur in practice
            _RUN.clear()
        counts = {t: min(kinds.count(t), 2) for t in _TYPE_ORDER}  # no family needs more than two
        run = _RUN[kinds] = tuple(
            f for f in FAMILIES if all(sum(counts[t] for t in types) >= n for types, n in _NEEDS.get(f, ()))
        )
    return run


def find_relations(doc: Document) -> list[Relation]:
    ments = linked_mentions(doc)
    best: dict[tuple[str, str, str], Relation] = {}
    prev: list[LinkedMention] = []
    group: list[LinkedMention] = []
    tables = [(t.start, t.end) for t in doc.tables]
    tables += [(g.start, g.end) for g in doc.segments if g.kind == "table"]
    starts = [m.start for m in ments]
    for start, end in sentence_spans(doc):
        if tables and any(a <= start < b for a, b in tables):
            continue  # table rows state no relations; the tables stage links them to places
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        inside = [m for m in ments[first:last] if m.end <= end and not _topic_fragment(doc.text, m)]
        if not inside:
            continue  # no relation, and the next sentence keeps the context of the one before
        sent = SentenceContext(doc.text, start, end, inside, prev)
        sent.group_in = group
        for family in _families_for(inside):
            keys = _GATES.get(family)
            if keys is None or sent.may_match(keys):
                family(sent)
        prev = [*prev, *inside][-30:]
        group = sent.group_out
        for c in sent.out:
            conf = P.CONFIDENCE[c.family]
            rel = Relation(
                c.head, c.rel, c.tail, start, end, role=c.role, method=f"pattern:{c.family}", confidence=conf
            )
            _keep(best, rel)
    for rel in [
        *role_relations(doc, ments),
        *name_relations(doc, ments),
        *place_adjective_relations(doc, ments),
        *contact_relations(doc, ments),
        *event_info_relations(doc, ments),
    ]:
        _keep(best, rel)
    placed = {r.head for r in best.values() if r.type == "works_for"}
    for rel in bare_role_relations(doc, ments, placed):
        _keep(best, rel)
    return sorted(best.values(), key=lambda r: (r.start, r.type, r.head, r.tail))


def _topic_fragment(text: str, m: LinkedMention) -> bool:
    """A topic found inside a longer word ("Wasser" of "Wasserpumpen") is not named as a field."""
    return m.type == "TOPIC" and (text[m.end : m.end + 1].isalpha() or text[m.start - 1 : m.start].isalpha())


def _keep(best: dict[tuple[str, str, str], Relation], rel: Relation) -> None:
    ends = sorted((rel.head, rel.tail)) if rel.type in SYMMETRIC_RELATIONS else [rel.head, rel.tail]
    key = (ends[0], rel.type, ends[1])
    if key not in best or best[key].confidence < rel.confidence:
        best[key] = rel


def relations_stage(doc: Document) -> Document:
    doc.relations = find_relations(doc)
    return doc


def make_stage() -> Callable[[Document], Document]:
    return relations_stage
