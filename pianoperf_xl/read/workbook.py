"""Open a workbook with python-calamine and read what its hidden metadata sheet says."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pianoperf_xl import spec as specs
from pianoperf_xl.values import clean_text, parse_int

Rows = list[list[Any]]


class UnreadableWorkbook(Exception):
    """The file cannot be opened as a workbook; the message is Italian, for the user."""


@dataclass
class Meta:
    kind: str | None
    version: str | None
    year: int | None


class Workbook:
    """Values of one .xlsx file, sheet by sheet, read once and kept."""

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook

        self.path = path
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises several types for damaged files
            raise UnreadableWorkbook(
                f"Il file «{path.name}» non si apre come cartella di lavoro Excel (.xlsx): "
                "risalvarlo da Excel o LibreOffice in formato .xlsx.") from exc
        self.sheet_names: list[str] = list(self._book.sheet_names)
        self._rows: dict[str, Rows] = {}

    def rows(self, sheet: str) -> Rows:
        """All cells of ``sheet`` from A1, '' for empty cells."""
        if sheet not in self._rows:
            try:
                data = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            except Exception as exc:
                raise UnreadableWorkbook(
                    f"Il foglio «{sheet}» del file «{self.path.name}» non si legge: "
                    "risalvare il file da Excel o LibreOffice.") from exc
            self._rows[sheet] = data
        return self._rows[sheet]

    def meta(self) -> Meta:
        """What the template's hidden ``_meta`` sheet says (all None when it is missing)."""
        if specs.META_SHEET not in self.sheet_names:
            return Meta(None, None, None)
        pairs = {clean_text(row[0]): row[1] for row in self.rows(specs.META_SHEET)
                 if len(row) >= 2}
        year = parse_int(pairs.get("year")).value
        return Meta(clean_text(pairs.get("kind")) or None,
                    clean_text(pairs.get("version")) or None,
                    int(year) if year is not None else None)
