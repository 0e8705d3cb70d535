"""Fixtures for the reading layer: small real-looking German files written per test."""

from __future__ import annotations

from pathlib import Path

import pytest

TABLE = (
    "Stadt\tGründungen 2023\tBeschäftigte\tQuote\n"
    "Dortmund\t1.204\t312.500\t4,7\n"
    "Bochum\t688\t178.300\t3,9\n"
    "Essen\t1.051\t296.100\t4,1\n"
)

PRESS = "DORTMUND\n\nPressestelle der Stadt Dortmund, Telefon: 0231 50-22134, Mail: presse@example.org\n"

REVIEW = (
    "VON ANNA BERGER\n\n"
    "Leise beginnt der Abend im Opernhaus: Das Orchester tastet sich durch die Ouvertüre, das "
    "Publikum hält den Atem an, und die Sopranistin betritt im roten Kleid die fast leere Bühne.\n\n"
    "Regisseurin Lena Hoffmann verlegt Mozarts Oper in ein verlassenes Hotel am Meer. Die Bühne "
    "dreht sich unablässig, die Kostüme glitzern, und der Chor singt aus den Logen des Opernhauses.\n\n"
    "Musikalisch überzeugt vor allem das Orchester unter seinem Dirigenten, der die Arien der "
    "Sopranistin mit federleichten Tempi begleitet. Auch der Chor singt präzise und mit Witz.\n\n"
    "Die Sopranistin glänzt in ihrer großen Arie, der Tenor antwortet mit zarten Tönen, und das "
    "Orchester trägt beide Stimmen über die Bühne, bis das Publikum im Opernhaus ganz still wird.\n\n"
    "Am Ende jubelt das Publikum, Blumen fliegen auf die Bühne, der Chor verbeugt sich mit dem "
    "Orchester, und die Sopranistin nimmt den längsten Applaus des Abends im Opernhaus entgegen.\n"
)

STRATEGY = (
    "Strategie Wissenschaftsstandort 2030\n\n"
    "Die Wirtschaftsförderung Dortmund will den Transfer zwischen Hochschulen und Unternehmen "
    "stärken. Gründerinnen und Gründer sollen schneller Zugang zu Laboren, Fördermitteln und "
    "Netzwerken für den Transfer erhalten.\n\n"
    "Im Mittelpunkt des Transfers stehen die Technische Universität Dortmund, das Fraunhofer-Institut "
    "für Materialfluss und Logistik sowie Akteur*innen aus Logistik und Produktion, die mit "
    "Unternehmen gemeinsam Projekte im Technologiepark entwickeln.\n\n"
    "Ein neues Transferbüro berät Unternehmen bei Förderanträgen, vermittelt Kooperationen mit "
    "Hochschulen und begleitet Gründungen und Ausgründungen von der Idee bis zur Finanzierung.\n\n"
    "Die Wirtschaftsförderung baut dafür ein Netzwerk der Hochschulen, Unternehmen und "
    "Gründungszentren auf, das Fördermittel bündelt und den Transfer in die Logistik beschleunigt.\n\n"
    "Bis 2030 sollen so 4.000 neue Arbeitsplätze in Unternehmen und Gründungen entstehen, vor allem "
    "in Logistik, Produktion und künstlicher Intelligenz, begleitet von der Wirtschaftsförderung.\n"
)

CHROME_DUMP = (
    "Menü\n"
    "Anzeige - Sämtliche Inhalte dieser Seite sind ein Angebot des Anzeigenpartners.\n"
    "Innovationsquartier am Phoenix-See\n\n"
    "Image\n"
    "Eröffnung\n"
    "Eröffnung Stadt DO / Schaper\n"
    "Image\n"
    "Eröffnung\n"
    "Eröffnung Stadt DO / Schaper\n\n"
    "© fotolia.com/beispiel/stadtansicht\n\n"
    "Neue Räume für Gründer*innen\n\n"
    "Am Phoenix-See eröffnet das Gründungszentrum „Werk 4“ mit 3.000 Quadratmetern für Start-ups "
    "aus Logistik und Informatik. Die TU Dortmund und die Wirtschaftsförderung betreiben es gemeinsam.\n\n"
    "Foto: Stadt Dortmund / Schaper\n\n"
    "Wir verwenden Cookies, um unsere Website für Sie optimal zu gestalten.\n\n"
    "Ansprechpartner\n\n"
    "Weitere Auskünfte gibt das Team des Gründungszentrums im Erdgeschoss.\n\n"
    "Artikel teilen\n"
    "Facebook\n"
    "LinkedIn\n"
    "Drucken\n"
    "Nach oben\n"
)

EVENT_HTML = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Digitaltag 2025 | Wirtschaftsförderung Dortmund</title>
<script>var tracking = "TRACKINGCODE"; function track() { return 1; }</script>
<style>body { color: #333; }</style></head>
<body>
<nav class="main-nav"><ul><li><a href="/">Startseite</a></li><li><a href="/events">Veranstaltungen</a></li>
<li><a href="/kontakt">Kontakt</a></li></ul></nav>
<div id="cookie-banner" class="cookie-consent">Wir verwenden Cookies, um Ihnen das beste Erlebnis zu
bieten. <button>Alle akzeptieren</button></div>
<main><article>
<h1>Digitaltag 2025 im Dortmunder Hafen</h1>
<p>Am 12.&nbsp;Juni laden die Wirtschaftsförderung Dortmund und das Fraunhofer-Institut für Software- und
Systemtechnik ISST alle Akteur*innen der Digitalwirtschaft zum Digitaltag in die Speicherstraße ein.
Rund 400 Gäste werden erwartet.</p>
<h2>Programm</h2>
<p>Nach der Begrüßung stellen Start-ups aus dem Ruhrgebiet ihre Lösungen für „Smart City“ und
Logistik vor. Anschließend diskutieren Vertreter*innen aus Wissenschaft und Wirtschaft.</p>
<table><tr><th>Uhrzeit</th><th>Programmpunkt</th></tr><tr><td>10:00</td><td>Begrüßung</td></tr>
<tr><td>11:30</td><td>Pitches der Start-ups</td></tr><tr><td>14:00</td><td>Podiumsdiskussion</td></tr></table>
<p>Die Teilnahme ist kostenfrei, eine Anmeldung ist bis zum 5. Juni möglich.</p>
</article></main>
<footer><p>© 2025 Wirtschaftsförderung Dortmund</p><a href="/impressum">Impressum</a> |
<a href="/datenschutz">Datenschutz</a><p>Newsletter abonnieren und nichts verpassen</p></footer>
<script>console.log("TRACKINGCODE")</script>
</body></html>
"""


@pytest.fixture
def write(tmp_path: Path):
    """write(name, content) -> Path; str content is written as UTF-8."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


@pytest.fixture
def samples() -> dict[str, str]:
    return {
        "table": TABLE,
        "press": PRESS,
        "review": REVIEW,
        "strategy": STRATEGY,
        "chrome_dump": CHROME_DUMP,
        "event_html": EVENT_HTML,
    }


@pytest.fixture
def pdf_bytes():
    return _make_pdf


@pytest.fixture
def docx_bytes():
    return _make_docx


def _make_pdf(text: str | None) -> bytes:
    """A real PDF: one page with ``text``, or with only a rectangle (no text layer)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text is None:
        pdf.rect(20, 20, 80, 40)
    else:
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def _make_docx(
    paragraphs: list[str], table: list[list[str]] | None = None, heading: str | None = None
) -> bytes:
    import io

    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
