"""Decoding, Unicode normalisation and removal of web-page chrome from plain text.

Chrome removal works on lines of text dumps of web pages (and on trafilatura's output):
menu and share buttons, image markers with their captions and photo credits, cookie and
newsletter prompts, advertorial notes, download-size lines. The rules describe the *shape*
of such lines (short, no sentence, a credit pattern, next to other chrome) rather than
lists of strings from particular pages, so real short headings stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import charset_normalizer

from hafen import errors

# -- decoding -----------------------------------------------------------------------------

# Non-ASCII characters that German and English text in cp1252 is made of: Latin-1
# letters, typographic quotes and dashes, the euro sign, bullets and common symbols.
_WESTERN_CHARS = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ„“”‘’‚–—…€•·§°«»©®™\u00a0²³µ½¼¾×"
)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decoded text and the encoding used; E110 when no plausible decoding exists.

    Order: UTF-16 with BOM; strict UTF-8 (with or without BOM), which almost never succeeds
    on text in another encoding; cp1252 when the result looks like Western text; then
    charset-normalizer's guess; then latin-1. The statistical guess comes after cp1252
    because on short German texts it names exotic code pages (cp737 for „Grüße“).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise errors.ReadError(path, "E110") from None
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_western(text):
        return text, "cp1252"
    guess = charset_normalizer.from_bytes(data[:65536]).best()
    if guess is not None:
        try:
            text = data.decode(guess.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and not _too_many_controls(text):
            return text, guess.encoding
    text = data.decode("latin-1")
    if not _too_many_controls(text):
        return text, "latin-1"
    raise errors.ReadError(path, "E110")


def _looks_western(text: str) -> bool:
    other = [c for c in text[:65536] if ord(c) > 127]
    if not other:
        return True
    western = sum(1 for c in other if c in _WESTERN_CHARS)
    return western >= 0.8 * len(other) and not _too_many_controls(text)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _too_many_controls(text: str) -> bool:
    """C0/C1 control characters in decoded text mean the guessed encoding is wrong."""
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


# -- Unicode normalisation ----------------------------------------------------------------

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
_REPLACE: dict[str, str] = {c: " " for c in _SPACES}
_REPLACE.update({c: "" for c in _INVISIBLE})
_REPLACE.update({"\u2028": "\n", "\u2029": "\n\n", "\f": "\n\n", "\v": "\n"})
# Remaining C0 and C1 controls carry no text; tab and newline are structure and stay.
_REPLACE.update({chr(c): "" for c in (*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0))})
# One character-class scan is much faster than str.translate on non-ASCII text, and
# most files contain few of these characters.
_ODD_CHARS = re.compile("[" + re.escape("".join(sorted(_REPLACE))) + "]")


def _replace_odd(match: re.Match[str]) -> str:
    return _REPLACE[match.group()]


_INNER_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
# Trailing tabs stay: they are the empty last cells of tab-separated rows.
_TRAILING_SPACES = re.compile(r" +$", re.MULTILINE)
# Spaces and tabs on blank lines go. (Also matching the bare "\n" of an empty line, as
# ``[ \t]*`` would, only replaces it by itself.)
_BLANK_LINES = re.compile(r"\n[ \t]+(?=\n)")
_MANY_BLANKS = re.compile(r"\n{4,}")


def normalize(text: str) -> str:
    """NFC, plain spaces, no invisible characters, LF line ends, at most two blank lines.

    Two blank lines are kept (not one) because a wide gap is a hint for the segmenter.
    Umlauts, ß, gender stars and typographic quotes are left as they are.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_CHARS.sub(_replace_odd, text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # each substitution only where its pattern can match at all: a scan for a plain
    # substring is many times faster than the regex
    if "  " in text:
        text = _INNER_SPACES.sub(" ", text)
    if " \n" in text or text.endswith(" "):
        text = _TRAILING_SPACES.sub("", text)
    if "\n " in text or "\n\t" in text:
        text = _BLANK_LINES.sub("\n", text)
    if "\n\n\n\n" in text:
        text = _MANY_BLANKS.sub("\n\n\n", text)
    return text.strip("\n")


# -- chrome removal -----------------------------------------------------------------------

# Whole lines that are interface labels on any site: always chrome when alone on a line.
_MARKERS = frozenset(["image", "bild", "foto", "fotos", "video", "galerie", "bildergalerie", "grafik"])
_UI_TEXT = (
    "menü|menu|hauptmenü|navigation|menü öffnen|menü schließen|artikel teilen|teilen|share|share this|"
    "jetzt teilen|seite teilen|drucken|seite drucken|print|nach oben|zum seitenanfang|seitenanfang|"
    "back to top|zurück zur übersicht|zurück|back|weiterlesen|mehr lesen|read more|mehr erfahren|"
    "zum inhalt springen|direkt zum inhalt|skip to content|skip to main content|suche|suchen|search|"
    "schließen|close|anzeige|werbung|advertisement|sponsored|alle akzeptieren|akzeptieren|ablehnen|"
    "accept all|accept|reject|zur startseite|merken|link kopieren"
)
_UI_LABELS = _MARKERS | frozenset(_UI_TEXT.split("|"))
# Site-wide links that are also plausible section headings: chrome only next to other chrome.
_NAV_TEXT = (
    "impressum|datenschutz|datenschutzerklärung|kontakt|startseite|home|login|anmelden|abmelden|"
    "registrieren|barrierefreiheit|sitemap|presse|facebook|twitter|x|linkedin|xing|instagram|youtube|"
    "whatsapp|e-mail|email|mail|rss|pinterest|mastodon|threads|telegram|aktuelles|news|kontrast|"
    "leichte sprache|gebärdensprache|english|deutsch|de|en"
)
_NAV_LABELS = frozenset(_NAV_TEXT.split("|"))

_CREDIT = re.compile(
    r"""^(?:©|\(c\)\s|copyright\b|foto(?:s|grafie)?\s*:|bild(?:er)?\s*:|photos?\s*:|image\s*:
        |quelle\s+(?:foto|bild)\s*:|bildquelle\s*:|titelbild\s*:|credits?\s*:)""",
    re.IGNORECASE | re.VERBOSE,
)
# "(Bild: TU Dortmund)" closing a caption; not "(Quelle: IT.NRW)", which closes real statements.
_TRAILING_CREDIT = re.compile(
    r"[(\[](?:©|foto|fotos|bild|photo|image)\s*:?[^()\[\]]{0,80}[)\]]\s*$", re.IGNORECASE
)
# "Gründerteam VitaSens Foto: VitaSens GmbH": a caption with the credit run into it.
_INLINE_CREDIT = re.compile(r"\s(?:foto|fotos|bild|photo|credit|©)\s*:\s*[^.!?:]{2,60}$", re.IGNORECASE)
_ADVERTORIAL = re.compile(
    r"^(?:anzeige|werbung|advertorial|sponsored|promotion)\s*(?:[-–—:|]|$)", re.IGNORECASE
)
_COOKIE = re.compile(
    r"\bcookies?\b|\bnewsletter\b.{0,60}\b(?:abonnieren|anmelden|bestellen|subscribe)\b", re.IGNORECASE
)
_FILE_SIZE = re.compile(
    r"^\(?(?:pdf|docx?|xlsx?|pptx?|odt|zip|csv|mp3|mp4|jpe?g|png)\b[ ,:(-]*"
    r"\d+(?:[.,]\d+)?\s*(?:kb|mb|gb|kib|mib|bytes?)\)?$",
    re.IGNORECASE,
)
# "WF DO / Jäger", "Stadt Dortmund / Schaper": agency and photographer after a slash.
_SLASH_CREDIT = re.compile(r"(?:^|\s)[\w.&-]+(?:\s[\w.&-]+){0,3}\s?/\s?[\w.&-]+(?:\s[\w.&-]+){0,2}$")
_SENTENCE_END = (".", "!", "?", ":", ";")
_LABEL_STRIP = re.compile(r"[\s\W_]+$|^[\s\W_]+")
_LABEL_PARTS = re.compile(r"\s*[|•·]\s*")  # "Impressum | Datenschutz • Kontakt"

_SHORT = 80


def _label(line: str) -> str:
    return " ".join(_LABEL_STRIP.sub("", line).casefold().split())


def _kind(line: str) -> str | None:
    """'ui', 'nav', 'credit', 'marker' (an image placeholder) or None for a content line."""
    n = len(line)
    if n > 300 or "\t" in line:
        return None
    if n <= _SHORT:
        label = _label(line)
        if label in _UI_LABELS:
            return "marker" if label in _MARKERS else "ui"
        if label in _NAV_LABELS:
            return "nav"
        parts = [p for p in _LABEL_PARTS.split(label) if p]
        if len(parts) >= 2 and all(p in _NAV_LABELS or p in _UI_LABELS for p in parts):
            return "ui"
        if _FILE_SIZE.match(line):
            return "ui"
    if n <= 160 and (_CREDIT.match(line) or _TRAILING_CREDIT.search(line)):
        return "credit"
    if n <= 120 and ":" in line and _INLINE_CREDIT.search(line):
        return "credit"
    if _ADVERTORIAL.match(line) or (_may_be_cookie(line) and _COOKIE.search(line)):
        return "ui"
    return None


def _may_be_cookie(line: str) -> bool:
    """False where _COOKIE cannot match: a cheap test before the slow unanchored search.

    Every character that re.IGNORECASE lets match a letter of "cook" or "letter" lowercases
    to that letter ("K", the Kelvin sign, too); "i" and "s" have odd partners ("ı", "ſ")
    and are left out of the test.
    """
    low = line.lower()
    return "cook" in low or "letter" in low


def strip_chrome(text: str) -> tuple[str, int]:
    """Text without chrome lines, and how many lines were removed.

    Expects normalised text. Removed lines leave no gap of their own: blank lines around
    them merge.
    """
    lines = text.split("\n")
    kinds: list[str | None] = [_kind(line) if line else None for line in lines]
    content = [i for i, line in enumerate(lines) if line]
    _mark_captions(lines, kinds, content)
    if "nav" in kinds:
        _mark_nav(kinds, content)
    if len(kinds) - kinds.count(None) >= 3:  # a chrome block needs three chrome lines
        _mark_chrome_blocks(lines, kinds)
    _mark_related_links(lines, kinds)
    removed = len(kinds) - kinds.count(None)
    if not removed:
        return text, 0
    kept = [line for line, k in zip(lines, kinds, strict=True) if k is None]
    return _MANY_BLANKS.sub("\n\n\n", "\n".join(kept)).strip("\n"), removed


def _is_caption(line: str) -> bool:
    return len(line) <= _SHORT and not line.endswith(_SENTENCE_END)


def _mark_captions(lines: list[str], kinds: list[str | None], content: list[int]) -> None:
    """Image captions and their credits: 'Image' / 'WF Empfang' / 'WF Empfang WF DO / Jäger'."""
    counts: dict[str, int] | None = None  # short lines by text, counted when first needed
    for pos, i in enumerate(content):
        line = lines[i]
        prev_i = content[pos - 1] if pos > 0 else None
        if kinds[i] is None and "/" in line and _is_caption(line) and _SLASH_CREDIT.search(line):
            # A slash credit counts only in a caption context, so "Forschung / Lehre" stays.
            if counts is None:
                counts = Counter(lines[j] for j in content if len(lines[j]) <= _SHORT)
            repeated = counts.get(line, 0) >= 2
            extends = prev_i is not None and line.startswith(lines[prev_i]) and line != lines[prev_i]
            if repeated or extends or (prev_i is not None and kinds[prev_i] == "marker"):
                kinds[i] = "credit"
        # The caption the credit line repeats ("WF Empfang" before "WF Empfang WF DO / Jäger").
        if (
            kinds[i] == "credit"
            and prev_i is not None
            and kinds[prev_i] is None
            and _is_caption(lines[prev_i])
            and line.startswith(lines[prev_i])
        ):
            kinds[prev_i] = "caption"
    # A short line between an image marker and another marker or credit is a caption.
    if "marker" not in kinds:
        return
    for pos, i in enumerate(content[:-2]):
        j, k = content[pos + 1], content[pos + 2]
        if kinds[i] == "marker" and kinds[j] is None and _is_caption(lines[j]) and kinds[k] in _IMAGE_KINDS:
            kinds[j] = "caption"


_IMAGE_KINDS = frozenset({"marker", "credit", "caption"})


def _mark_nav(kinds: list[str | None], content: list[int]) -> None:
    """Site links ('Impressum', 'Facebook') are chrome only next to other chrome."""
    for pos, i in enumerate(content):
        if kinds[i] == "nav":
            prev = kinds[content[pos - 1]] if pos > 0 else None
            nxt = kinds[content[pos + 1]] if pos + 1 < len(content) else None
            if prev is None and nxt is None:
                kinds[i] = None


def _blocks(lines: list[str]) -> list[list[int]]:
    """Indices of runs of non-blank lines."""
    blocks: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if line:
            current.append(i)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _mark_chrome_blocks(lines: list[str], kinds: list[str | None]) -> None:
    """A header or footer block: mostly chrome, the rest short labels (breadcrumbs, menus)."""
    for block in _blocks(lines):
        chrome = sum(1 for i in block if kinds[i] is not None)
        if not (len(block) >= 4 and chrome >= 3 and 2 * chrome >= len(block)):
            continue
        if all(kinds[i] is not None or (_is_caption(lines[i]) and len(lines[i]) <= 60) for i in block):
            for i in block:
                kinds[i] = kinds[i] or "nav"


_RELATED = re.compile(
    r"^(?:das könnte sie auch interessieren|auch interessant|lesen sie auch|ähnliche artikel"
    r"|verwandte artikel|weitere (?:artikel|meldungen|nachrichten|beiträge)"
    r"|(?:mehr|weiteres|weitere artikel|weitere informationen) zum thema"
    r"|related (?:articles|posts|links|content)|you might also like|read also|see also)\W*$",
    re.IGNORECASE,
)


def _mark_related_links(lines: list[str], kinds: list[str | None]) -> None:
    """'Das könnte Sie auch interessieren' and the teaser links after it, up to a wide gap."""
    i = 0
    while i < len(lines):
        if lines[i] and kinds[i] is None and _RELATED.match(lines[i]):
            kinds[i] = "related"
            j, blanks = i + 1, 0
            while j < len(lines) and blanks < 2:
                line = lines[j]
                if not line:
                    blanks += 1
                elif len(line) <= 120 and not line.endswith((".", "!", "?")):
                    kinds[j] = kinds[j] or "related"
                    blanks = 0
                else:
                    break
                j += 1
            i = j
        i += 1
