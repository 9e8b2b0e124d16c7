"""The bundled Calcinate 2022 sample: read back complete and faithful to its transcription."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pianoperf_xl import spec as specs
from pianoperf_xl.findings import FindingList
from pianoperf_xl.interpret.people import member_fte
from pianoperf_xl.read import read_plan, read_records
from pianoperf_xl.read.workbook import Workbook
from pianoperf_xl.sample import load_transcriptions
from pianoperf_xl.spec.base import FixedTable, FormSheet

from helpers import SAMPLE, SAMPLE_SOURCE

TRANSCRIPTIONS = load_transcriptions(SAMPLE_SOURCE)


@pytest.fixture(scope="module")
def plan():
    return read_plan(SAMPLE)


def test_sample_counts(plan):
    assert plan.year == 2022
    assert plan.stats() == {"files": 7, "sectors": 5, "objectives": 48, "indicators": 49,
                            "staff": 19}
    assert plan.findings == []
    assert sorted(s.name for s in plan.sectors) == [
        "Settore Affari Generali", "Settore Economico Finanziario",
        "Settore Gestione Territorio", "Settore Polizia Locale", "Settore Servizi Demografici"]


def test_sample_spot_values(plan):
    titolo_1 = next(line for line in plan.budget.expense if line.code == "1")
    assert titolo_1.amounts[2022] == Decimal("3532600.00")
    assert titolo_1.label == "Spese Correnti"
    total = next(line for line in plan.budget.revenue if line.code == "TOT-TIT")
    assert total.amounts == {2022: Decimal("5115600.00"), 2023: Decimal("5054600.00"),
                             2024: Decimal("5108100.00")}
    stefanelli = next(p for p in plan.staff if p.name.startswith("Stefanelli"))
    assert (stefanelli.name, stefanelli.grade, stefanelli.weekly_hours) == (
        "Stefanelli Maria Fabiola", "C4", 24)
    assert member_fte(stefanelli) == Decimal("0.67")
    assert stefanelli.record.at("categoria").cell == "D7"
    comelli = next(p for p in plan.staff if p.name == "Comelli Elena")
    assert comelli.relation == "esterno"
    assert plan.ente.population.get("saldo_migratorio") == 12  # the seed's mistake, kept
    assert plan.ente.population.get("saldo_naturale") == 10  # computed by the formula
    assert plan.ente.population.get("data_piramide") == dt.date(2021, 1, 1)
    heads = {u.name: u.head for u in plan.ente.organigram if u.kind == "Settore"}
    assert heads["Settore Demografico"] == "Airoldi Sonia"
    police = next(s for s in plan.sectors if s.name == "Settore Polizia Locale")
    census = next(o for o in police.objectives if o.title.startswith("CENSIMENTO"))
    assert [(i.description, i.staff_refs) for i in census.indicators] == [
        ("Numero di immobili/posizioni censite", ["Mastropietro", "Pecis"]),
        ("Relazioni di servizio", ["Pecis"])]


def _same(read, typed) -> bool:
    if isinstance(typed, float) or (isinstance(typed, int) and isinstance(read, Decimal)):
        return read == Decimal(str(typed))
    return read == typed


@pytest.mark.parametrize("item", TRANSCRIPTIONS, ids=lambda t: t.file)
def test_sample_workbook_holds_its_transcription(item):
    """Every value of the transcription is in the workbook, row by row, and nothing more."""
    findings = FindingList()
    records = read_records(Workbook(SAMPLE / item.file), item.kind, item.year, findings)
    assert findings.items == []
    for sheet in specs.spec_for(item.kind, item.year).sheets:
        typed = item.sheets.get(sheet.name)
        read = records[sheet.name]
        if isinstance(sheet, FormSheet):
            for key, value in (typed or {}).items():
                assert _same(read.get(key), value), (sheet.name, key)
        elif isinstance(sheet, FixedTable):
            by_code = {r.get("code"): r for r in read}
            for code, values in (typed or {}).items():
                for key, value in values.items():
                    assert _same(by_code[code].get(key), value), (sheet.name, code, key)
        else:
            assert len(read) == len(typed or []), sheet.name
            computed = {f.key for f in sheet.computed_columns}
            for row, values in zip(read, typed or []):
                printed = sheet.printed_row(values.get(sheet.row_key),
                                            values.get(sheet.part_key))
                for field in sheet.columns:
                    expected = values.get(field.key)
                    if (expected is None and printed is not None and printed.computed
                            and field.key in computed):
                        # left to the template's formula (a staff group's total): the
                        # checks compare it with its parts (test_sample_findings)
                        assert row.get(field.key) is None or isinstance(row.get(field.key),
                                                                        Decimal)
                    elif field.key in ("missione", "programma") or expected is None:
                        assert row.get(field.key) == expected, (sheet.name, row.row, field.key)
                    else:
                        assert _same(row.get(field.key), expected), (sheet.name, row.row,
                                                                     field.key)
