"""Places: German towns, districts, Länder, countries and regions from reference data,
streets and sites by the shape of their names.

Gazetteer places carry ``attrs`` ``lat``, ``lon`` and ``source_id`` (GeoNames id and/or
official district key ``ags:``). Adjectival town forms ("Dortmunder Unternehmen") are not
places by themselves; "<Town>er" + a site noun ("Leipziger Hafen") is a site.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress

from hafen.extract.candidates import Cand, Toks
from hafen.extract.cues import ADJ_CAP, head_cue
from hafen.extract.lexicon import (
    COMPASS,
    LOCATIVE,
    SITE_HEADS,
    SITE_SUFFIX,
    STREET_SUFFIX,
    Place,
    city_of_adjective,
    places,
    zipf,
)

_MAX_WORDS = 4
_SITE_NOUNS_AFTER_ADJ = frozenset(
    {
        "Hafen",
        "Flughafen",
        "Hauptbahnhof",
        "Hafenquartier",
        "Innenhafen",
        "Binnenhafen",
        "Zoo",
        "Westpark",
        "Südpark",
    }
)


def _place_attrs(place: Place, form: str = "") -> dict[str, object]:
    # "group": all written forms of one reference place ("Kreis X", "X (Kreis)") are one entity
    attrs: dict[str, object] = {"source_id": place.source_id, "group": place.source_id}
    if form == place.name + "s":
        attrs["canonical"] = place.name  # "Europas", "Nordrhein-Westfalens": named in the nominative
    if place.lat is not None:
        attrs["lat"] = place.lat
        attrs["lon"] = place.lon
    return attrs


def _gazetteer_at(toks: Toks, k: int) -> tuple[int, Place] | None:
    """The longest gazetteer name starting at token k: (end token, place)."""
    table = places()
    text = toks.text
    if text[k] not in _first_words():
        return None
    # a name does not span a whitespace token (a line break): the widest candidate ends before one
    limit = min(_MAX_WORDS, toks.n - k)
    widest = next((q for q in range(limit) if text[k + q].isspace()), limit)
    for width in range(widest, 0, -1):
        j = k + width
        form = " ".join(text[k:j])
        # "Frankfurt ( Oder )" and "Borken ( Kreis )" come tokenised with spaces.
        form = form.replace("( ", "(").replace(" )", ")")
        place = table.get(form)
        if place is not None:
            return j, place
    return None


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(form.split(" ")[0] for form in places())


def _has_cue(toks: Toks, k: int, j: int) -> bool:
    """A town whose name is also a word needs a locative cue ('in Essen') or a table row."""
    prev = toks.t(k - 1)
    if (prev in LOCATIVE and toks.t(k - 2) not in {"der", "die"}) or prev in {"Kreises", "Städten"}:
        return True
    return (toks.line_len(k) <= 4 and not toks.sent_start[k]) or toks.line_len(k) <= 2


def find_places(toks: Toks) -> list[Cand]:
    out: list[Cand] = []
    text = toks.text
    firsts = _first_words()
    # The tokens a place may start at: those that may by themselves, and capitalised words
    # before a site or street noun. Every other token is passed over without a look.
    starts = set(compress(range(len(text)), map(_place_cue, text)))
    before_heads = compress(range(-1, len(text) - 1), map(_AFTER_ADJECTIVE.__contains__, text))
    starts.update(k for k in before_heads if k >= 0 and text[k][:1].isupper())
    end = 0  # the tokens before ``end`` belong to a place found already
    for k in sorted(starts):
        if k < end:
            continue
        w = text[k]
        if not w[0].isupper():  # a postcode
            street = _street_before_postcode(toks, k)
            if street is not None and (not out or out[-1].j <= street.i):
                out.append(street)
            continue
        hit = _gazetteer_at(toks, k) if w in firsts else None
        if hit is not None:
            j, place = hit
            end = j
            if place.ambiguous and not _has_cue(toks, k, j):
                continue
            subtype = "region" if place.kind == "region" else "city"
            prev = toks.t(k - 1)
            if prev == "Metropolregion" and (not out or out[-1].j < k) and not toks.sent_start[k]:
                # "Metropolregion Hamburg", "Metropolregion Rhein-Neckar": a region of its own
                out.append(Cand(k - 1, j, "PLACE", "region", priority=41, confidence=0.85))
                continue
            if (
                place.kind == "region"
                and ADJ_CAP.match(prev)
                and (not out or out[-1].j < k)
                and not toks.t(k - 2).endswith("-")
            ):
                # "Sächsische Schweiz", "Westfälisches Ruhrgebiet": a region of its own name
                out.append(Cand(k - 1, j, "PLACE", "region", priority=41, confidence=0.8))
                continue
            attrs = _place_attrs(place, " ".join(text[k:j]))
            out.append(Cand(k, j, "PLACE", subtype, priority=40, confidence=0.9, attrs=attrs))
            continue
        if w in _VENUE_LABELS and toks.t(k + 1) == ":" and (k == 0 or "\n" in toks.t(k - 1)):
            venue = _venue(toks, k + 2)
            if venue is not None:
                out.append(venue)
                end = venue.j
                continue
        # a site needs a word of a site's shape or, after an adjective, a site or street noun
        site = _site_at(toks, k) if _site_shape(w) or toks.t(k + 1) in _AFTER_ADJECTIVE else None
        if site is not None:
            out.append(site)
            end = site.j
    return out


@lru_cache(maxsize=65536)
def _place_cue(w: str) -> bool:
    """Whether a place may start at ``w`` by the word itself: a postcode (the end of a street
    address), the first word of a gazetteer name, a venue label or a word of a site's shape.
    Another capitalised word starts a place only before a site or street noun ("Leipziger
    Hafen", "Hamburger Allee"), another word never."""
    if not w[:1].isupper():
        return w[:1].isdecimal() and _POSTCODE.match(w) is not None
    return w in _first_words() or w in _VENUE_LABELS or _site_shape(w)


@lru_cache(maxsize=65536)
def _site_shape(w: str) -> bool:
    """The word-level conditions of the site rules below: a street or site suffix, a site
    head, an all-caps or hyphenated word, a building noun. Other words can only be the
    adjective of 'Leipziger Hafen'."""
    low = w.lower()
    return bool(
        STREET_SUFFIX.search(low)
        or w in SITE_HEADS
        or (w.isupper() and len(w) >= 3)
        or "-" in w
        or (len(w) > 7 and SITE_SUFFIX.search(low))
        or (len(w) > 6 and low.endswith(("bau", "gebäude", "halle")))
    )


_STREET_WORDS = frozenset({"Straße", "Str.", "Allee", "Chaussee", "Damm", "Ring", "Weg", "Platz", "Ufer"})
_AFTER_ADJECTIVE = _SITE_NOUNS_AFTER_ADJ | _STREET_WORDS


def _street_adjective(toks: Toks, k: int) -> bool:
    """'Pfaffendorfer' before 'Straße': an -er adjective of a place name, located by a house
    number or a preposition ('in der', 'an der', 'am')."""
    w = toks.t(k)
    if not (w.endswith("er") and len(w) > 4 and w[:1].isupper() and w.isalpha()) or toks.sent_start[k]:
        return False
    numbered = toks.t(k + 2)[:1].isdigit() and len(toks.t(k + 2)) <= 4
    located = toks.t(k - 1) in {"der", "am", "Am"} and toks.t(k - 2) in {"in", "an", "In", "An", "auf", ""}
    return numbered or located or toks.t(k - 1) in {"am", "Am"}


_POSTCODE = re.compile(r"^\d{5}$")
_HOUSE_NUMBER = re.compile(r"^\d{1,4}[a-z]?$")
_STREET_PARTICLES = frozenset(
    {"Am", "An", "Auf", "Im", "In", "Zum", "Zur", "Unter", "Hinter", "der", "den", "dem"}
)
_HUBS = frozenset({"Hauptbahnhof", "Bahnhof", "Flughafen", "Airport", "Busbahnhof"})
_VENUE_LABELS = frozenset({"Ort", "Veranstaltungsort", "Tagungsort", "Location", "Venue"})


def _street_before_postcode(toks: Toks, k: int) -> Cand | None:
    """'Am Längengrad 8, 27568 Bremerhaven', 'Templergraben 55, 52062 Aachen': the words
    before a house number and a postcode name a street, with or without a street suffix."""
    if toks.t(k - 1) != "," or not _HOUSE_NUMBER.match(toks.t(k - 2)):
        return None
    j = k - 2
    a = j
    while a > j - 4 and (toks.cap(a - 1) or toks.t(a - 1) in _STREET_PARTICLES) and toks.t(a - 1).isalpha():
        a -= 1
    while a < j and toks.t(a) in {"der", "den", "dem"}:
        a += 1  # "in der"/"an der" belong to the sentence unless a particle opens the name
    if a == j or not toks.cap(a) or any(w in places() for w in toks.text[a:j]):
        return None
    if j - a == 1 and toks.t(a) in _STREET_PARTICLES:
        return None
    return Cand(a, j, "PLACE", "site", priority=45, confidence=0.75)


def _venue(toks: Toks, a: int) -> Cand | None:
    """'Ort: Klimahaus Bremerhaven, Am Längengrad 8, …': the name before the first comma of
    a venue line is a site; a town alone is left to the gazetteer, an organisation to its rules."""
    j = a
    while j < a + 6 and toks.t(j) not in {",", "(", ""} and "\n" not in toks.t(j):
        j += 1
    if j == a or toks.t(j) != "," or not toks.cap(a):
        return None
    words = toks.text[a:j]
    if " ".join(words) in places() or any(w.isupper() or head_cue(w.lower()) for w in words):
        return None
    return Cand(a, j, "PLACE", "site", priority=47, confidence=0.7)


_DESCRIBING_HEADS = frozenset({"Stadtteil", "Stadtbezirk", "Ortsteil", "Areal"})


def _rare_name(toks: Toks, k: int) -> bool:
    """A capitalised rare word that is not a new sentence: a proper name."""
    w = toks.t(k)
    return toks.cap(k) and w.isalpha() and not toks.sent_start[k] and toks.name_like(k) and zipf(w) < 3.0


def _site_at(toks: Toks, k: int) -> Cand | None:
    w = toks.text[k]
    nxt = toks.t(k + 1)
    if not _site_shape(w):
        if nxt in _SITE_NOUNS_AFTER_ADJ and city_of_adjective(w):
            return Cand(k, k + 2, "PLACE", "site", priority=46, confidence=0.8)
        if nxt in _STREET_WORDS and _street_adjective(toks, k):
            # "Pfaffendorfer Straße 31", "Hamburger Allee": a street named by a town adjective
            return Cand(k, k + 2, "PLACE", "site", priority=46, confidence=0.8)
        return None
    low = w.lower()
    # Streets: "Speicherstraße", "Kampstr." - but not common compounds like "Arbeitsplatz";
    # weak suffixes (-platz, -weg, -ring, -markt) need a house number or "an der/am".
    m = STREET_SUFFIX.search(low)
    weak = m is not None and m.group(1) in {"platz", "weg", "ring", "markt", "wall", "steig"}
    located = toks.t(k - 1) in {"am", "Am"} or (
        toks.t(k - 1) == "der" and toks.t(k - 2) in {"an", "An", "in", "In", "auf", "Auf"}
    )
    if (
        m
        and len(w) > 6
        and "-" not in w[-4:]
        and ((zipf(w) < 2.5 and (not weak or located)) or (located and zipf(w) < 3.5))
    ) or (m and nxt[:1].isdigit() and len(nxt) <= 4 and len(w) > 6):
        # the house number only locates the street: "Albert-Einstein-Straße 9" names "...Straße"
        return Cand(k, k + 1, "PLACE", "site", priority=45, confidence=0.85)
    # "im Stadtteil Hochdorf", "auf dem Areal Güterbahnhof Nord": the head only describes
    if w in _DESCRIBING_HEADS and toks.cap(k + 1) and not toks.sent_start[k + 1] and toks.name_like(k + 1):
        j = k + 2
        if toks.t(j) in COMPASS and not toks.sent_start[j]:
            j += 1
        return Cand(k + 1, j, "PLACE", "site", priority=45, confidence=0.7)
    # "Hauptbahnhof Bremerhaven", "Flughafen Leipzig/Halle": a transport hub named by its town
    if w in _HUBS and nxt in places() and not toks.sent_start[k + 1] and nxt != places()[nxt].name + "s":
        j = k + 2
        if toks.t(j) == "/" and toks.t(j + 1) in places():
            j += 2
        return Cand(k, j, "PLACE", "site", priority=46, confidence=0.75)
    # "Zeche Zollverein", "Campus Nord", "Kokerei Hansa"
    if w in SITE_HEADS and toks.cap(k + 1) and zipf(nxt) < 4.0 and not toks.sent_start[k + 1]:
        return Cand(k, k + 2, "PLACE", "site", priority=45, confidence=0.75)
    # "PHOENIX West", "Phoenix-See", "Envio-Gelände", "Westfalenpark", "Kreuzviertel"
    if w.isupper() and len(w) >= 3 and nxt in COMPASS:
        return Cand(k, k + 2, "PLACE", "site", priority=45, confidence=0.75)
    if "-" in w:
        head = w.rsplit("-", 1)[1]
        if (head in COMPASS and w[0].isupper()) or (
            SITE_SUFFIX.search(head.lower())
            and head[:1].isupper()
            and not head.lower().endswith(("werk", "hafen", "gebiet"))
        ):
            return Cand(k, k + 1, "PLACE", "site", priority=44, confidence=0.7)
    # "Westfalenpark", "Kreuzviertel"; "Digitalhafen Leipzig", "Technologiepark Aachen"
    nxt_place = places().get(nxt)
    if nxt_place is not None and nxt == nxt_place.name + "s":
        nxt_place = None  # "einer der größten Technologieparks Europas": a genitive, not the site's town
    if (
        SITE_SUFFIX.search(low)
        and len(w) > 7
        and zipf(w) < 2.5
        and (
            low.endswith(("park", "viertel"))
            or (
                nxt_place is not None
                and not nxt_place.ambiguous
                and not low.endswith(("campus", "werk", "gebiet"))
            )
        )
    ):
        j = k + 2 if nxt_place is not None and not nxt_place.ambiguous else k + 1
        if j == k + 1 and nxt_place is None and _rare_name(toks, k + 1):
            j = k + 2  # "Chemiepark Leuna": a town too small for the gazetteer
        return Cand(k, j, "PLACE", "site", priority=44, confidence=0.65)
    # "im Forschungsbau Zess", "das Gebäude Tor 5"
    if (
        low.endswith(("bau", "gebäude", "halle"))
        and len(w) > 6
        and toks.name_like(k + 1)
        and not toks.sent_start[k + 1]
        and nxt not in places()
    ):
        return Cand(k + 1, k + 2, "PLACE", "site", priority=44, confidence=0.6)
    # "Leipziger Hafen": adjectival town + site noun
    if nxt in _SITE_NOUNS_AFTER_ADJ and city_of_adjective(w):
        return Cand(k, k + 2, "PLACE", "site", priority=46, confidence=0.8)
    return None
