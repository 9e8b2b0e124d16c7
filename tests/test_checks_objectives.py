"""Objective checks on purpose-made workbooks (each code fires, and stays silent), sample."""

from __future__ import annotations

import datetime as dt

import pytest

from pianoperf_xl.checks import objectives
from pianoperf_xl.checks.objectives import (
    deadline_problems, duplicate_codes, objective_weights, objectives_without_indicator,
    objectives_without_staff, unmeasurable_indicators, untouched_carry_overs,
)
from pianoperf_xl.codes import CODES
from pianoperf_xl.read import read_plan

from helpers import checks_of, only, read_clean, run_checks, where, write_plan

# Every registered check of the family, in order: a new one is caught below.
OBJECTIVE_CHECKS = checks_of(objectives)
# check -> the codes it emits; the carried-over check is tested with the distribution
# round that marks objectives as carried over (test_distribute_carryover.py)
CHECK_CODES = {
    objectives_without_indicator: ("objective-no-indicator",),
    objectives_without_staff: ("objective-no-staff",),
    unmeasurable_indicators: ("indicator-not-measurable", "indicator-no-target"),
    deadline_problems: ("deadline-unparsed", "deadline-outside-year",
                        "deadline-before-approval"),
    objective_weights: ("objective-weights-sum",),
    duplicate_codes: ("objective-duplicate-code",),
    untouched_carry_overs: ("objective-carried-over-untouched",),
}
CODES_OF_THIS_FAMILY = {code for codes in CHECK_CODES.values() for code in codes}


def row(title: str | None = "Obiettivo di prova", **values) -> dict:
    """One row of «Obiettivi»: staff and a dated deadline unless given."""
    values = {"obiettivo": title, "personale": "Rossi", "scadenza": "entro 31/12"} | values
    return {key: value for key, value in values.items() if value is not None}


def sector(*rows: dict, name: str = "Settore Prova") -> dict:
    return {"Settore": {"ente": "Comune di Prova", "settore": name, "responsabile": "Rossi Mario"},
            "Personale": [{"nome": "Rossi Mario", "categoria": "C1", "rapporto": "dipendente"}],
            "Obiettivi": list(rows)}


@pytest.fixture
def plan_of(tmp_path):
    """Write one workbook per sector into a folder and read it as a plan."""

    def make(*sectors: dict, approval: dt.date | None = None):
        plan = read_clean(write_plan(tmp_path / "piano", sectors))
        plan.approval_date_override = approval
        return plan

    return make


def run(plan, *checks):
    return run_checks(plan, checks or OBJECTIVE_CHECKS)


def test_codes_are_registered_in_the_objective_family():
    for code in CODES_OF_THIS_FAMILY:
        assert CODES[code].family == "objective"
    for check in OBJECTIVE_CHECKS:
        assert set(check.codes) <= CODES_OF_THIS_FAMILY


def test_every_check_of_the_family_is_listed_here():
    """A check added to checks/objectives.py fails here until it is listed with its codes
    (and tested)."""
    assert {check: check.codes for check in OBJECTIVE_CHECKS} == CHECK_CODES


def test_clean_sector_has_no_finding(plan_of):
    plan = plan_of(sector(
        row("Primo", codice="A.1", indicatore="Numero di controlli", target="40",
            peso=0.6),
        row("Secondo", codice="A.2", scadenza="Giugno - settembre", peso=0.4)),
        approval=dt.date(2022, 3, 1))
    assert run(plan) == []


# --- objective-no-indicator ----------------------------------------------------------------


def test_objective_without_indicator_target_or_deadline(plan_of):
    plan = plan_of(sector(row("Senza misura", scadenza=None), row("Con scadenza")))
    findings = run(plan)
    assert where(findings) == [("objective-no-indicator", "settore1.xlsx", "Obiettivi", "E5")]
    f = findings[0]
    assert f.severity == "warning"
    assert f.message == ("Settore Prova, obiettivo «Senza misura»: nessuna riga indica "
                         "indicatore, target o scadenza, quindi l'obiettivo non si può misurare.")
    assert "«Numero di controlli»" in f.hint


@pytest.mark.parametrize("values", [{"indicatore": "Relazioni di servizio", "target": "12"},
                                    {"target": "12 report"}])
def test_any_of_indicator_or_target_is_an_indicator(plan_of, values):
    plan = plan_of(sector(row(scadenza=None, **values)))
    assert where(run(plan, objectives_without_indicator)) == []


def test_a_second_row_can_hold_the_indicator(plan_of):
    plan = plan_of(sector(row("Due righe", scadenza=None),
                          row(None, indicatore="Numero di controlli", target="40")))
    assert run(plan) == []


# --- objective-no-staff --------------------------------------------------------------------


def test_objective_without_staff(plan_of):
    plan = plan_of(sector(row("Di nessuno", codice="P.1", personale=None)))
    f = only(run(plan), "objective-no-staff")
    assert where([f]) == [("objective-no-staff", "settore1.xlsx", "Obiettivi", "H5")]
    assert f.message == ("Settore Prova, obiettivo P.1 «Di nessuno»: nessuna persona "
                         "indicata in «Personale coinvolto».")


def test_staff_on_any_row_of_the_objective_is_enough(plan_of):
    plan = plan_of(sector(row("Due righe", personale=None),
                          row(None, indicatore="Relazioni", target="4", personale="Rossi")))
    assert run(plan, objectives_without_staff) == []


# --- indicator-not-measurable and indicator-no-target ------------------------------------


@pytest.mark.parametrize("scadenza, meaning", [
    ("costante", "attività ricorrente: costante"),
    ("all'occorrenza", "all'occorrenza"),
    ("Entro le tempistiche previste dai relativi contributi", "all'occorrenza"),
])
def test_recurrence_or_on_demand_alone_is_not_measurable(plan_of, scadenza, meaning):
    plan = plan_of(sector(row("Attività", scadenza=scadenza)))
    findings = run(plan)
    assert where(findings) == [("indicator-not-measurable", "settore1.xlsx", "Obiettivi", "G5")]
    f = findings[0]
    assert f.value == scadenza
    assert f.message == (f"Settore Prova, obiettivo «Attività»: la scadenza «{scadenza}» "
                         f"({meaning}) non fissa un termine e la riga non ha target né "
                         "indicatore: l'obiettivo non è misurabile.")
    assert f.hint == "Indicare un target misurabile, es. «40 controlli entro il 31/12»."


def test_a_deadline_written_as_indicator_is_read_there(plan_of):
    plan = plan_of(sector(row("Attività", scadenza=None, indicatore="Costante")))
    assert where(run(plan)) == [("indicator-not-measurable", "settore1.xlsx", "Obiettivi", "E5")]


def test_a_row_with_only_staff_is_no_indicator_to_measure(plan_of):
    plan = plan_of(sector(row("Due righe"), row(None, scadenza=None, personale="Rossi")))
    assert run(plan) == []


@pytest.mark.parametrize("values", [
    {"scadenza": "costante", "target": "12 report"},
    {"scadenza": "costante entro 31/12"},
    {"scadenza": "all'occorrenza", "target": "tutte le richieste"},
    {"scadenza": "Entro 300 giorni dalla data di avvio del procedimento"},
])
def test_measurable_rows(plan_of, values):
    plan = plan_of(sector(row(**values)))
    assert run(plan, unmeasurable_indicators) == []


@pytest.mark.parametrize("values, cell", [
    ({"indicatore": "Numero dei controlli", "scadenza": None}, "E5"),
    ({"indicatore": "Relazioni di servizio", "scadenza": None}, "E5"),
    ({"indicatore": "Rendicontazione annuale", "scadenza": "Monitoraggio costante"}, "E5"),
    ({"scadenza": "Numero di controlli"}, "G5"),
])
def test_indicator_without_target_or_dated_deadline(plan_of, values, cell):
    plan = plan_of(sector(row("Controlli", **values)))
    findings = run(plan)
    assert where(findings) == [("indicator-no-target", "settore1.xlsx", "Obiettivi", cell)]
    measure = values.get("indicatore") or values["scadenza"]
    assert findings[0].message == (
        f"Settore Prova, obiettivo «Controlli»: l'indicatore «{measure}» non ha un target né "
        "una scadenza con una data.")


@pytest.mark.parametrize("values", [
    {"indicatore": "Numero dei controlli", "target": "40", "scadenza": None},
    {"indicatore": "Numero dei controlli", "scadenza": "entro 31/12"},
    {"indicatore": "Numero degli eventi", "scadenza": "nell'arco dell'anno 2022"},
    {"indicatore": "Numero degli eventi fino al 31/12/2022", "scadenza": None},
])
def test_indicator_with_target_or_dated_deadline(plan_of, values):
    plan = plan_of(sector(row(**values)))
    assert run(plan) == []


# --- deadline-unparsed -----------------------------------------------------------------


def test_unparsed_deadline_is_quoted(plan_of):
    plan = plan_of(sector(row("Estate", scadenza="prima dell'estate", target="3 eventi")))
    findings = run(plan)
    assert where(findings) == [("deadline-unparsed", "settore1.xlsx", "Obiettivi", "G5")]
    f = findings[0]
    assert f.severity == "info"
    assert f.message == ("Settore Prova, obiettivo «Estate»: la scadenza «prima dell'estate» "
                         "non è stata interpretata: non se ne verificano la data e l'anno.")


def test_an_indicator_that_is_no_deadline_is_not_an_unparsed_deadline(plan_of):
    plan = plan_of(sector(row(indicatore="Relazioni di servizio", target="12", scadenza=None)))
    assert run(plan, deadline_problems) == []


# --- deadline-outside-year and deadline-before-approval --------------------------------------


@pytest.mark.parametrize("scadenza, shown", [
    ("entro il 31/12/2023", "entro il 31/12/2023"),
    ("dal 1/11/2021 al 31/12/2021", "da novembre a dicembre 2021"),
    ("Entro l'anno 2021", "entro il 31/12/2021"),
])
def test_deadline_outside_the_plan_year(plan_of, scadenza, shown):
    plan = plan_of(sector(row("Fuori anno", scadenza=scadenza, target="1")),
                   approval=dt.date(2022, 3, 1))
    findings = run(plan)
    assert where(findings) == [("deadline-outside-year", "settore1.xlsx", "Obiettivi", "G5")]
    assert findings[0].severity == "error"
    assert findings[0].message == (f"Settore Prova, obiettivo «Fuori anno»: la scadenza "
                                   f"«{scadenza}» ({shown}) è fuori dall'anno del piano 2022.")


@pytest.mark.parametrize("scadenza", ["entro 31/12", "Entro fine anno", "Giugno - settembre",
                                      "dal 1/11/2021 al 31/3/2022"])
def test_deadline_in_the_plan_year(plan_of, scadenza):
    plan = plan_of(sector(row(scadenza=scadenza, target="1")))
    assert run(plan, deadline_problems) == []


def test_deadline_read_from_the_indicator_is_checked_there(plan_of):
    plan = plan_of(sector(row(indicatore="Numero di eventi entro il 31/12/2023", scadenza=None)))
    assert where(run(plan)) == [("deadline-outside-year", "settore1.xlsx", "Obiettivi", "E5")]


def test_deadline_before_the_approval(plan_of):
    plan = plan_of(sector(row("Presto", scadenza="Entro fine aprile", target="1"),
                          row("Dopo", scadenza="Entro giugno", target="1"),
                          row("L'anno prima", scadenza="entro il 31/12/2021", target="1")),
                   approval=dt.date(2022, 5, 15))
    findings = run(plan)
    assert where(findings) == [
        ("deadline-before-approval", "settore1.xlsx", "Obiettivi", "G5"),
        ("deadline-outside-year", "settore1.xlsx", "Obiettivi", "G7"),  # not both
    ]
    assert findings[0].message == ("Settore Prova, obiettivo «Presto»: la scadenza «Entro fine "
                                   "aprile» (entro il 30/04/2022) è precedente "
                                   "all'approvazione del piano (15/05/2022).")


def test_no_approval_date_no_before_approval(plan_of):
    plan = plan_of(sector(row(scadenza="Entro fine gennaio", target="1")))
    assert run(plan, deadline_problems) == []


# --- objective-weights-sum ---------------------------------------------------------------


@pytest.mark.parametrize("weights, cell, problem", [
    ((0.6, 0.3), "I5", "i pesi sommano a 90% invece di 100%"),
    ((0.6, 0.3, 0.2), "I5", "i pesi sommano a 110% invece di 100%"),
    ((0.5, None), "I6", "solo alcuni obiettivi hanno un peso: manca a «Obiettivo 2»"),
    ((None, 1, None), "I5",
     "solo alcuni obiettivi hanno un peso: manca a «Obiettivo 1», «Obiettivo 3»"),
])
def test_weights_not_summing_to_100(plan_of, weights, cell, problem):
    plan = plan_of(sector(*(row(f"Obiettivo {i}", target="1", peso=w)
                            for i, w in enumerate(weights, 1))))
    findings = run(plan)
    assert where(findings) == [("objective-weights-sum", "settore1.xlsx", "Obiettivi", cell)]
    assert findings[0].message == f"Settore Prova: {problem}."


@pytest.mark.parametrize("weights", [(0.6, 0.4), (None, None), (1,), (1 / 3, 1 / 3, 1 / 3)])
def test_weights_summing_to_100_or_not_used(plan_of, weights):
    plan = plan_of(sector(*(row(f"Obiettivo {i}", target="1", peso=w)
                            for i, w in enumerate(weights, 1))))
    assert run(plan, objective_weights) == []


def test_weights_are_per_sector(plan_of):
    plan = plan_of(sector(row("A", target="1", peso=1), name="Settore Uno"),
                   sector(row("B", target="1", peso=0.5), row("C", target="1", peso=0.5),
                          name="Settore Due"))
    assert run(plan, objective_weights) == []


# --- objective-duplicate-code --------------------------------------------------------------


def test_duplicate_code_in_one_sector(plan_of):
    plan = plan_of(sector(row("Primo", codice="A.1", target="1"),
                          row("Secondo", codice="a.1 ", target="1")))
    findings = run(plan)
    assert where(findings) == [("objective-duplicate-code", "settore1.xlsx", "Obiettivi", "A6")]
    assert findings[0].message == (
        "Settore Prova, obiettivo a.1 «Secondo»: il codice «a.1» è già usato (Settore "
        "Prova, obiettivo A.1 «Primo»; file «settore1.xlsx», cella A5).")


def test_duplicate_code_across_sectors(plan_of):
    plan = plan_of(sector(row("Primo", codice="OB.1", target="1"), name="Settore Uno"),
                   sector(row("Altro", codice="OB.1", target="1"), name="Settore Due"))
    assert where(run(plan)) == [("objective-duplicate-code", "settore2.xlsx", "Obiettivi", "A5")]


def test_distinct_codes_and_a_code_repeated_on_the_same_objective(plan_of):
    plan = plan_of(sector(row("Primo", codice="A.1", target="1"),
                          row(None, codice="A.1", indicatore="Relazioni", target="2"),
                          row("Secondo", codice="A.2", target="1")))
    assert run(plan) == []


# --- the sample ------------------------------------------------------------------------------

NOT_MEASURABLE = [
    ("Settore Affari Generali.xlsx", "G7"),  # Alla realizzazione dell'evento
    ("Settore Affari Generali.xlsx", "G8"),  # all'occorrenza
    ("Settore Affari Generali.xlsx", "G13"),  # All'occorrenza
    ("Settore Gestione Territorio.xlsx", "G5"),  # costante
    ("Settore Gestione Territorio.xlsx", "G6"),  # costante
    ("Settore Gestione Territorio.xlsx", "G9"),  # Costante ed Entro le tempistiche previste…
    ("Settore Gestione Territorio.xlsx", "G10"),  # interventi settimanali…
    ("Settore Gestione Territorio.xlsx", "G11"),  # all'occorrenza
    ("Settore Gestione Territorio.xlsx", "G13"),  # Entro le tempistiche previste dai…
    ("Settore Gestione Territorio.xlsx", "G14"),  # costante
    ("Settore Servizi Demografici.xlsx", "G5"),  # Costante
    ("Settore Servizi Demografici.xlsx", "G6"),  # all'occorrenza
    ("Settore Servizi Demografici.xlsx", "G8"),  # All'occorrenza
    ("Settore Servizi Demografici.xlsx", "G10"),  # costante e durante consultazioni elettorali
]
NO_TARGET = [
    ("Settore Affari Generali.xlsx", "E15"),  # Rendicontazione annuale / Monitoraggio costante
    ("Settore Polizia Locale.xlsx", "E5"),  # Numero di: posti di controllo, …
    ("Settore Polizia Locale.xlsx", "E6"),  # A campione e/o per accertamenti anagrafici …
    ("Settore Polizia Locale.xlsx", "E8"),  # Relazioni di servizio
    ("Settore Polizia Locale.xlsx", "E9"),  # Numero dei controlli
    ("Settore Polizia Locale.xlsx", "E11"),  # Numero di pratiche telematiche gestite; …
    ("Settore Polizia Locale.xlsx", "E12"),  # Numero di controlli effettuati Report
    ("Settore Polizia Locale.xlsx", "E13"),  # Numero dei sinistri stradali …
    ("Settore Polizia Locale.xlsx", "E15"),  # numero complessivo di ore …
    ("Settore Polizia Locale.xlsx", "E16"),  # Numero di ricezione denunce ospitalità …
]


def test_sample_objective_findings(sample_dir):
    findings = run(read_plan(sample_dir))
    got = sorted((f.code, f.file, f.cell) for f in findings)
    expected = sorted([("indicator-not-measurable", *w) for w in NOT_MEASURABLE]
                      + [("indicator-no-target", *w) for w in NO_TARGET])
    assert got == expected
    assert {f.sheet for f in findings} == {"Obiettivi"}


def test_sample_with_an_approval_date(sample_dir):
    """Approved in May, the sample's April and March deadlines come before it."""
    plan = read_plan(sample_dir)
    plan.approval_date_override = dt.date(2022, 5, 1)
    got = [(f.file, f.cell, f.value) for f in run(plan, deadline_problems)]
    assert got == [
        ("Settore Affari Generali.xlsx", "G9", "Adempimento entro il 31/03/2022"),
        ("Settore Economico Finanziario.xlsx", "G6", "Entro fine aprile/ Annuale"),
        ("Settore Economico Finanziario.xlsx", "G9", "Entro fine aprile"),
    ]
