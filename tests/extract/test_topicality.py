"""Off-topic segments (a concert review) vs on-topic ones (an economic press note)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hafen.document import Document, Entity, Mention, Segment
from hafen.extract.topicality import make_stage, score_text

PRESS = (
    "Die Wirtschaftsförderung Magdeburg meldet einen Rekord: 14 Unternehmen haben sich im "
    "Wissenschaftshafen angesiedelt. Gemeinsam mit der Otto-von-Guericke-Universität entsteht "
    "ein Transferzentrum für Digitalisierung und Künstliche Intelligenz. Die Förderung durch das "
    "Land sichert Arbeitsplätze, stärkt den Standort und bringt Forschung und Gründungen zusammen. "
    "Der Technologiepark bietet Start-ups Labore und Büros; weitere Investitionen sind geplant."
)
REVIEW = (
    "Die Premiere im Opernhaus Magdeburg gerät zum Triumph. Die Inszenierung von Verdis Oper lebt "
    "von der Bühne, die sich langsam dreht, und vom Chor, der im Dunkeln singt. Das Publikum "
    "applaudiert minutenlang, als die Sopranistin ihre große Arie beendet. Die Regie setzt auf "
    "starke Bilder, das Orchester unter dem jungen Dirigenten spielt präzise und warm. "
    "Bis zum Ende der Spielzeit stehen noch acht Vorstellungen auf dem Spielplan des Theaters."
)


def _doc(segments: list[str]) -> Document:
    text, segs, pos = "", [], 0
    for part in segments:
        text += part + "\n\n"
        segs.append(Segment(pos, pos + len(part)))
        pos = len(text)
    return Document(source="t.txt", text=text, content_hash="x", segments=segs)


def test_topicality_review_is_off_topic_press_note_is_on_topic() -> None:
    doc = make_stage()(_doc([PRESS, REVIEW]))
    assert [s.on_topic for s in doc.segments] == [True, False]
    info = doc.meta["topicality"]["segments"]
    assert info[1]["other_lexicon"] == "culture"
    assert info[1]["other_rate"] > info[1]["domain_rate"]
    assert "premiere" in info[1]["top_other"]
    assert info[0]["score"] > 0


def test_topicality_entities_only_in_review_are_off_topic() -> None:
    doc = _doc([PRESS, REVIEW])
    review_start = doc.segments[1].start
    opera = doc.text.index("Opernhaus Magdeburg")
    wf = doc.text.index("Wirtschaftsförderung Magdeburg")
    magdeburg_in_review = doc.text.index("Magdeburg", opera)
    doc.entities = [
        Entity(key="oper", name="Opernhaus Magdeburg", type="ORG"),
        Entity(key="wf", name="Wirtschaftsförderung Magdeburg", type="ORG"),
        Entity(key="md", name="Magdeburg", type="PLACE"),
    ]
    doc.mentions = [
        Mention(opera, opera + 19, "Opernhaus Magdeburg", "ORG", entity="oper"),
        Mention(wf, wf + 30, "Wirtschaftsförderung Magdeburg", "ORG", entity="wf"),
        Mention(wf + 21, wf + 30, "Magdeburg", "PLACE", entity="md"),
        Mention(magdeburg_in_review, magdeburg_in_review + 9, "Magdeburg", "PLACE", entity="md"),
    ]
    assert opera > review_start
    make_stage()(doc)
    on = {e.key: e.on_topic for e in doc.entities}
    assert on == {"oper": False, "wf": True, "md": True}  # Magdeburg also occurs in the press note


def test_topicality_short_heading_between_review_parts_follows_them() -> None:
    doc = make_stage()(_doc([PRESS, REVIEW, "Ein Abend voller Musik", REVIEW]))
    assert [s.on_topic for s in doc.segments] == [True, False, False, False]


def test_topicality_without_segments_scores_whole_document() -> None:
    doc = Document(source="t.txt", text=PRESS + "\n\n" + REVIEW[:100], content_hash="x")
    make_stage()(doc)
    assert doc.segments == []
    assert len(doc.meta["topicality"]["segments"]) == 1
    assert doc.meta["topicality"]["segments"][0]["on_topic"] is True


def test_topicality_score_counts_per_token() -> None:
    s = score_text("Theater Theater Theater Forschung")
    assert s["tokens"] == 4
    assert s["other_hits"] == {"culture": 3}
    assert s["domain_hits"] == 1
    assert s["score"] == -50.0


def test_topicality_seed_004_review_off_topic_strategy_on_topic(shared_dir: Path) -> None:
    segment = pytest.importorskip("hafen.read.segment").segment
    text = (shared_dir / "seeds" / "004_8cb9c146cd4a8404.txt").read_text(encoding="utf-8")
    doc = Document(source="004.txt", text=text, content_hash="x", segments=segment(text))
    make_stage()(doc)
    review = doc.segment_at(text.index("Puppenspieler und Regisseur"))
    strategy = doc.segment_at(text.index("Präambel"))
    assert review is not None and review.on_topic is False
    assert strategy is not None and strategy.on_topic is True
