"""The command line as a user meets it: summaries, exit statuses, one-line errors, both languages."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

from hafen.cli import main


@pytest.fixture
def corpus(kit_corpus: Path) -> Path:
    return kit_corpus


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def hafen_build(corpus: Path, db: Path, *extra: str, lang: str = "en") -> Result:
    return run("--lang", lang, "build", corpus, "--db", db, "--stages", "test.lexicon.v1", *extra)


def test_cli_build_prints_summary(tmp_path: Path, corpus: Path) -> None:
    result = hafen_build(corpus, tmp_path / "h.db")
    assert result.exit_code == 0, result.output
    assert "documents: 3 read, 0 unchanged, 0 failed, 0 removed" in result.stdout
    assert "entities by type: ORG 5, PERSON 1, PLACE 3" in result.stdout
    assert "relations by type: cooperates_with 3" in result.stdout
    assert re.search(r"^  \d+ words$", result.stdout, re.MULTILINE)  # small build: no rate

    again = hafen_build(corpus, tmp_path / "h.db")
    assert again.exit_code == 0
    assert "0 read, 3 unchanged" in again.stdout


def test_cli_build_lang_de_gives_german_summary(tmp_path: Path, corpus: Path) -> None:
    result = hafen_build(corpus, tmp_path / "h.db", lang="de")
    assert result.exit_code == 0, result.output
    assert "Dokumente: 3 gelesen, 0 unverändert, 0 fehlgeschlagen, 0 entfernt" in result.stdout
    assert "Entitäten nach Typ: ORG 5" in result.stdout
    assert " Wörter" in result.stdout


def test_cli_build_bad_file_is_exit_3_with_one_line(tmp_path: Path, corpus: Path) -> None:
    (corpus / "kaputt.txt").write_bytes(b"")
    result = hafen_build(corpus, tmp_path / "h.db")
    assert result.exit_code == 3
    lines = [line for line in result.stderr.splitlines() if "kaputt.txt" in line]
    assert len(lines) == 1
    assert lines[0].startswith(str((corpus / "kaputt.txt").resolve()) + ": [E1")
    assert "Traceback" not in result.output
    assert "3 read" in result.stdout


def test_cli_build_missing_path_is_exit_2(tmp_path: Path, kit: ModuleType) -> None:
    result = hafen_build(tmp_path / "fehlt", tmp_path / "h.db")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"[E402] '{tmp_path / 'fehlt'}' does not exist"]
    german = hafen_build(tmp_path / "fehlt", tmp_path / "h.db", lang="de")
    assert german.stderr.strip() == f"[E402] '{tmp_path / 'fehlt'}' existiert nicht"


def test_cli_build_unwritable_store_is_exit_2(tmp_path: Path, corpus: Path) -> None:
    result = hafen_build(corpus, tmp_path / "gibt" / "es" / "nicht" / "h.db")
    assert result.exit_code == 2
    assert result.stderr.startswith("[E301] ")
    assert "Traceback" not in result.output


def test_cli_build_without_paths_is_usage_error(tmp_path: Path) -> None:
    assert run("build", "--db", tmp_path / "h.db").exit_code == 2


def test_cli_extract_writes_contract(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "extract",
        corpus / "logistik.txt",
        corpus / "gruendung.txt",
        "--out",
        out,
        "--stages",
        "test.lexicon.v1",
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["gruendung.txt.json", "logistik.txt.json"]
    data = json.loads((out / "logistik.txt.json").read_text(encoding="utf-8"))
    assert data["doc"] == "logistik.txt"
    text = (corpus / "logistik.txt").read_text(encoding="utf-8")
    for ent in data["entities"]:
        assert {"name", "type", "aliases", "mentions"} <= ent.keys()
        for m in ent["mentions"]:
            assert text[m["start"] : m["end"]] in {ent["name"], *ent["aliases"]}
    fraunhofer = next(e for e in data["entities"] if e["name"].startswith("Fraunhofer"))
    assert fraunhofer["aliases"] == ["Fraunhofer IML"]
    (rel,) = data["relations"]
    assert {"head", "type", "tail", "evidence"} <= rel.keys()
    assert rel["type"] == "cooperates_with"
    assert {"start", "end"} <= rel["evidence"].keys()


def test_cli_extract_bad_file_is_exit_3(tmp_path: Path, corpus: Path) -> None:
    (corpus / "leer.txt").write_bytes(b"")
    result = run("extract", corpus, "--out", tmp_path / "out", "--stages", "test.lexicon.v1")
    assert result.exit_code == 3
    assert "leer.txt: [E1" in result.stderr
    assert not (tmp_path / "out" / "leer.txt.json").exists()


def test_cli_status_and_remove(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "h.db"
    hafen_build(corpus, db)
    status = run("status", "--db", db)
    assert status.exit_code == 0
    assert "documents" in status.stdout and " 3" in status.stdout
    assert "ORG 5" in status.stdout

    removed = run("remove", corpus / "wasserstoff.txt", "--db", db)
    assert removed.exit_code == 0, removed.output
    assert "removed 1 documents" in removed.stdout
    after = run("--lang", "de", "status", "--db", db)
    assert "Dokumente" in after.stdout
    assert "ORG 4" in after.stdout  # the Ruhr-Universität was only in the removed document

    missing = run("remove", "/nirgendwo/da.txt", "--db", db)
    assert missing.exit_code == 1
    assert "[E303]" in missing.stderr


def test_cli_status_missing_store_is_exit_2(tmp_path: Path) -> None:
    result = run("status", "--db", tmp_path / "fehlt.db")
    assert result.exit_code == 2
    assert "[E403]" in result.stderr
    assert not (tmp_path / "fehlt.db").exists()


def test_cli_build_prune(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "h.db"
    hafen_build(corpus, db)
    (corpus / "gruendung.txt").unlink()
    result = hafen_build(corpus, db, "--prune")
    assert result.exit_code == 0
    assert "0 read, 2 unchanged, 0 failed, 1 removed" in result.stdout


def test_cli_eval_scores_development_set(tmp_path: Path, shared_dir: Path, kit: ModuleType) -> None:
    out = tmp_path / "pred"
    result = run("eval", "--shared", shared_dir, "--out", out, "--stages", "test.lexicon.v1")
    assert result.exit_code == 0, result.output
    assert "F1" in result.stdout
    assert len(list(out.glob("*.json"))) == len(list((shared_dir / "seeds").glob("*.txt")))


def test_cli_eval_missing_shared_is_exit_2(tmp_path: Path) -> None:
    result = run("eval", "--shared", tmp_path)
    assert result.exit_code == 2
    assert "[E404]" in result.stderr
