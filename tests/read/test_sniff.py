from __future__ import annotations

import pytest

from hafen.read.sniff import sniff


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        (b"<!DOCTYPE html><html><head><title>x</title></head>", "html"),
        (b"  \n<html lang='de'><body><p>Hallo</p></body></html>", "html"),
        ("Die Straße in Münster".encode(), "text"),
        (b"BMW und Bosch investieren in Dortmund.", "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary:PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary:JPEG image"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "binary:Windows executable"),
        (b"Hallo\x00Welt\x00\x01\x02", "binary:binary data"),
        (b"PK\x03\x04\x14\x00\x00\x00junk", "binary:ZIP archive"),
    ],
)
def test_sniff_detects_kind(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


def test_sniff_tells_docx_from_zip(docx_bytes) -> None:
    assert sniff(docx_bytes(["Hallo Dortmund"])) == "docx"
