"""The number format of each cell style, from the workbook's ``xl/styles.xml``.

A cell's ``s`` attribute is an index into ``cellXfs``; each of those names a number
format by id: a code of the workbook's own ``numFmts``, or a built-in one (0-49, which
files do not spell out). The part is read only when a number or a date in a free-text
column needs its text, so a plan without one never parses it.

Built-in ids that depend on the user's locale (the short date 14, the currency ones 5-8
and 41-44) are given as an Italian Excel shows them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from pianoperf_xl.read.numformat import GENERAL
from pianoperf_xl.read.package import local, parse_xml
from pianoperf_xl.read.safety import UnreadableWorkbook, open_zip, read_entry

_EURO = '"€ "'
BUILTIN_FORMATS: dict[int, str] = {
    0: GENERAL, 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: f"{_EURO}#,##0;-{_EURO}#,##0", 6: f"{_EURO}#,##0;[Red]-{_EURO}#,##0",
    7: f"{_EURO}#,##0.00;-{_EURO}#,##0.00", 8: f"{_EURO}#,##0.00;[Red]-{_EURO}#,##0.00",
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "dd/mm/yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "dd/mm/yyyy h:mm",
    37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    41: '_-* #,##0_-;\\-* #,##0_-;_-* "-"_-;_-@_-',
    42: '_-* #,##0\\ "€"_-;\\-* #,##0\\ "€"_-;_-* "-"\\ "€"_-;_-@_-',
    43: '_-* #,##0.00_-;\\-* #,##0.00_-;_-* "-"??_-;_-@_-',
    44: '_-* #,##0.00\\ "€"_-;\\-* #,##0.00\\ "€"_-;_-* "-"??\\ "€"_-;_-@_-',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
}


class CellFormats:
    """Number format codes by cell style index, read on first use."""

    def __init__(self, path: Path, part: str | None) -> None:
        self.path = path
        self.part = part  # the styles part, None when the package has none
        self._codes: list[str] | None = None

    def code(self, style: int) -> str:
        """The format code of cell style ``style`` (General when unknown)."""
        if self._codes is None:
            self._codes = self._read()
        return self._codes[style] if 0 <= style < len(self._codes) else GENERAL

    def _read(self) -> list[str]:
        """The codes; none (every value shown as General shows it) when the part is
        missing, or is one python-calamine read but an XML parser refuses."""
        if self.part is None:
            return []
        try:
            with open_zip(self.path) as archive:
                return style_formats(self.path.name, archive, self.part)
        except UnreadableWorkbook:
            return []


def style_formats(name: str, archive: zipfile.ZipFile, part: str) -> list[str]:
    """The format code of every ``cellXfs`` entry of the styles part ``part``."""
    data = read_entry(name, archive, part)
    if data is None:
        return []
    root = parse_xml(data, name, part)
    custom: dict[int, str] = {}
    codes: list[str] = []
    for element in root.iter():
        tag = local(element.tag)
        if tag == "numFmt":
            number = _id(element.get("numFmtId"))
            if number is not None:
                custom[number] = element.get("formatCode") or GENERAL
        elif tag == "cellXfs":
            for xf in element:
                if local(xf.tag) == "xf":
                    number = _id(xf.get("numFmtId"))
                    codes.append(GENERAL if number is None else
                                 custom.get(number, BUILTIN_FORMATS.get(number, GENERAL)))
    return codes


def _id(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 9 else None
