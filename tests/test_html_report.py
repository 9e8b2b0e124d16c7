"""Issue 13, point 7: the HTML report of ``build`` — errors first, cells in sheet order
(B9 before B13), a header with ente, year, date and every file read."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import Location
from pianoperf_xl.pipeline import check_folder
from pianoperf_xl.report import Report
from pianoperf_xl.write.report import cell_order, write_html_report

from helpers import SAMPLE


def sections(html: str) -> list[tuple[str, list[list[str]]]]:
    """(heading, rows of cells) of every h2 section of the page."""
    found = []
    for heading, body in re.findall(r"<h2>(.*?)</h2>(.*?)(?=<h2>|</body>)", html, re.S):
        rows = [[unescape(re.sub("<.*?>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
                for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
        found.append((unescape(heading), [r for r in rows if r]))
    return found


def test_the_header_names_ente_year_date_and_every_file(tmp_path):
    report = check_folder(SAMPLE)
    html = write_html_report(report, tmp_path / "v.html", today=dt.date(2022, 3, 1)
                             ).read_text(encoding="utf-8")
    assert "<h1>Verifiche del piano 2022 — Comune di Calcinate</h1>" in html
    assert "Verifiche del 01/03/2022." in html
    heading, files = sections(html)[0]
    assert heading == "File letti"
    assert [row[0] for row in files] == [s.name for s in report.plan.files]
    # the file with no finding is listed too, as used, with no finding
    assert ["Settore Economico Finanziario.xlsx", "scheda del settore", "sì", "0", "0",
            "0"] in files
    assert ["Ente.xlsx", "dati dell'ente", "sì", "1", "9", "0"] in files


def test_the_file_with_the_error_comes_first_and_its_error_first(tmp_path):
    html = write_html_report(check_folder(SAMPLE), tmp_path / "v.html").read_text("utf-8")
    first_file, rows = sections(html)[1]
    assert first_file == "Ente.xlsx"
    assert rows[0][2] == "errore" and "Saldo migratorio" in rows[0][3]


def test_cells_are_in_sheet_order_column_then_row(tmp_path):
    assert cell_order("B9") < cell_order("B13") < cell_order("C2") < cell_order("AA1")
    sample = check_folder(SAMPLE)
    where = [emit("cell-required", f"Manca {cell}.", Location("Settore.xlsx", sheet, cell))
             for sheet, cell in (("Obiettivi", "B13"), ("Obiettivi", "B9"),
                                 ("Personale", "C5"), ("Obiettivi", "A20"))]
    report = Report(2022, sample.stats, tuple(where), 1, sample.plan)
    html = write_html_report(report, tmp_path / "v.html").read_text("utf-8")
    [(name, rows)] = [s for s in sections(html) if s[0] == "Settore.xlsx"]
    # the template's sheet order (Personale before Obiettivi), then column, then row
    assert [(r[0], r[1]) for r in rows] == [("Personale", "C5"), ("Obiettivi", "A20"),
                                            ("Obiettivi", "B9"), ("Obiettivi", "B13")]
