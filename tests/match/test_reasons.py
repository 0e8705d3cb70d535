"""Every match explains itself: reasons in the user's language, evidence with its source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hafen.cli import main
from hafen.i18n import set_lang
from hafen.match.consortium import consortium
from hafen.match.profiles import Profile, Sentence
from hafen.match.ranker import Matcher

WARTUNG = (
    "Das Fraunhofer IWU in Chemnitz entwickelt Verfahren der vorausschauenden Wartung für Werkzeugmaschinen."
)
PROFILES = [
    Profile(
        id="iwu",
        name="Fraunhofer-Institut für Werkzeugmaschinen und Umformtechnik",
        type="ORG",
        subtype="research",
        aliases=("Fraunhofer IWU",),
        text=WARTUNG + " Nachrüstbare Sensorik erkennt Verschleiß früh.",
        topics=("vorausschauende Wartung",),
        places=("Chemnitz",),
        relations=(("cooperates_with", "Niles-Simmons GmbH"),),
        evidence=(Sentence(WARTUNG, "chemnitz.txt", 0, len(WARTUNG)),),
    ),
    Profile(
        id="h2",
        name="Wasserstoffnetzwerk Nord",
        type="ORG",
        subtype="network",
        text="Das Wasserstoffnetzwerk Nord bringt Unternehmen und Hochschulen in Hamburg zusammen, "
        "um Elektrolyse und den Transport von grünem Wasserstoff voranzubringen.",
        topics=("Wasserstoff",),
        places=("Hamburg",),
    ),
    Profile(
        id="trumpf",
        name="Trumpf GmbH",
        type="ORG",
        subtype="company",
        text="Die Trumpf GmbH in Ditzingen baut Laseranlagen für den 3D-Druck von Metall.",
        topics=("3D-Druck",),
        places=("Ditzingen",),
    ),
    Profile(
        id="ihk",
        name="IHK Chemnitz",
        type="ORG",
        subtype="public",
        text="Die IHK Chemnitz berät Betriebe zu Fördermitteln und Weiterbildung.",
        places=("Chemnitz",),
    ),
]
NEED = "Wir suchen einen Forschungspartner für KI-gestützte vorausschauende Wartung in Chemnitz."


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(PROFILES, embedder=None)


def test_reasons_follow_the_requested_language(matcher: Matcher) -> None:
    de = matcher.match(NEED, top=1, lang="de")[0]
    en = matcher.match(NEED, top=1, lang="en")[0]
    assert de.name == en.name == PROFILES[0].name
    assert "Themen: vorausschauende Wartung" in de.reasons
    assert "topics: predictive maintenance" in en.reasons
    assert "ist eine Forschungseinrichtung, wie gefragt" in de.reasons
    assert "is a research institution, as asked" in en.reasons
    assert any(r.startswith("ansässig in/verbunden mit: ") and "chemnitz" in r for r in de.reasons)
    assert any(r.startswith("located in/linked to: ") and "chemnitz" in r for r in en.reasons)
    assert len(de.reasons) == len(en.reasons)


def test_reasons_default_to_the_user_language(matcher: Matcher) -> None:
    set_lang("de")
    try:
        german = matcher.match(NEED, top=1)[0]
    finally:
        set_lang(None)
    assert german.reasons == matcher.match(NEED, top=1, lang="de")[0].reasons


@pytest.mark.parametrize(
    "need",
    [
        NEED,
        "Netzwerk für grünen Wasserstoff in Hamburg gesucht",
        "3D printing of metal parts",
        "Beratung zu Fördermitteln",
        "Quantencomputing",  # nothing on topic: still explained
    ],
)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_result_has_a_reason_and_an_evidence_sentence(matcher: Matcher, need: str, lang: str) -> None:
    results = matcher.match(need, top=4, lang=lang)
    assert results
    for r in results:
        assert r.reasons and all(isinstance(x, str) and x.strip() for x in r.reasons)
        assert r.evidence and all(s.text.strip() for s in r.evidence)


def test_an_actor_without_evidence_is_not_returned() -> None:
    bare = Profile(id="bare", name="Wartungsnetzwerk Chemnitz", type="ORG", subtype="network")
    matcher = Matcher([*PROFILES, bare], embedder=None)
    names = [r.name for r in matcher.match("Netzwerk für vorausschauende Wartung in Chemnitz", top=5)]
    assert "Wartungsnetzwerk Chemnitz" not in names and names


def test_consortium_roles_are_explained_in_german(matcher: Matcher) -> None:
    team = consortium(matcher, "KI-gestützte Wartung und 3D-Druck in Chemnitz", size=4, lang="de")
    assert len(team) >= 3
    assert all(r.reasons[0].startswith("Rolle: ") for r in team)
    research = next(r for r in team if r.role == "research")
    assert research.reasons[0] == "Rolle: Forschungspartner"


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def db(kit_db: Path) -> Path:
    return kit_db


def test_cli_match_json_reasons_in_german_and_english_with_sourced_evidence(db: Path) -> None:
    need = "Forschung zu grünem Wasserstoff in Bochum"
    ranked = {}
    for lang in ("de", "en"):
        result = _run("--lang", lang, "match", need, "--db", db, "--json", "--no-embeddings")
        assert result.exit_code == 0, result.output
        ranked[lang] = json.loads(result.stdout)
    assert [r["name"] for r in ranked["de"]] == [r["name"] for r in ranked["en"]]
    assert ranked["de"][0]["name"] == "Ruhr-Universität Bochum"
    assert "ist eine Forschungseinrichtung, wie gefragt" in ranked["de"][0]["reasons"]
    assert "is a research institution, as asked" in ranked["en"][0]["reasons"]
    texts = {p.name: p.read_text(encoding="utf-8") for p in (db.parent / "korpus").iterdir()}
    for item in ranked["de"]:
        assert item["reasons"] and item["evidence"]
        for ev in item["evidence"]:
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]


def test_cli_match_text_output_is_german(db: Path) -> None:
    need = "Forschung zu Wasserstoff in Bochum"
    result = _run("--lang", "de", "match", need, "--db", db, "--no-embeddings")
    assert result.exit_code == 0, result.output
    assert "ist eine Forschungseinrichtung, wie gefragt" in result.stdout
    assert "research institution" not in result.stdout
