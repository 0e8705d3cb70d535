"""The in-memory records of cross-document resolution and their prepared comparison views."""

from __future__ import annotations

from dataclasses import dataclass, field

from hafen.resolve import normalize as nz

RecordId = tuple[str, str]  # (document name, entity key within the document)

FUNCTION_HEADS = ("fuer", "for", "of", "zur", "zum", "der", "des")


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """A document-level entity as resolution sees it."""

    doc: str
    key: str
    name: str
    type: str
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    context: tuple[str, ...] = ()  # evidence sentences, optional

    @property
    def id(self) -> RecordId:
        return (self.doc, self.key)

    @property
    def forms(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for form in (self.name, *self.aliases):
            if form and form.strip():
                seen.setdefault(form, None)
        return tuple(seen)


@dataclass(slots=True)
class Prepared:
    """Everything the rules compare, computed once per record."""

    record: EntityRecord
    folded: set[str] = field(default_factory=set)
    keys: dict[str, str] = field(default_factory=dict)  # key -> the form it came from
    token_sets: list[tuple[frozenset[str], str]] = field(default_factory=list)
    acronyms: set[str] = field(default_factory=set)  # acronym tokens written in any form
    whole_acronyms: set[str] = field(default_factory=set)  # forms that are a single acronym
    long_acronyms: dict[str, str] = field(default_factory=dict)  # candidate acronym -> long form
    heads: dict[str, str] = field(default_factory=dict)  # head key -> long form ("X für Y" -> X)
    compacts: dict[str, str] = field(default_factory=dict)  # spacing-free spelling -> form
    places: frozenset[str] = frozenset()  # place tokens known in this record's document
    topics: frozenset[str] = frozenset()  # topic concept ids (TOPIC records only)

    @property
    def id(self) -> RecordId:
        return self.record.id


def head_of(form: str) -> str | None:
    """The head of a name built as "<head> für/der <domain>", as a key; None if not so built."""
    toks = nz.raw_tokens(form)
    for i, tok in enumerate(toks):
        if tok in FUNCTION_HEADS and i > 0:
            head = [nz.stem(t) for t in toks[:i] if t not in nz.STOPWORDS]
            return " ".join(sorted(set(head))) if head else None
    return None


def prepare(record: EntityRecord, places: frozenset[str], topics: frozenset[str]) -> Prepared:
    prep = Prepared(record=record, places=places, topics=topics)
    for form in record.forms:
        folded = nz.fold(form)
        if not folded:
            continue
        prep.folded.add(folded)
        for compact in nz.compact_forms(form):
            prep.compacts.setdefault(compact, form)
        k = nz.key(form)
        if k:
            prep.keys.setdefault(k, form)
            prep.token_sets.append((frozenset(k.split()), form))
        acr = nz.acronym_tokens(form)
        prep.acronyms |= acr
        if nz.is_acronym_form(form):
            prep.whole_acronyms |= acr
        elif len(folded.split()) >= 2:
            for cand in nz.acronym_candidates(form):
                prep.long_acronyms.setdefault(cand, form)
            head = head_of(form)
            if head:
                prep.heads.setdefault(head, form)
    return prep
