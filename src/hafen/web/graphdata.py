"""Network and map data for /graph, /map and their API routes, cached per store revision.

Both are derived from the whole store, so they are computed once per revision and shared by
all requests. A large store is cut down: the network to the ``GRAPH_LIMIT`` best-connected
entities, the map to the ``MAP_LIMIT`` most documented points (the pages say so).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from hafen.store import Store
from hafen.store.read import GRAPH_LIMIT, MAP_LIMIT
from hafen.web import cache

# Exact betweenness is O(nodes x edges); in a capped network it is estimated from this many sources.
BETWEENNESS_SAMPLE = 100
# Edges kept in a capped network (the strongest); a small store keeps all of its edges.
EDGE_LIMIT = 3000

MINIMAP_POINTS = 300  # points on the overview's small map: the most documented


def revision(store: Store) -> str:
    """The store's revision (see ``hafen.web.cache``)."""
    return cache.revision(store)


def _cached(store: Store, name: str, compute: Callable[[], Any]) -> Any:
    return cache.cached(store, name, compute)


def network(store: Store) -> dict[str, Any]:
    """Nodes with degree and betweenness centrality, and edges; recomputed only when the store changes."""
    return _cached(store, "network", lambda: _network(store))


def map_data(store: Store) -> dict[str, Any]:
    """Points and dataset layers for the maps; recomputed only when the store changes."""
    return _cached(store, "map", lambda: store.read_map(limit=MAP_LIMIT))


def map_attrs(store: Store) -> dict[str, Any]:
    """The map data as escaped JSON for ``data-*`` attributes, serialised once per revision.

    ``points``/``layers`` for /map, ``minimap`` (the MINIMAP_POINTS most documented) for the overview.
    """

    def compute() -> dict[str, Any]:
        data = map_data(store)
        top = sorted(data["points"], key=lambda p: -p.get("n_docs", 0))[:MINIMAP_POINTS]
        return {
            "points": _attr_json(data["points"]),
            "layers": _attr_json(data["layers"]),
            "minimap": _attr_json(top),
        }

    return _cached(store, "map_attrs", compute)


def overview(store: Store) -> dict[str, Any]:
    """The start page's counts (whole-store aggregates); recomputed only when the store changes."""
    return _cached(store, "overview", store.read_overview)


def _attr_json(value: Any) -> Markup:
    """What ``value|tojson|forceescape`` gives in a template: JSON safe inside an HTML attribute."""
    return Markup(escape(str(htmlsafe_json_dumps(value))))


def _network(store: Store) -> dict[str, Any]:
    data = store.read_graph(limit=GRAPH_LIMIT)
    data["edges_total"] = len(data["edges"])
    if data.get("capped") and len(data["edges"]) > EDGE_LIMIT:
        # A dense cut of a large store: keep the strongest ties, so that the centrality and
        # the browser's layout stay quick.
        data["edges"] = sorted(data["edges"], key=lambda e: (-e["weight"], e["source"], e["target"]))[
            :EDGE_LIMIT
        ]
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in data["nodes"])
    relation_graph = nx.Graph()
    relation_graph.add_nodes_from(graph.nodes)
    for e in data["edges"]:
        # Co-mention is weak evidence: it counts for centrality at a fraction of a relation.
        weight = e["weight"] * (0.2 if e["type"] == "co_mention" else 1.0)
        if graph.has_edge(e["source"], e["target"]):
            graph[e["source"]][e["target"]]["weight"] += weight
        else:
            graph.add_edge(e["source"], e["target"], weight=weight)
        if e["type"] != "co_mention":
            relation_graph.add_edge(e["source"], e["target"])
    # Betweenness takes distances, so a strong tie must be short.
    for _, _, attrs in graph.edges(data=True):
        attrs["distance"] = 1.0 / attrs["weight"]
    sample = (
        BETWEENNESS_SAMPLE if data.get("capped") and graph.number_of_nodes() > BETWEENNESS_SAMPLE else None
    )
    betweenness = nx.betweenness_centrality(graph, k=sample, weight="distance", normalized=True, seed=0)
    degree = dict(relation_graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    for node in data["nodes"]:
        node["degree"] = degree.get(node["id"], 0)
        node["weighted_degree"] = round(weighted.get(node["id"], 0.0), 3)
        node["betweenness"] = round(betweenness.get(node["id"], 0.0), 5)
    return data


def most_connected(store: Store, top: int = 10) -> list[dict[str, Any]]:
    """Actors (not places or topics) by relation degree, then by weighted degree."""
    nodes = [n for n in network(store)["nodes"] if n["type"] not in ("PLACE", "TOPIC")]
    nodes.sort(key=lambda n: (-n["degree"], -n["weighted_degree"], n["name"]))
    return nodes[:top]
