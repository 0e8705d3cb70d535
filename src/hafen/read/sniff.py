"""What a file really is, from its first bytes: the extension is only a hint."""

from __future__ import annotations

import io
import re
import zipfile

HEAD_BYTES = 8192

# Formats hafen reads; the value is the media type given to the Document.
MEDIA_TYPES = {
    "text": "text/plain",
    "markdown": "text/markdown",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
}

SUFFIX_FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".csv": "csv",
}

# Magic numbers of binary formats hafen does not read, named in the E101 message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"MZ", "Windows executable"),
    (b"\x7fELF", "ELF executable"),
    (b"\xca\xfe\xba\xbe", "Java class / Mach-O"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (.doc/.xls)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"%!PS", "PostScript"),
    (b"{\\rtf", "RTF document"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_HTML_START = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<\?xml[^>]*>\s*<!doctype\s+html"
    rb"|<\?xml[^>]*>\s*<html\b|<meta\b|<title\b)",
    re.IGNORECASE,
)
_HTML_TAGS = re.compile(
    rb"</?(?:html|head|body|div|p|span|script|style|meta|link|a|ul|li|table|h[1-6]|nav"
    rb"|header|footer|section|article)\b[^>]*>",
    re.IGNORECASE,
)
_BINARY_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def sniff(head: bytes, data: bytes | None = None) -> str:
    """'pdf', 'docx', 'html', 'text' or 'binary:<what it is>' from the first bytes.

    ``data`` (the whole file) is only needed to tell a DOCX from other ZIP archives.
    """
    if head.startswith(b"%PDF-") or head[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_ZIP):
        return _zip_kind(data if data is not None else head)
    for magic, name in _MAGIC:
        # Short magics ("BM", "MZ", "ID3") also start ordinary words; text has no NUL bytes.
        if head.startswith(magic) and not (len(magic) <= 3 and _looks_textual(head)):
            return f"binary:{name}"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text legitimately has NUL bytes
        return "text"
    if not _looks_textual(head):
        return "binary:binary data"
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head[:4096])) >= 8:
        return "html"
    return "text"


def _looks_textual(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    sample = head[:HEAD_BYTES]
    if not sample:
        return True
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    return controls <= len(sample) // 50


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # A cut-off DOCX still names its parts in the local headers near the start.
        return "docx" if b"word/" in data[:65536] else "binary:ZIP archive"
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "binary:Excel workbook (.xlsx); export it as CSV"
    if any(n.startswith("ppt/") for n in names):
        return "binary:PowerPoint presentation (.pptx)"
    if "content.xml" in names:
        return "binary:OpenDocument file; save it as DOCX"
    return "binary:ZIP archive"
