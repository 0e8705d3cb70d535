"""A deterministic synthetic corpus of German news about a regional innovation ecosystem.

Used by ``bench/ingest.py`` to measure ingestion at a realistic size: the same seed always
yields the same files, so figures from different machines and commits are comparable.

    python bench/corpus.py OUT_DIR [--n 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CITIES = [
    "Dortmund",
    "Bochum",
    "Essen",
    "Duisburg",
    "Gelsenkirchen",
    "Herne",
    "Hagen",
    "Unna",
    "Witten",
    "Castrop-Rauxel",
    "Lünen",
    "Schwerte",
    "Recklinghausen",
    "Mülheim an der Ruhr",
]
FIELDS = [
    "Materialfluss und Logistik",
    "Künstliche Intelligenz",
    "Wasserstofftechnik",
    "Kreislaufwirtschaft",
    "Produktionssysteme",
    "Gesundheitsdaten",
    "Energiespeicher",
    "Cybersicherheit",
    "Robotik",
    "Quantensensorik",
    "Stadtentwicklung",
    "Biotechnologie",
]
SURNAMES = [
    "Schäfer",
    "Öztürk",
    "Weiß",
    "Kowalski",
    "Nguyen",
    "Brüggemann",
    "Yılmaz",
    "Hoffmann",
    "Krause",
    "Demir",
    "Lehmann",
    "Grünewald",
    "Przybylski",
    "Aydın",
    "Schulte",
    "Große-Wächter",
]
FIRSTNAMES = [
    "Anna",
    "Jürgen",
    "Leyla",
    "Matthias",
    "Sophie",
    "Mehmet",
    "Katarzyna",
    "Jens",
    "Miriam",
    "Tobias",
    "Fatma",
    "Uwe",
    "Hannah",
    "Dariusz",
    "Elif",
    "Björn",
]
BRANCHES = ["Logistik", "Software", "Anlagenbau", "Analytics", "Robotics", "Energie", "Medizintechnik"]
LEGAL = ["GmbH", "AG", "GmbH & Co. KG", "UG (haftungsbeschränkt)", "eG"]
NETWORKS = [
    "ruhr:HUB",
    "Digital Hub Logistics",
    "EffizienzAgentur.NRW",
    "Start-up-Center.NRW",
    "InnovationCity Ruhr",
    "Wasserstoff-Netzwerk Ruhr",
    "KI-Allianz Ruhr",
]
TOPICS = [
    "künstliche Intelligenz",
    "grüner Wasserstoff",
    "autonome Logistik",
    "Kreislaufwirtschaft",
    "digitale Verwaltung",
    "Batterierecycling",
    "Smart City",
    "Gesundheitsdaten",
    "Quantencomputing",
    "klimaneutrale Industrie",
    "Fachkräftesicherung",
    "Mikroelektronik",
]
VENUES = [
    "Dortmunder U",
    "Zeche Zollverein",
    "Jahrhunderthalle",
    "Phoenix-West",
    "Zeche Ewald",
    "TechnologieZentrumDortmund",
    "Gasometer",
]
MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
FILLERS = [
    "Nach Angaben der Beteiligten ist das Interesse der Akteur*innen aus der Region groß.",
    "Die Zusammenarbeit soll in den kommenden Jahren weiter ausgebaut werden.",
    "Ziel ist es, Forschungsergebnisse schneller in die Anwendung zu bringen.",
    "Kritiker*innen bemängeln allerdings die langen Genehmigungsverfahren.",
    "Die Ergebnisse sollen im Herbst öffentlich vorgestellt werden.",
    "Dabei spielt auch die Gewinnung von Fachkräften eine wichtige Rolle.",
    "Weitere Partner aus Wissenschaft und Wirtschaft sind ausdrücklich willkommen.",
    "Der Strukturwandel im Ruhrgebiet bietet dafür besondere Chancen.",
]


FEMALE = {"Anna", "Leyla", "Sophie", "Katarzyna", "Miriam", "Fatma", "Hannah", "Elif"}
ROLES_F = ["Geschäftsführerin", "Institutsleiterin", "Projektleiterin", "Rektorin", "Gründerin"]
ROLES_M = ["Geschäftsführer", "Direktor", "Vorstandsvorsitzender", "Sprecher", "Abteilungsleiter"]
EVENTS = ["Digitaltag", "Gründungswoche", "KI-Forum", "Wasserstoffgipfel"]
# Articles by grammatical gender: (nominative, dative).
ARTICLES = {"f": ("die", "der"), "n": ("das", "dem")}


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Names:
    """Draws organisations, people and projects from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def city(self) -> str:
        return self.rng.choice(CITIES)

    def person(self) -> tuple[str, str]:
        """A name and a role that agrees with it."""
        first = self.rng.choice(FIRSTNAMES)
        role = self.rng.choice(ROLES_F if first in FEMALE else ROLES_M)
        return f"{first} {self.rng.choice(SURNAMES)}", role

    def org(self) -> tuple[str, str]:
        """An organisation name and its grammatical gender."""
        r = self.rng
        kind = r.randrange(7)
        if kind == 0:
            return f"Fraunhofer-Institut für {r.choice(FIELDS)}", "n"
        if kind == 1:
            return f"Technische Universität {r.choice(['Dortmund', 'Berlin', 'München'])}", "f"
        if kind == 2:
            return f"Hochschule {self.city()}", "f"
        if kind == 3:
            return f"{r.choice(SURNAMES)} {r.choice(BRANCHES)} {r.choice(LEGAL)}", "f"
        if kind == 4:
            return f"Wirtschaftsförderung {self.city()}", "f"
        if kind == 5:
            return f"Zentrum für {r.choice(FIELDS)}", "n"
        prefix = r.choice(["Ruhr", "Emscher", "Hellweg", "Phoenix"])
        return f"{prefix}{r.choice(BRANCHES)} {r.choice(LEGAL)}", "f"

    def nom(self) -> str:
        name, gender = self.org()
        return f"{ARTICLES[gender][0]} {name}"

    def dat(self) -> str:
        name, gender = self.org()
        return f"{ARTICLES[gender][1]} {name}"

    def project(self) -> str:
        r = self.rng
        stem = r.choice(["Silicon", "Smart", "Green", "Open", "Future", "Urban", "Circular"])
        tail = r.choice(["Economy", "Port", "Factory", "Health", "Grid", "Campus"])
        return f"{stem} {tail} {r.randint(1, 9)}.0"

    def date(self) -> str:
        return f"{self.rng.randint(1, 28)}. {self.rng.choice(MONTHS)} {self.rng.randint(2022, 2026)}"

    def sentence(self) -> str:
        r, kind = self.rng, self.rng.randrange(10)
        if kind == 0:
            return (
                f"{_upper_first(self.nom())} mit Sitz in {self.city()} kooperiert seit "
                f"{r.randint(2009, 2025)} mit {self.dat()}."
            )
        if kind == 1:
            person, role = self.person()
            return (
                f"{person}, {role} {self.dat()}, stellte am {self.date()} das Projekt „{self.project()}“ vor."
            )
        if kind == 2:
            return f"Das Land Nordrhein-Westfalen fördert das Vorhaben mit {r.randint(2, 90)} Millionen Euro."
        if kind == 3:
            return (
                f"Bis {r.randint(2027, 2035)} sollen in {self.city()} rund {r.randrange(50, 5000, 50)} "
                "neue Arbeitsplätze entstehen."
            )
        if kind == 4:
            return f"Im Mittelpunkt stehen {r.choice(TOPICS)} und {r.choice(TOPICS)}."
        if kind == 5:
            return f"{_upper_first(self.nom())} ist Teil des Netzwerks {r.choice(NETWORKS)}."
        if kind == 6:
            return (
                f"Gemeinsam mit {self.dat()} entwickelt {self.nom()} eine Plattform für {r.choice(TOPICS)}."
            )
        if kind == 7:
            return (
                f"Die Veranstaltung „{r.choice(EVENTS)} {r.randint(2023, 2026)}“ findet am "
                f"{self.date()} in {self.city()} ({r.choice(VENUES)}) statt."
            )
        if kind == 8:
            return (
                f"Laut {self.person()[0]} haben sich bereits über {r.randint(12, 400)} Unternehmen beteiligt."
            )
        return r.choice(FILLERS)


def document(index: int, seed: int = 7) -> str:
    """The text of document ``index``; depends only on (index, seed)."""
    rng = random.Random(seed * 1_000_003 + index)
    names = _Names(rng)
    title = f"{names.org()[0]} setzt auf {rng.choice(TOPICS)}"
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        paragraphs.append(" ".join(names.sentence() for _ in range(rng.randint(3, 8))))
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(out: Path, n: int = 2000, seed: int = 7) -> list[Path]:
    """Write ``n`` documents to ``out`` (existing identical files are left untouched)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out / f"meldung_{i:05d}.txt"
        text = document(i, seed)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.n, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} documents, {words} words in {args.out}")


if __name__ == "__main__":
    main()
