"""The results round (issue 11): templates, measurement rules, checks, outputs."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pianoperf_xl import office
from pianoperf_xl.errors import Unusable
from pianoperf_xl.measure.rules import (
    MEASURED, NOT_MEASURABLE, NOT_PERTINENT, band, delay_reduction, measure_row, proportional,
)
from pianoperf_xl.model import Record
from pianoperf_xl.pipeline import read_and_check
from pianoperf_xl.results.prepare import row_ref, write_results_templates
from pianoperf_xl.results.run import measure_round, run_round
from pianoperf_xl.results.settings import Settings
from pianoperf_xl.write.results.document import percent

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "calcinate-2022"
RESULTS = ROOT / "samples" / "calcinate-2022-consuntivo"
END = dt.date(2022, 12, 31)


@pytest.fixture(scope="module")
def reading():
    return read_and_check(PLAN)


def _ir(reading, ref):
    return next(r for r in reading.indicators if row_ref(r) == ref)


def _row(**values) -> Record:
    typed = {k: v for k, v in values.items() if k == "valore" and isinstance(v, Decimal)}
    shown = {k: (str(v) if k == "valore" else v) for k, v in values.items()}
    return Record("f.xlsx", "Risultati", 5, shown, {}, typed)


# -- rules on hand-computed cases -----------------------------------------------------

def test_proportional_is_capped_at_100():
    assert proportional(Decimal(30), Decimal(40), False) == Decimal("0.75")
    assert proportional(Decimal(50), Decimal(40), False) == 1


def test_at_most_targets_are_inverted():
    assert proportional(Decimal(40), Decimal(30), True) == Decimal("0.75")  # 30/40
    assert proportional(Decimal(20), Decimal(30), True) == 1


def test_delay_takes_a_reduction_per_period_or_part_of_one():
    s = Settings(delay_days=30, delay_reduction=Decimal("0.10"))
    assert delay_reduction(Decimal(1), 1, s) == Decimal("0.90")
    assert delay_reduction(Decimal(1), 31, s) == Decimal("0.80")
    assert delay_reduction(Decimal("0.15"), 61, s) == 0


def test_bands_go_down():
    assert [band(Decimal(x)) for x in ("0.49", "0.5", "0.74", "0.99", "1")] == [
        0, Decimal("0.5"), Decimal("0.5"), Decimal("0.75"), 1]


def test_deadline_met_late_and_bands(reading):
    ir = _ir(reading, "AG.05/1")  # «entro 31/03»
    on_time = measure_row(ir, _row(stato="raggiunto", data_completamento=dt.date(2022, 3, 30)),
                          Settings(), False)
    assert (on_time.status, on_time.percent) == (MEASURED, 1)
    late = measure_row(ir, _row(stato="raggiunto", data_completamento=dt.date(2022, 5, 10)),
                       Settings(), False)  # 40 days: two periods of 30
    assert late.percent == Decimal("0.80") and late.days_late == 40
    banded = measure_row(ir, _row(stato="raggiunto", data_completamento=dt.date(2022, 5, 10)),
                         Settings(bands=True), False)
    assert banded.percent == Decimal("0.75")


def test_yes_no(reading):
    ir = _ir(reading, "AG.01/1")
    assert measure_row(ir, _row(valore="no", stato="non raggiunto"), Settings(), False).percent == 0
    assert measure_row(ir, _row(valore="sì", stato="raggiunto"), Settings(), False).percent == 1


def test_not_measurable_is_never_scored(reading):
    ir = _ir(reading, "AG.03/1")  # on demand, no indicator: the plan's finding
    score = measure_row(ir, _row(stato="raggiunto"), Settings(state_without_target=True), True)
    assert (score.status, score.percent) == (NOT_MEASURABLE, None)
    count = _ir(reading, "PL.04/1")  # a count with no target and no date
    assert measure_row(count, _row(stato="raggiunto"), Settings(), False).status == NOT_MEASURABLE
    by_state = measure_row(count, _row(stato="parzialmente raggiunto"),
                           Settings(state_without_target=True), False)
    assert by_state.percent == Decimal("0.5")


def test_not_pertinent_is_left_out(reading):
    score = measure_row(_ir(reading, "AG.05/1"), _row(stato="non più pertinente"), Settings(),
                        False)
    assert (score.status, score.percent) == (NOT_PERTINENT, None)


# -- the template round trip through LibreOffice ----------------------------------------

def test_template_filled_through_libreoffice_reads_back(reading, tmp_path, soffice):
    sent = write_results_templates(reading, tmp_path / "out", "monitoraggio",
                                   dt.date(2022, 6, 30))
    path = next(p for p in sent if "affari-generali" in p.name)
    book = openpyxl.load_workbook(path)
    assert book["Risultati"].protection.sheet and not book["Risultati"].protection.password
    ws = book["Risultati"]
    assert ws.cell(5, 1).protection.locked and not ws.cell(5, 10).protection.locked
    header = [c.value for c in ws[4]]
    col = {h.rstrip(" *"): i + 1 for i, h in enumerate(header) if h}
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 1).value == "AG.05/1":
            ws.cell(r, col["Data di completamento"]).value = dt.datetime(2022, 4, 20)
            ws.cell(r, col["Stato"]).value = "raggiunto"
            ws.cell(r, col["Evidenze (atti, documenti, link)"]).value = "Det. 41/2022"
    book["Rendiconto"]["B11"] = dt.datetime(2022, 6, 30)
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(office.convert(filled, "xlsx", tmp_path / "lo"),
                inbox / "rendiconto-affari-generali.xlsx")
    outcome = measure_round(inbox, PLAN)
    assert outcome.returns.round_kind == "monitoraggio"
    result = next(r for r in outcome.results if r.ref == "AG.05/1")
    assert result.score.percent == Decimal("0.90")  # 20 days late: one period
    codes = {f.code for f in outcome.findings}
    assert "results-reached-late" in codes and "results-sector-missing" in codes


def test_tampered_target_is_reported_at_its_cell(reading, tmp_path):
    sent = write_results_templates(reading, tmp_path / "in", "consuntivo", END)
    path = next(p for p in sent if "polizia" in p.name)
    book = openpyxl.load_workbook(path)
    ws = book["Risultati"]
    ws["F6"] = "10 controlli"
    book.save(path)
    outcome = measure_round(tmp_path / "in", PLAN)
    changed = [f for f in outcome.findings if f.code == "results-approved-changed"]
    assert [(f.file, f.sheet, f.cell) for f in changed] == [(path.name, "Risultati", "F6")]


# -- the sample: planted problems and the outputs ----------------------------------------

@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("risultati")
    outcome, outputs, _ = run_round(RESULTS, PLAN, out)
    return outcome, {p.suffix: p for p in outputs}


def test_sample_planted_problems_are_found(sample_run):
    outcome, _ = sample_run
    found = {(f.code, f.cell) for f in outcome.findings}
    for expected in [("results-evidence-missing", "N6"), ("results-reached-late", "I9"),
                     ("results-not-pertinent-no-act", "O8"), ("results-gap-no-cause", "L7"),
                     ("results-state-missing", "J9"), ("results-date-beyond-round", "I10"),
                     ("results-value-missing", "I11"), ("results-objective-added", "A18"),
                     ("results-approved-changed", "G7"), ("results-date-beyond-round", "B11"),
                     ("results-percentage-mismatch", "K5")]:
        assert expected in found, expected
    assert any(f.code == "results-objective-dropped" for f in outcome.findings)
    # text saved through LibreOffice reads back as the plan has it: only the planted change
    assert [(f.file, f.cell) for f in outcome.findings if f.code == "results-approved-changed"
            ] == [("rendiconto-settore-economico-finanziario.xlsx", "G7")]
    assert outcome.report.exit_code == 1


def test_libreoffice_recomputes_the_rollups(sample_run, tmp_path, soffice):
    _, outputs = sample_run
    written = outputs[".xlsx"]
    mine = openpyxl.load_workbook(written, data_only=True)
    formulas = openpyxl.load_workbook(written)
    theirs = openpyxl.load_workbook(office.convert(written, "xlsx", tmp_path), data_only=True)
    checked = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type != "f":
                    continue
                a, b = mine[ws.title][c.coordinate].value, theirs[ws.title][c.coordinate].value
                if isinstance(a, (int, float)) and isinstance(b, (int, float)):
                    assert abs(a - b) < 1e-9, (ws.title, c.coordinate)
                else:
                    assert (a or None) == (b or None), (ws.title, c.coordinate, a, b)
                checked += 1
    assert checked > 100


def test_relazione_holds_every_objective_with_the_workbook_percentage(sample_run):
    outcome, outputs = sample_run
    book = openpyxl.load_workbook(outputs[".xlsx"], data_only=True)
    ws = book["Obiettivi"]
    from_book = {ws.cell(r, 3).value: ws.cell(r, 7).value for r in range(5, ws.max_row + 1)
                 if ws.cell(r, 3).value}
    assert len(from_book) == len(outcome.reading.plan.objectives)
    doc = Document(outputs[".docx"])
    rows = {}
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if cells and cells[0].split(" ")[0] in from_book:
                rows[cells[0].split(" ")[0]] = cells[-1]
    assert set(rows) == set(from_book)
    for ref, value in from_book.items():
        assert rows[ref] == percent(value if value != "" else None), ref
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BOZZA" in doc.sections[0].header.paragraphs[0].text
    assert "Validazione del Nucleo di valutazione" in text


# -- a plan with a numeric target, returns made for the purpose --------------------------

@pytest.fixture(scope="module")
def numeric_plan(tmp_path_factory):
    """The sample plan with a target of 40 on PL.04 («Numero dei controlli»)."""
    folder = tmp_path_factory.mktemp("piano")
    for path in PLAN.glob("*.xlsx"):
        shutil.copy(path, folder / path.name)
    path = folder / "Settore Polizia Locale.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Obiettivi"]
    header = {c.value.rstrip(" *"): c.column for c in ws[4] if c.value}
    row = next(r for r in range(5, ws.max_row + 1)
               if ws.cell(r, header["Indicatore"]).value == "Numero dei controlli")
    ws.cell(row, header["Target"]).value = 40
    book.save(path)
    return folder


def _returned(plan_folder, tmp_path, values: dict, rules: dict | None = None) -> Path:
    """The templates of ``plan_folder`` with ``values`` typed in: {ref: {header: value}}."""
    reading = read_and_check(plan_folder)
    inbox = tmp_path / "in"
    sent = write_results_templates(reading, inbox, "consuntivo", END)
    for path in sent:
        book = openpyxl.load_workbook(path)
        if "Risultati" not in book.sheetnames:
            ws = book["Regole"]
            for r in range(5, ws.max_row + 1):
                label = ws.cell(r, 1).value
                for key, value in (rules or {}).items():
                    if label and label.startswith(key):
                        ws.cell(r, 2).value = value
            book.save(path)
            continue
        ws = book["Risultati"]
        col = {c.value.rstrip(" *"): c.column for c in ws[4] if c.value}
        for r in range(5, ws.max_row + 1):
            for header, value in values.get(ws.cell(r, 1).value, {}).items():
                ws.cell(r, col[header]).value = value
        book["Rendiconto"]["B11"] = dt.datetime(2022, 12, 31)
        book.save(path)
    return inbox


def test_numeric_target_reached_below_and_unreadable(numeric_plan, tmp_path):
    inbox = _returned(numeric_plan, tmp_path, {
        "PL.04/1": {"Valore raggiunto": 30, "Stato": "raggiunto",
                    "Evidenze (atti, documenti, link)": "Registro"},
        "PL.01/1": {"Valore raggiunto": "molti", "Stato": "raggiunto"}})
    # (PL.04's 30 typed as a number; «30» typed as text reads the same: see below)
    outcome = measure_round(inbox, numeric_plan)
    result = next(r for r in outcome.results if r.ref == "PL.04/1")
    assert (result.score.rule, result.score.percent) == ("proporzionale", Decimal("0.75"))
    found = {(f.code, f.file, f.cell) for f in outcome.findings}
    assert ("results-reached-below-target", "rendiconto-settore-polizia-locale.xlsx", "J9") in found
    # PL.01 has no numeric target: a word is no yes/no either, and the count is not measured
    assert next(r for r in outcome.results if r.ref == "PL.01/1").score.status == NOT_MEASURABLE


def test_a_number_typed_as_text_is_read_and_an_ambiguous_one_reported(numeric_plan, tmp_path):
    inbox = _returned(numeric_plan, tmp_path, {
        "PL.04/1": {"Valore raggiunto": "1.055", "Stato": "raggiunto",
                    "Evidenze (atti, documenti, link)": "Registro"}})
    outcome = measure_round(inbox, numeric_plan)
    found = [f for f in outcome.findings if f.code == "results-value-unreadable"]
    assert [(f.cell, "ambiguo" in f.message) for f in found] == [("H9", True)]
    inbox2 = _returned(numeric_plan, tmp_path / "b", {
        "PL.04/1": {"Valore raggiunto": "30", "Stato": "parzialmente raggiunto",
                    "Cause dello scostamento": "Organico ridotto",
                    "Evidenze (atti, documenti, link)": "Registro"}})
    again = measure_round(inbox2, numeric_plan)
    assert next(r for r in again.results if r.ref == "PL.04/1").score.percent == Decimal("0.75")


def test_rules_workbook_changes_the_measure(numeric_plan, tmp_path):
    inbox = _returned(numeric_plan, tmp_path, {
        "PL.04/1": {"Valore raggiunto": 34, "Stato": "parzialmente raggiunto"}},
        rules={"Punteggio per fasce": "sì", "Evidenze obbligatorie": "no",
               "Semaforo giallo da": 0.95})
    outcome = measure_round(inbox, numeric_plan)
    assert outcome.returns.settings.bands and not outcome.returns.settings.evidence_required
    assert next(r for r in outcome.results if r.ref == "PL.04/1").score.percent == Decimal("0.75")
    codes = {f.code for f in outcome.findings}
    assert "results-settings-invalid" in codes and "results-evidence-missing" not in codes
    assert "results-gap-no-cause" in codes


def test_monitoring_round_writes_the_report(tmp_path):
    reading = read_and_check(PLAN)
    inbox = tmp_path / "in"
    write_results_templates(reading, inbox, "monitoraggio", dt.date(2022, 6, 30))
    outcome, outputs, _ = run_round(inbox, PLAN, tmp_path / "out")
    names = sorted(p.name for p in outputs)
    assert "report-monitoraggio-2022-2022-06-30.docx" in names
    doc = Document(tmp_path / "out" / "report-monitoraggio-2022-2022-06-30.docx")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Obiettivi a rischio" in text and "Variazioni da sottoporre alla Giunta" in text
    assert "Validazione del Nucleo" not in text


# -- the commands ------------------------------------------------------------------------

def test_commands_end_to_end(tmp_path):
    from helpers import pianoperf

    made = pianoperf("results-templates", PLAN, "-o", tmp_path / "r", "--round",
                     "consuntivo", "--date", "2022-12-31")
    assert made.returncode == 0, made.stderr
    assert len(list((tmp_path / "r").glob("rendiconto-*.xlsx"))) == 5
    run = pianoperf("results", RESULTS, "--plan", PLAN, "-o", tmp_path / "out")
    assert run.returncode == 1 and "BOZZA" in run.stdout
    assert (tmp_path / "out" / "relazione-performance-2022.docx").exists()
    missing = pianoperf("results", tmp_path / "nessuna", "--plan", PLAN, "-o", tmp_path / "x")
    assert missing.returncode == 2 and missing.stderr.startswith("Errore: ")
    assert "Traceback" not in missing.stderr
    help_text = pianoperf("results", "--help").stdout
    assert "rendiconti" in help_text


def test_a_results_file_in_the_plan_folder_is_named_for_what_it_is(tmp_path):
    folder = tmp_path / "piano"
    shutil.copytree(PLAN, folder)
    shutil.copy(RESULTS / "rendiconto-settore-polizia-locale.xlsx", folder)
    reading = read_and_check(folder)
    found = [f for f in reading.plan.findings if f.file == "rendiconto-settore-polizia-locale.xlsx"]
    assert [f.code for f in found] == ["template-unknown"]
    assert "pianoperf results" in found[0].message


def test_year_end_beside_mid_year(tmp_path):
    reading = read_and_check(PLAN)
    mid = tmp_path / "mid"
    for path in write_results_templates(reading, mid, "monitoraggio", dt.date(2022, 6, 30)):
        if "affari-generali" not in path.name:
            continue
        book = openpyxl.load_workbook(path)
        ws = book["Risultati"]
        row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "AG.05/1")
        ws.cell(row, 10).value = "non raggiunto"
        book.save(path)
    out = tmp_path / "out"
    run_round(RESULTS, PLAN, out, mid_year=mid)
    ws = openpyxl.load_workbook(out / "risultati-2022-consuntivo-2022-12-31.xlsx",
                                data_only=True)["Confronto"]
    rows = {r[1]: r[3:6] for r in ws.iter_rows(min_row=5, values_only=True)}
    assert rows["AG.05"] == (0, 0.9, 0.9)  # 0% at mid-year, 90% (20 days late) at year end
    assert rows["AG.01"][0] is None and rows["AG.01"][1] == 1
    with pytest.raises(Unusable, match="monitoraggio"):
        run_round(RESULTS, PLAN, tmp_path / "x", mid_year=RESULTS)


def test_annotated_copies_point_at_the_cells_and_read_back_alike(sample_run, tmp_path):
    from pianoperf_xl.results.run import annotate_returns

    outcome, _ = sample_run
    done = dict(annotate_returns(outcome, RESULTS, tmp_path / "ann"))
    copy = done["rendiconto-settore-economico-finanziario.xlsx"]
    book = openpyxl.load_workbook(copy)
    assert book.sheetnames[0] == "Verifiche"
    assert "piano approvato" in book["Risultati"]["G7"].comment.text
    assert book["Risultati"].protection.sheet
    again = measure_round(tmp_path / "ann", PLAN)
    assert [r.score for r in again.results if r.sector_name == "Settore Economico Finanziario"] \
        == [r.score for r in outcome.results if r.sector_name == "Settore Economico Finanziario"]


def test_drafts_go_out_with_send(tmp_path):
    import email
    from email import policy

    from helpers import pianoperf

    out = tmp_path / "r"
    made = pianoperf("results-templates", PLAN, "-o", out, "--round", "monitoraggio",
                     "--date", "2022-06-30", "--due", "2022-07-15")
    assert made.returncode == 0, made.stderr
    drafts = sorted(out.glob("*.eml"))
    assert len(drafts) == 5
    message = email.message_from_bytes(drafts[3].read_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "polizialocale@comune.calcinate.bg.it"
    assert "15/07/2022" in message.get_body().get_content()
    attached = next(message.iter_attachments())
    assert attached.get_filename() == "rendiconto-settore-polizia-locale.xlsx"
    assert attached.get_content() == (out / "rendiconto-settore-polizia-locale.xlsx").read_bytes()
    dry = pianoperf("send", out, "--smtp", "smtp.example.it:587", "--starttls", "--user",
                    "segreteria@example.it", "--dry-run")
    assert dry.returncode == 0 and dry.stdout.count("Da inviare") == 5


def test_the_sample_is_what_its_transcription_says(sample_run, tmp_path):
    from pianoperf_xl.results.sample import build_results_sample

    build_results_sample(ROOT / "samples" / "source" / "calcinate-2022-consuntivo" /
                         "risultati.yaml", ROOT / "samples", tmp_path, recalculate=False)
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == sorted(
        p.name for p in RESULTS.glob("*.xlsx"))
    fresh = measure_round(tmp_path, PLAN)
    committed, _ = sample_run
    assert [(r.ref, r.score) for r in fresh.results] == [(r.ref, r.score)
                                                         for r in committed.results]
    assert sorted((f.code, f.file, f.cell) for f in fresh.findings) == sorted(
        (f.code, f.file, f.cell) for f in committed.findings)
