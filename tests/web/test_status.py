"""The status page: counts, documents and failures, bilingual, everything escaped."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from hafen.document import Document, Entity, Mention
from hafen.store.sqlite import SQLiteStore
from hafen.web.status import make_app


def _store(path: Path) -> None:
    text = "Die Emschergenossenschaft plant in Dortmund neue Flächen."
    doc = Document(
        source="/korpus/<script>alert(1)</script>.txt",
        name="<script>alert(1)</script>.txt",
        text=text,
        content_hash="h",
        lang="de",
    )
    doc.entities.append(Entity("e0", "Emschergenossenschaft", "ORG", "public"))
    doc.mentions.append(Mention(4, 25, "Emschergenossenschaft", "ORG", entity="e0"))
    with SQLiteStore(path) as store:
        store.put_document(doc, "fp")
        store.record_failure(
            "/korpus/scan.pdf", "E105", "das PDF ist beschädigt", {"detail": "<b>no end-of-file marker</b>"}
        )
        store.resolve()


def test_status_page_lists_counts_documents_failures(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _store(db)
    with TestClient(make_app(str(db))) as client:
        page = client.get("/?lang=de")
        assert page.status_code == 200
        assert "Dokumente" in page.text and "Fehlschläge" in page.text
        assert "ORG" in page.text and "E105" in page.text
        assert "das PDF ist beschädigt oder abgeschnitten" in page.text
        english = client.get("/", params={"lang": "en"})
        assert "Documents" in english.text or "documents" in english.text
        assert client.get("/stats.json").json()["documents"] == 1


def test_status_page_escapes_document_names(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _store(db)
    with TestClient(make_app(str(db))) as client:
        page = client.get("/?lang=en")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.txt</td>" in page.text
    assert "(&lt;b&gt;no end-of-file marker&lt;/b&gt;)" in page.text
    assert "the PDF is damaged" in page.text  # the stored German text, shown in English
