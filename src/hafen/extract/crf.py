"""Statistical entity tagger: a linear-chain CRF over the shared tokenizer, BIO labels.

``predict_mentions(doc)`` is what the entity stage calls; the model ships in
``hafen/data/models/ner.crfsuite`` and is retrained with ``python -m hafen.extract.train``.
The CRF predicts the type; ORG and PLACE subtypes come from cue words in the span.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pycrfsuite

from hafen.document import ENTITY_TYPES, Mention
from hafen.extract.crf_decode import NumpyTagger
from hafen.extract.crf_features import STREET_HEADS
from hafen.extract.tokens import source_text, spacy_doc, token_table, tokenize

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

    from hafen.document import Document

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "ner.crfsuite"
# Mean marginal probability a mention needs to be returned by ``predict_mentions``.
MIN_CONFIDENCE = 0.9
# Off: in the leave-one-document-out benchmark it cost PLACE precision under the rules.
PROPAGATE = False


class Tok(NamedTuple):
    """A token of a CRF sequence: its text and character offsets into the document text."""

    text: str
    start: int
    end: int


# Tok(...) runs a Python-level __new__; building the tuple directly skips it (one per token)
_new_tok = tuple.__new__
_word = itemgetter(0)  # a Tok's text, without a Python step


def sequences(sdoc: SpacyDoc) -> list[list[Tok]]:
    """Sentences as token sequences; a line break or tab also ends one (headlines, lists, tables)."""
    text = source_text(sdoc)
    # token columns as plain lists, shared with the rule detectors: no Python Token per word
    starts, ends, texts, spaces, sent_starts = token_table(sdoc)
    out: list[list[Tok]] = []
    cur: list[Tok] = []
    prev_end = 0
    new_sentence = False
    for start, end, word, is_space, sent_start in zip(starts, ends, texts, spaces, sent_starts, strict=True):
        new_sentence = new_sentence or sent_start == 1
        if is_space:
            continue
        # most gaps are empty or one space: look for a line break only in the others
        if cur and (
            new_sentence
            or (start != prev_end and text[prev_end:start] != " " and _breaks(text[prev_end:start]))
        ):
            out.append(cur)
            cur = []
        new_sentence = False
        prev_end = end
        cur.append(_new_tok(Tok, (word, start, end)))
    if cur:
        out.append(cur)
    return out


def _breaks(gap: str) -> bool:
    return "\n" in gap or "\t" in gap


def text_sequences(text: str) -> list[list[Tok]]:
    """Token sequences of a plain text (training and tests)."""
    return sequences(tokenize(text))


def encode_bio(seq: Sequence[Tok], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO labels for a sequence; a span only labels tokens lying wholly inside it."""
    labels = ["O"] * len(seq)
    for start, end, etype in sorted(spans):
        # a token may carry a sentence-final dot the span leaves out ("Nordwerk GmbH.")
        inside = [i for i, t in enumerate(seq) if t.start >= start and (t.end <= end or _dot_after(t, end))]
        # a span whose edges fall inside a token cannot be expressed in BIO; leave it O
        if not inside or seq[inside[0]].start != start or _end_of(seq[inside[-1]]) != end:
            continue
        if any(labels[i] != "O" for i in inside):
            continue
        labels[inside[0]] = "B-" + etype
        for i in inside[1:]:
            labels[i] = "I-" + etype
    return labels


# Abbreviations whose dot belongs to the name; any other token-final dot closing a span is
# read as the end of the sentence the tokenizer glued on ("Nordwerk GmbH." -> "Nordwerk GmbH").
_KEEP_DOT = frozenset({"co.", "v.", "e.v.", "st.", "str.", "dr.", "prof.", "inc.", "ltd.", "corp.", "ev."})


def _end_of(tok: Tok) -> int:
    """End offset of a token as the last token of a name."""
    if len(tok.text) > 2 and tok.text.endswith(".") and tok.text.lower() not in _KEEP_DOT:
        return tok.end - 1
    return tok.end


def _dot_after(tok: Tok, end: int) -> bool:
    return tok.end == end + 1 and _end_of(tok) == end


def decode_bio(seq: Sequence[Tok], labels: Sequence[str]) -> list[tuple[int, int, str, int, int]]:
    """Spans (start, end, type, first token, last token + 1); a stray I- opens a span."""
    return _decode_parts(seq, [label.partition("-") for label in labels])


def _decode_parts(
    seq: Sequence[Tok], parts: Sequence[tuple[str, str, str]]
) -> list[tuple[int, int, str, int, int]]:
    """``decode_bio`` on labels already split into (kind, "-", type)."""
    spans: list[tuple[int, int, str, int, int]] = []
    open_type: str | None = None
    first = 0
    for i, (kind, _, etype) in enumerate(parts):
        continues = kind == "I" and etype == open_type
        if open_type is not None and not continues:
            spans.append((seq[first].start, _end_of(seq[i - 1]), open_type, first, i))
            open_type = None
        if (kind == "B" or kind == "I") and not continues:
            open_type, first = etype, i
    if open_type is not None:  # a span running to the end of the sequence
        n = len(parts)
        spans.append((seq[first].start, _end_of(seq[n - 1]), open_type, first, n))
    return spans


_SUBTYPE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("university", ("universität", "hochschule", "university", "tu ", "rwth", "fh ", "kit")),
    (
        "research",
        ("institut", "fraunhofer", "max-planck", "helmholtz", "leibniz", "forschungszentrum", "dlr", "lab "),
    ),
    (
        "public",
        (
            "stadt ",
            "ministerium",
            "ihk",
            "kammer",
            "amt",
            "behörde",
            "agentur",
            "senat",
            "wirtschaftsförderung",
            "landesregierung",
            "kommission",
            "bund",
            "kreis",
            "port authority",
        ),
    ),
    (
        "network",
        (
            "netzwerk",
            "verband",
            "cluster",
            "e. v.",
            "e.v.",
            "verein",
            "initiative",
            "allianz",
            "bündnis",
            "forum",
        ),
    ),
    ("company", ("gmbh", "ag", " se", "kg", "ug", "holding", "werke", "group", "gruppe")),
)
_SITE_CUES = (
    *STREET_HEADS,
    "quartier",
    "viertel",
    "hafen",
    "campus",
    "park",
    "ufer",
    "gelände",
    "areal",
    "zeche",
    "insel",
    "damm",
    "ring",
)
_REGION_CUES = (
    "kreis",
    "land",
    "region",
    "deutschland",
    "europa",
    "bayern",
    "sachsen",
    "westfalen",
    "württemberg",
    "holstein",
    "hessen",
    "thüringen",
    "pfalz",
    "ruhrgebiet",
    "gebiet",
)


def guess_subtype(etype: str, text: str) -> str | None:
    """Subtype of an ORG or PLACE from cue words in its surface form."""
    low = text.lower() + " "
    if etype == "ORG":
        for subtype, cues in _SUBTYPE_CUES:
            if any(map(low.__contains__, cues)):
                return subtype
        return "company"
    if etype == "PLACE":
        if any(map(low.__contains__, _SITE_CUES)):
            return "site"
        if any(map(low.__contains__, _REGION_CUES)):
            return "region"
        return "city"
    return None


@lru_cache(maxsize=8)
def load_tagger(path: str) -> pycrfsuite.Tagger:
    """The CRF model at ``path``, opened once."""
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def numpy_tagger(path: str) -> NumpyTagger:
    """The model at ``path`` as numpy weights, read once per process and again when the file changes."""
    stat = os.stat(path)
    return _numpy_tagger(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _numpy_tagger(path: str, mtime_ns: int, size: int) -> NumpyTagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return NumpyTagger(tagger)


def model_available(path: str | Path | None = None) -> bool:
    return (Path(path) if path else MODEL_PATH).is_file()


def tag_sequences(
    seqs: Sequence[Sequence[Tok]], text: str, model: str | Path | None = None, min_confidence: float = 0.0
) -> list[Mention]:
    """Mentions the CRF finds in token sequences of ``text`` with at least ``min_confidence``."""
    # resolved at call time so that a replaced MODEL_PATH (evaluation) takes effect
    tagger = numpy_tagger(str(model or MODEL_PATH))
    parts_of = tagger.label_parts
    # marginals only for sentences with a name: the others give no mention
    decoded = tagger.decode([list(map(_word, seq)) for seq in seqs], tagged_only=True)
    mentions: list[Mention] = []
    for seq, (path, path_probs) in zip(seqs, decoded, strict=True):
        if not path_probs:
            continue  # all "O"
        for start, end, etype, i, j in _decode_parts(seq, [parts_of[k] for k in path]):
            if etype not in ENTITY_TYPES:
                continue
            probs = path_probs[i:j]
            confidence = round(sum(probs) / len(probs), 4)
            if confidence < min_confidence:
                continue
            surface = text[start:end]
            mentions.append(
                Mention(
                    start=start,
                    end=end,
                    text=surface,
                    type=etype,
                    subtype=guess_subtype(etype, surface),
                    method="crf",
                    confidence=confidence,
                )
            )
    return mentions


def propagate(text: str, mentions: Sequence[Mention], min_source: float = 0.9) -> list[Mention]:
    """Further occurrences of confidently tagged names: a name once recognised is a name everywhere."""
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    sources: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: -m.confidence):
        if m.confidence >= min_source and len(m.text) >= 3 and m.text[0].isalnum():
            sources.setdefault(m.text, m)
    added: list[Mention] = []
    for form in sorted(sources, key=len, reverse=True):
        src = sources[form]
        for hit in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            start, end = hit.span()
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            added.append(
                Mention(
                    start, end, form, src.type, subtype=src.subtype, method="crf", confidence=src.confidence
                )
            )
    return sorted([*mentions, *added], key=lambda m: m.start)


def predict_mentions(
    doc: Document, model: str | Path | None = None, min_confidence: float | None = None
) -> list[Mention]:
    """Entity mentions of ``doc`` found by the CRF; empty when no model is installed.

    Mentions below ``min_confidence`` (default ``MIN_CONFIDENCE``, chosen by the
    leave-one-document-out benchmark for merging under the rules) are dropped. With
    ``PROPAGATE`` set, confidently tagged names are also returned at their other occurrences.
    """
    if not model_available(model):
        return []
    floor = MIN_CONFIDENCE if min_confidence is None else min_confidence
    if PROPAGATE:  # propagation starts from all tagged names, the floor applies after it
        found = propagate(doc.text, tag_sequences(sequences(spacy_doc(doc)), doc.text, model))
    else:
        found = tag_sequences(sequences(spacy_doc(doc)), doc.text, model, floor)
    return [m for m in found if m.confidence >= floor]
