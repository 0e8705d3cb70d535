"""Test support for store, build and CLI tests: German fixture texts and a small rule stage.

Loaded by file path (tests run with --import-mode=importlib) under the module name
``hafen_testkit``, so that ``pipeline.REGISTRY`` can name its factory like any stage.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

from hafen import errors, pipeline
from hafen.document import Document, Entity, Figure, Mention, Relation, content_hash

MODULE = "hafen_testkit"
STAGE = "test.lexicon.v1"
SLEEP_ENV = "HAFEN_TEST_STAGE_SLEEP"

# (surface form, canonical name, type, subtype); longer forms first so they win overlaps.
LEXICON: list[tuple[str, str, str, str | None]] = [
    (
        "Fraunhofer-Institut für Materialfluss und Logistik",
        "Fraunhofer-Institut für Materialfluss und Logistik",
        "ORG",
        "research",
    ),
    ("Fraunhofer IML", "Fraunhofer-Institut für Materialfluss und Logistik", "ORG", "research"),
    ("Technische Universität Dortmund", "Technische Universität Dortmund", "ORG", "university"),
    ("TU Dortmund", "Technische Universität Dortmund", "ORG", "university"),
    ("Ruhr-Universität Bochum", "Ruhr-Universität Bochum", "ORG", "university"),
    ("Wirtschaftsförderung Dortmund", "Wirtschaftsförderung Dortmund", "ORG", "public"),
    ("Lamarr-Institut", "Lamarr-Institut", "ORG", "research"),
    ("Jürgen Weiß", "Jürgen Weiß", "PERSON", None),
    ("Dortmund", "Dortmund", "PLACE", "city"),
    ("Bochum", "Bochum", "PLACE", "city"),
    ("Ruhrgebiet", "Ruhrgebiet", "PLACE", "region"),
]

TEXTS: dict[str, str] = {
    "logistik.txt": (
        "Das Fraunhofer-Institut für Materialfluss und Logistik kooperiert seit Jahren mit der "
        "TU Dortmund. Gemeinsam mit Akteur*innen aus dem Ruhrgebiet entstehen in Dortmund "
        "bis zu 400 neue Arbeitsplätze. Das Fraunhofer IML bündelt dafür Kompetenzen."
    ),
    "wasserstoff.txt": (
        "Die Ruhr-Universität Bochum forscht zu grünem Wasserstoff. Die Forschenden der "
        "Ruhr-Universität Bochum kooperieren dabei mit Teams der TU Dortmund. "
        "In Bochum stehen 12 Millionen Euro für Großgeräte bereit."
    ),
    "gruendung.txt": (
        "Die Wirtschaftsförderung Dortmund unterstützt Gründer*innen am Phoenix-See. "
        "Jürgen Weiß, Geschäftsführer des Lamarr-Instituts, lobt die Zusammenarbeit: Das "
        "Lamarr-Institut kooperiert eng mit der Wirtschaftsförderung Dortmund."
    ),
}


def stage(doc: Document) -> Document:
    """Find lexicon names, link them to document entities, relate ORGs in a cooperation sentence."""
    delay = float(os.environ.get(SLEEP_ENV, "0") or 0)
    if delay:
        time.sleep(delay)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, str, str, str | None]] = []
    for surface, canonical, typ, subtype in LEXICON:
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", doc.text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), surface, canonical, typ, subtype))
    found.sort()
    keys: dict[str, Entity] = {}
    for start, end, surface, canonical, typ, subtype in found:
        ent = keys.get(canonical)
        if ent is None:
            ent = Entity(key=f"e{len(keys)}", name=canonical, type=typ, subtype=subtype)
            keys[canonical] = ent
            doc.entities.append(ent)
        if surface != canonical and surface not in ent.aliases:
            ent.aliases.append(surface)
        doc.mentions.append(Mention(start, end, surface, typ, entity=ent.key, subtype=subtype))
    offset = 0
    for sentence in re.split(r"(?<=\.)\s+", doc.text):
        start = doc.text.index(sentence, offset)
        end = start + len(sentence)
        offset = end
        doc.sentences.append((start, end))
        orgs = []
        for m in doc.mentions:
            if start <= m.start < end and m.type == "ORG" and m.entity not in orgs:
                orgs.append(m.entity)
        if "kooperier" in sentence and len(orgs) >= 2:
            doc.relations.append(Relation(orgs[0] or "", "cooperates_with", orgs[1] or "", start, end))
    for m in re.finditer(r"\d+(?:\.\d+)?", doc.text):
        doc.figures.append(Figure(m.start(), m.end(), m.group(), float(m.group())))
    return doc


class FixedPipeline:
    """The test stage under a constant fingerprint.

    Stage names are fingerprinted together with the code in ``hafen/extract``; tests that
    span seconds use this so that an edit there meanwhile cannot change the outcome.
    """

    fingerprint = "test-fixed-v1"

    def __call__(self, doc: Document) -> Document:
        return stage(doc)


BUILT: list[str] = []  # one entry per stage construction: the build must not load needlessly


def make_stage():  # type: ignore[no-untyped-def]
    BUILT.append(STAGE)
    return stage


def expected_counts(text: str) -> tuple[int, int, int]:
    """(entities, mentions, relations) the stage finds in ``text``: for completeness checks."""
    doc = stage(Document(source="x", text=text, content_hash="x"))
    return len(doc.entities), len(doc.mentions), len(doc.relations)


# -- a minimal reader, used only while hafen.read is not there yet ----------------------
def _iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in map(Path, paths):
        if not p.exists():
            raise errors.ConfigError("E402", path=str(p))
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in {".txt", ".md"})
        else:
            yield p


def _read_file(path: Path, *, max_mb: float = 25.0) -> Document:
    data = Path(path).read_bytes()
    if not data.strip():
        raise errors.ReadError(str(path), "E102")
    return Document(
        source=str(Path(path).resolve()), text=data.decode("utf-8"), content_hash=content_hash(data)
    )


def install() -> None:
    """Register the test stage; give ``hafen.read`` a stand-in API if it has none yet."""
    import hafen.read as read

    pipeline.REGISTRY[STAGE] = f"{MODULE}:make_stage"
    if not hasattr(read, "read_file"):
        read.iter_input_files = _iter_input_files  # type: ignore[attr-defined]
        read.read_file = _read_file  # type: ignore[attr-defined]


def load() -> ModuleType:
    """Import this file as ``hafen_testkit`` (idempotent)."""
    if MODULE in sys.modules:
        return sys.modules[MODULE]
    spec = importlib.util.spec_from_file_location(MODULE, Path(__file__))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE] = module
    spec.loader.exec_module(module)
    return module


def write_corpus(folder: Path, texts: dict[str, str] = TEXTS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
