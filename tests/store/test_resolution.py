"""The baseline corpus step: grouping document entities by type and normalised name or alias."""

from __future__ import annotations

import pytest

from hafen.resolve.simple import DocEntityRow, cluster, norm_key


def row(
    id: int, name: str, typ: str = "ORG", aliases: tuple[str, ...] = (), prev: int | None = None
) -> DocEntityRow:
    return DocEntityRow(id, typ, name, None, aliases, {}, 1.0, prev)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fraunhofer-Institut", "fraunhofer‑institut"),
        ("„Innovationsquartier Phoenix-West“", "Innovationsquartier Phoenix West"),
        ("Straße der Wissenschaft", "STRASSE DER WISSENSCHAFT".lower().replace("ss", "ß")),
        ("  TU   Dortmund ", "TU Dortmund"),
    ],
)
def test_resolve_norm_key_ignores_case_dashes_quotes_spacing(a: str, b: str) -> None:
    assert norm_key(a) == norm_key(b)


def test_resolve_cluster_links_through_aliases_within_type() -> None:
    groups = cluster(
        [
            row(1, "Technische Universität Dortmund", aliases=("TU Dortmund",)),
            row(2, "TU Dortmund"),
            row(3, "Dortmund", "PLACE"),
            row(4, "TU Dortmund", "PROJECT"),
        ]
    )
    members = sorted(c.members for c in groups)
    assert members == [[1, 2], [3], [4]]
    uni = next(c for c in groups if c.members == [1, 2])
    assert uni.name == "Technische Universität Dortmund"  # a tie goes to the fuller name
    assert uni.aliases == ["TU Dortmund"]


def test_resolve_cluster_short_aliases_do_not_merge() -> None:
    groups = cluster(
        [row(1, "Industrie- und Handelskammer", aliases=("IT",)), row(2, "Firma X", aliases=("IT",))]
    )
    assert len(groups) == 2


def test_resolve_cluster_keeps_previous_ids() -> None:
    groups = cluster(
        [row(1, "Lamarr-Institut", prev=7), row(2, "Lamarr Institut"), row(3, "Ruhr-Universität Bochum")]
    )
    by_members = {tuple(c.members): c.entity_id for c in groups}
    assert by_members == {(1, 2): 7, (3,): None}
