#!/usr/bin/env python3
# ruff: noqa: E501  (long German prose constants are the content of this script)
"""Regenerate the binary / non-UTF-8 example documents from the text constants below.

Outputs (in examples/):
  forschungsbericht-sensorik.pdf   PDF with a real text layer (fpdf2, embedded Unicode TTF)
  netzwerk-steckbrief.docx         DOCX with headings, paragraphs and one table (python-docx)
  pressemitteilung-cp1252.txt      press release encoded as Windows-1252 (not valid UTF-8)

The build is deterministic: fixed creation dates and metadata, and the DOCX zip is
rewritten with fixed timestamps, so running the script twice yields identical bytes
(given the same library versions and font file).

Usage:  .venv/bin/python scripts/make_examples.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "examples"
FIXED_DATE = dt.datetime(2025, 6, 30, 12, 0, 0, tzinfo=dt.UTC)

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
]
FONT_BOLD_CANDIDATES = [p.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf") for p in FONT_CANDIDATES]

# ---------------------------------------------------------------------------
# 1) PDF: research report (sensor technology)
# ---------------------------------------------------------------------------

PDF_TITLE = "Zwischenbericht Verbundprojekt SensIL"
PDF_SUBTITLE = "Vernetzte Sensorik für die Intralogistik im Mittelstand"
PDF_META = "Fachhochschule Dortmund · Fraunhofer ISST · Berichtszeitraum 01/2024 – 06/2025"

# (heading or None, paragraph text)
PDF_SECTIONS: list[tuple[str | None, str]] = [
    ("1 Zusammenfassung",
     "Das Verbundprojekt „SensIL – vernetzte Sensorik für die Intralogistik“ untersucht, wie "
     "kostengünstige Funksensoren an Regalen, Förderbändern und Ladungsträgern den Materialfluss "
     "in mittelständischen Lagern transparent machen können. Beteiligt sind die Fachhochschule "
     "Dortmund (FH Dortmund), das Fraunhofer-Institut für Software- und Systemtechnik (ISST) sowie "
     "die Lindemann Spedition GmbH & Co. KG aus Lünen als Anwendungspartner. Das Vorhaben wird vom "
     "Bundesministerium für Bildung und Forschung mit 1,9 Mio. Euro über drei Jahre gefördert."),
    ("2 Stand der Arbeiten",
     "Im ersten Projektabschnitt hat das Team der FH Dortmund unter Leitung von "
     "Prof. Dr.-Ing. Henrik Vosskamp einen Sensorknoten entwickelt, der Erschütterungen, "
     "Temperatur und Füllstand misst und mit einer Knopfzelle bis zu 18 Monate arbeitet. "
     "Im Lager der Lindemann Spedition sind seit Februar 2025 insgesamt 420 dieser Knoten "
     "im Einsatz. Sie übertragen ihre Messwerte über ein LoRaWAN-Netz an eine Datenplattform, "
     "die das Fraunhofer ISST an der Speicherstraße betreibt."),
    (None,
     "Das ISST-Team um Dr. Aylin Demirtaş, Gruppenleiterin Datenökosysteme, hat dafür ein "
     "Datenmodell entworfen, mit dem die Spedition festlegen kann, welche Messwerte sie mit "
     "Kunden und Dienstleistern teilt. „Für mittelständische Betriebe ist die Datenhoheit "
     "wichtiger als jede zusätzliche Funktion“, sagt Demirtaş. Das Modell orientiert sich an "
     "den Grundsätzen der europäischen Datenräume und wurde im April 2025 auf einem Workshop "
     "mit 35 Unternehmen der IHK zu Dortmund vorgestellt."),
    ("3 Erste Ergebnisse",
     "Nach vier Monaten Pilotbetrieb sank die Zahl der Suchfahrten von Gabelstaplern im "
     "Testbereich um 23 Prozent. Beschädigungen an Ladungsträgern wurden im Mittel 2,4 Tage "
     "früher erkannt als zuvor. Der Energieverbrauch der Sensorknoten lag um 15,7 Prozent "
     "unter dem ursprünglichen Zielwert."),
    ("4 Ausblick",
     "Bis zum Projektende im Dezember 2026 soll das System auf einen zweiten Standort in "
     "Gelsenkirchen übertragen werden. Außerdem prüfen die Partner gemeinsam mit dem "
     "Fraunhofer-Institut für Materialfluss und Logistik (IML), ob die Sensordaten in das "
     "Testfeld des „KI-Hub Logistik Ruhr“ eingespeist werden können. Die Ergebnisse der "
     "FH Dortmund fließen zudem in das Masterstudium Embedded Systems ein."),
]

PDF_TABLE_CAPTION = "Tabelle 1: Kennzahlen des Pilotbetriebs (Stand: 30.06.2025)"
PDF_TABLE = [
    ("Kennzahl", "Wert"),
    ("Installierte Sensorknoten", "420"),
    ("Übertragene Messwerte pro Tag", "rund 1,1 Mio."),
    ("Verringerung der Suchfahrten", "23 %"),
    ("Früherkennung von Schäden", "2,4 Tage"),
    ("Beteiligte Beschäftigte (Pilotlager)", "57"),
]

PDF_FOOTER = "SensIL – Zwischenbericht · Förderkennzeichen 00X0000 (fiktiv) · Seite {page}"


def _find(candidates: list[str]) -> str | None:
    for c in candidates:
        if Path(c).is_file():
            return c
    return None


def build_pdf(path: Path) -> None:
    from fpdf import FPDF

    regular = _find(FONT_CANDIDATES)
    bold = _find(FONT_BOLD_CANDIDATES)
    if regular is None:
        sys.exit("No DejaVuSans.ttf found; install fonts-dejavu-core (umlauts and „“ need a Unicode font).")

    class Report(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Body", size=8)
            self.cell(0, 10, PDF_FOOTER.format(page=self.page_no()), align="C")

    pdf = Report(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(PDF_TITLE)
    pdf.set_author("Projektteam SensIL (FH Dortmund, Fraunhofer ISST)")
    pdf.set_subject(PDF_SUBTITLE)
    pdf.set_creator("hafen scripts/make_examples.py")
    pdf.set_producer("fpdf2")
    pdf.set_lang("de-DE")
    pdf.add_font("Body", "", regular)
    pdf.add_font("Body", "B", bold or regular)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    pdf.set_font("Body", "B", 16)
    pdf.multi_cell(0, 8, PDF_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 12)
    pdf.multi_cell(0, 7, PDF_SUBTITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 9)
    pdf.multi_cell(0, 6, PDF_META, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    for heading, text in PDF_SECTIONS:
        if heading:
            pdf.ln(2)
            pdf.set_font("Body", "B", 12)
            pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Body", "", 10.5)
        pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
        # place the table right after section 3 ("Erste Ergebnisse")
        if heading and heading.startswith("3 "):
            pdf.ln(2)
            pdf.set_font("Body", "B", 9.5)
            pdf.multi_cell(0, 6, PDF_TABLE_CAPTION, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Body", "", 9.5)
            with pdf.table(col_widths=(110, 50), width=160, text_align=("LEFT", "RIGHT"),
                           first_row_as_headings=True) as table:
                for row in PDF_TABLE:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)

    pdf.output(str(path))


# ---------------------------------------------------------------------------
# 2) DOCX: network fact sheet
# ---------------------------------------------------------------------------

DOCX_TITLE = "Steckbrief: Netzwerk RoboRuhr"
DOCX_INTRO = (
    "RoboRuhr ist ein Netzwerk für Robotik und Automatisierung im Ruhrgebiet. Es wurde 2019 von "
    "Unternehmen und Hochschulen aus Dortmund, Bochum und Duisburg gegründet und zählt heute 58 "
    "Mitglieder. Träger ist der Verein RoboRuhr e. V. mit Sitz im Technologiezentrum Dortmund; die "
    "Geschäftsstelle koordiniert Dr. Felix Rademacher."
)
DOCX_SECTIONS: list[tuple[str, list[str]]] = [
    ("Ziele", [
        "Das Netzwerk will kleinen und mittleren Unternehmen den Einstieg in die Robotik "
        "erleichtern. Dazu vermittelt es Kontakte zu Forschungseinrichtungen, organisiert "
        "Praxisworkshops und bündelt Anträge für Förderprogramme von Land und Bund.",
        "„Viele Betriebe scheitern nicht an der Technik, sondern an der ersten Frage, wo sie "
        "überhaupt anfangen sollen“, sagt Dr. Felix Rademacher, Geschäftsführer von RoboRuhr. "
        "„Genau dort setzen wir an.“",
    ]),
    ("Schwerpunkte", [
        "Zu den Themen des Netzwerks gehören kollaborierende Roboter (Cobots) in der Montage, "
        "mobile Robotik in Lager und Logistik, Inspektionsroboter für Industrieanlagen sowie "
        "Assistenzsysteme in Pflege und Medizintechnik. Mit der Technischen Universität "
        "Dortmund besteht eine Kooperation für gemeinsame Abschlussarbeiten; die Ruhr-Universität "
        "Bochum beteiligt sich über das Institut für Neuroinformatik.",
    ]),
    ("Ausgewählte Mitglieder", []),
    ("Kennzahlen 2024", [
        "Im vergangenen Jahr organisierte RoboRuhr 14 Veranstaltungen mit zusammen rund 900 "
        "Teilnehmenden. Aus dem Netzwerk heraus entstanden sechs Verbundprojekte mit einem "
        "Fördervolumen von insgesamt 4,2 Mio. Euro. Der Mitgliedsbeitrag für Unternehmen mit "
        "weniger als 50 Beschäftigten liegt bei 480 Euro im Jahr.",
    ]),
    ("Kontakt", [
        "RoboRuhr e. V., Geschäftsstelle, Emil-Figge-Straße 76–80, 44227 Dortmund",
    ]),
]
DOCX_TABLE = [
    ("Mitglied", "Stadt", "Schwerpunkt"),
    ("TU Dortmund, Lehrstuhl für Förder- und Lagerwesen", "Dortmund", "Mobile Robotik, Intralogistik"),
    ("Fraunhofer IML", "Dortmund", "Schwarmrobotik, fahrerlose Transportsysteme"),
    ("Ruhr-Universität Bochum", "Bochum", "Lernende Robotersteuerung"),
    ("Hüttenberg Antriebstechnik GmbH", "Duisburg", "Inspektion von Industriegetrieben"),
    ("Greifwerk Robotics UG (haftungsbeschränkt)", "Gelsenkirchen", "Greifsysteme für Cobots"),
    ("Westfalen Pflegetechnik GmbH", "Münster", "Assistenzroboter in der Pflege"),
]


def _normalise_zip(raw: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and sorted-stable order -> reproducible bytes."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 6, 30, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, data)
    return out.getvalue()


def build_docx(path: Path) -> None:
    from docx import Document

    doc = Document()
    cp = doc.core_properties
    naive = FIXED_DATE.replace(tzinfo=None)
    cp.title = DOCX_TITLE
    cp.author = "RoboRuhr e. V."
    cp.last_modified_by = "RoboRuhr e. V."
    cp.language = "de-DE"
    cp.created = naive
    cp.modified = naive
    cp.last_printed = naive
    cp.revision = 1
    cp.comments = ""

    doc.add_heading(DOCX_TITLE, level=0)
    doc.add_paragraph(DOCX_INTRO)
    for heading, paragraphs in DOCX_SECTIONS:
        doc.add_heading(heading, level=1)
        for p in paragraphs:
            doc.add_paragraph(p)
        if heading == "Ausgewählte Mitglieder":
            table = doc.add_table(rows=0, cols=3)
            table.style = "Table Grid"
            for row in DOCX_TABLE:
                cells = table.add_row().cells
                for c, text in zip(cells, row, strict=True):
                    c.text = text
            for c in table.rows[0].cells:
                for run in c.paragraphs[0].runs:
                    run.bold = True

    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


# ---------------------------------------------------------------------------
# 3) cp1252 press release
# ---------------------------------------------------------------------------

CP1252_TEXT = """\
PRESSEINFORMATION der IHK zu Dortmund

Dortmund, 8. Oktober 2025

Umfrage: Jeder dritte Betrieb im Kammerbezirk nutzt bereits Künstliche Intelligenz

Die Industrie- und Handelskammer zu Dortmund hat ihre Mitgliedsunternehmen in Dortmund, Hamm und dem Kreis Unna zum Einsatz digitaler Technologien befragt. Ergebnis: 34 Prozent der 612 teilnehmenden Betriebe setzen Werkzeuge der Künstlichen Intelligenz (KI) ein – vor zwei Jahren waren es erst 19 Prozent. Am häufigsten nutzen die Firmen KI für Texte und Übersetzungen, gefolgt von Prognosen im Einkauf und in der Lagerhaltung.

„Die Zahlen zeigen, dass KI im Mittelstand angekommen ist. Gleichzeitig fehlt vielen Betrieben das Personal, um die Systeme sicher zu betreiben“, sagt Dr. Tobias Wendland, Geschäftsbereichsleiter Innovation und Umwelt der IHK. Fast die Hälfte der Befragten gibt an, dass ihnen Fachkräfte für Datenanalyse und IT-Sicherheit fehlen. Jedes fünfte Unternehmen meldet, im vergangenen Jahr Ziel eines Cyberangriffs gewesen zu sein; der durchschnittliche Schaden lag bei rund 48.000 €.

Die Kammer reagiert mit einem neuen Angebot: Ab Januar 2026 startet das Programm „KI-Lotsen Westfalen“, in dem Beschäftigte aus Betrieben mit weniger als 250 Mitarbeitenden in sechs Modulen geschult werden. Partner sind die Fachhochschule Dortmund und das Fraunhofer-Institut für Software- und Systemtechnik (ISST). Die Teilnahme kostet 390 € pro Person; das Land Nordrhein-Westfalen übernimmt über einen Bildungsscheck bis zu 50 Prozent.

Zugleich baut die IHK ihre Zusammenarbeit mit der Wirtschaftsförderung Dortmund aus. Beim Digitaltag Dortmund am 25. September auf PHOENIX West hatten beide Einrichtungen rund 1.150 Gäste gezählt – so viele wie nie zuvor. „Wir wollen das Format im kommenden Jahr auf zwei Tage erweitern“, kündigt Wendland an.

Die vollständige Auswertung der Umfrage („Digitalisierungsbarometer 2025“, 28 Seiten) steht auf der Website der Kammer zum Herunterladen bereit.

Kontakt für Rückfragen:
IHK zu Dortmund, Presse – Märkische Straße 120, 44141 Dortmund
"""


def build_cp1252(path: Path) -> None:
    path.write_bytes(CP1252_TEXT.replace("\n", "\r\n").encode("cp1252"))


def main() -> None:
    build_pdf(HERE / "forschungsbericht-sensorik.pdf")
    build_docx(HERE / "netzwerk-steckbrief.docx")
    build_cp1252(HERE / "pressemitteilung-cp1252.txt")
    for name in ("forschungsbericht-sensorik.pdf", "netzwerk-steckbrief.docx", "pressemitteilung-cp1252.txt"):
        print(f"{name}: {(HERE / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
