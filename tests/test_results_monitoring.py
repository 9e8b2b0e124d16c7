"""The mid-year sample end to end (Report di monitoraggio with the objectives at risk), its
comparison with the consuntivo, the rules workbook of «templates», and the round's two
documents as PDF/A through LibreOffice."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import pytest

from pianoperf_xl.read.workbook import Workbook
from pianoperf_xl.results.read import read_returns
from pianoperf_xl.results.run import measure_round, run_round
from pianoperf_xl.results.settings import Settings

from helpers import ROOT, SAMPLE, document_text, invoke

MONITORING = ROOT / "samples" / "calcinate-2022-monitoraggio"
FINAL = ROOT / "samples" / "calcinate-2022-consuntivo"
REPORT = "report-monitoraggio-2022-2022-06-30"
AT_RISK = {"AG.03": "rinviate per maltempo", "GT.08": "Gara andata deserta",
           "PL.04": "Un agente assente per malattia"}


@pytest.fixture(scope="module")
def mid_year(tmp_path_factory, soffice):
    out = tmp_path_factory.mktemp("monitoraggio")
    outcome, outputs, problem = run_round(MONITORING, SAMPLE, out, pdf=True)
    assert problem is None
    return outcome, {p.suffix: p for p in outputs}


def body_lines(path: Path) -> list[str]:
    """The document's paragraphs and table cells in reading order (a table where it is)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc, lines = Document(path), []
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(item.text)
        elif isinstance(item, Table):
            lines.extend(cell.text for row in item.rows for cell in row.cells)
    return lines


def _heading(lines: list[str], title: str, start: int = 0) -> int:
    """Where the numbered heading «2. Obiettivi a rischio» is."""
    return next(i for i, line in enumerate(lines) if i >= start and line.endswith(". " + title))


def _section(lines: list[str], title: str, until: str) -> list[str]:
    start = _heading(lines, title)
    return lines[start:_heading(lines, until, start)]


def test_the_sample_is_invented_and_says_so():
    for path in MONITORING.glob("rendiconto-*.xlsx"):
        form = openpyxl.load_workbook(path)["Rendiconto"]
        notes = [row[1].value for row in form.iter_rows(min_col=1, max_col=2)
                 if row[0].value and str(row[0].value).startswith("Note")]
        assert notes and notes[0].startswith("DATI INVENTATI"), path.name
    source = (ROOT / "samples" / "source" / "calcinate-2022-monitoraggio" /
              "risultati.yaml").read_text(encoding="utf-8")
    assert source.startswith("# INVENTED")


def test_the_report_lists_the_objectives_at_risk(mid_year):
    outcome, outputs = mid_year
    assert outcome.report.valid and outcome.returns.round_kind == "monitoraggio"
    lines = body_lines(outputs[".docx"])
    risk = "\n".join(_section(lines, "Obiettivi a rischio", "Variazioni da sottoporre alla Giunta"))
    for ref, cause in AT_RISK.items():
        assert ref in risk and cause in risk
    assert "Azioni correttive: Nuova gara entro settembre" in risk
    assert "EF.03/1" in risk and "Sollecito formale al fornitore" in risk  # overdue, in corso
    assert "AG.05" not in risk  # reached 20 days late: 90%, green
    variations = "\n".join(_section(lines, "Variazioni da sottoporre alla Giunta",
                                    "I risultati per settore e obiettivo"))
    assert "EF.04/1" in variations and "Delibera G.C. n. 58 del 14/06/2022" in variations
    assert "BOZZA" not in "\n".join(document_text(outputs[".docx"]))


def test_the_sample_is_what_its_transcription_says(mid_year, tmp_path):
    from pianoperf_xl.results.sample import build_results_sample

    build_results_sample(ROOT / "samples" / "source" / "calcinate-2022-monitoraggio" /
                         "risultati.yaml", ROOT / "samples", tmp_path, recalculate=False)
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == sorted(
        p.name for p in MONITORING.glob("*.xlsx"))
    fresh = measure_round(tmp_path, SAMPLE)
    committed, _ = mid_year
    assert [(r.ref, r.score) for r in fresh.results] == [(r.ref, r.score)
                                                         for r in committed.results]


def test_the_consuntivo_beside_the_monitoring(tmp_path):
    result = invoke("results", FINAL, "--plan", SAMPLE, "-o", tmp_path, "--monitoraggio",
                    MONITORING)
    assert result.exit_code == 1, result.output  # the consuntivo sample has planted errors
    ws = openpyxl.load_workbook(tmp_path / "risultati-2022-consuntivo-2022-12-31.xlsx",
                                data_only=True)["Confronto"]
    rows = {r[1]: r[3:6] for r in ws.iter_rows(min_row=5, values_only=True) if r[1]}
    assert rows["GT.08"][:2] == (0, 0)  # not reached at mid-year nor at year end
    assert rows["AG.05"][:2] == (0.9, 0.9)  # reached 20 days late, as the year end says
    assert rows["PL.04"][0] == 0.5  # «parzialmente raggiunto» at mid-year
    assert rows["AG.01"][0] is None and rows["AG.01"][1] == 1  # in corso at mid-year


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def _is_pdfa(pdf: Path) -> bool:
    data = pdf.read_bytes()
    return data.startswith(b"%PDF-") and b"pdfaid:part" in data


def test_the_report_as_pdfa_holds_the_objectives(mid_year):
    outcome, outputs = mid_year
    pdf = outputs[".pdf"]
    assert pdf.name == f"{REPORT}.pdf" and _is_pdfa(pdf)
    text = " ".join(_pdf_text(pdf).split())
    for ref in {r.reading.objective.ref for r in outcome.results}:
        assert ref in text, ref
    assert "Obiettivi a rischio" in text


def test_the_relazione_as_pdfa_holds_every_objective_with_its_percentage(tmp_path, soffice):
    from pianoperf_xl.write.results.document import percent

    result = invoke("results", FINAL, "--plan", SAMPLE, "-o", tmp_path, "--pdf")
    pdf = tmp_path / "relazione-performance-2022.pdf"
    assert pdf.exists(), result.output
    assert _is_pdfa(pdf)
    text = " ".join(_pdf_text(pdf).split())
    outcome = measure_round(FINAL, SAMPLE)
    for o in outcome.tables["obiettivi"].itertuples():
        assert o.rif in text
        assert percent(o.percentuale) in text
    assert "Validazione del Nucleo di valutazione" in text and "BOZZA" in text


def test_templates_writes_the_rules_with_their_defaults(tmp_path):
    result = invoke("templates", "-o", tmp_path, "--year", 2023)
    assert result.exit_code == 0, result.output
    rules = tmp_path / "regole-misurazione.xlsx"
    assert Workbook(rules).meta().kind == "smvp"
    folder = tmp_path / "restituiti"
    folder.mkdir()
    rules.rename(folder / rules.name)
    returns = read_returns(folder, [], 2023, "consuntivo", dt.date(2023, 12, 31))
    assert returns.findings == []
    assert returns.settings == Settings(source=rules.name)
