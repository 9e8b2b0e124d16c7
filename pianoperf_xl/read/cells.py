"""Turn one raw cell into a typed value for its spec field, reporting what is wrong.

Nothing is guessed: a value that cannot be read safely becomes ``None`` plus an error
finding that quotes it; a value understood from text (a number or date typed as text)
is kept and reported as information, so the user knows how it was read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field as dataclass_field
from typing import Any

from pianoperf_xl import reference, spec as specs
from pianoperf_xl.codes import emit
from pianoperf_xl.findings import FindingList, Location
from pianoperf_xl.read.sheetscan import cell_name, column_name
from pianoperf_xl.read.workbook import NotComputed
from pianoperf_xl.spec.base import (
    AMOUNT, CHOICE, DATE, DECIMAL, EMAIL, FREE_TEXT, HOURS, INT, PERCENT, TEXT, Field,
)
from pianoperf_xl.values import (
    Parsed, clean_text, format_amount, format_date, format_number, had_control_chars,
    is_blank, normalize_key, one_line, parse_amount, parse_date, parse_decimal, parse_int,
)

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TYPE_NOUNS = {INT: "un numero intero", AMOUNT: "un importo", DECIMAL: "un numero",
              PERCENT: "una percentuale", HOURS: "un numero di ore", DATE: "una data"}
EXCEL_MAX_CHARS = 32_767  # the most characters an Excel cell holds


_UNSEEN = object()


def quick_value(raw: Any, field: Field) -> Any:
    """The value of the commonest cells as ``CellReader._convert`` reads them, without
    making a ``Location`` for them: printable text within a cell's length in a free-text
    column (stripped), and a blank in a column that is not required (None). Any other
    cell, or one ``_convert`` would report: ``_UNSEEN``, left to ``_convert``.
    ``tests/test_reader_fast_paths.py`` compares the two on every cell of the corpus."""
    if raw.__class__ is not str or len(raw) > EXCEL_MAX_CHARS or not raw.isprintable():
        return _UNSEEN  # NotComputed, numbers, dates; text with control characters
    text = raw.strip()  # printable: nothing else for clean_text to translate or drop
    if not text:
        return _UNSEEN if field.required else None
    return text if field.type in FREE_TEXT else _UNSEEN


@dataclass
class CellReader:
    """Converts cells of one file, collecting findings."""

    file: str
    year: int
    findings: FindingList
    date1904: bool = False
    # Values already converted, by (sheet, cell, field key): a merged area's value is
    # read once, with its findings once, however many rows the area spans.
    _done: dict[tuple[str, str, str], Any] = dataclass_field(default_factory=dict)
    _hidden_noted: set[tuple[str, str, int]] = dataclass_field(default_factory=set)

    def value(self, raw: Any, field: Field, sheet: str, cell: str, *,
              computed: bool = False) -> Any:
        """The typed value of ``raw``; ``computed``: the template's own formula cell."""
        found = quick_value(raw, field)  # reports nothing: the same however often read
        if found is not _UNSEEN:
            return found
        key = (sheet, cell, field.key)
        found = self._done.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self._convert(raw, field, Location(self.file, sheet, cell), computed)
            self._done[key] = found
        return found

    def hidden(self, sheet: str, r: int, c: int, row_hidden: bool, field: Field) -> None:
        """Note, once per row or column, that values were read from hidden cells."""
        noted = (sheet, "row", r) if row_hidden else (sheet, "col", c)
        if noted in self._hidden_noted:
            return
        self._hidden_noted.add(noted)
        what = (f"la riga {r + 1} è nascosta" if row_hidden else
                f"la colonna {column_name(c)} («{field.label}») è nascosta")
        self.findings.extend([emit(
            "cell-hidden", f"Nel foglio «{sheet}» {what}, ma i suoi dati sono stati letti "
            "come quelli visibili: mostrarla per controllarli, o eliminarla se non vanno "
            "usati.", Location(self.file, sheet, cell_name(r, c)))])

    def _convert(self, raw: Any, field: Field, where: Location, computed: bool) -> Any:
        if isinstance(raw, NotComputed):
            return self._not_computed(raw, field, where, computed)
        if isinstance(raw, str) and len(raw) > EXCEL_MAX_CHARS:
            self.findings.extend([emit(
                "cell-too-long", f"«{field.label}»: il testo è lungo "
                f"{format_number(len(raw))} caratteri, più dei {format_number(EXCEL_MAX_CHARS)} "
                "che una cella di Excel può contenere: è stato letto intero, ma va accorciato "
                "(il file non viene da Excel o LibreOffice, che non lo permettono).", where)])
        if is_blank(raw):
            if field.required:
                self.findings.append(emit(
                    "cell-required", f"Manca «{field.label}», che è obbligatorio.", where))
            return None
        if field.type in TYPE_NOUNS:
            return self._typed(raw, field, where)
        if had_control_chars(raw):
            self.findings.append(emit(
                "cell-control-chars",
                f"«{field.label}»: tolti caratteri di controllo invisibili dal testo.", where,
                value=raw))
        text = clean_text(raw)
        if field.type == EMAIL:
            if not EMAIL_RE.match(text):
                self.findings.append(emit(
                    "cell-invalid-email",
                    f"«{field.label}»: «{text}» non sembra un indirizzo email.", where,
                    value=text))
            return text
        if field.type == CHOICE:
            return self._choice(text, field, where)
        if field.type == TEXT and "\n" in text:
            self.findings.append(emit(
                "cell-line-break", f"«{field.label}»: il testo andava a capo (Alt+Invio); è "
                "stato letto su una riga sola.", where, value=raw))
            return one_line(text)
        return text

    def _not_computed(self, raw: NotComputed, field: Field, where: Location,
                      computed: bool) -> None:
        """A formula cell without a usable value: None, never 0, and reported.

        The template's own formulas are written without a cached value when the template
        is pre-filled (a spreadsheet computes them on saving), and the checks recompute
        them from their inputs: only an error value is reported for those.
        """
        if raw.error:
            self.findings.extend([emit(
                "cell-error-value", f"«{field.label}»: la cella contiene l'errore {raw.error} "
                "(di solito una formula che non si può calcolare): correggerla.", where,
                value=raw.error)])
        elif not computed:
            holds = f"la formula «={raw.formula}»" if raw.formula else "una formula"
            self.findings.extend([emit(
                "cell-formula-not-computed", f"«{field.label}»: la cella contiene {holds}, "
                "senza valore calcolato (il file è stato scritto da un programma che non "
                "calcola le formule). Aprirlo in Excel o LibreOffice e salvarlo di nuovo: il "
                "valore non è stato letto.", where,
                value=f"={raw.formula}" if raw.formula else None)])
        return None

    def _typed(self, raw: Any, field: Field, where: Location) -> Any:
        parsed = self._parse(raw, field)
        if parsed.problem:
            self.findings.append(emit(
                "cell-wrong-type", f"«{field.label}» deve essere {TYPE_NOUNS[field.type]}: "
                f"{parsed.problem}", where, value=raw))
            return None
        value = parsed.value
        if field.type == PERCENT and isinstance(raw, str) and "%" in raw:
            value = value / 100
        if field.type == PERCENT and not 0 <= value <= 1:
            self.findings.append(emit(
                "cell-out-of-range", f"«{field.label}»: {format_number(value)} non è una "
                "percentuale tra 0% e 100% (scrivere ad esempio 25%).", where, value=raw))
            return None
        if field.type == HOURS and not 1 <= value <= 36:
            self.findings.append(emit(
                "cell-out-of-range", f"«{field.label}»: {value} ore settimanali; il valore va "
                "da 1 a 36 (vuoto per il tempo pieno).", where, value=raw))
            return None
        if parsed.from_text:
            shown = (format_date(value) if field.type == DATE else format_amount(value)
                     if field.type == AMOUNT else format_number(value))
            self.findings.append(emit(
                "cell-text-as-number" if field.type != DATE else "cell-text-as-date",
                f"«{field.label}»: il testo «{clean_text(raw)}» è stato letto come {shown}; "
                f"meglio scrivere un valore {'data' if field.type == DATE else 'numerico'}.",
                where, value=raw))
        return value

    def _parse(self, raw: Any, field: Field) -> Parsed:
        if field.type == DATE:
            return parse_date(raw, date1904=self.date1904)
        if field.type in (INT, HOURS):
            parsed = parse_int(raw)
            if parsed.value is not None:
                return Parsed(int(parsed.value), parsed.from_text, parsed.problem)
            return parsed
        if field.type == AMOUNT:
            return parse_amount(raw)
        return parse_decimal(raw)

    def _choice(self, text: str, field: Field, where: Location) -> str | None:
        found = match_choice(text, field.choices, self.year)
        if found is None:
            allowed = specs.choices(field.choices, self.year)
            shown = ", ".join(allowed) if len(allowed) <= 12 else "vedere l'elenco a discesa"
            self.findings.append(emit(
                "cell-not-in-list", f"«{field.label}»: «{text}» non è tra i valori ammessi per "
                f"il {self.year} ({shown}).", where, value=text))
        return found if found is not None else text


@functools.lru_cache(maxsize=4096)
def match_choice(text: str, list_name: str, year: int) -> str | None:
    """The canonical value for ``text`` in the closed list ``list_name`` of ``year``, or
    None when it is not there (remembered: a big plan repeats a few values thousands of
    times; the lists are fixed for the program's run)."""
    if list_name == "missione":
        code = reference.normalize_mission_code(text)
        return code if code in reference.missions() else None
    if list_name == "programma":
        code = reference.normalize_programme_code(text)
        return code if code in reference.programmes() else None
    if list_name.startswith("categoria"):
        text = reference.normalize_grade(text)
    key = normalize_key(text)
    return next((value for value in specs.choices(list_name, year)
                 if normalize_key(value) == key), None)
