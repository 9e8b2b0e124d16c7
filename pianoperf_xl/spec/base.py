"""Building blocks of the declarative template spec.

A template is a list of sheets. Three sheet shapes cover every table of a plan:

- ``FormSheet``: one value per labelled row (sector data, ente data, population balance);
- ``TableSheet``: a header row and as many rows as the user fills (staff, objectives);
- ``FixedTable``: rows printed by the template, identified by a code in the first column,
  with total rows computed by formulas (budget by titolo and missione, age pyramid).

The template writer draws every sheet from these objects and the reader reads and
validates every sheet against the same objects, by the fields' keys. So a new ``Field`` is
one edit for the templates and the reader: the template shows the column (its type, list
and help on the instructions sheet too), and the reader finds it by its label, checks its
type and keeps its value in the row's ``Record`` under its key. What the program does
with the value is not derived from here. Adding a column also takes:

- the committed templates written again (``pianoperf templates -o workbook_templates``;
  ``tests/test_templates.py`` fails until they match the spec), and ``TEMPLATE_VERSION``
  raised when workbooks filled on the old templates must be refused;
- for the program to use the value: a field of the model class (``model.py``) and the
  line of ``read/<kind>.py`` that fills it from the record's key;
- for the outputs to show it: its place in the consolidated workbook
  (``write/consolidated/``) and, where the annex shows it, in ``write/annex/``. A column of
  the settore «Obiettivi» sheet is a ``Column`` with its ``key`` in
  ``write/consolidated/layout.py`` and a value in ``objectives.objective_rows``
  (``tests/test_consolidated_layout.py`` fails until the sheet shows it);
- for the distribution round, nothing: ``distribute --from`` carries back every column of
  that layout with a key, and a carried objective's fingerprint covers every column of
  the «Obiettivi» sheet but «Riportato da» (``carryover.FINGERPRINT_KEYS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

# Cell types. The reader turns raw values into these; the writer picks formats from them.
TEXT = "text"
LONG_TEXT = "long_text"  # wrapped, wide column
INT = "int"
AMOUNT = "amount"  # euro, two decimals
DECIMAL = "decimal"
PERCENT = "percent"  # stored as a fraction, shown as 0,0%
DATE = "date"
EMAIL = "email"
HOURS = "hours"  # weekly hours, 1..36
CHOICE = "choice"  # one value of a closed list (see ``choices``)

NUMERIC_TYPES = (INT, AMOUNT, DECIMAL, PERCENT, HOURS)
# Columns of words: a number or date typed there is kept as the text the spreadsheet
# showed («100%», «€ 120.000,00»), with the value itself beside it (``Record.typed``).
FREE_TEXT = (TEXT, LONG_TEXT)

# Layout shared by every sheet: title, a one-line note, an empty row, then content.
TITLE_ROW = 0
NOTE_ROW = 1
HEADER_ROW = 3  # zero-based: Excel row 4
FIRST_DATA_ROW = 4  # zero-based: Excel row 5


@dataclass(frozen=True)
class Field:
    """One input: a column of a table, or a labelled row of a form."""

    key: str
    label: str
    type: str = TEXT
    required: bool = False
    choices: str | None = None  # name of a closed list, resolved per plan year
    help: str = ""
    width: float = 16
    formula: str | None = None  # e.g. "{nati}-{deceduti}"; keys become cell addresses
    # Shown but not editable: the writer greys the cell and protects the sheet (without a
    # password); used for the approved content a results template repeats.
    locked: bool = False
    # A number's range, checked by the spreadsheet as it is typed (e.g. a score on the
    # evaluation scale); the reader still checks the value itself.
    bounds: tuple[float, float] | None = None


@dataclass(frozen=True)
class FormSheet:
    name: str
    title: str
    note: str
    fields: tuple[Field, ...]
    optional: bool = False  # a workbook made before the sheet existed is read without it

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


@dataclass(frozen=True)
class TableSheet:
    name: str
    title: str
    note: str
    columns: tuple[Field, ...]
    blank_rows: int = 30  # styled input rows in a blank template
    validated_rows: int = 2000  # rows covered by dropdowns and formats
    optional: bool = False  # a workbook made before the sheet existed is read without it

    def column(self, key: str) -> Field:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class FixedRow:
    """A printed row of a fixed table. ``sum_of`` lists the codes a total row adds up."""

    code: str
    label: str
    sum_of: tuple[str, ...] = ()
    optional: bool = False  # a line that many entes leave empty (FPV, avanzo, disavanzo)

    @property
    def is_total(self) -> bool:
        return bool(self.sum_of)


@dataclass(frozen=True)
class FixedTable:
    """Rows printed by the template; the user fills the value columns.

    Columns are ``code``, ``label`` (editable, checked against the official label) and
    the value columns. A value column with a ``formula`` is computed in every row, e.g.
    the total of males and females in the age pyramid.
    """

    name: str
    title: str
    note: str
    code_header: str
    label_header: str
    value_columns: tuple[Field, ...]
    rows: tuple[FixedRow, ...]
    label_editable: bool = True

    def row(self, code: str) -> FixedRow:
        return next(r for r in self.rows if r.code == code)


Sheet = Union[FormSheet, TableSheet, FixedTable]


@dataclass(frozen=True)
class TemplateSpec:
    """One kind of template (``settore``, ``bilancio``, ``ente``) for one plan year."""

    kind: str
    version: str
    year: int
    title: str
    purpose: str  # who fills it and what for, shown on the instructions sheet
    sheets: tuple[Sheet, ...]
    instructions: tuple[str, ...] = field(default=())

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)

    @property
    def file_name(self) -> str:
        return f"modello-{self.kind}.xlsx"
