"""An entity's profile: everything the store knows about it, each fact with its evidence.

Composed from backend-neutral ``Store`` methods (``read_entity``, ``merge_reasons``,
``find_entities``), so the CLI, the API and exports share one shape.
"""

from __future__ import annotations

from typing import Any

from hafen.store.base import Store

MAX_NAMED_ALONGSIDE = 10  # topics/places named in the same documents, shown after the stated ones


def _coordinates(store: Store, entity_id: int) -> dict[str, float] | None:
    found = store.find_entities(str(entity_id))
    attrs = found[0].get("attrs", {}) if found and found[0]["id"] == entity_id else {}
    lat, lon = attrs.get("lat"), attrs.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return {"lat": float(lat), "lon": float(lon)}
    return None


def _linked(rels: list[dict[str, Any]], rel_type: str, entity_id: int) -> list[dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for r in rels:
        if r["type"] == rel_type and r["head"]["id"] == entity_id:
            out.setdefault(r["tail"]["id"], {**r["tail"], "via": rel_type, "evidence": r["evidence"]})
    return list(out.values())


def entity_profile(store: Store, entity_id: int) -> dict[str, Any] | None:
    """The profile of one corpus entity, or None if there is no such entity."""
    base = store.read_entity(entity_id)
    if base is None:
        return None
    rels = [*base.get("relations_out", []), *base.get("relations_in", [])]
    topics = _linked(rels, "focuses_on", entity_id)
    seen = {t["id"] for t in topics}
    topics += [{**t, "via": "named_alongside"} for t in base.get("topics", []) if t["id"] not in seen][
        :MAX_NAMED_ALONGSIDE
    ]
    places = _linked(rels, "located_in", entity_id)
    seen = {p["id"] for p in places}
    places += [{**p, "via": "named_alongside"} for p in base.get("places", []) if p["id"] not in seen][
        :MAX_NAMED_ALONGSIDE
    ]
    for place in places:
        place["coordinates"] = _coordinates(store, place["id"])
    own = base.get("attrs", {})
    coordinates = (
        {"lat": own["lat"], "lon": own["lon"]}
        if isinstance(own.get("lat"), (int, float)) and isinstance(own.get("lon"), (int, float))
        else None
    )
    return {
        "id": base["id"],
        "name": base["name"],
        "type": base["type"],
        "subtype": base.get("subtype"),
        "aliases": base.get("aliases", []),
        "coordinates": coordinates,
        "n_docs": base.get("n_docs", 0),
        "documents": base.get("documents", []),
        "evidence": base.get("mentions", []),
        "relations_out": base.get("relations_out", []),
        "relations_in": base.get("relations_in", []),
        "roles": base.get("roles", []),
        "topics": topics,
        "places": places,
        "figures": base.get("figures", []),
        "datasets": base.get("dataset_rows", []),
        "merges": store.merge_reasons(entity_id),
    }
