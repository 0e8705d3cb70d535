"""A store built from examples/ plus one hostile document, shared by the web tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
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


# Flags for Debian's headless Chromium on a machine without network: no background
# connections, no component updates, no sync; a fresh profile is passed per run.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(db: Path) -> Iterator[str]:
    """``hafen``'s app on a free local port in a thread, for as long as the block runs."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(make_app(str(db)), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(web_db: Path) -> Iterator[str]:
    with live_server(web_db) as url:
        yield url
