"""Focus relations for ``hafen.relations.v1``: what an actor works on, specialises in, has as its theme.

"X forscht an Y", "Schwerpunkt des Clusters X ist Y", "X: Y und Z" as a heading; a topic
list ("Y, Z und W") is followed from its first item.
"""

from __future__ import annotations

import re

from hafen.extract import relation_patterns as P
from hafen.extract.relation_context import LinkedMention, SentenceContext

_LIST_GAP = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:,|und|sowie|oder|über|bis\s+hin\s+zu|bis\s+zu|/)?\s*(?:\w+\s+){0,2}$"
)


def focus(s: SentenceContext) -> None:
    topics = [m for m in s.ments if m.type == "TOPIC"]
    if not topics:
        return
    actors = {"ORG", "PROJECT", "EVENT"}
    for cue in s.cues(P.FOCUS_CUE, P.FOCUS_KEYS):
        heads = s.before(cue.start(), actors, clause=False)
        family = "focus_cue"
        ana = s.anaphor()
        if ana is not None:
            heads, family = [ana], "focus_anaphor"
        elif s.anaphor_cue() is not None:
            continue  # the subject is "Das … Projekt" whose antecedent is unknown
        if not heads:  # "Der Schwerpunkt des Clusters X liegt auf Y"
            heads = [
                m
                for m in s.after(cue.end(), actors)
                if P.GENITIVE_AFTER_CUE.match(s.text[cue.end() : m.start])
            ]
        if not heads:
            heads, family = _focus_back(s), "focus_back"
        if not heads:
            continue
        head = s.governor(heads[0])
        found = [t for t in topics if t.start >= max(cue.start(), head.end) and t.start - cue.end() < 120]
        if not found and P.FOCUS_VERB_FINAL.match(cue.group(0)):
            found = [t for t in topics if head.end <= t.start and t.end <= cue.start()]
        if not found:
            continue
        for t in topic_list(s, found[0]):
            s.add(head, "focuses_on", t, family)
        return


def _focus_back(s: SentenceContext) -> list[LinkedMention]:
    """ "Schwerpunkt ist hierbei X": with no actor of its own, the sentence continues the last one."""
    actors = {"ORG", "PROJECT", "EVENT"}
    if any(m.type in actors for m in s.ments) or not P.FOCUS_BACK.search(s.text, s.start, s.end):
        return []
    last = [m for m in s.prev if m.type in actors and s.start - m.end < 300]
    # a bracketed gloss "X (Dive into …)" is not the actor; the name before it is
    last = [m for m in last if not s.text[max(0, m.start - 3) : m.start].rstrip().endswith("(")]
    return last[-1:]


def topic_list(s: SentenceContext, first: LinkedMention) -> list[LinkedMention]:
    """``first`` and the topics listed with it: "Y, Z sowie W", "von Y über Z bis hin zu W"."""
    out = [first]
    idx = s.ments.index(first)
    for j in range(idx + 1, len(s.ments)):
        gap = s.gap(j - 1, j)
        if s.ments[j].type == "TOPIC" and _LIST_GAP.match(gap):
            out.append(s.ments[j])
        elif s.ments[j].type == "TOPIC":
            continue
        else:
            break
    return out


def heading_focus(s: SentenceContext) -> None:
    """A heading "Fraunhofer ISST: Souveräne Datenräume" names what the actor works on."""
    line = s.sentence
    if line.rstrip().endswith((".", "!", "?")) or ":" not in line or not s.ments:
        return
    first = s.ments[0]
    colon = s.text.find(":", first.end, s.end)
    if first.start != s.start or first.type not in {"ORG", "PROJECT", "EVENT"} or colon < 0:
        return
    if s.text[first.end : colon].strip():
        return
    topics = [m for m in s.ments if m.type == "TOPIC" and m.start > colon]
    if topics:
        for t in topic_list(s, topics[0]):
            s.add(first, "focuses_on", t, "heading_focus")
