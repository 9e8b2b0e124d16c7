"""The demo: every mistake of the Calcinate 2022 plan is found, and nothing else.

The expected list was reviewed finding by finding against the seed document
(../shared/seeds/000_c583da9f753ecf53.txt): the names spelled two ways, the "saldo migratorio
12", the staff member with no objective, the indicators without a measurable target or time
span, the density computed from another population, the budget labels shortened from the
official D.Lgs. 118/2011 names. The budget itself balances: no budget error.
"""

from __future__ import annotations

import pytest

from pianoperf_xl.pipeline import check_folder

from helpers import SAMPLE

EXPECTED = [
    ('budget-current-balance', 'Bilancio.xlsx', 'Spese', 'C6'),
    ('budget-current-balance', 'Bilancio.xlsx', 'Spese', 'D6'),
    ('budget-current-balance', 'Bilancio.xlsx', 'Spese', 'E6'),
    ('budget-label-differs', 'Bilancio.xlsx', 'Missioni', 'B13'),
    ('budget-label-differs', 'Bilancio.xlsx', 'Missioni', 'B9'),
    ('budget-label-differs', 'Bilancio.xlsx', 'Spese', 'B10'),
    ('budget-label-differs', 'Bilancio.xlsx', 'Spese', 'B9'),
    ('context-density-mismatch', 'Ente.xlsx', 'Ente', 'B12'),
    ('context-saldo-mismatch', 'Ente.xlsx', 'Popolazione', 'B14'),
    ('indicator-no-target', 'Settore Affari Generali.xlsx', 'Obiettivi', 'E15'),
    ('indicator-no-target', 'Settore Polizia Locale.xlsx', 'Obiettivi', 'E11'),
    ('indicator-no-target', 'Settore Polizia Locale.xlsx', 'Obiettivi', 'E12'),
    ('indicator-no-target', 'Settore Polizia Locale.xlsx', 'Obiettivi', 'E13'),
    ('indicator-no-target', 'Settore Polizia Locale.xlsx', 'Obiettivi', 'E15'),
    ('indicator-no-target', 'Settore Polizia Locale.xlsx', 'Obiettivi', 'E16'),
    ('indicator-no-target', 'Settore Polizia Locale.xlsx', 'Obiettivi', 'E5'),
    ('indicator-no-target', 'Settore Polizia Locale.xlsx', 'Obiettivi', 'E6'),
    ('indicator-no-target', 'Settore Polizia Locale.xlsx', 'Obiettivi', 'E8'),
    ('indicator-no-target', 'Settore Polizia Locale.xlsx', 'Obiettivi', 'E9'),
    ('indicator-not-measurable', 'Settore Affari Generali.xlsx', 'Obiettivi', 'G13'),
    ('indicator-not-measurable', 'Settore Affari Generali.xlsx', 'Obiettivi', 'G7'),
    ('indicator-not-measurable', 'Settore Affari Generali.xlsx', 'Obiettivi', 'G8'),
    ('indicator-not-measurable', 'Settore Gestione Territorio.xlsx', 'Obiettivi', 'G10'),
    ('indicator-not-measurable', 'Settore Gestione Territorio.xlsx', 'Obiettivi', 'G11'),
    ('indicator-not-measurable', 'Settore Gestione Territorio.xlsx', 'Obiettivi', 'G13'),
    ('indicator-not-measurable', 'Settore Gestione Territorio.xlsx', 'Obiettivi', 'G14'),
    ('indicator-not-measurable', 'Settore Gestione Territorio.xlsx', 'Obiettivi', 'G5'),
    ('indicator-not-measurable', 'Settore Gestione Territorio.xlsx', 'Obiettivi', 'G6'),
    ('indicator-not-measurable', 'Settore Gestione Territorio.xlsx', 'Obiettivi', 'G9'),
    ('indicator-not-measurable', 'Settore Servizi Demografici.xlsx', 'Obiettivi', 'G10'),
    ('indicator-not-measurable', 'Settore Servizi Demografici.xlsx', 'Obiettivi', 'G5'),
    ('indicator-not-measurable', 'Settore Servizi Demografici.xlsx', 'Obiettivi', 'G6'),
    ('indicator-not-measurable', 'Settore Servizi Demografici.xlsx', 'Obiettivi', 'G8'),
    ('staff-name-variant', 'Ente.xlsx', 'Organigramma', 'D10'),
    ('staff-name-variant', 'Ente.xlsx', 'Organigramma', 'D8'),
    ('staff-name-variant', 'Ente.xlsx', 'Organigramma', 'E12'),
    ('staff-name-variant', 'Ente.xlsx', 'Organigramma', 'E13'),
    ('staff-name-variant', 'Ente.xlsx', 'Organigramma', 'E13'),
    ('staff-name-variant', 'Ente.xlsx', 'Organigramma', 'E14'),
    ('staff-name-variant', 'Ente.xlsx', 'Organigramma', 'E19'),
    ('staff-name-variant', 'Ente.xlsx', 'Organigramma', 'E21'),
    ('staff-no-objective', 'Settore Affari Generali.xlsx', 'Personale', 'A9'),
]


@pytest.fixture(scope="module")
def plan():
    return check_folder(SAMPLE)


def test_sample_findings_are_exactly_the_seed_mistakes(plan):
    assert sorted((f.code, f.file, f.sheet, f.cell) for f in plan.findings) == EXPECTED


def test_no_budget_error_and_the_balance_is_reported(plan):
    budget = [f for f in plan.findings if f.code.startswith("budget-")]
    assert all(f.severity != "error" for f in budget)
    balance = [f.message for f in budget if f.code == "budget-current-balance"]
    assert len(balance) == 3 and all(m.startswith("Equilibrio di parte corrente") for m in balance)


@pytest.mark.parametrize("organigram, staff_list", [
    ("Airoldi Sonia", "Airoidi Sonia"), ("Mastroiusto Marco", "Mastropietro Marco"),
    ("Bedolfi Gianlorenzo", "Redolfi Gianlorenzo"), ("Castriciano Alicia", "Castriciano Felicia"),
    ("Stefanelli Fabiola", "Stefanelli Maria Fabiola"), ("Zoccali Maria", "Zoccali maria"),
    ("Bellini Angela", "Bellini Angela Francesca"),
])
def test_name_variants_name_both_spellings(plan, organigram, staff_list):
    messages = [f.message for f in plan.findings if f.code == "staff-name-variant"]
    assert any(organigram in m and staff_list in m for m in messages), messages


def test_saldo_migratorio_message(plan):
    saldo = next(f for f in plan.findings if f.code == "context-saldo-mismatch")
    assert saldo.severity == "error"
    assert saldo.message.startswith("Saldo migratorio: dichiarato 12, immigrati 239 − emigrati 251 = −12")


def test_staff_member_without_objective(plan):
    comelli = next(f for f in plan.findings if f.code == "staff-no-objective")
    assert "Comelli Elena" in comelli.message and "esterno" in comelli.message
