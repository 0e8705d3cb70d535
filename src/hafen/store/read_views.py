"""Read-side views of the whole store for the web app and the API: the network, the map with
its dataset layers, and the datasets themselves (SQLite; split from ``hafen.store.read``)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from hafen.document import SYMMETRIC_RELATIONS

ENTITY_COLS = "e.id, e.name, e.type, e.subtype, e.aliases, e.attrs, e.n_docs"


def entity_from_row(row: tuple[Any, ...]) -> dict[str, Any]:
    """An ``entities`` row selected with ``ENTITY_COLS`` as a JSON-ready dict."""
    return {
        "id": row[0],
        "name": row[1],
        "type": row[2],
        "subtype": row[3],
        "aliases": json.loads(row[4]),
        "attrs": json.loads(row[5]),
        "n_docs": row[6],
    }

def graph(conn: sqlite3.Connection, limit: int | None = None) -> dict[str, Any]:
    """Nodes and edges: relations, plus co-mention in a document.

    With ``limit`` and more entities than that, only the ``limit`` entities with the most
    relations (then the most documented) are nodes (``capped`` says so, ``total`` counts
    all); co-mention edges are left out when the chosen entities share too many documents
    to count pairs quickly.
    """
    total = conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
    chosen: set[int] | None = None
    if limit is not None and total > limit:
        chosen = {
            i
            for (i,) in conn.execute(
                "SELECT e.id FROM entities e LEFT JOIN (SELECT entity_id, COUNT(*) AS n FROM ("
                "SELECT h.entity_id AS entity_id FROM relations r JOIN doc_entities h ON h.id = r.head_id "
                "UNION ALL SELECT t.entity_id FROM relations r JOIN doc_entities t ON t.id = r.tail_id) "
                "GROUP BY entity_id) rc ON rc.entity_id = e.id "
                "ORDER BY COALESCE(rc.n, 0) DESC, e.n_docs DESC, e.id LIMIT ?",
                (limit,),
            )
        }
    rows = (
        conn.execute(f"SELECT {ENTITY_COLS} FROM entities e ORDER BY e.id")
        if chosen is None
        else (
            conn.execute(
                f"SELECT {ENTITY_COLS} FROM entities e "
                f"WHERE e.id IN ({','.join('?' * len(chosen))}) ORDER BY e.id",
                sorted(chosen),
            )
        )
    )
    nodes = [entity_from_row(r) for r in rows]
    edges: dict[tuple[int, int, str], dict[str, Any]] = {}
    for a, b, t, n in conn.execute(
        "SELECT h.entity_id, t.entity_id, r.type, COUNT(*) FROM relations r "
        "JOIN doc_entities h ON h.id = r.head_id JOIN doc_entities t ON t.id = r.tail_id "
        "WHERE h.entity_id IS NOT NULL AND t.entity_id IS NOT NULL AND h.entity_id != t.entity_id "
        "GROUP BY 1, 2, 3"
    ):
        if chosen is not None and (a not in chosen or b not in chosen):
            continue
        key = (min(a, b), max(a, b), t) if t in SYMMETRIC_RELATIONS else (a, b, t)
        edge = edges.setdefault(key, {"source": key[0], "target": key[1], "type": t, "weight": 0})
        edge["weight"] += n
    co_mentions = True
    if chosen is None:
        pairs = conn.execute(
            "SELECT x.entity_id, y.entity_id, COUNT(DISTINCT x.doc_id) FROM doc_entities x "
            "JOIN doc_entities y ON y.doc_id = x.doc_id AND y.entity_id > x.entity_id "
            "WHERE x.entity_id IS NOT NULL GROUP BY 1, 2"
        ).fetchall()
    else:
        marks = ",".join("?" * len(chosen))
        n_rows = conn.execute(
            f"SELECT COUNT(*) FROM doc_entities WHERE entity_id IN ({marks})", sorted(chosen)
        ).fetchone()[0]
        co_mentions = n_rows <= 20_000
        pairs = (
            conn.execute(
                "SELECT x.entity_id, y.entity_id, COUNT(DISTINCT x.doc_id) FROM doc_entities x "
                "JOIN doc_entities y ON y.doc_id = x.doc_id AND y.entity_id > x.entity_id "
                f"WHERE x.entity_id IN ({marks}) AND y.entity_id IN ({marks}) GROUP BY 1, 2",
                [*sorted(chosen), *sorted(chosen)],
            ).fetchall()
            if co_mentions
            else []
        )
    for a, b, n in pairs:
        edges[(a, b, "co_mention")] = {"source": a, "target": b, "type": "co_mention", "weight": n}
    return {
        "nodes": nodes,
        "edges": list(edges.values()),
        "total": total,
        "capped": chosen is not None,
        "co_mentions": co_mentions,
    }


def map_layers(conn: sqlite3.Connection, limit: int | None = None) -> dict[str, Any]:
    """Entities with coordinates, actors placed through ``located_in``, district dataset layers.

    With ``limit``, at most that many points, the most documented first (``capped`` says so).
    """
    located: dict[int, dict[str, Any]] = {}
    points = []
    for ent in (
        entity_from_row(r)
        for r in conn.execute(f"SELECT {ENTITY_COLS} FROM entities e WHERE e.attrs LIKE '%\"lat\"%'")
    ):
        lat, lon = ent["attrs"].get("lat"), ent["attrs"].get("lon")
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            located[ent["id"]] = ent
            points.append(
                {
                    "id": ent["id"],
                    "name": ent["name"],
                    "type": ent["type"],
                    "subtype": ent["subtype"],
                    "lat": lat,
                    "lon": lon,
                    "via": None,
                    "n_docs": ent["n_docs"],
                }
            )
    for a, a_name, a_type, a_docs, b in conn.execute(
        "SELECT DISTINCT he.id, he.name, he.type, he.n_docs, t.entity_id FROM relations r "
        "JOIN doc_entities h ON h.id = r.head_id JOIN doc_entities t ON t.id = r.tail_id "
        "JOIN entities he ON he.id = h.entity_id WHERE r.type = 'located_in'"
    ):
        place = located.get(b)
        if place and a not in located:
            points.append(
                {
                    "id": a,
                    "name": a_name,
                    "type": a_type,
                    "subtype": None,
                    "lat": place["attrs"]["lat"],
                    "lon": place["attrs"]["lon"],
                    "via": place["name"],
                    "n_docs": a_docs,
                }
            )
    total_points = len(points)
    if limit is not None and total_points > limit:
        points = sorted(points, key=lambda p: -p["n_docs"])[:limit]
    layers = []
    for ds_id, name, columns, doc in conn.execute(
        "SELECT d.id, d.name, d.columns, doc.name FROM datasets d JOIN documents doc ON doc.id = d.doc_id "
        "ORDER BY d.id"
    ):
        numeric = [c["name"] for c in json.loads(columns) if c.get("dtype") in ("int", "float")]
        rows = []
        for values, ent_id, ent_name, ent_type, ent_attrs in conn.execute(
            'SELECT r."values", e.id, e.name, e.type, e.attrs FROM dataset_rows r '
            "JOIN doc_entities de ON de.id = r.doc_entity_id JOIN entities e ON e.id = de.entity_id "
            "WHERE r.dataset_id = ? ORDER BY r.seq",
            (ds_id,),
        ):
            if ent_type != "PLACE" and ent_id not in located:
                continue
            # A district without coordinates still reaches the map: the page colours its
            # boundary (joined by AGS key or name) and only a circle needs lat/lon.
            attrs = located[ent_id]["attrs"] if ent_id in located else json.loads(ent_attrs)
            rows.append(
                {
                    "place": ent_name,
                    "lat": attrs.get("lat") if ent_id in located else None,
                    "lon": attrs.get("lon") if ent_id in located else None,
                    "ags": _ags(attrs.get("source_id")),
                    "values": json.loads(values),
                }
            )
        rows, totals = _without_totals(rows, numeric)
        if rows and numeric:
            layers.append(
                {
                    "id": ds_id,
                    "name": name or doc,
                    "columns": numeric,
                    "rows": rows,
                    "totals_left_out": totals,
                }
            )
    return {
        "points": points,
        "layers": layers,
        "total_points": total_points,
        "capped": len(points) < total_points,
    }


def _ags(source_id: object) -> str | None:
    """The official district key in a reference place's ``source_id`` ("geonames:1;ags:05913")."""
    if not isinstance(source_id, str):
        return None
    for part in source_id.split(";"):
        if part.startswith("ags:"):
            return part[4:]
    return None


def _without_totals(rows: list[dict[str, Any]], numeric: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Leave out rows that are sums of the others (a state total among its districts).

    A row counts as a total when, in most numeric columns, its value is at least 90 % of all
    the other rows together; one such circle would shrink every district to a dot.
    """
    if len(rows) < 4:
        return rows, []

    def number(row: dict[str, Any], column: str) -> float:
        value = row["values"].get(column)
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0

    sums = {c: sum(number(r, c) for r in rows) for c in numeric}
    kept, totals = [], []
    for r in rows:
        big = sum(1 for c in numeric if number(r, c) > 0 and number(r, c) >= 0.9 * (sums[c] - number(r, c)))
        if numeric and big > len(numeric) / 2:
            totals.append(r["place"])
        else:
            kept.append(r)
    return kept, totals


def datasets(conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    total = conn.execute("SELECT COUNT(*) FROM datasets").fetchone()[0]
    items = []
    for ds_id, doc_id, doc, name, columns, start, end in conn.execute(
        'SELECT d.id, d.doc_id, doc.name, d.name, d.columns, d.start, d."end" FROM datasets d '
        "JOIN documents doc ON doc.id = d.doc_id ORDER BY d.id LIMIT ? OFFSET ?",
        (limit, offset),
    ):
        rows = [
            json.loads(v)
            for (v,) in conn.execute(
                'SELECT "values" FROM dataset_rows WHERE dataset_id = ? ORDER BY seq', (ds_id,)
            )
        ]
        items.append(
            {
                "id": ds_id,
                "doc_id": doc_id,
                "doc": doc,
                "name": name,
                "start": start,
                "end": end,
                "columns": json.loads(columns),
                "rows": rows,
            }
        )
    return {"total": total, "limit": limit, "offset": offset, "items": items}
