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

A ``TableSheet`` may print rows of its own (``TableRow``: a group's total above the rows of
its parts, a grand total, a ratio), computed by live formulas as the fixed tables' totals
are. Adding such a row is one edit too: the writer prints it and its formulas, the reader
keeps a value typed over a formula as the user's (and does not report a formula without
a computed value there), and ``tests/nothing_lost.py`` knows its printed name is no user
data. The checks that compare a typed total with its parts are written apart
(``checks/``).
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
class TableRow:
    """A row a ``TableSheet``'s template prints, named by its text in the sheet's
    ``row_key`` column (e.g. a staff group, «Totale personale»).

    Its number columns hold, as live formulas:

    - ``parts``: the sum of the rows below it, up to the next printed row, that carry
      its name and a value in the sheet's ``part_key`` column (a group's categories);
      a blank template leaves ``blank_after`` empty rows there for them;
    - ``sum_of``: the sum of the printed rows so named;
    - ``ratio``: (numerator, denominator) rows, rounded to two decimals;
    - none of these: nothing, the row is printed for the user to fill.

    A computed cell stays blank while nothing it adds up is filled (a blank is no zero).
    A value typed over a formula is the user's: read as typed, compared with its parts by
    the checks.
    """

    name: str
    parts: bool = False
    sum_of: tuple[str, ...] = ()
    ratio: tuple[str, str] | None = None
    blank_after: int = 0

    @property
    def computed(self) -> bool:
        return self.parts or bool(self.sum_of) or self.ratio is not None


def _row_name(text: object) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


@dataclass(frozen=True)
class TableSheet:
    name: str
    title: str
    note: str
    columns: tuple[Field, ...]
    blank_rows: int = 30  # styled input rows in a blank template
    validated_rows: int = 2000  # rows covered by dropdowns and formats
    optional: bool = False  # a workbook made before the sheet existed is read without it
    printed: tuple[TableRow, ...] = ()  # rows the template prints, in order
    row_key: str = ""  # the column naming a printed row
    part_key: str = ""  # the column a part row fills and a printed row leaves blank

    def column(self, key: str) -> Field:
        return next(c for c in self.columns if c.key == key)

    def printed_row(self, name: object, part: object = None) -> TableRow | None:
        """The printed row a row named ``name`` with ``part`` is, if any (case and spaces
        aside; a row with a part is a part, never a printed row)."""
        if not self.printed or _row_name(part):
            return None
        key = _row_name(name)
        return next((r for r in self.printed if _row_name(r.name) == key), None)

    @property
    def computed_columns(self) -> tuple[Field, ...]:
        """The columns a printed row computes: the number columns."""
        return tuple(c for c in self.columns if c.type in NUMERIC_TYPES
                     and c.key not in (self.row_key, self.part_key))


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
