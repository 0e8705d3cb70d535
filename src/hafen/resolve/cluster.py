"""Cross-document entity resolution: blocking, rules, union-find with cannot-links, overrides.

``resolve(records, overrides)`` groups document-level entity records into clusters (one per
real-world thing) and keeps, for every merge, the rule and score that made it, so a
person can see why two records were joined and undo it with a curated ``cannot_link``.
Curated decisions (``hafen merge A B`` -> must_link, ``hafen split A B`` -> cannot_link)
win over automatic ones.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from hafen.match.topics import synonym_ids
from hafen.resolve import normalize as nz
from hafen.resolve.records import EntityRecord, Prepared, RecordId, prepare
from hafen.resolve.rules import WITHIN_DOCUMENT_RULES, compare, veto


@dataclass(frozen=True, slots=True)
class MergeDecision:
    """One merge (or one refused merge): the two records, the rule and its score."""

    a: RecordId
    b: RecordId
    rule: str
    score: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Overrides:
    """Decisions a person made; they win over every automatic decision."""

    must_link: tuple[tuple[RecordId, RecordId], ...] = ()
    cannot_link: tuple[tuple[RecordId, RecordId], ...] = ()

    def merge(self, a: RecordId, b: RecordId) -> Overrides:
        """The overrides plus "these two are the same" (drops a contrary split)."""
        pair = frozenset((a, b))
        kept = tuple(p for p in self.cannot_link if frozenset(p) != pair)
        return replace(self, must_link=(*self.must_link, (a, b)), cannot_link=kept)

    def split(self, a: RecordId, b: RecordId) -> Overrides:
        """The overrides plus "these two are different" (drops a contrary merge)."""
        pair = frozenset((a, b))
        kept = tuple(p for p in self.must_link if frozenset(p) != pair)
        return replace(self, cannot_link=(*self.cannot_link, (a, b)), must_link=kept)


@dataclass(frozen=True, slots=True)
class Settings:
    max_block: int = 60  # a blocking key shared by more records than this is too common to use
    min_score: float = 0.8  # automatic merges below this score are not made
    # The document step already told a document's entities apart: two of them are joined
    # only by the strong rules of ``within_document_rules``; False lifts this for all rules.
    separate_within_document: bool = True
    within_document_rules: frozenset[str] = WITHIN_DOCUMENT_RULES


@dataclass(slots=True)
class Cluster:
    """One real-world thing: its records and a description built from them."""

    type: str
    name: str
    subtype: str | None
    aliases: list[str]
    members: list[RecordId]


@dataclass(slots=True)
class Resolution:
    clusters: list[Cluster]
    decisions: list[MergeDecision]  # merges made, in the order they were made
    refused: list[MergeDecision] = field(default_factory=list)  # links blocked by a cannot-link
    conflicts: list[str] = field(default_factory=list)  # curated decisions that contradict

    def cluster_of(self, rid: RecordId) -> Cluster | None:
        for c in self.clusters:
            if rid in c.members:
                return c
        return None

    def why(self, a: RecordId, b: RecordId) -> list[MergeDecision]:
        """The merges on the path that joined two records (empty if they are apart)."""
        graph: dict[RecordId, list[tuple[RecordId, MergeDecision]]] = defaultdict(list)
        for d in self.decisions:
            graph[d.a].append((d.b, d))
            graph[d.b].append((d.a, d))
        back: dict[RecordId, tuple[RecordId, MergeDecision] | None] = {a: None}
        queue = [a]
        while queue:
            node = queue.pop(0)
            if node == b:
                path = []
                step = back[node]
                while step is not None:
                    prev, dec = step
                    path.append(dec)
                    step = back[prev]
                return path[::-1]
            for nxt, dec in graph[node]:
                if nxt not in back:
                    back[nxt] = (node, dec)
                    queue.append(nxt)
        return []


class _UnionFind:
    """Union-find whose roots remember which records they must never join."""

    def __init__(self, ids: Iterable[RecordId], one_per_document: bool) -> None:
        self.parent: dict[RecordId, RecordId] = {i: i for i in ids}
        self.members: dict[RecordId, set[RecordId]] = {i: {i} for i in self.parent}
        self.cannot: dict[RecordId, set[RecordId]] = {i: set() for i in self.parent}
        self.docs: dict[RecordId, set[str]] = {i: {i[0]} for i in self.parent}
        self.one_per_document = one_per_document

    def find(self, i: RecordId) -> RecordId:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def forbid(self, a: RecordId, b: RecordId) -> None:
        self.cannot[self.find(a)].add(b)
        self.cannot[self.find(b)].add(a)

    def blocked(self, a: RecordId, b: RecordId) -> bool:
        ra, rb = self.find(a), self.find(b)
        if self.one_per_document and self.docs[ra] & self.docs[rb]:
            return True
        small, big = (ra, rb) if len(self.cannot[ra]) <= len(self.cannot[rb]) else (rb, ra)
        return any(self.find(x) == big for x in self.cannot[small])

    def union(self, a: RecordId, b: RecordId) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.cannot[ra] |= self.cannot.pop(rb)
        self.docs[ra] |= self.docs.pop(rb)
        return True


def _place_vocabulary(records: Sequence[EntityRecord]) -> tuple[set[str], dict[str, set[str]]]:
    """Tokens of settlement and region names, overall and per document (sites excluded)."""
    everywhere: set[str] = set()
    per_doc: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.type == "PLACE" and r.subtype != "site":
            for form in r.forms:
                toks = set(nz.content_tokens(form)) - nz.GENERIC_WORDS
                everywhere |= toks
                per_doc[r.doc] |= toks
    for r in records:
        for sentence in r.context:
            per_doc[r.doc] |= set(nz.content_tokens(sentence)) & everywhere
    return everywhere, per_doc


def _ambiguous_heads(prepared: Sequence[Prepared]) -> set[str]:
    """Heads shared by long forms of different records ("Fraunhofer-Institut für ...")."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in prepared:
        for head, form in p.heads.items():
            owners[(p.record.type, head)].add(nz.key(form))
    return {head for (_, head), longs in owners.items() if len(longs) > 1}


def _candidate_pairs(prepared: Sequence[Prepared], settings: Settings) -> set[tuple[int, int]]:
    """Blocking: only records of one type that share a token, a form or an acronym are compared."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(prepared):
        block_keys: set[str] = set(p.folded)
        for tokens, _ in p.token_sets:
            block_keys |= tokens
        block_keys |= p.acronyms | p.long_acronyms.keys() | p.topics | p.compacts.keys()
        for k in block_keys:
            index[(p.record.type, k)].append(i)
    pairs: set[tuple[int, int]] = set()

    within = settings.within_document_rules or not settings.separate_within_document

    def add(i: int, j: int) -> None:
        if within or prepared[i].record.doc != prepared[j].record.doc:
            pairs.add((min(i, j), max(i, j)))

    for (_, k), members in index.items():
        if len(members) < 2:
            continue
        if len(members) > settings.max_block:
            # Too common to compare all pairs, but records written exactly this way are the
            # same name ("Dortmund" in 500 documents): link them as a star plus a chain, O(n),
            # so that the most frequent actors still merge and one veto cannot strand a record.
            same = [i for i in members if k in prepared[i].folded]
            for x in range(1, len(same)):
                add(same[0], same[x])
                add(same[x - 1], same[x])
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                add(i, j)
    return pairs


def resolve(
    records: Iterable[EntityRecord],
    overrides: Overrides | None = None,
    settings: Settings | None = None,
) -> Resolution:
    """Group records into clusters; curated overrides first, then automatic merges by score."""
    recs = list(records)
    overrides = overrides or Overrides()
    settings = settings or Settings()
    ids = [r.id for r in recs]
    if len(set(ids)) != len(ids):
        dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
        raise ValueError(f"record ids (doc, key) must be unique; repeated: {dupes[:3]}")
    _everywhere, per_doc = _place_vocabulary(recs)
    prepared = [
        prepare(
            r,
            frozenset(per_doc.get(r.doc, set())),
            frozenset(synonym_ids(r.forms) if r.type == "TOPIC" else ()),
        )
        for r in recs
    ]
    uf = _UnionFind(ids, one_per_document=False)
    known = set(ids)
    conflicts: list[str] = []
    decisions: list[MergeDecision] = []
    refused: list[MergeDecision] = []

    for a, b in overrides.cannot_link:
        if a in known and b in known:
            uf.forbid(a, b)
    for a, b in overrides.must_link:
        if a not in known or b not in known:
            conflicts.append(f"must_link {a} {b}: unknown record")
        elif uf.blocked(a, b):
            conflicts.append(f"must_link {a} {b} contradicts a curated cannot_link")
        elif uf.union(a, b):
            decisions.append(MergeDecision(a, b, "curated", 1.0, "merged by a person"))

    proposals: list[MergeDecision] = []
    inner: list[MergeDecision] = []  # within one document, by strong rules only
    ambiguous = _ambiguous_heads(prepared)
    for i, j in sorted(_candidate_pairs(prepared, settings)):
        pa, pb = prepared[i], prepared[j]
        if pa.record.type != pb.record.type:
            continue  # types never merge: Dortmund (PLACE) is not Stadt Dortmund (ORG)
        same_doc = pa.record.doc == pb.record.doc and settings.separate_within_document
        reason = veto(pa, pb)
        if reason:
            uf.forbid(pa.id, pb.id)
            if not same_doc:
                refused.append(MergeDecision(pa.id, pb.id, "veto", 0.0, reason))
            continue
        ev = compare(pa, pb, ambiguous)
        if same_doc:
            if (
                ev
                and ev.score >= settings.min_score
                and ev.rule in settings.within_document_rules
                and not _other_legal_form(pa.record, pb.record)
            ):
                inner.append(MergeDecision(pa.id, pb.id, ev.rule, ev.score, ev.detail))
        elif ev and ev.score >= settings.min_score:
            proposals.append(MergeDecision(pa.id, pb.id, ev.rule, ev.score, ev.detail))
    # Within a document first (the same actor written two ways), then across documents, where
    # a cluster holds at most one record per document unless a person merged more.
    for batch, one_per_document in ((_unambiguous(inner), False), (proposals, True)):
        uf.one_per_document = one_per_document and settings.separate_within_document
        batch.sort(key=lambda d: (-d.score, d.a, d.b))
        for d in batch:
            if uf.find(d.a) == uf.find(d.b):
                continue
            if uf.blocked(d.a, d.b):
                refused.append(d)
                continue
            uf.union(d.a, d.b)
            decisions.append(d)

    groups: dict[RecordId, list[EntityRecord]] = defaultdict(list)
    for r in recs:
        groups[uf.find(r.id)].append(r)
    clusters = [_describe(members) for members in groups.values()]
    clusters.sort(key=lambda c: (c.type, nz.fold(c.name)))
    return Resolution(clusters=clusters, decisions=decisions, refused=refused, conflicts=conflicts)


def _legal_forms(name: str) -> frozenset[str]:
    return frozenset(t for t in nz.fold(name).split() if t in nz.LEGAL_FORMS)


def _other_legal_form(a: EntityRecord, b: EntityRecord) -> bool:
    """Two companies of one name with different legal forms in one text ("X GmbH", "X AG")
    are two companies of a group; across documents the same difference is a way of writing."""
    la, lb = _legal_forms(a.name), _legal_forms(b.name)
    return bool(la and lb and la != lb)


def _unambiguous(inner: list[MergeDecision]) -> list[MergeDecision]:
    """Within-document links without the place qualifiers a record has more than one of.

    "HWK" next to "Handwerkskammer Dortmund" is that chamber; next to "Handwerkskammer
    Dortmund" and "Handwerkskammer Münster" it could be either and stays alone.
    """
    qualified = Counter(x for d in inner if d.rule == "place_qualifier" for x in (d.a, d.b))
    return [d for d in inner if d.rule != "place_qualifier" or (qualified[d.a] == 1 and qualified[d.b] == 1)]


def _describe(members: list[EntityRecord]) -> Cluster:
    # The name most records use wins (inflected variants counted together, the shortest
    # variant shown: "Instituts" -> "Institut"); a tie goes to the longer, more explicit form.
    by_key: dict[str, list[EntityRecord]] = defaultdict(list)
    for m in members:
        by_key[nz.key(m.name) or nz.fold(m.name)].append(m)
    group = max(by_key.values(), key=lambda g: (len(g), max(len(m.name) for m in g), g[0].name))
    # The exact form used most wins; on a tie a written-out form beats an abbreviated one
    # ("Technische Universität Dortmund" over "TU Dortmund"), then the shortest.
    uses = Counter(m.name for m in group)
    best = min(group, key=lambda m: (-uses[m.name], nz.used_abbreviation(m.name), len(m.name), m.name))
    subtypes = Counter(m.subtype for m in members if m.subtype)
    subtype = max(subtypes, key=lambda s: (subtypes[s], s)) if subtypes else None
    seen = {nz.fold(best.name)}
    aliases: list[str] = []
    for m in members:
        for form in m.forms:
            if nz.fold(form) not in seen:
                seen.add(nz.fold(form))
                aliases.append(form)
    return Cluster(
        type=best.type,
        name=best.name,
        subtype=subtype,
        aliases=aliases,
        members=sorted(m.id for m in members),
    )
