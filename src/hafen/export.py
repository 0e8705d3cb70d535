"""Exports of the knowledge graph: JSON-LD and Turtle (schema.org), GraphML, CSV.

Every export carries provenance: each relation keeps its document, character span,
evidence sentence, method and confidence; each entity lists the documents that name it.
The data comes from the store's read side only, so any ``Store`` backend can be exported.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hafen import errors
from hafen.store import Store

FORMATS = ("jsonld", "ttl", "graphml", "csv")
SCHEMA_TYPES = {
    "ORG": "Organization",
    "PERSON": "Person",
    "PLACE": "Place",
    "PROJECT": "Project",
    "EVENT": "Event",
    "TOPIC": "DefinedTerm",
}
BASE = "urn:hafen:"
CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "hafen": "https://hafen.invalid/vocab#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "subjectOf": {"@type": "@id"},
    "head": {"@id": "hafen:head", "@type": "@id"},
    "tail": {"@id": "hafen:tail", "@type": "@id"},
    "relationType": "hafen:relationType",
    "role": "hafen:role",
    "start": {"@id": "hafen:start", "@type": "xsd:integer"},
    "end": {"@id": "hafen:end", "@type": "xsd:integer"},
    "evidence": "hafen:evidence",
    "method": "hafen:method",
    "confidence": {"@id": "hafen:confidence", "@type": "xsd:double"},
    "subtype": "hafen:subtype",
    "Relation": "hafen:Relation",
}


def _all(fetch: Any) -> Iterator[dict[str, Any]]:
    """Every item of a paged store listing."""
    offset = 0
    while True:
        page = fetch(limit=500, offset=offset)
        yield from page["items"]
        offset += len(page["items"])
        if not page["items"] or offset >= page["total"]:
            return


def collect(store: Store) -> dict[str, Any]:
    """Entities (with the documents that name them), relations with evidence, documents."""
    docs = list(_all(store.read_documents))
    entities = []
    for ent in _all(store.read_entities):
        profile = store.read_entity(ent["id"]) or {}
        entities.append({**ent, "documents": [d["id"] for d in profile.get("documents", [])]})
    relations = list(_all(store.read_relations))
    return {"documents": docs, "entities": entities, "relations": relations}


def _eid(entity_id: int) -> str:
    return f"{BASE}entity:{entity_id}"


def _did(doc_id: int) -> str:
    return f"{BASE}document:{doc_id}"


def to_jsonld(data: dict[str, Any]) -> dict[str, Any]:
    graph: list[dict[str, Any]] = []
    for d in data["documents"]:
        graph.append(
            {
                "@id": _did(d["id"]),
                "@type": "DigitalDocument",
                "name": d["name"],
                "url": d["source"],
                "inLanguage": d["lang"] or "und",
                "dateModified": d["stored_at"],
            }
        )
    for e in data["entities"]:
        node: dict[str, Any] = {
            "@id": _eid(e["id"]),
            "@type": SCHEMA_TYPES.get(e["type"], "Thing"),
            "name": e["name"],
        }
        if e["aliases"]:
            node["alternateName"] = e["aliases"]
        if e["subtype"]:
            node["subtype"] = e["subtype"]
        lat, lon = e["attrs"].get("lat"), e["attrs"].get("lon")
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            node["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        if e["documents"]:
            node["subjectOf"] = [_did(d) for d in e["documents"]]
        graph.append(node)
    for r in data["relations"]:
        ev = r["evidence"]
        node = {
            "@id": f"{BASE}relation:{r['id']}",
            "@type": "Relation",
            "relationType": r["type"],
            "head": _eid(r["head"]["id"]),
            "tail": _eid(r["tail"]["id"]),
            "wasDerivedFrom": _did(ev["doc_id"]),
            "start": ev["start"],
            "end": ev["end"],
            "evidence": ev["sentence"],
            "method": r["method"],
            "confidence": r["confidence"],
        }
        if r["role"]:
            node["role"] = r["role"]
        graph.append(node)
    return {"@context": CONTEXT, "@graph": graph}


def to_networkx(data: dict[str, Any]) -> Any:
    """A MultiDiGraph: one node per entity, one edge per stored relation (GraphML needs no None)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for e in data["entities"]:
        attrs = {
            "name": e["name"],
            "type": e["type"],
            "schema_type": SCHEMA_TYPES.get(e["type"], "Thing"),
            "subtype": e["subtype"] or "",
            "aliases": "|".join(e["aliases"]),
            "n_docs": e["n_docs"],
            "documents": " ".join(str(d) for d in e["documents"]),
        }
        for key in ("lat", "lon"):
            if isinstance(e["attrs"].get(key), (int, float)):
                attrs[key] = float(e["attrs"][key])
        graph.add_node(e["id"], **attrs)
    for r in data["relations"]:
        ev = r["evidence"]
        graph.add_edge(
            r["head"]["id"],
            r["tail"]["id"],
            key=r["id"],
            type=r["type"],
            role=r["role"] or "",
            doc_id=ev["doc_id"],
            doc=ev["doc"],
            start=ev["start"],
            end=ev["end"],
            evidence=ev["sentence"],
            method=r["method"],
            confidence=float(r["confidence"]),
        )
    return graph


def write_csv(data: dict[str, Any], out: Path) -> None:
    """entities.csv, relations.csv and documents.csv in the folder ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "entities.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["id", "name", "type", "schema_type", "subtype", "aliases", "lat", "lon", "n_docs", "documents"]
        )
        for e in data["entities"]:
            w.writerow(
                [
                    e["id"],
                    e["name"],
                    e["type"],
                    SCHEMA_TYPES.get(e["type"], "Thing"),
                    e["subtype"] or "",
                    "|".join(e["aliases"]),
                    e["attrs"].get("lat", ""),
                    e["attrs"].get("lon", ""),
                    e["n_docs"],
                    " ".join(str(d) for d in e["documents"]),
                ]
            )
    with (out / "relations.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "id",
                "head_id",
                "head",
                "type",
                "role",
                "tail_id",
                "tail",
                "doc_id",
                "doc",
                "start",
                "end",
                "evidence",
                "method",
                "confidence",
            ]
        )
        for r in data["relations"]:
            ev = r["evidence"]
            w.writerow(
                [
                    r["id"],
                    r["head"]["id"],
                    r["head"]["name"],
                    r["type"],
                    r["role"] or "",
                    r["tail"]["id"],
                    r["tail"]["name"],
                    ev["doc_id"],
                    ev["doc"],
                    ev["start"],
                    ev["end"],
                    ev["sentence"],
                    r["method"],
                    r["confidence"],
                ]
            )
    with (out / "documents.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "source", "media_type", "lang", "n_words", "stored_at"])
        for d in data["documents"]:
            w.writerow(
                [
                    d["id"],
                    d["name"],
                    d["source"],
                    d["media_type"],
                    d["lang"] or "",
                    d["n_words"],
                    d["stored_at"],
                ]
            )


def export(store: Store, fmt: str, out: Path) -> tuple[int, int]:
    """Write ``store`` as ``fmt`` to ``out`` (a folder for csv); returns (entities, relations)."""
    if fmt not in FORMATS:
        raise errors.ConfigError("E506", format=fmt, known=", ".join(FORMATS))
    data = collect(store)
    try:
        if fmt == "csv":
            write_csv(data, out)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            if fmt == "jsonld":
                out.write_text(json.dumps(to_jsonld(data), ensure_ascii=False, indent=1), encoding="utf-8")
            elif fmt == "ttl":
                try:
                    from rdflib import Graph
                except ImportError:
                    raise errors.ConfigError("E507", package="rdflib") from None
                graph = Graph().parse(data=json.dumps(to_jsonld(data)), format="json-ld")
                graph.bind("schema", "https://schema.org/")
                graph.bind("prov", "http://www.w3.org/ns/prov#")
                graph.bind("hafen", "https://hafen.invalid/vocab#")
                out.write_text(graph.serialize(format="turtle"), encoding="utf-8")
            else:
                import networkx as nx

                nx.write_graphml(to_networkx(data), str(out))
    except OSError as exc:
        raise errors.ConfigError("E406", path=out, detail=exc.strerror or str(exc)) from exc
    return len(data["entities"]), len(data["relations"])
