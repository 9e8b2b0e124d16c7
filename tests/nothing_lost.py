""""Nothing lost", row by row: every non-empty row of every input sheet the templates
read is in the consolidated workbook, or a finding says why not.

The input files are read here with python-calamine directly, not through the tool's
reader; only the template spec (the contract: which sheets, which columns) is shared.
For every workbook of the input folder:

- a file that a whole-file finding names (not a workbook, encrypted, another template
  version or year, the older copy of a sector sent twice…) is accounted for by it;
- a sheet that a whole-sheet finding names (too large, missing, no header) likewise;
- otherwise every non-empty data row must be found in the consolidated workbook: one
  row of each target sheet (e.g. «Obiettivi» and the sector's own sheet) must hold every
  non-empty value of the input row, except the values of cells a finding names (a typed
  text the tool could not use as a number, a text too long for Excel…). Values the
  template computes (formula columns) and prints (fixed codes, the name of a table's printed
  row left as printed) are not user data.

``lost_rows`` returns one line per lost row, naming file, sheet, row and the missing
cells with their values, so a failure says exactly what was lost.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import openpyxl
from python_calamine import CalamineWorkbook

from pianoperf_xl import reference, spec as specs
from pianoperf_xl.codes import CODES
from pianoperf_xl.spec.base import DATE, HEADER_ROW, FixedTable, FormSheet, TableSheet

SKIPPED_PREFIXES = ("~$", ".~lock", ".")  # lock files and hidden files are not inputs
# Findings that say a whole file was not read (with no sheet, or on the _meta sheet).
FILE_NOT_READ = {
    "file-not-workbook", "file-legacy-xls", "file-unreadable", "file-encrypted",
    "file-too-large", "file-zip-bomb", "file-xml-entities", "file-duplicate-kind",
    "template-unknown", "template-wrong-kind", "template-wrong-version",
    "template-wrong-year", "template-year-invalid", "sector-duplicate", "file-not-regular",
    "file-link-outside",
}
# Findings that say a whole sheet was not read.
SHEET_NOT_READ = {"sheet-too-large", "sheet-missing", "header-missing", "file-unreadable"}
# Findings that say the values of a whole column were not used (on one of its cells).
COLUMN_NOT_READ = {"column-unknown"}
HEADER_SEARCH_ROWS = 20
SECTOR_SHEET = "<settore>"  # the sector's own sheet, found by its title

# The label next to a form's value in the consolidated workbook, where it differs from
# the template's; None: the value is in a heading (found anywhere in the sheets).
FORM_LABELS: dict[tuple[str, str], str | None] = {
    ("ente", "denominazione"): "Ente", ("ente", "provincia"): "Provincia",
    ("ente", "anno"): "Anno del piano", ("ente", "data_approvazione"): "Data di approvazione",
    ("ente", "numero_delibera"): "Delibera di Giunta n.",
    ("ente", "densita"): "Densità dichiarata (ab/km²)", ("ente", "note"): "Note dell'ente",
    ("settore", "ente"): None, ("settore", "anno"): None, ("settore", "settore"): None,
    ("settore", "responsabile"): "Responsabile", ("settore", "email"): "Email",
    ("bilancio", "ente"): None, ("bilancio", "anno"): None,
    ("bilancio", "approvazione"): "Bilancio di previsione",
}
# (kind, input sheet) -> groups of output sheets; the row must be in one sheet of each.
TARGETS: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {
    ("settore", "Settore"): ((SECTOR_SHEET,),),
    ("settore", "Personale"): (("Personale",), (SECTOR_SHEET,)),
    ("settore", "Obiettivi"): (("Obiettivi",), (SECTOR_SHEET,)),
    ("ente", "Ente"): (("Sintesi", "Contesto", "Organizzazione"),),
    ("ente", "Organi"): (("Organizzazione",),),
    ("ente", "Organigramma"): (("Organizzazione",),),
    ("ente", "Personale storico"): (("Contesto",),),
    ("ente", "Età media"): (("Contesto",),),
    ("ente", "Popolazione"): (("Contesto",),),
    ("ente", "Piramide"): (("Contesto",),),
    ("ente", "Testi"): (("Organizzazione",),),
    ("ente", "Delibera"): (("Organizzazione",),),
    ("bilancio", "Bilancio"): (("Sintesi", "Bilancio"),),
    ("bilancio", "Entrate"): (("Bilancio",),),
    ("bilancio", "Spese"): (("Bilancio",),),
    ("bilancio", "Missioni"): (("Bilancio",),),
    ("bilancio", "Programmi"): (("Bilancio",),),
}

_WORDS = re.compile(r"\w+")


def explains(code: str) -> bool:
    """Whether a finding of ``code`` can account for a value missing from the outputs: the
    reader's findings on files and cells (a text that is no number, a value outside the
    list, a text too long for Excel…), not the cross-checks' findings, which judge values
    that must still be shown."""
    return code in CODES and CODES[code].family in ("file", "cell")


# -- values -----------------------------------------------------------------------------


def text_key(value: Any) -> str:
    """Text for comparison: no case, no spaces, no control or format characters (the tool
    turns a tab into a space and drops a vertical tab: both compare the same)."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    return "".join(ch for ch in text
                   if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf"))


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not text_key(value))


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


@dataclass(frozen=True)
class Out:
    """One output cell, prepared for comparison."""

    text: str | None = None
    number: float | None = None
    date: dt.date | None = None


def out_cell(value: Any) -> Out | None:
    if value is None or value == "":
        return None
    if is_number(value):
        return Out(number=float(value), text=text_key(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return Out(date=as_date(value))
    return Out(text=text_key(value))


Matcher = Callable[[Out], bool]


def _text_matcher(key: str, *, short_whole: bool = True) -> Matcher:
    """The cell is the text, or holds it between word boundaries (a heading, a note);
    a text of one to three characters only as the whole cell, unless ``short_whole`` is
    False (a value shown inside a heading)."""
    if len(key) < 4 and short_whole:
        return lambda out: out.text == key
    within = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
    return lambda out: out.text is not None and (out.text == key
                                                 or within.search(out.text) is not None)


def _number_text(number: float) -> str:
    """A number as a text: whole, or 15 significant digits (the General format)."""
    return str(int(number)) if number.is_integer() else format(number, ".15g")


# A number as a spreadsheet shows it in Italian: thousands by '.', decimals after ',',
# maybe a percent sign («8.500», «€ 120.000,00», «12,5%»).
_ITALIAN_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d.,]\d)"
                             r"( ?%)?")


def _shows_number(text: str, number: float) -> bool:
    """``text`` holds ``number`` written the Italian way, to the decimals it shows (a
    number format rounds: 0,333 with two decimals is «0,33»); a percent is the number
    times 100."""
    for m in _ITALIAN_NUMBER.finditer(text):
        shown = float(m[1].replace(".", "") + "." + (m[2] or "0"))
        value = abs(number) * (100 if m[3] else 1)
        if abs(shown - value) <= 0.5 * 10 ** -len(m[2] or "") + 1e-9 * value:
            return True
    return False


def _number_matcher(number: float, *, serial_epoch: dt.date | None) -> Matcher:
    plain = _number_text(number)
    shown = {plain, plain.replace(".", ",")}  # General: '0.5' or the Italian '0,5'
    day = None
    if serial_epoch is not None and 0 < number < 2_958_466:
        day = serial_epoch + dt.timedelta(days=int(number))

    def match(out: Out) -> bool:
        if out.number is not None and same_number(out.number, number):
            return True
        if out.date is not None and day is not None:
            return out.date == day
        return out.text is not None and (
            any(re.search(rf"(?<!\d){re.escape(s)}(?!\d)", out.text) for s in shown)
            or (serial_epoch is None and _shows_number(out.text, number)))
    return match


_MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
           "agosto", "settembre", "ottobre", "novembre", "dicembre")


def _date_matcher(day: dt.date) -> Matcher:
    """The date, or a text showing it: 31/12/2022, 31-12-22, 31 dicembre 2022, 31 dic 2022."""
    month = rf"(?:0?{day.month}|{_MONTHS[day.month - 1][:3]}\w*)"
    shown = re.compile(rf"(?<!\d)0?{day.day}\W*{month}\W*(?:{day.year}|{day:%y})(?!\d)")
    return lambda out: out.date == day or (out.text is not None
                                           and shown.search(out.text) is not None)


def _code_matcher(code: str) -> Matcher:
    return lambda out: out.text is not None and out.text.startswith(code.casefold())


def _words_matcher(words: list[str]) -> Matcher:
    """Every word of a list of names is in the cell (the tool shows names resolved to
    the staff lists: "Cairo, Forlani" -> "Cairo Micaela, Forlani Roberta")."""
    return lambda out: out.text is not None and all(w in out.text for w in words)


def matcher(value: Any, field: specs.Field | None, epoch: dt.date, *,
            in_heading: bool = False) -> Matcher:
    """What an output cell must be to show the input ``value`` of ``field``;
    ``in_heading``: the value is shown inside a longer text."""
    choices = field.choices if field else None
    if choices in ("missione", "programma") and not isinstance(value, bool):
        normalize = (reference.normalize_mission_code if choices == "missione"
                     else reference.normalize_programme_code)
        code = normalize(value)  # '1', 1.0, 'Missione 1', '01 - Servizi…' are all '01'
        if code:
            return _code_matcher(code)
    if field is not None and field.key == "personale":  # names, shown as resolved
        typed = _number_text(float(value)) if is_number(value) else str(value)
        return _words_matcher([text_key(w) for w in _WORDS.findall(typed.casefold())])
    if isinstance(value, bool):
        return _text_matcher("vero" if value else "falso")
    if is_number(value):
        return _number_matcher(float(value),
                               serial_epoch=epoch if field and field.type == DATE else None)
    day = as_date(value)
    if day is not None:
        return _date_matcher(day)
    if isinstance(value, (dt.time, dt.timedelta)):
        return _text_matcher(text_key(value))
    key = text_key(value)
    if choices and choices.startswith("categoria"):
        return _text_matcher(text_key(reference.normalize_grade(key)))
    return _text_matcher(key, short_whole=not in_heading)


# -- the input side ---------------------------------------------------------------------


@dataclass
class Wanted:
    cell: str
    value: Any
    match: Matcher


@dataclass
class InputRow:
    file: str
    sheet: str
    row: int  # Excel row number
    wanted: list[Wanted]
    targets: tuple[tuple[str, ...], ...]
    label: str | None = None  # a form's value: the label on its row in the output
    anywhere: bool = False  # a form's value shown in a heading: anywhere in the sheets


def cell_name(r: int, c: int) -> str:
    letters, c = "", c + 1
    while c:
        c, rest = divmod(c - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{r + 1}"


def _label_key(label: Any) -> str:
    return text_key(str(label).rstrip(" *")) if not blank(label) else ""


def _epoch(path: Path) -> dt.date:
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    date1904 = re.search(r"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(1|true)\"", workbook)
    return dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)


def _meta(book: CalamineWorkbook) -> tuple[str | None, int | None]:
    if specs.META_SHEET not in book.sheet_names:
        return None, None
    pairs = {str(row[0]).strip(): row[1] for row in
             book.get_sheet_by_name(specs.META_SHEET).to_python() if len(row) >= 2}
    year = pairs.get("year")
    return (str(pairs.get("kind") or "").strip() or None,
            int(year) if is_number(year) else None)


def _header(rows: list[list[Any]], labels: list[str]) -> tuple[int, dict[int, str]]:
    wanted = {_label_key(label): label for label in labels}
    best: tuple[int, dict[int, str]] = (HEADER_ROW, {})
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {c: wanted[_label_key(v)] for c, v in enumerate(row) if _label_key(v) in wanted}
        if len(found) > len(best[1]):
            best = (r, found)
    return best


def input_rows(path: Path, skip: Callable[[str], bool]) -> Iterable[InputRow | str]:
    """The data rows of one workbook, or a line saying why it cannot be walked.
    ``skip(sheet)``: a finding says the sheet was not read."""
    book = CalamineWorkbook.from_path(str(path))
    kind, year = _meta(book)
    if kind not in specs.KINDS or year is None:
        yield f"«{path.name}»: non è un modello leggibile, ma nessuna segnalazione lo dice"
        return
    epoch = _epoch(path)
    for sheet in specs.spec_for(kind, year).sheets:
        if skip(sheet.name):
            continue
        if sheet.name not in book.sheet_names:
            if getattr(sheet, "optional", False):
                continue  # a sheet added to the template later: nothing in it to lose
            yield f"«{path.name}» › «{sheet.name}»: foglio mancante e non segnalato"
            continue
        rows = book.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
        targets = TARGETS[(kind, sheet.name)]
        if isinstance(sheet, FormSheet):
            yield from _form_rows(path.name, kind, sheet, rows, targets, epoch)
        else:
            yield from _table_rows(path.name, sheet, rows, targets, epoch)


def _form_rows(file: str, kind: str, sheet: FormSheet, rows: list[list[Any]], targets,
               epoch) -> Iterable[InputRow]:
    fields = {_label_key(f.label): f for f in sheet.fields}
    for r, row in enumerate(rows):
        if r <= HEADER_ROW or len(row) < 2 or blank(row[1]):  # title, note, header rows
            continue
        field = fields.get(_label_key(row[0]))
        if field is not None and field.formula:
            continue  # computed by the template
        label = field.label if field else str(row[0])
        if field is not None:
            label = FORM_LABELS.get((kind, field.key), label)
        match = matcher(row[1], field, epoch, in_heading=label is None)
        yield InputRow(file, sheet.name, r + 1, [Wanted(cell_name(r, 1), row[1], match)],
                       targets, label=label and text_key(label), anywhere=label is None)


def _table_rows(file: str, sheet: TableSheet | FixedTable, rows: list[list[Any]], targets,
                epoch) -> Iterable[InputRow]:
    if isinstance(sheet, TableSheet):
        fields = list(sheet.columns)
        labels = [f.label for f in fields]
        printed: set[str] = set()
    else:
        fields = list(sheet.value_columns)
        labels = [sheet.code_header, sheet.label_header] + [f.label for f in fields]
        printed = {text_key(v) for row in sheet.rows for v in (row.code, row.label)}
    by_label = {f.label: f for f in fields}
    header, columns = _header(rows, labels)
    for r in range(header + 1, len(rows)):
        wanted = []
        last_label = None
        for c, value in enumerate(rows[r]):
            if blank(value):
                continue
            label = columns.get(c)
            field = by_label.get(label) if label else None
            if field is not None and field.formula:
                continue  # computed by the template
            if field is None and label is not None and text_key(value) in printed:
                continue  # a code or label the template prints
            wanted.append(Wanted(cell_name(r, c), value, matcher(value, field, epoch)))
            last_label = label
        if wanted and isinstance(sheet, TableSheet) and _as_printed(sheet, wanted, last_label):
            continue  # a row the template prints (a staff group), left as printed
        if wanted:
            yield InputRow(file, sheet.name, r + 1, wanted, targets)


def _as_printed(sheet: TableSheet, wanted: list[Wanted], label: str | None) -> bool:
    """Whether a table row holds only the name of a row the template prints, in its
    column."""
    return (len(wanted) == 1 and sheet.printed_row(wanted[0].value) is not None
            and label == sheet.column(sheet.row_key).label)


# -- the output side --------------------------------------------------------------------


class Consolidated:
    """The consolidated workbook's cells, row by row, ready for comparison."""

    def __init__(self, path: Path) -> None:
        book = openpyxl.load_workbook(path, data_only=True, read_only=True)
        self.rows: dict[str, list[list[Out]]] = {}
        self.titles: dict[str, str] = {}
        for ws in book.worksheets:
            rows = []
            for values in ws.iter_rows(values_only=True):
                cells = [o for o in map(out_cell, values) if o is not None]
                if cells:
                    rows.append(cells)
            self.rows[ws.title] = rows
            first = next(ws.iter_rows(max_row=1, max_col=1, values_only=True), (None,))[0]
            self.titles[ws.title] = text_key(first) if first is not None else ""
        book.close()

    def sheets(self, names: tuple[str, ...], sector: list[str]) -> list[str]:
        """The sheets ``names`` stand for; the sector's own sheet is the first sheet
        titled by one of the names in ``sector``."""
        found = []
        for name in names:
            if name == SECTOR_SHEET:
                for title in sector:
                    mine = [t for t, shown in self.titles.items() if shown == text_key(title)]
                    if mine:
                        found += mine
                        break
            elif name in self.rows:
                found.append(name)
        return found


def _unmatched(row: list[Out], wanted: list[Wanted]) -> list[Wanted]:
    """The wanted values left over when each is given a cell of its own in ``row`` (a
    maximum bipartite matching: three equal amounts need three cells)."""
    options = [[i for i, o in enumerate(row) if w.match(o)] for w in wanted]
    owner: dict[int, int] = {}

    def place(w: int, seen: set[int]) -> bool:
        for i in options[w]:
            if i not in seen:
                seen.add(i)
                if i not in owner or place(owner[i], seen):
                    owner[i] = w
                    return True
        return False

    return [wanted[w] for w in range(len(wanted)) if not place(w, set())]


def _best_row(rows: list[list[Out]], wanted: list[Wanted]) -> tuple[bool, list[Wanted]]:
    """Whether one row holds every wanted value; if not, what the closest row misses."""
    best: list[Wanted] = wanted
    for row in rows:
        if len(row) < len(wanted) - len(best) + 1:
            continue  # cannot do better than the best so far
        missing = _unmatched(row, wanted)
        if not missing:
            return True, []
        if len(missing) < len(best):
            best = missing
    return False, best


def _anywhere(rows: list[list[Out]], wanted: list[Wanted]) -> list[Wanted]:
    return [w for w in wanted if not any(w.match(o) for row in rows for o in row)]


def quoted(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"


def _sector_names(path: Path) -> list[str]:
    """What the sector's sheet may be titled: its name as typed in the form, and the
    file's name without extension (the tool's name for a sector whose name is blank)."""
    book = CalamineWorkbook.from_path(str(path))
    names = []
    if "Settore" in book.sheet_names:
        for row in book.get_sheet_by_name("Settore").to_python():
            if len(row) >= 2 and _label_key(row[0]) == _label_key("Settore") \
                    and row[1] not in (None, ""):
                value = row[1]
                names.append(_number_text(float(value)) if is_number(value) else str(value))
    return names + [path.stem]


def lost_rows(folder: Path, findings: Iterable[Mapping[str, Any]], consolidated: Path | None,
              walked: dict[str, int] | None = None) -> list[str]:
    """Lines naming every row of ``folder`` that is neither in ``consolidated`` nor named
    by one of ``findings`` (dicts or objects with code, file, sheet and cell).

    ``walked``, when given, counts what was looked at: files accounted for by a finding
    (``files_not_read``), files walked, rows and values found in the outputs."""
    walked = walked if walked is not None else {}
    for key in ("files_not_read", "files", "rows", "values"):
        walked.setdefault(key, 0)
    found = [f if isinstance(f, Mapping) else vars(f) for f in findings]
    by_file: dict[str, list[Mapping[str, Any]]] = {}
    for f in found:
        by_file.setdefault(f["file"], []).append(f)
    output = Consolidated(consolidated) if consolidated is not None else None
    lost: list[str] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith(SKIPPED_PREFIXES):
            continue
        mine = by_file.get(path.name, [])
        if any(f["code"] in FILE_NOT_READ and f["sheet"] in (None, specs.META_SHEET)
               for f in mine):
            walked["files_not_read"] += 1
            continue  # a finding says why the file was not read
        if output is None:
            lost.append(f"«{path.name}»: nessun documento consolidato, e nessuna "
                        "segnalazione dice perché il file non è stato letto")
            continue
        named = {(f["sheet"], f["cell"]) for f in mine if f["cell"] and explains(f["code"])}
        columns = {(f["sheet"], re.sub(r"\d", "", f["cell"])) for f in mine
                   if f["code"] in COLUMN_NOT_READ and f["cell"]}
        skipped = {f["sheet"] for f in mine if f["code"] in SHEET_NOT_READ and f["sheet"]}
        try:
            rows = list(input_rows(path, skipped.__contains__))
        except Exception as exc:  # noqa: BLE001 - any failure to walk is a finding to miss
            lost.append(f"«{path.name}»: non si apre ({exc}), ma nessuna segnalazione lo dice")
            continue
        walked["files"] += 1
        sector = _sector_names(path)
        for row in rows:
            if isinstance(row, str):
                lost.append(row)
                continue
            wanted = [w for w in row.wanted if (row.sheet, w.cell) not in named
                      and (row.sheet, re.sub(r"\d", "", w.cell)) not in columns]
            walked["rows"] += 1
            if not wanted:
                continue
            walked["values"] += len(wanted)
            for group in row.targets:
                sheets = output.sheets(group, sector)
                candidates = [r for s in sheets for r in output.rows[s]]
                if row.anywhere:
                    missing = _anywhere(candidates, wanted)
                else:
                    if row.label is not None:  # a form's value: on the row of its label
                        candidates = [r for r in candidates
                                      if any(o.text == row.label for o in r)]
                    ok, missing = _best_row(candidates, wanted)
                    missing = [] if ok else missing
                if missing:
                    where = " / ".join(group).replace(SECTOR_SHEET, f"foglio del settore "
                                                                    f"«{sector[0]}»")
                    cells = ", ".join(f"{w.cell}={quoted(w.value)}" for w in missing)
                    lost.append(f"«{row.file}» › «{row.sheet}» riga {row.row}: non è in "
                                f"«{where}» (mancano {cells}) e nessuna segnalazione "
                                "nomina quelle celle")
    return lost
