"""The command line: thin shells over ``hafen.build``, the store and the extraction pipeline.

Exit status: 0 ok, 1 nothing could be done, 2 usage or configuration error, 3 partly
failed (some files failed, the others were processed). A user mistake never shows a
traceback: every ``HafenError`` becomes one line on stderr.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from hafen import errors
from hafen.build import BuildReport, Progress, build, make_pipeline, source_of
from hafen.cli_graph import register as _register_graph_commands
from hafen.i18n import LANGS, set_lang, t
from hafen.store import Store, open_store


class _Group(click.Group):
    """Turns a ``HafenError`` into one line on stderr and its exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except errors.HafenError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(exc.exit_status)
        except KeyboardInterrupt:
            # Every document is its own transaction: what was stored stays, and the next
            # build picks up the rest, so an interrupt needs no traceback.
            click.echo(t("cli.interrupted"), err=True)
            ctx.exit(130)


_MIN_WORDS_FOR_RATE = 5000


def _stages(value: str | None) -> list[str] | None:
    return [s.strip() for s in value.split(",") if s.strip()] if value else None


_stages_option = click.option(
    "--stages",
    metavar="NAMES",
    help="Comma-separated pipeline stage names instead of the default pipeline.",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages (de|en).")
@click.version_option(package_name="hafen")
def main(lang: str | None) -> None:
    """hafen: a source-linked knowledge graph of a region's innovation ecosystem."""
    set_lang(lang)


@contextmanager
def _opened(db: str, *, create: bool) -> Iterator[Store]:
    store = open_store(db, create=create)
    try:
        yield store
    finally:
        store.close()


# -- build ----------------------------------------------------------------------------
@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", required=True, help="SQLite file of the store (created if missing).")
@click.option("--prune", is_flag=True, help="Remove stored documents whose file is gone.")
@click.option("--max-mb", type=float, default=25.0, show_default=True, help="Skip larger files.")
@_stages_option
def build_cmd(paths: tuple[Path, ...], db: str, prune: bool, max_mb: float, stages: str | None) -> None:
    """Read files and folders into the store; unchanged files are skipped."""
    with _opened(db, create=True) as store, _progress() as progress:
        report = build(paths, store, pipeline=_stages(stages), prune=prune, max_mb=max_mb, progress=progress)
    _print_build(report, db)
    sys.exit(report.exit_status)


@contextmanager
def _progress() -> Iterator[Progress | None]:
    """A rich progress bar on a terminal; nothing on a pipe or in a log file."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[name]}"),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task(t("build.reading"), total=None, name="")

    def update(done: int, total: int, path: Path, outcome: str) -> None:
        bar.update(task, completed=done, total=total, name=path.name)

    with bar:
        yield update


def _by_type(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or t("build.none")


def _print_build(report: BuildReport, db: str) -> None:
    out = click.echo
    out(t("build.summary", db=db, seconds=report.seconds))
    out(
        "  "
        + t(
            "build.documents",
            read=report.read,
            unchanged=report.unchanged,
            failed=report.failed,
            removed=report.removed,
        )
    )
    out(f"  {t('build.entities')}: {_by_type(report.stats.get('entities', {}))}")
    out(f"  {t('build.relations')}: {_by_type(report.stats.get('relations', {}))}")
    # Below a few thousand words the one-time loading of models dominates: a rate would mislead.
    if report.words >= _MIN_WORDS_FOR_RATE:
        out("  " + t("build.words", words=report.words, rate=report.words_per_second))
    else:
        out("  " + t("build.words_only", words=report.words))
    for source, reason in report.failures:
        click.echo(f"{source}: {reason}", err=True)
    if report.failed and report.exit_status == 3:
        click.echo(t("build.partly_failed", failed=report.failed, total=report.total), err=True)


# -- extract --------------------------------------------------------------------------
@main.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("--max-mb", type=float, default=25.0, show_default=True, help="Skip larger files.")
@_stages_option
def extract_cmd(files: tuple[Path, ...], out_dir: Path, max_mb: float, stages: str | None) -> None:
    """Extract each file to OUT/<file name>.json (the extraction contract), without a store."""
    written, failures = extract_files(files, out_dir, stages=_stages(stages), max_mb=max_mb)
    for line in failures:
        click.echo(line, err=True)
    click.echo(t("extract.wrote", n=written, out=out_dir))
    if failures:
        if written:
            total = written + len(failures)
            click.echo(t("extract.partly_failed", failed=len(failures), total=total), err=True)
        sys.exit(3 if written else 1)


def extract_files(
    files: Sequence[Path], out_dir: Path, *, stages: Sequence[str] | None = None, max_mb: float = 25.0
) -> tuple[int, list[str]]:
    """Write ``doc.to_contract()`` per file; returns (files written, one line per failure)."""
    from hafen import read

    inputs = list(read.iter_input_files(files))
    if not inputs:
        raise errors.ConfigError("E401", paths=", ".join(str(f) for f in files))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise errors.ConfigError("E406", path=out_dir, detail=exc.strerror or str(exc)) from exc
    pipe = make_pipeline(stages)
    written, failures = 0, []
    for path in inputs:
        try:
            doc = pipe(read.read_file(path, max_mb=max_mb))
        except errors.ReadError as exc:
            failures.append(f"{path}: [{exc.code}] {exc.args[0]}")
            continue
        except errors.PipelineError as exc:
            failures.append(f"{path}: {exc}")
            continue
        target = out_dir / f"{path.name}.json"
        try:
            target.write_text(json.dumps(doc.to_contract(), ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as exc:
            raise errors.ConfigError("E406", path=out_dir, detail=exc.strerror or str(exc)) from exc
        written += 1
    return written, failures


# -- remove, status ---------------------------------------------------------------------
@main.command("remove")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", required=True, help="SQLite file of the store.")
def remove_cmd(sources: tuple[str, ...], db: str) -> None:
    """Remove documents and their facts from the store (by source path)."""
    removed, missing = 0, 0
    with _opened(db, create=False) as store:
        for source in sources:
            # Accept the path as stored or as the user types it (relative, ~, symlinked).
            if store.remove_document(source) or store.remove_document(source_of(Path(source).expanduser())):
                removed += 1
            else:
                missing += 1
                click.echo(str(errors.StoreError("E303", source=source)), err=True)
        if removed:
            store.resolve()
    click.echo(t("remove.done", n=removed))
    if missing:
        sys.exit(3 if removed else 1)


@main.command("status")
@click.option("--db", required=True, help="SQLite file of the store.")
def status_cmd(db: str) -> None:
    """Show what the store holds."""
    with _opened(db, create=False) as store:
        stats = store.stats()
        failures = store.failures()
    click.echo(t("status.title", db=db))
    rows = [
        (t("status.documents"), str(stats["documents"])),
        (t("status.words"), str(stats["words"])),
        (t("status.entities"), _by_type(stats["entities"])),
        (t("status.relations"), _by_type(stats["relations"])),
        (t("status.mentions"), str(stats["mentions"])),
        (t("status.figures"), str(stats["figures"])),
        (t("status.datasets"), str(stats["datasets"])),
        (t("status.failures"), str(stats["failures"])),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        click.echo(f"  {label:<{width}}  {value}")
    if stats["resolution_pending"]:
        click.echo("  " + t("status.pending"))
    for f in failures:
        click.echo(f"{f.source}: [{f.code}] {f.text()}")


# -- eval -------------------------------------------------------------------------------
def _default_shared() -> Path:
    """``shared/`` beside the checkout: found from the package (editable install) or the cwd."""
    repo = Path(__file__).resolve().parents[2]
    candidates = [repo.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"]
    for candidate in candidates:
        if (candidate / "seeds").is_dir():
            return candidate
    return candidates[0]


@main.command("eval")
@click.option(
    "--shared",
    "shared",
    type=click.Path(path_type=Path),
    default=None,
    help="The shared folder with seeds/ and eval/ (default: ../shared beside the repo).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Keep the extraction JSON in this folder.",
)
@_stages_option
def eval_cmd(shared: Path | None, out_dir: Path | None, stages: str | None) -> None:
    """Score extraction on the development set with shared/eval/score.py."""
    shared = shared or _default_shared()
    seeds, gold, score = shared / "seeds", shared / "eval" / "gold", shared / "eval" / "score.py"
    for needed in (seeds, gold, score):
        if not needed.exists():
            raise errors.ConfigError("E404", path=needed)
    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise errors.ConfigError("E404", path=seeds / "*.txt")
    click.echo(t("eval.running", n=len(files), seeds=seeds), err=True)
    with tempfile.TemporaryDirectory(prefix="hafen-eval-") as tmp:
        target = out_dir or Path(tmp)
        _, failures = extract_files(files, target, stages=_stages(stages))
        for line in failures:
            click.echo(line, err=True)
        result = subprocess.run(
            [sys.executable, str(score), "extraction", str(gold), str(target), "--docs", str(seeds)],
            capture_output=True,
            text=True,
            check=False,
        )
        click.echo(result.stdout, nl=False)
        if result.stderr:
            click.echo(result.stderr, err=True, nl=False)
    if out_dir:
        click.echo(t("eval.kept", out=out_dir), err=True)
    if result.returncode != 0:
        raise errors.HafenError("E405", status=result.returncode)


# -- serve ------------------------------------------------------------------------------
@main.command("serve")
@click.option("--db", required=True, help="SQLite file of the store.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8765, show_default=True)
@click.option(
    "--tiles",
    default=None,
    metavar="URL",
    help="Map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (default: offline).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Server processes, each with its own caches (default: one per CPU core, at most 4).",
)
def serve_cmd(db: str, host: str, port: int, tiles: str | None, workers: int | None) -> None:
    """Serve the web app and the JSON API of the store (read-only)."""
    import os

    import uvicorn

    from hafen.web.app import make_app

    open_store(db, create=False).close()  # fail now, with a clear line, not at the first request
    n = workers or default_workers()
    click.echo(t("serve.listening", db=db, host=host, port=port), err=True)
    if n == 1:
        uvicorn.run(make_app(db, tiles=tiles, warm=True), host=host, port=port, log_level="warning")
        return
    # Worker processes import the app themselves: the settings travel in the environment.
    os.environ["HAFEN_SERVE_DB"] = str(Path(db).resolve())
    os.environ["HAFEN_SERVE_TILES"] = tiles or ""
    uvicorn.run(
        "hafen.web.app:app_from_environment",
        factory=True,
        workers=n,
        host=host,
        port=port,
        log_level="warning",
    )


def default_workers() -> int:
    """One server process per CPU core this process may use, at most 4."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


# -- export -----------------------------------------------------------------------------
@main.command("export")
@click.option("--db", required=True, help="SQLite file of the store.")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["jsonld", "ttl", "graphml", "csv"]),
    help="Output format.",
)
@click.option(
    "--out", "out", required=True, type=click.Path(path_type=Path), help="Output file (csv: a folder)."
)
def export_cmd(db: str, fmt: str, out: Path) -> None:
    """Export entities and relations with provenance as JSON-LD, Turtle, GraphML or CSV."""
    from hafen.export import export

    with _opened(db, create=False) as store:
        n, m = export(store, fmt, out)
    click.echo(t("export.wrote", n=n, m=m, out=out, format=fmt))


# -- corpus graph: merge, split, curations, uncurate, show, match, consortium -------------
_register_graph_commands(main)

if __name__ == "__main__":
    main()
