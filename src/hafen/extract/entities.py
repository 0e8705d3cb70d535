"""``hafen.entities.v1``: named mentions and the document's entities, by general rules.

Sets ``doc.mentions`` (every one linked to an entity by ``Mention.entity``) and
``doc.entities`` (``name`` = the fullest form found, ``aliases`` = every other surface form).
Detectors: ``orgs`` (organisations, projects, events), ``persons``, ``places``, ``topics``;
``aliases`` links inflected forms, bracketed abbreviations, short forms and surnames.

When ``hafen.extract.crf`` and its model are available, its mentions fill gaps the rules
left (rule mentions win where they overlap).

Entity ``attrs``: places from reference data carry ``lat``, ``lon``, ``source_id``; persons
found with a role carry ``roles`` = ``[{"role", "span": [start, end],
"org_mention": [start, end] | None}]`` (character offsets of the role phrase and of the
organisation mention it names) for the relations stage to turn into ``works_for``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from operator import attrgetter
from typing import Any

from hafen.document import Document, Entity, Mention
from hafen.extract.aliases import (
    acronym_expansions,
    bracket_links,
    cluster,
    company_short_forms,
    define_abbreviations,
    form_cands,
    resolve_overlaps,
    surname_cands,
)
from hafen.extract.candidates import Cand, Toks
from hafen.extract.cues import ADJ_CAP, EVENT_RE, PROJECT_RE, acronym_word
from hafen.extract.lexicon import GENERIC_ACRONYMS, LEGAL_FORMS, ORG_CUE_RE, city_of_adjective, places, zipf
from hafen.extract.orgs import find_orgs
from hafen.extract.persons import find_persons
from hafen.extract.places import find_places
from hafen.extract.projects import find_list_items
from hafen.extract.tokens import spacy_doc
from hafen.extract.topics import find_topics

# An entity seen only as an unexplained acronym ("RWP") is too unsure to report.
_MIN_CONFIDENCE = 0.45
_SLUG = re.compile(r"[^a-z0-9]+")
_EDGE = " \t\n,.;:!?()[]„“”\"'‚‘’«»"


_DESCRIBING = re.compile(r"(?:^|\s)(?:als|ein|eine|einen|einem|einer|eines)\s+$")


def _described(text: str, m: Mention) -> bool:
    """'als Zentrum für Bildung', 'ein Institut für X': a bare cue noun after 'als' or an
    indefinite article describes a role or a kind, it does not name one."""
    first = m.text.split(" ", 1)[0]
    cue = ORG_CUE_RE.search(first.lower())
    if cue is None or cue.start() != 0 or " " not in m.text:
        return False
    return _DESCRIBING.search(text[max(0, m.start - 12) : m.start]) is not None


def _crf_predictor() -> Callable[[Document], list[Mention]] | None:
    """The statistical layer's predictor, or None when it or its model is not installed."""
    try:
        from hafen.extract import crf  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    predict = getattr(crf, "predict_mentions", None)
    available = getattr(crf, "model_available", None)
    if predict is None or (callable(available) and not available()):
        return None
    return predict if callable(predict) else None


@lru_cache(maxsize=65536)
def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-")[:48] or "x"


def _genitive_of(form: str, other: str) -> bool:
    """'Clusters IT-Sicherheit Ruhr' is the genitive of 'Cluster IT-Sicherheit Ruhr'."""
    a, b = form.split(" "), other.split(" ")
    if a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
    return len(diff) == 1 and diff[0][0] in {diff[0][1] + "s", diff[0][1] + "es"}


@lru_cache(maxsize=65536)
def _nominative(form: str, typ: str) -> str:
    """'Westfälischen Hochschule' -> 'Westfälische Hochschule': a proper adjective after the
    definite article ends in -en in every case but the nominative, which ends in -e."""
    words = form.split(" ")
    if typ not in {"ORG", "PROJECT", "EVENT"} or len(words) < 2:
        return form
    n = 0
    declined: set[int] = set()
    while n < len(words) - 1:
        if words[n].endswith("en") and ADJ_CAP.match(words[n]):
            if words[n] in places():
                return form  # "Südwestfalen Agentur": a place, not an adjective
            declined.add(n)
        elif not city_of_adjective(words[n]):  # "Dortmunder" does not decline
            break
        n += 1
    head = words[n]
    if not head[:1].isupper() or ADJ_CAP.match(head):
        return form
    # "des Clusters X", "des Instituts für Y": the genitive -s of the cue noun goes
    low = head.lower()
    # only a head ending in -s can lose a genitive ending ("$" also matches before a final
    # newline): the three cue searches are skipped for every other head
    if low.endswith(("s", "s\n")):
        m = next((m for r in (ORG_CUE_RE, PROJECT_RE, EVENT_RE) if (m := r.search(low)) and m.group(2)), None)
        if m is not None and m.group(2) in {"s", "es"} and (n > 0 or len(words) > 1):
            head = head[: len(head) - len(m.group(2))]
    prefix = [w[:-1] if i in declined else w for i, w in enumerate(words[:n])]
    return " ".join([*prefix, head, *words[n + 1 :]])


def _best_name(forms: list[str], typ: str) -> str:
    """Fullest proper form: long, capitalised, not an abbreviation, not a genitive."""

    def score(form: str) -> tuple[int, int, int, int]:
        genitive = any(
            (form.endswith("s") and (f == form[:-1] or f.startswith(form[:-1] + " ")))
            or _genitive_of(form, f)
            for f in forms
        )
        lower = form[:1].islower()
        first = form.split(" ")[0]
        # "Technischen Universität" is a declined form of "Technische Universität"
        second = form.split(" ")[1] if " " in form else ""
        adjective_inflected = (
            (  # "Servicecenter lokale Arbeit": a noun in -er, no adjective
                bool(ADJ_CAP.match(first)) and second[:1].isupper() and not first.endswith("e")
            )
            and typ != "PERSON"
        )
        return (int(not genitive), int(not lower), int(not adjective_inflected), len(form))

    best = forms[0] if len(forms) == 1 else max(forms, key=score)  # most groups have one form
    return _nominative(best, typ)


def _acronym_tails(forms: list[str]) -> list[str]:
    """'Fraunhofer ISST', 'Hochschule IUBH': the trailing acronym is a name of its own."""
    out = [last for form in forms if (last := _acronym_tail(form)) is not None and last not in forms]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def _acronym_tail(form: str) -> str | None:
    """The last word of a name of two or more words when it is an acronym of three or more
    letters that is no place, legal form or generic acronym."""
    words = form.split()
    last = words[-1] if len(words) >= 2 else ""
    if (
        len(last) >= 3
        and not last[1:].islower()  # cheap: an acronym has two capitals ("Hochschule" has one)
        and acronym_word(last)
        and last not in places()
        and last not in LEGAL_FORMS
        and last.upper() not in GENERIC_ACRONYMS
    ):
        return last
    return None


class EntityStage:
    """The callable stage; holds nothing per document."""

    def __init__(self, use_crf: bool = True) -> None:
        self.crf = _crf_predictor() if use_crf else None

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        toks = Toks(spacy_doc(doc))
        cands = find_orgs(toks, text) + find_persons(toks) + find_places(toks) + find_topics(toks)
        cands += find_list_items(toks)
        kept, links = acronym_expansions(toks, resolve_overlaps(cands))
        new, bracketed = bracket_links(toks, kept)
        links += bracketed
        kept.extend(new)
        index = {id(c): n for n, c in enumerate(kept)}
        for long_form, abbr in define_abbreviations(toks, kept):
            kept.append(long_form)
            if id(abbr) in index:
                links.append((len(kept) - 1, index[id(abbr)]))
            else:
                kept.append(abbr)
                links.append((len(kept) - 2, len(kept) - 1))
        kept, links = company_short_forms(toks, kept, links)
        covered = {k for c in kept for k in range(c.i, c.j)}
        # surnames and every further occurrence of a known form
        persons = [(toks.span_text(c.i, c.j, text), n) for n, c in enumerate(kept) if c.type == "PERSON"]
        for cand, target in surname_cands(toks, persons, covered):
            kept.append(cand)
            links.append((target, len(kept) - 1))
            covered.update(range(cand.i, cand.j))
        forms: dict[str, int] = {}
        for n, c in enumerate(kept):
            if c.type in {"ORG", "PROJECT", "EVENT", "PERSON"} and c.confidence >= 0.6:
                form = text[c.start : c.end] if c.start >= 0 else toks.span_text(c.i, c.j, text)
                forms.setdefault(form, n)
        for cand, target in form_cands(toks, forms, covered):
            src = kept[target]
            cand.type, cand.subtype, cand.confidence = src.type, src.subtype, src.confidence * 0.9
            kept.append(cand)
            links.append((target, len(kept) - 1))
        mentions = [self._mention(toks, c, text) for c in kept]
        extras: list[dict[str, Any]] = [dict(c.attrs) for c in kept]
        if self.crf is not None:
            self._merge_crf(doc, mentions, extras)
        self._build(doc, toks, mentions, extras, links)
        return doc

    @staticmethod
    def _mention(toks: Toks, c: Cand, text: str) -> Mention:
        start, end = toks.start[c.i], toks.end[c.j - 1]
        if c.start >= 0:  # a name inside a token: "WEG" of "WEG-Geschäftsführer"
            start, end = c.start, c.end
        while end > start and text[end - 1] in _EDGE and not text[start:end].endswith((".", "V.")):
            if text[end - 1] == ")" and text.count("(", start, end) == text.count(")", start, end):
                break  # a balanced bracket belongs to the name: "Borken (Kreis)", "Frankfurt (Oder)"
            end -= 1
        if text[end - 1 : end] == "." and text[end - 2 : end - 1].isdigit():
            end -= 1  # a full stop after a number ends the sentence, not the name
        return Mention(
            start=start,
            end=end,
            text=text[start:end],
            type=c.type,
            subtype=c.subtype,
            confidence=c.confidence,
        )

    def _merge_crf(self, doc: Document, mentions: list[Mention], extras: list[dict[str, Any]]) -> None:
        assert self.crf is not None
        try:
            predicted = self.crf(doc)
        except (FileNotFoundError, OSError, RuntimeError):
            return  # the statistical layer is optional; rules alone still give a result
        # characters covered by a mention: an overlap test per prediction without a scan of all spans
        covered = bytearray(len(doc.text) + 1)
        for m in mentions:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        for m in predicted:
            if any(covered[m.start : m.end]):
                continue
            if m.text in LEGAL_FORMS or (m.text.isalpha() and m.text.endswith("en") and zipf(m.text) >= 3.0):
                continue  # "GmbH", "Forschungseinrichtungen": a legal form or a common plural names no one
            if _described(doc.text, m):
                continue
            m.method = "crf"
            mentions.append(m)
            extras.append({})
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)

    def _build(
        self,
        doc: Document,
        toks: Toks,
        mentions: list[Mention],
        extras: list[dict[str, Any]],
        links: list[tuple[int, int]],
    ) -> None:
        texts = [" ".join(m.text.split()) for m in mentions]  # a line wrapped inside a name
        types = [m.type for m in mentions]
        canon = [e.get("canonical") for e in extras]
        fixed = [e.get("group") or e.get("canonical") for e in extras]
        groups = cluster(texts, types, [m.confidence for m in mentions], links, fixed)
        members: dict[int, list[int]] = {}
        for n, g in enumerate(groups):
            members.setdefault(g, []).append(n)
        used: set[str] = set()
        entities: list[Entity] = []
        for idx in sorted(members.values(), key=lambda group: mentions[group[0]].start):
            confidence = max(mentions[n].confidence for n in idx)
            if confidence < _MIN_CONFIDENCE:
                continue
            # the group's type: the most confident mention's
            typ = max(idx, key=lambda n: (mentions[n].confidence, mentions[n].type != "ORG"))
            etype = types[typ]
            forms = list(dict.fromkeys(texts[n] for n in idx))
            if LEGAL_FORMS.issuperset(forms):
                continue  # "in die Rechtsform einer GmbH wechseln": a legal form names no one
            name = next((canon[n] for n in idx if canon[n]), None) or _best_name(forms, etype)
            subs = [
                mentions[n].subtype
                for n in sorted(idx, key=lambda n: -mentions[n].confidence)
                if types[n] == etype and mentions[n].subtype
            ]
            subtype = next((s for s in subs if s != "other"), subs[0] if subs else None)
            if etype == "PLACE":
                subtype = "region" if "region" in subs else subtype or "city"
            key = _slug(f"{etype}-{name}")
            base, k = key, 2
            while key in used:
                key, k = f"{base}-{k}", k + 1
            used.add(key)
            attrs = self._attrs(doc, toks, idx, extras, mentions)
            entities.append(
                Entity(
                    key=key,
                    name=name,
                    type=etype,
                    subtype=subtype,
                    aliases=[f for f in forms if f != name]
                    + attrs.pop("_aliases", [])
                    + _acronym_tails(forms),
                    attrs=attrs,
                    method="rule" if any(mentions[n].method == "rule" for n in idx) else "crf",
                    confidence=confidence,
                )
            )
            for n in idx:
                mentions[n].entity = key
                mentions[n].type = etype
                mentions[n].subtype = subtype
        doc.mentions = sorted((m for m in mentions if m.entity), key=attrgetter("start", "end"))
        doc.entities = entities

    @staticmethod
    def _attrs(
        doc: Document, toks: Toks, idx: list[int], extras: list[dict[str, Any]], mentions: list[Mention]
    ) -> dict[str, Any]:
        attrs: dict[str, Any] = {}
        aliases: list[str] = []
        roles: list[dict[str, Any]] = []
        for n in idx:
            ex = extras[n]
            if not ex:
                continue  # most mentions carry no attributes
            for key in ("lat", "lon", "source_id"):  # "group" is the clustering key only
                if key in ex:
                    attrs.setdefault(key, ex[key])
            if "title_start" in ex:
                titled = " ".join(doc.text[toks.start[ex["title_start"]] : mentions[n].end].split())
                if titled not in aliases and titled != mentions[n].text:
                    aliases.append(titled)
            for role in ex.get("roles", []):
                role = dict(role)
                org_token = role.pop("org_token", None)
                if org_token is not None and org_token < toks.n:
                    start = toks.start[org_token]
                    org = next((m for m in mentions if m.start == start and m.type == "ORG"), None)
                    if org is not None:
                        role["org_mention"] = [org.start, org.end]
                        role["span"] = [role["span"][0], org.end]
                roles.append(role)
        if roles:
            attrs["roles"] = roles
        if aliases:
            attrs["_aliases"] = aliases
        return attrs


def make_stage() -> EntityStage:
    return EntityStage()
