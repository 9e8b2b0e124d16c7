"""Property tests: filled templates with random values, read and written end to end.

Hypothesis fills a sector, a budget and an ente workbook with anything a user could
type or paste: unicode with control characters, emoji and right-to-left text, huge and
tiny numbers, text that looks like a number or an error ("NaN", "1e400", "#DIV/0!"),
formula-like text, dates, empty rows in between; then openpyxl adds random merged
areas over the tables. For every example:

- reading never raises anything but the tool's own ``UnusableInput``;
- the checks and the consolidated workbook never fail;
- nothing is lost: every non-empty row is in the consolidated workbook or named by a
  finding (tests/nothing_lost.py).

The example counts are modest, so that the suite stays fast; ``HYPOTHESIS_PROFILE=long``
runs many more.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings, strategies as st

from pianoperf_xl import spec as specs
from pianoperf_xl.carryover import MARK_KEY
from pianoperf_xl.pipeline import check_folder
from pianoperf_xl.read import UnusableInput, read_plan
from pianoperf_xl.spec.base import (
    AMOUNT, CHOICE, DATE, DECIMAL, FIRST_DATA_ROW, HOURS, INT, PERCENT, FixedTable,
    TableSheet,
)
from pianoperf_xl.write.consolidated import write_consolidated
from pianoperf_xl.write.templates import write_template

from nothing_lost import lost_rows

YEAR = 2022
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
settings.register_profile(
    "inputs", max_examples=300 if LONG else 30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- values ---------------------------------------------------------------------------

ODD_CHARACTERS = ("\x00\x07\x08\x0b\x0c\x1b\x7f\x85\u200b\ufeff\u00a0\u2028\u202e\t\r\n"
                  "😀👩‍👩‍👧🇮🇹\u0301€°’–—«»")
NUMBER_LIKE = ["NaN", "nan", "-inf", "Infinity", "1e400", "1E5", "-0", "0,0", "1.055",
               "1.055.000,00", "(1.000)", "€ 12", "12 %", "#DIV/0!", "#N/D", "#VALORE!",
               "VERO", "FALSE", "None", "null", "—", "٣", "１２３"]
FORMULA_LIKE = ["=1+1", "+1", "-1", "@A1", "{=A1}", '=HYPERLINK("http://x","y")',
                "\t=1", "\r=1"]
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(ODD_CHARACTERS) | st.characters(codec="utf-8"),
            max_size=25),
    st.sampled_from(NUMBER_LIKE + FORMULA_LIKE),
)
numbers = st.one_of(
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),  # 1.7e308 and 5e-324 included
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.sampled_from([0, 1, 24, 36, 37, 0.5, 1.5, 99.99, 2022, 1e15, 1e18, -1e-9]),
)
dates = st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2099, 12, 31))
anything = st.one_of(st.none(), texts, numbers, dates, st.booleans())


def value_for(field: specs.Field) -> st.SearchStrategy:
    """Mostly what the column asks for, often anything at all."""
    if field.type == CHOICE:
        typed = st.sampled_from(specs.choices(field.choices, YEAR))
    elif field.type in (INT, HOURS):
        typed = st.integers(min_value=-5, max_value=50)
    elif field.type == PERCENT:
        typed = st.floats(min_value=0, max_value=1, allow_nan=False)
    elif field.type in (AMOUNT, DECIMAL):
        typed = numbers
    elif field.type == DATE:
        typed = dates
    else:
        typed = texts
    return st.one_of(st.none(), typed, typed, anything)


def row_for(columns: tuple[specs.Field, ...]) -> st.SearchStrategy:
    """A table row: random values, or an empty row between the others. «Riportato da»
    is left out: ``distribute`` writes it, the user only deletes it."""
    return st.one_of(
        st.just({}),
        st.fixed_dictionaries({}, optional={f.key: value_for(f) for f in columns
                                            if f.key != MARK_KEY}),
    )


SETTORE = specs.spec_for("settore", YEAR)
BILANCIO = specs.spec_for("bilancio", YEAR)


@st.composite
def settore_fill(draw) -> dict:
    form = SETTORE.sheet("Settore")
    fill = {"Settore": draw(st.fixed_dictionaries(
        {"settore": st.one_of(texts, st.just("Settore Tributi"))},
        optional={f.key: value_for(f) for f in form.fields if f.key not in ("settore", "anno")}))}
    for sheet in (SETTORE.sheet("Personale"), SETTORE.sheet("Obiettivi")):
        fill[sheet.name] = draw(st.lists(row_for(sheet.columns), max_size=7))
    return fill


@st.composite
def bilancio_fill(draw) -> dict:
    fill: dict = {"Bilancio": draw(st.fixed_dictionaries(
        {}, optional={"ente": texts, "approvazione": texts, "note": texts}))}
    for sheet in BILANCIO.sheets:
        if isinstance(sheet, FixedTable):
            codes = [r.code for r in sheet.rows if not r.is_total]
            fill[sheet.name] = draw(st.dictionaries(
                st.sampled_from(codes),
                st.fixed_dictionaries({}, optional={
                    "label": texts, **{f.key: value_for(f) for f in sheet.value_columns}}),
                max_size=6))
        elif isinstance(sheet, TableSheet):
            fill[sheet.name] = draw(st.lists(row_for(sheet.columns), max_size=5))
    return fill


ENTE = specs.spec_for("ente", YEAR)


@st.composite
def ente_fill(draw) -> dict:
    fill: dict = {}
    for sheet in ENTE.sheets:
        if isinstance(sheet, TableSheet):
            fill[sheet.name] = draw(st.lists(row_for(sheet.columns), max_size=5))
        elif isinstance(sheet, FixedTable):
            codes = [r.code for r in sheet.rows if not r.is_total]
            fill[sheet.name] = draw(st.dictionaries(
                st.sampled_from(codes),
                st.fixed_dictionaries({}, optional={
                    f.key: value_for(f) for f in sheet.value_columns if not f.formula}),
                max_size=6))
        else:
            fill[sheet.name] = draw(st.fixed_dictionaries({}, optional={
                f.key: value_for(f) for f in sheet.fields if f.key != "anno"}))
    return fill


@st.composite
def merges(draw, sheets: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Non-overlapping merged areas (sheet, first row, first col, last row, last col),
    zero-based, over the header and the first data rows of the tables."""
    taken: set[tuple[str, int, int]] = set()
    areas = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        sheet = draw(st.sampled_from(sheets))
        top = draw(st.integers(min_value=FIRST_DATA_ROW - 1, max_value=FIRST_DATA_ROW + 8))
        left = draw(st.integers(min_value=0, max_value=10))
        bottom = top + draw(st.integers(min_value=0, max_value=3))
        right = left + draw(st.integers(min_value=0, max_value=2))
        cells = {(sheet, r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
        if len(cells) > 1 and not cells & taken:
            taken |= cells
            areas.append((sheet, top, left, bottom, right))
    return areas


def write_input(folder: Path, spec: specs.TemplateSpec, fill: dict, areas) -> Path:
    path = write_template(spec, folder / f"{spec.kind}.xlsx", fill)
    if areas:
        book = openpyxl.load_workbook(path)
        for sheet, top, left, bottom, right in areas:
            book[sheet].merge_cells(start_row=top + 1, start_column=left + 1,
                                    end_row=bottom + 1, end_column=right + 1)
        book.save(path)
    return path


def assert_read_and_nothing_lost(folder: Path) -> None:
    try:
        read_plan(folder)
    except UnusableInput:  # the tool's own error: a clear message, no traceback
        return
    plan = check_folder(folder).plan
    consolidated = write_consolidated(plan, folder.parent / "out" / "piano.xlsx")
    lost = lost_rows(folder, plan.findings, consolidated)
    assert lost == [], "\n".join(lost)


# -- properties -----------------------------------------------------------------------


@settings(settings.get_profile("inputs"))
@given(settore_fill(), merges(["Personale", "Obiettivi"]))
def test_any_sector_workbook_is_read_and_nothing_is_lost(fill, areas):
    with tempfile.TemporaryDirectory(prefix="pianoperf-prop-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        write_input(folder, SETTORE, fill, areas)
        assert_read_and_nothing_lost(folder)


@settings(settings.get_profile("inputs"), max_examples=120 if LONG else 25)
@given(bilancio_fill(), merges(["Entrate", "Programmi"]))
def test_any_budget_workbook_is_read_and_nothing_is_lost(fill, areas):
    with tempfile.TemporaryDirectory(prefix="pianoperf-prop-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        write_input(folder, BILANCIO, fill, areas)
        assert_read_and_nothing_lost(folder)


@settings(settings.get_profile("inputs"), max_examples=120 if LONG else 25)
@given(ente_fill(), merges(["Organigramma", "Personale storico"]))
def test_any_ente_workbook_is_read_and_nothing_is_lost(fill, areas):
    with tempfile.TemporaryDirectory(prefix="pianoperf-prop-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        write_input(folder, ENTE, fill, areas)
        assert_read_and_nothing_lost(folder)
