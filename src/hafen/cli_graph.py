"""Commands over the corpus graph: curation (merge, split, undo), profiles, matchmaking.

Thin shells over ``hafen.store`` (curations, merge reasons), ``hafen.profile`` and
``hafen.match.index``; registered into the main group by ``register``.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from hafen import errors
from hafen.i18n import current_lang, pick
from hafen.store import Store, open_store

# key -> (English, German)
TEXT: dict[str, tuple[str, str]] = {
    "merged": (
        "merged: {a} + {b} (curation {id}); it holds across rebuilds",
        "zusammengeführt: {a} + {b} (Kuratierung {id}); gilt auch nach Neuaufbau",
    ),
    "split": (
        "kept apart: {a} | {b} (curation {id}); it holds across rebuilds",
        "getrennt: {a} | {b} (Kuratierung {id}); gilt auch nach Neuaufbau",
    ),
    "uncurated": (
        "curation {id} removed; resolution rerun",
        "Kuratierung {id} entfernt; Auflösung neu berechnet",
    ),
    "no_curations": ("no curated decisions", "keine kuratierten Entscheidungen"),
    "merge": ("merge", "zusammenführen"),
    "split_word": ("split", "trennen"),
    "type": ("type", "Typ"),
    "aliases": ("also known as", "auch bekannt als"),
    "documents": ("named in {n} document(s)", "in {n} Dokument(en) genannt"),
    "coordinates": ("coordinates", "Koordinaten"),
    "evidence": ("Evidence", "Belege"),
    "relations_out": ("Relations from here", "Ausgehende Relationen"),
    "relations_in": ("Relations to here", "Eingehende Relationen"),
    "roles": ("Roles", "Rollen"),
    "topics": ("Topics", "Themen"),
    "places": ("Places", "Orte"),
    "figures": ("Key figures", "Kennzahlen"),
    "datasets": ("Datasets", "Datensätze"),
    "merges": ("Why merged", "Warum zusammengeführt"),
    "stated": ("stated", "belegt"),
    "alongside": ("named alongside", "gemeinsam genannt"),
    "none": ("none", "keine"),
    "more": ("… {n} more", "… {n} weitere"),
    "no_match": ("no matching actors", "keine passenden Akteure"),
    "reasons": ("why", "warum"),
    "score": ("score", "Wert"),
    "lexical_only": ("(ranked without the embedding model)", "(ohne Einbettungsmodell gerankt)"),
}

SHOW_EVIDENCE = 8  # evidence sentences in the text view; --json has them all

def _t(key: str, **kwargs: Any) -> str:
    en, de = TEXT[key]
    return pick(en, de).format(**kwargs)


@contextmanager
def _opened(db: str) -> Iterator[Store]:
    store = open_store(db, create=False)
    try:
        yield store
    finally:
        store.close()


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=1))


def resolve_name(store: Store, name: str) -> dict[str, Any]:
    """The one entity ``name`` (id, name or alias) means; E602 if none, E601 listing candidates."""
    found = store.find_entities(name)
    if not found:
        raise errors.ConfigError("E602", name=name)
    if len(found) > 1:
        lines = "\n".join(
            f"  {e['id']:>6}  {e['type']:<8} {e['name']}"
            + (f"  ({', '.join(e['aliases'][:3])})" if e["aliases"] else "")
            for e in found[:20]
        )
        raise errors.ConfigError("E601", name=name, n=len(found), candidates=lines)
    return found[0]


def _form(arg: str, entity: dict[str, Any]) -> str | None:
    """The name form the person typed (None when they gave an id)."""
    return None if arg.strip().isdigit() and int(arg) == entity["id"] else arg


# -- curation -------------------------------------------------------------------------------
def _curate(action: str, a: str, b: str, db: str) -> None:
    with _opened(db) as store:
        ea, eb = resolve_name(store, a), resolve_name(store, b)
        if ea["type"] != eb["type"]:
            raise errors.ConfigError("E604", a=ea["name"], a_type=ea["type"], b=eb["name"], b_type=eb["type"])
        if action == "merge" and ea["id"] == eb["id"]:
            raise errors.ConfigError("E606", a=a, b=b)
        try:
            cid = store.curate(action, (ea["id"], _form(a, ea)), (eb["id"], _form(b, eb)))
        except ValueError as exc:
            raise errors.ConfigError("E605", a=a, b=b) from exc
        store.resolve()
    click.echo(
        _t(
            "merged" if action == "merge" else "split",
            a=ea["name"],
            b=eb["name"] if action == "merge" else b,
            id=cid,
        )
    )


@click.command("merge")
@click.argument("a")
@click.argument("b")
@click.option("--db", required=True, help="SQLite file of the store.")
def merge_cmd(a: str, b: str, db: str) -> None:
    """Curate: A and B are the same thing (entity id or name); survives rebuilds."""
    _curate("merge", a, b, db)


@click.command("split")
@click.argument("a")
@click.argument("b")
@click.option("--db", required=True, help="SQLite file of the store.")
def split_cmd(a: str, b: str, db: str) -> None:
    """Curate: A and B are different things (names of the forms to separate); survives rebuilds."""
    _curate("split", a, b, db)


@click.command("curations")
@click.option("--db", required=True, help="SQLite file of the store.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def curations_cmd(db: str, as_json: bool) -> None:
    """List the curated merge and split decisions."""
    with _opened(db) as store:
        items = store.curations()
    if as_json:
        _echo_json(items)
        return
    if not items:
        click.echo(_t("no_curations"))
    for c in items:
        verb = _t("merge") if c["action"] == "merge" else _t("split_word")
        click.echo(
            f"{c['id']:>4}  {verb:<15} {c['a']['type']:<8} {c['a']['name']}  ↔  {c['b']['name']}"
            f"  ({c['created_at']})"
        )


@click.command("uncurate")
@click.argument("curation_id", type=int)
@click.option("--db", required=True, help="SQLite file of the store.")
def uncurate_cmd(curation_id: int, db: str) -> None:
    """Undo a curated decision (see `hafen curations`); resolution is rerun."""
    with _opened(db) as store:
        if not store.uncurate(curation_id):
            raise errors.ConfigError("E603", id=curation_id)
        store.resolve()
    click.echo(_t("uncurated", id=curation_id))


# -- profile --------------------------------------------------------------------------------
@click.command("show")
@click.argument("name")
@click.option("--db", required=True, help="SQLite file of the store.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole profile as JSON.")
def show_cmd(name: str, db: str, as_json: bool) -> None:
    """Show an entity's profile: aliases, evidence, relations, topics, places, figures, merges."""
    from hafen.profile import entity_profile

    with _opened(db) as store:
        if store.needs_resolution():
            store.resolve()
        entity = resolve_name(store, name)
        profile = entity_profile(store, entity["id"])
    if profile is None:  # removed meanwhile
        raise errors.ConfigError("E602", name=name)
    if as_json:
        _echo_json(profile)
    else:
        print_profile(profile, Console(highlight=False, soft_wrap=True))


def _section(console: Console, key: str, n: int) -> None:
    console.print(f"\n[bold]{escape(_t(key))}[/bold] ({n})")


def _rel_line(r: dict[str, Any], entity_id: int) -> str:
    other = r["tail"] if r["head"]["id"] == entity_id else r["head"]
    role = f" [{r['role']}]" if r.get("role") else ""
    arrow = "→" if r["head"]["id"] == entity_id else "←"
    return f"{r['type']}{role} {arrow} {other['name']} ({other['type']})"


def _evidence_line(ev: dict[str, Any]) -> str:
    sentence = " ".join(str(ev.get("sentence") or ev.get("text") or "").split())
    return f"„{sentence}“  — {ev.get('doc')} [{ev.get('start')}:{ev.get('end')}]"


def print_profile(p: dict[str, Any], console: Console) -> None:
    """The human view of ``hafen show``."""
    sub = f" / {p['subtype']}" if p.get("subtype") else ""
    console.print(f"[bold]{escape(p['name'])}[/bold]  {p['type']}{sub}  (id {p['id']})")
    if p["aliases"]:
        console.print(f"  {escape(_t('aliases'))}: {escape(', '.join(p['aliases']))}")
    console.print(
        "  "
        + escape(_t("documents", n=len(p["documents"])))
        + ": "
        + escape(", ".join(d["name"] for d in p["documents"]))
    )
    if p.get("coordinates"):
        console.print(f"  {_t('coordinates')}: {p['coordinates']['lat']:.5f}, {p['coordinates']['lon']:.5f}")
    _section(console, "evidence", len(p["evidence"]))
    seen: set[tuple[Any, Any]] = set()
    shown = 0
    for ev in p["evidence"]:
        where = (ev.get("doc"), ev.get("sentence_start"))
        if where in seen:
            continue
        seen.add(where)
        if shown < SHOW_EVIDENCE:
            console.print("  " + escape(_evidence_line(ev)))
        shown += 1
    if shown > SHOW_EVIDENCE:
        console.print("  " + escape(_t("more", n=shown - SHOW_EVIDENCE)))
    for key in ("relations_out", "relations_in"):
        if p[key]:
            _section(console, key, len(p[key]))
            for r in p[key]:
                console.print("  " + escape(_rel_line(r, p["id"])))
                console.print("      " + escape(_evidence_line(r["evidence"])), style="dim")
    if p["roles"]:
        _section(console, "roles", len(p["roles"]))
        for r in p["roles"]:
            console.print("  " + escape(f"{r.get('role')}: {_evidence_line(r)}"))
    for key in ("topics", "places"):
        _section(console, key, len(p[key]))
        for item in p[key]:
            via = _t("stated") + f" ({item['via']})" if item["via"] != "named_alongside" else _t("alongside")
            coords = item.get("coordinates")
            at = f"  [{coords['lat']:.4f}, {coords['lon']:.4f}]" if coords else ""
            console.print("  " + escape(f"{item['name']}{at}  — {via}"))
    if p["figures"]:
        _section(console, "figures", len(p["figures"]))
        for f in p["figures"]:
            console.print("  " + escape(f"{f.get('figure')}: {_evidence_line(f)}"))
    if p["datasets"]:
        _section(console, "datasets", len(p["datasets"]))
        for d in p["datasets"]:
            console.print(
                "  "
                + escape(f"{d['dataset'] or d['dataset_id']}: {json.dumps(d['values'], ensure_ascii=False)}")
            )
    _section(console, "merges", len(p["merges"]))
    for m in p["merges"]:
        console.print(
            "  "
            + escape(
                f"{m['rule']} ({m['score']:.2f}): „{m['a']}“ [{m['a_doc']}] = „{m['b']}“ [{m['b_doc']}]"
                + (f" — {m['detail']}" if m["detail"] and m["detail"] != m["a"] else "")
            )
        )


# -- matchmaking ----------------------------------------------------------------------------
def _matcher(store: Store, no_embeddings: bool) -> Any:
    from hafen.match.index import store_matcher
    from hafen.match.ranker import MatchSettings

    if store.needs_resolution():  # a build was killed before its corpus step
        store.resolve()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        matcher = store_matcher(store, settings=MatchSettings(use_embeddings=not no_embeddings))
    for w in caught:
        click.echo(f"warning: {w.message}", err=True)
    return matcher


def _print_results(results: list[Any], lexical_only: bool) -> None:
    console = Console(highlight=False, soft_wrap=True)
    if not results:
        console.print(escape(_t("no_match")))
    for rank, r in enumerate(results, start=1):
        console.print(f"[bold]{rank}. {escape(r.name)}[/bold]  {r.type}  {_t('score')} {r.score:.3f}")
        if r.aliases:
            console.print("   " + escape(f"{_t('aliases')}: {', '.join(r.aliases[:4])}"))
        for reason in r.reasons:
            console.print("   · " + escape(reason))
        for s in r.evidence:
            console.print(
                "   " + escape(f"„{' '.join(s.text.split())}“ — {s.doc} [{s.start}:{s.end}]"), style="dim"
            )
    if lexical_only:
        console.print(escape(_t("lexical_only")), style="dim")


@click.command("match")
@click.argument("need")
@click.option("--db", required=True, help="SQLite file of the store.")
@click.option("--top", type=click.IntRange(1, 200), default=10, show_default=True, help="How many actors.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the ranked actors as JSON (the DESIGN contract)."
)
@click.option("--no-embeddings", is_flag=True, help="Rank with lexical and graph signals only.")
def match_cmd(need: str, db: str, top: int, as_json: bool, no_embeddings: bool) -> None:
    """Who can help with NEED? Ranked actors with reasons and evidence sentences."""
    with _opened(db) as store:
        matcher = _matcher(store, no_embeddings)
        results = matcher.match(need, top=top, lang=current_lang())
    if as_json:
        _echo_json([r.to_json() for r in results])
    else:
        _print_results(results, not matcher.uses_embeddings)


@click.command("consortium")
@click.argument("idea")
@click.option("--db", required=True, help="SQLite file of the store.")
@click.option("--size", type=click.IntRange(3, 6), default=5, show_default=True, help="Partners (3-6).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--no-embeddings", is_flag=True, help="Rank with lexical and graph signals only.")
def consortium_cmd(idea: str, db: str, size: int, as_json: bool, no_embeddings: bool) -> None:
    """Suggest 3-6 complementary partners for a project IDEA, one per role."""
    from hafen.match.consortium import consortium

    with _opened(db) as store:
        matcher = _matcher(store, no_embeddings)
        partners = consortium(matcher, idea, size=size, lang=current_lang())
    if as_json:
        _echo_json([r.to_json() for r in partners])
    else:
        _print_results(partners, not matcher.uses_embeddings)
    if not partners:
        sys.exit(1)


COMMANDS = (merge_cmd, split_cmd, curations_cmd, uncurate_cmd, show_cmd, match_cmd, consortium_cmd)


def register(group: click.Group) -> None:
    """Add the graph commands to the ``hafen`` command group."""
    for command in COMMANDS:
        group.add_command(command)
