"""A store built from examples/ plus one hostile document, shared by the web tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hafen.build import build
from hafen.document import Document, Entity, Mention
from hafen.store.sqlite import SQLiteStore
from hafen.web.app import make_app

HOSTILE_NAME = "<img src=x onerror=alert(2)> Labor GmbH"


def _hostile_document() -> Document:
    text = f"Die {HOSTILE_NAME} testet <script>alert(1)</script> in Dortmund."
    doc = Document(
        source="/korpus/angriff.txt", name="<b>angriff</b>.txt", text=text, content_hash="x", lang="de"
    )
    start = text.index(HOSTILE_NAME)
    doc.entities.append(Entity("e0", HOSTILE_NAME, "ORG", "company"))
    doc.mentions.append(Mention(start, start + len(HOSTILE_NAME), HOSTILE_NAME, "ORG", entity="e0"))
    return doc


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("web")
    corpus = folder / "corpus"
    shutil.copytree(examples_dir, corpus)
    db = folder / "web.db"
    with SQLiteStore(db) as store:
        build([corpus], store)
        store.put_document(_hostile_document(), "fp")
        store.resolve()
    return db


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(make_app(str(web_db))) as c:
        yield c


@pytest.fixture(scope="session")
def store(web_db: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(web_db)
    yield s
    s.close()
