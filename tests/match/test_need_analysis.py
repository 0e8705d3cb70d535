"""What a need asks for: the sought part, networking needs met at events, abbreviations written out."""

from __future__ import annotations

import pytest

from hafen.match import signals as sg
from hafen.match.profiles import Profile
from hafen.match.ranker import Matcher
from hafen.match.topics import find_concepts

PROFILES = [
    Profile(
        id="ihk",
        name="Industrie- und Handelskammer Kiel",
        type="ORG",
        subtype="public",
        text="Die Industrie- und Handelskammer Kiel berät Betriebe bei Gründung und Nachfolge.",
        places=("Kiel",),
    ),
    Profile(
        id="gruender",
        name="Gründerzentrum Kiel",
        type="PROJECT",
        text="Das Gründerzentrum Kiel bietet Gründerinnen und Gründern Büros und Beratung.",
        places=("Kiel",),
    ),
    Profile(
        id="meetup",
        name="Kiel Tech Meetup",
        type="EVENT",
        text="Beim Kiel Tech Meetup trifft sich die Tech-Community der Stadt jeden Monat, "
        "Start-ups knüpfen dort Kontakte zu Entwicklerinnen und Investoren.",
        places=("Kiel",),
    ),
    Profile(
        id="werft",
        name="Nordwerft GmbH",
        type="ORG",
        subtype="company",
        text="Die Nordwerft GmbH ist ein Hersteller von Pumpen und Schiffsantrieben in Kiel.",
        places=("Kiel",),
    ),
    Profile(
        id="inst",
        name="Institut für Antriebstechnik",
        type="ORG",
        subtype="research",
        text="Das Institut für Antriebstechnik erforscht die Zustandsüberwachung von Pumpen "
        "und Antrieben mit Sensorik.",
    ),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(PROFILES, embedder=None)


@pytest.mark.parametrize(
    ("need", "roles"),
    [
        # Who asks ("Hersteller") is not whom they want.
        ("Wir sind ein Pumpenhersteller und suchen einen Forschungspartner", {"research"}),
        ("Forschungspartner für Pumpen gesucht", {"research"}),
        ("We are a manufacturer looking for a research institute", {"research"}),
        ("Wir suchen einen Hersteller von Sensoren", {"company"}),
        ("Welche Einrichtung forscht zu Wasserstoff?", {"research"}),
    ],
)
def test_need_roles_come_from_what_is_sought(need: str, roles: set[str]) -> None:
    assert sg.need_roles(need) == roles


def test_self_described_manufacturer_is_not_asked_for(matcher: Matcher) -> None:
    results = matcher.match(
        "Wir sind ein Pumpenhersteller und suchen einen Forschungspartner für Sensorik", 3
    )
    assert results[0].name == "Institut für Antriebstechnik"
    werft = next((r for r in results if r.name == "Nordwerft GmbH"), None)
    assert werft is None or not any("company" in reason for reason in werft.reasons)


def test_a_networking_need_is_met_at_the_community_event(matcher: Matcher) -> None:
    need = "Start-up in Kiel sucht Kontakt zur lokalen Tech-Community"
    assert sg.serving_roles(sg.need_roles(need)) >= {"network", "event"}
    names = [r.name for r in matcher.match(need, top=3, lang="de")]
    # The start-up centre fits the asker's topic; the meetup is where the community meets,
    # ahead of the chamber that only shares the place.
    assert names.index("Kiel Tech Meetup") < names.index("Industrie- und Handelskammer Kiel")
    # Without the networking word the event is no actor to go to.
    assert sg.serving_roles(sg.need_roles("Start-up in Kiel sucht Büroflächen")) == {"facility"}


def test_abbreviated_institution_in_a_need_names_the_written_out_actor(matcher: Matcher) -> None:
    top = matcher.match("Kontakt zur IHK Kiel zum Thema Nachfolge", top=1, lang="de")[0]
    assert top.name == "Industrie- und Handelskammer Kiel"
    assert "in der Anfrage genannt" in top.reasons


def test_short_topic_forms_keep_their_plural() -> None:
    found = find_concepts("Beratung für Start-ups und KMUs")
    assert {"gruendung", "kmu"} <= set(found)
    assert "ki" not in find_concepts("Kiste und Kies")  # a short form is still a whole token
