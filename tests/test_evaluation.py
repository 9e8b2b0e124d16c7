"""The evaluation round (issue 12): the schede written per evaluator, filled and read
back, each finding on a purpose-made workbook, the settings, the sample end to end and
the commands."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pianoperf_xl.evaluation.run import evaluate, prepare_round, run_evaluation
from pianoperf_xl.spec.scheda import META_EVALUATOR

from helpers import invoke, of, only, pianoperf

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "calcinate-2022"
RESULTS = ROOT / "samples" / "calcinate-2022-consuntivo"
SAMPLE = ROOT / "samples" / "calcinate-2022-valutazione"
SETTINGS = "regole-misurazione.xlsx"
AG, PL, SD = ("schede-settore-affari-generali.xlsx", "schede-settore-polizia-locale.xlsx",
              "schede-settore-servizi-demografici.xlsx")
NUCLEO = "schede-nucleo-di-valutazione.xlsx"


# -- purpose-made returns: the real templates, filled with openpyxl --------------------

def _col(ws, label: str) -> int:
    return next(c.column for c in ws[4] if c.value and str(c.value).startswith(label))


def _form_row(ws, label: str) -> int:
    return next(r for r in range(5, ws.max_row + 1)
                if str(ws.cell(r, 1).value or "").startswith(label))


def _rows(ws) -> list[int]:
    return [r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value]


def _fill(path: Path) -> None:
    """Every yellow cell filled as an evaluator would: the name, the interview date and
    a different set of scores for each person."""
    book = openpyxl.load_workbook(path)
    form = book["Valutatore"]
    name = form.cell(_form_row(form, "Nome del valutatore"), 2)
    name.value = name.value or "Nucleo di valutazione"
    people = book["Persone"]
    day = _col(people, "Data del colloquio")
    for r in _rows(people):
        people.cell(r, day).value = dt.datetime(2023, 2, 15)
    scores = book["Comportamenti"]
    score = _col(scores, "Punteggio")
    order: dict[str, int] = {}
    for r in _rows(scores):  # 10 to the first person, 9 to the second…: all different
        person = order.setdefault(scores.cell(r, 1).value, len(order))
        scores.cell(r, score).value = 10 - person % 6
    book.save(path)


def _set(path: Path, sheet: str, cell: str, value) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][cell].value = value
    book.save(path)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("preparate")
    paths, findings = prepare_round(PLAN, RESULTS, out)
    assert findings == [] and len(paths) == 7
    return out


@pytest.fixture
def schede(prepared, tmp_path) -> Path:
    """The prepared schede, filled, with the funds given: the only findings are the
    plan's own (two people on no measured objective)."""
    folder = tmp_path / "schede"
    shutil.copytree(prepared, folder)
    for path in folder.glob("schede-*.xlsx"):
        _fill(path)
    _set(folder / SETTINGS, "Gruppi", "I5", 9000)
    _set(folder / SETTINGS, "Gruppi", "I6", 16800)
    return folder


def _evaluated(folder: Path, results: Path = RESULTS):
    return evaluate(folder, PLAN, results)


def _cell_of(path: Path, sheet: str, person: str, label: str) -> str:
    ws = openpyxl.load_workbook(path)[sheet]
    row = next(r for r in _rows(ws) if ws.cell(r, 1).value == person)
    return ws.cell(row, _col(ws, label)).coordinate


# -- the workbooks ---------------------------------------------------------------------

def test_one_workbook_per_evaluator_protected_with_yellow_cells(prepared):
    names = sorted(p.name for p in prepared.glob("*.xlsx"))
    assert names == sorted([NUCLEO, AG, PL, SD, SETTINGS,
                            "schede-settore-economico-finanziario.xlsx",
                            "schede-settore-gestione-territorio.xlsx"])
    book = openpyxl.load_workbook(prepared / AG)
    people = book["Persone"]
    assert [people.cell(r, 1).value for r in _rows(people)] == [
        "Zoccali maria", "Stefanelli Maria Fabiola", "Forlani Roberta", "Comelli Elena"]
    assert people.protection.sheet and book["Comportamenti"].protection.sheet
    days = people.cell(5, _col(people, "Giorni di servizio"))
    assert days.value == 365 and not days.protection.locked
    assert people.cell(5, _col(people, "Punteggio dei risultati")).protection.locked
    scores = book["Comportamenti"]
    score = scores.cell(5, _col(scores, "Punteggio"))
    assert not score.protection.locked
    rule = next(dv for dv in scores.data_validations.dataValidation
                if score.coordinate in dv.sqref)
    assert (rule.type, rule.formula1, rule.formula2) == ("decimal", "0", "10")
    form = book["Valutatore"]
    assert form.cell(_form_row(form, "Nome del valutatore"), 2).value == "Cairo Micaela"
    meta = {r[0].value: r[1].value for r in book["_meta"].iter_rows()}
    assert meta[META_EVALUATOR] == "responsabile:Settore Affari Generali"
    heads = openpyxl.load_workbook(prepared / NUCLEO)["Persone"]
    assert [heads.cell(r, 1).value for r in _rows(heads)] == [
        "Cairo Micaela", "Ferri Raffaella", "Spinelli Carlo", "Mastropietro Marco",
        "Airoidi Sonia"]


def test_objectives_carry_the_measured_achievement(prepared):
    ws = openpyxl.load_workbook(prepared / AG)["Obiettivi"]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 3).value): r for r in _rows(ws)}
    share = _col(ws, "Quota")
    reached = _col(ws, "Raggiungimento")
    zoccali = [r for (name, _), r in rows.items() if name == "Zoccali maria"]
    assert sum(ws.cell(r, share).value for r in zoccali) == pytest.approx(1)
    assert ws.cell(rows[("Stefanelli Maria Fabiola", "AG.03")], reached).value is None


def test_filled_schede_read_back_and_score(schede):
    evaluation = _evaluated(schede)
    assert sorted({f.code for f in evaluation.findings}) == ["evaluation-no-objective"]
    assert len(evaluation.people) == 19 and not evaluation.invented
    for fund in evaluation.funds:
        members = [p for p in evaluation.people if p.group is fund.group]
        assert sum(p.bonus for p in members) == fund.paid
        assert fund.paid + fund.remainder == fund.fund and fund.paid <= fund.fund
    cairo = next(p for p in evaluation.people if p.name == "Cairo Micaela")
    assert cairo.group.code == "EQ" and cairo.evaluator == "Nucleo di valutazione"
    assert cairo.interview_date == dt.date(2023, 2, 15) and cairo.days_served == 365


# -- one test per finding --------------------------------------------------------------

def test_no_objective_is_reported_at_the_staff_list(schede):
    found = of(_evaluated(schede).findings, "evaluation-no-objective")
    assert {(f.file, f.sheet, f.value) for f in found} == {
        ("Settore Affari Generali.xlsx", "Personale", "Comelli Elena"),
        ("Settore Affari Generali.xlsx", "Personale", "Stefanelli Maria Fabiola")}


def test_scheda_missing(schede):
    book = openpyxl.load_workbook(schede / PL)
    book["Persone"].delete_rows(_rows(book["Persone"])[-1])
    book.save(schede / PL)
    finding = only(_evaluated(schede).findings, "evaluation-scheda-missing")
    assert (finding.file, finding.sheet, finding.value) == (PL, "Persone", "Melita Gaetano")


def test_scheda_incomplete(schede):
    cell = _cell_of(schede / AG, "Comportamenti", "Forlani Roberta", "Punteggio")
    _set(schede / AG, "Comportamenti", cell, None)
    finding = only(_evaluated(schede).findings, "evaluation-scheda-incomplete")
    assert (finding.file, finding.sheet, finding.cell) == (AG, "Comportamenti", cell)
    forlani = next(p for p in _evaluated(schede).people if p.name == "Forlani Roberta")
    assert forlani.total is None and forlani.bonus == 0


def test_score_out_of_scale(schede):
    cell = _cell_of(schede / PL, "Comportamenti", "Pecis Tiziana", "Punteggio")
    _set(schede / PL, "Comportamenti", cell, 12)
    finding = only(_evaluated(schede).findings, "evaluation-score-out-of-scale")
    assert (finding.file, finding.sheet, finding.cell, finding.value) == (
        PL, "Comportamenti", cell, Decimal(12))


def test_evaluator_not_the_persons_head(schede):
    form = openpyxl.load_workbook(schede / AG)["Valutatore"]
    cell = form.cell(_form_row(form, "Nome del valutatore"), 2).coordinate
    _set(schede / AG, "Valutatore", cell, "Ferri Raffaella")
    found = of(_evaluated(schede).findings, "evaluation-evaluator-not-head")
    assert len(found) == 4 and {(f.file, f.sheet, f.cell) for f in found} == {
        (AG, "Valutatore", cell)}
    assert "Cairo Micaela" in found[0].message


def test_a_head_variant_spelling_is_the_head(schede):
    form = openpyxl.load_workbook(schede / SD)["Valutatore"]
    _set(schede / SD, "Valutatore", form.cell(_form_row(form, "Nome del valutatore"),
                                              2).coordinate, "Airoldi Sonia")
    assert not of(_evaluated(schede).findings, "evaluation-evaluator-not-head")


def test_no_differentiation(schede):
    book = openpyxl.load_workbook(schede / SD)
    ws = book["Comportamenti"]
    for r in _rows(ws):
        ws.cell(r, _col(ws, "Punteggio")).value = 8
    book.save(schede / SD)
    finding = only(_evaluated(schede).findings, "evaluation-no-differentiation")
    assert (finding.file, finding.sheet) == (SD, "Persone")


def test_fund_missing(schede):
    _set(schede / SETTINGS, "Gruppi", "I6", None)
    finding = only(_evaluated(schede).findings, "evaluation-fund-missing")
    assert (finding.file, finding.sheet, finding.cell) == (SETTINGS, "Gruppi", "I6")
    evaluation = _evaluated(schede)
    assert all(p.bonus == 0 for p in evaluation.people if p.group.code == "DIP")


def test_fund_over_allocated(schede):
    form = openpyxl.load_workbook(schede / SETTINGS)["Valutazione"]
    cell = form.cell(_form_row(form, "Risorse complessive"), 2).coordinate
    _set(schede / SETTINGS, "Valutazione", cell, 20000)
    finding = only(_evaluated(schede).findings, "evaluation-fund-over-allocated")
    assert (finding.file, finding.sheet, finding.cell) == (SETTINGS, "Valutazione", cell)


def test_days_out_of_range(schede):
    cell = _cell_of(schede / PL, "Persone", "Consoli Emilio", "Giorni di servizio")
    _set(schede / PL, "Persone", cell, 400)
    finding = only(_evaluated(schede).findings, "evaluation-days-out-of-range")
    assert (finding.file, finding.sheet, finding.cell, finding.value) == (PL, "Persone", cell, 400)
    consoli = next(p for p in _evaluated(schede).people if p.name == "Consoli Emilio")
    assert consoli.bonus == 0


def test_person_unknown_and_then_missing(schede):
    cell = _cell_of(schede / PL, "Persone", "Melita Gaetano", "Persona")
    _set(schede / PL, "Persone", cell, "Rossi Mario")
    findings = _evaluated(schede).findings
    assert only(findings, "evaluation-person-unknown").cell == cell
    assert only(findings, "evaluation-scheda-missing").value == "Melita Gaetano"


def test_scheda_duplicate(schede):
    shutil.copyfile(schede / SD, schede / "z-copia.xlsx")
    found = of(_evaluated(schede).findings, "evaluation-scheda-duplicate")
    assert {f.file for f in found} == {"z-copia.xlsx"} and len(found) == 2


def test_a_file_that_is_no_scheda(schede):
    shutil.copyfile(PLAN / "Bilancio.xlsx", schede / "Bilancio.xlsx")
    finding = only(_evaluated(schede).findings, "evaluation-file-kind")
    assert finding.file == "Bilancio.xlsx"


def test_group_missing(schede):
    _set(schede / SETTINGS, "Gruppi", "D6", "D")  # only category D among the other staff
    found = of(_evaluated(schede).findings, "evaluation-group-missing")
    assert {f.file for f in found} >= {"Settore Polizia Locale.xlsx"}
    evaluation = _evaluated(schede)
    assert {p.name for p in evaluation.people if p.group.code == "DIP"} == {
        "Forlani Roberta", "Comelli Elena"}


def test_settings_invalid_keep_the_default(schede):
    _set(schede / SETTINGS, "Gruppi", "H5", 0)  # a scale of 0
    findings = _evaluated(schede).findings
    finding = only(findings, "evaluation-settings-invalid")
    assert (finding.file, finding.sheet, finding.cell) == (SETTINGS, "Gruppi", "H5")
    assert _evaluated(schede).groups[0].scale_max == 10


def test_settings_missing_takes_the_defaults_without_funds(schede, tmp_path):
    results = tmp_path / "rendiconti"
    shutil.copytree(RESULTS, results)
    (results / SETTINGS).unlink()
    (schede / SETTINGS).unlink()
    findings = _evaluated(schede, results).findings
    assert only(findings, "evaluation-settings-missing")
    assert len(of(findings, "evaluation-fund-missing")) == 2


def test_settings_from_the_results_folder(schede, tmp_path):
    (schede / SETTINGS).unlink()
    findings = _evaluated(schede).findings
    # the results sample's rules have the default evaluation sheets: no fund
    assert {f.file for f in of(findings, "evaluation-fund-missing")} == {SETTINGS}
    assert not of(findings, "evaluation-settings-missing")


# -- the sample, the commands ------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_evaluation():
    return evaluate(SAMPLE, PLAN, RESULTS)


def test_the_sample_computes_everyone_and_marks_itself_invented(sample_evaluation):
    evaluation = sample_evaluation
    assert evaluation.invented and len(evaluation.people) == 19
    assert {p.name for p in evaluation.people} == {
        "Cairo Micaela", "Zoccali maria", "Stefanelli Maria Fabiola", "Forlani Roberta",
        "Comelli Elena", "Ferri Raffaella", "Donadoni Nives", "Spinelli Carlo",
        "Redolfi Gianlorenzo", "Lorenzi Fabio", "Colamonaco David", "Antenati Maurizio",
        "Mastropietro Marco", "Consoli Emilio", "Pecis Tiziana", "Melita Gaetano",
        "Airoidi Sonia", "Bellini Angela Francesca", "Castriciano Felicia"}
    by_name = {p.name: p for p in evaluation.people}
    consoli, bellini = by_name["Consoli Emilio"], by_name["Bellini Angela Francesca"]
    assert consoli.days_served == 245 and consoli.weight < consoli.band.coefficient
    assert bellini.fte == Decimal("0.97") and bellini.weight == bellini.band.coefficient * Decimal("0.97")
    assert by_name["Stefanelli Maria Fabiola"].fte == Decimal("0.67")
    for fund in evaluation.funds:
        assert sum(p.bonus for p in evaluation.people if p.group is fund.group) == fund.paid
        assert fund.paid + fund.remainder == fund.fund
    assert {f.fund for f in evaluation.funds} == {Decimal("9000.00"), Decimal("16800.00")}


def test_the_sample_planted_problems_are_found(sample_evaluation):
    findings = sample_evaluation.findings
    assert only(findings, "evaluation-score-out-of-scale").file == PL
    assert only(findings, "evaluation-scheda-missing").value == "Melita Gaetano"
    assert only(findings, "evaluation-no-differentiation").file == SD
    assert sorted({f.code for f in findings}) == [
        "evaluation-no-differentiation", "evaluation-no-objective",
        "evaluation-scheda-missing", "evaluation-score-out-of-scale"]


def test_the_sample_is_what_its_transcription_says(sample_evaluation, tmp_path):
    from pianoperf_xl.evaluation.sample import build_evaluation_sample

    build_evaluation_sample(ROOT / "samples" / "source" / "calcinate-2022-valutazione" /
                            "valutazione.yaml", ROOT / "samples", tmp_path, recalculate=False)
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == sorted(
        p.name for p in SAMPLE.glob("*.xlsx"))
    fresh = evaluate(tmp_path, PLAN, RESULTS)

    def figures(evaluation):
        return [(p.name, p.total, p.weight, p.bonus, p.days_served) for p in evaluation.people]

    assert figures(fresh) == figures(sample_evaluation)


def test_the_evaluation_command_writes_its_private_report(tmp_path):
    result = pianoperf("evaluation", SAMPLE, "--plan", PLAN, "--risultati", RESULTS, "-o",
                       tmp_path / "uscita", "--annota", tmp_path / "annotate")
    assert result.returncode == 1, result.stderr
    assert "dati inventati" in result.stdout
    assert "Personale dei settori: 14 persone" in result.stdout
    written = sorted(p.name for p in (tmp_path / "uscita").iterdir())
    assert written == ["PUBBLICO-trasparenza-premi-2022", "RISERVATO-valutazioni-2022"]
    private = {p.name for p in (tmp_path / "uscita" / written[1]).iterdir()}
    assert {"RISERVATO-verifiche-valutazione-2022.html",
            "RISERVATO-verifiche-valutazione-2022.json"} <= private
    public = {p.name for p in (tmp_path / "uscita" / written[0]).iterdir()}
    assert not any("verifiche" in name for name in public)
    assert (tmp_path / "annotate" / PL).is_file()
    assert not (tmp_path / "annotate" / AG).exists()  # nothing found in it


def test_the_templates_command_with_drafts_for_send(tmp_path):
    out = tmp_path / "schede"
    result = invoke("evaluation-templates", PLAN, "--risultati", RESULTS, "-o", out,
                    "--due", "28/02/2023")
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.eml"))) == 5 and not (out / NUCLEO.replace(".xlsx", ".eml")).exists()
    dry = pianoperf("send", out, "--smtp", "smtp.example.it:587", "--starttls", "--user",
                    "segreteria@example.it", "--dry-run")
    assert dry.returncode == 0 and dry.stdout.count("Da inviare") == 5


def test_the_run_gives_the_evaluation_to_one_writing_place(tmp_path):
    evaluation, report, outputs = run_evaluation(SAMPLE, PLAN, RESULTS, tmp_path)
    assert report.findings == tuple(evaluation.findings)
    private = tmp_path / "RISERVATO-valutazioni-2022"
    public = tmp_path / "PUBBLICO-trasparenza-premi-2022"
    assert {p.parent for p in outputs} == {private, public}
    assert (private / "RISERVATO-verifiche-valutazione-2022.json") in outputs


def test_status_of_the_evaluation_round(tmp_path):
    """Schede sent by evaluation-templates; back: the sample's filled ones for four
    evaluators, one returned as sent, one missing; then what changed since the run."""
    from pianoperf_xl.distribute.round_status import round_status, round_status_lines

    outbox, inbox = tmp_path / "schede", tmp_path / "restituite"
    prepare_round(PLAN, RESULTS, outbox, due=dt.date(2023, 2, 28))
    sent = sorted(p.name for p in outbox.glob("schede-*.xlsx"))
    assert len(sent) == 6
    inbox.mkdir()
    missing = "schede-settore-polizia-locale.xlsx"
    untouched = "schede-settore-servizi-demografici.xlsx"
    for name in sent:
        if name == untouched:
            shutil.copyfile(outbox / name, inbox / name)
        elif name != missing:
            shutil.copyfile(SAMPLE / name, inbox / name)
    status = round_status(inbox, outbox)
    assert [s.name for s in status.missing] == ["Responsabile del Settore Polizia Locale"]
    assert [r.sent.name for r in status.untouched] == [
        "Responsabile del Settore Servizi Demografici"]
    assert len(status.arrived) == 4 and status.to_chase  # filled; the untouched apart
    lines = round_status_lines(status)
    assert lines[0].startswith("Valutatori attesi: 6 ") and "restituiti: 5 (di cui 1" in lines[0]
    out = tmp_path / "valutazione"
    run_evaluation(inbox, PLAN, RESULTS, out)
    assert "nessun file cambiato" in round_status_lines(round_status(inbox, outbox, out))[-1]
    result = pianoperf("status", inbox, "--outbox", outbox)
    assert "Mancanti (1):" in result.stdout and "Polizia Locale" in result.stdout
