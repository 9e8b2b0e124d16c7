"""How every workbook the tool writes looks: colours, number formats, shared cell formats
and page setup.

The templates, the consolidated workbook (both xlsxwriter) and the annotated copies
(openpyxl) draw their colours from here, so that a title, a header row or an error looks
the same in all of them. Colours are written as xlsxwriter takes them ("#1F4E78");
``argb`` gives openpyxl's form ("FF1F4E78").
"""

from __future__ import annotations

from typing import Any, Mapping

from pianoperf_xl.findings import ERROR, INFO, WARNING

# -- colours -----------------------------------------------------------------------------

BLUE = "#1F4E78"  # titles, header rows
WHITE = "#FFFFFF"
GREY_TEXT = "#595959"  # notes and help texts
INPUT_FILL = "#FFF2CC"  # yellow: a cell to fill in (templates)
COMPUTED_FILL = "#E7E6E6"  # grey: computed cells and totals
BORDER = "#A6A6A6"
LIGHT_BORDER = "#BFBFBF"
FAINT_LINE = "#D9D9D9"  # marks' borders, chart gridlines
LINK = "#0563C1"
GOOD = {"bg_color": "#C6EFCE", "font_color": "#006100"}
BAD = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
# A finding's row in a list of findings, by severity.
SEVERITY = {
    ERROR: {"bg_color": "#F8CBAD", "font_color": "#9C0006"},
    WARNING: {"bg_color": "#FFEB9C", "font_color": "#7F6000"},
    INFO: {"bg_color": "#DDEBF7", "font_color": BLUE},
}
# A cell named by a finding, highlighted in an annotated copy, by severity.
HIGHLIGHT = {ERROR: "#F4B6B6", WARNING: "#FFD591", INFO: "#BDD7EE"}
# Chart series, in order; the two sexes of the age pyramid.
SERIES = (BLUE, "#ED7D31", "#70AD47", "#FFC000", "#7F7F7F", "#5B9BD5")
MALE, FEMALE = "#4472C4", "#E46C8C"


def argb(colour: str) -> str:
    """``colour`` as openpyxl writes it: "#1F4E78" -> "FF1F4E78"."""
    return "FF" + colour.lstrip("#").upper()


# -- number formats (the spreadsheet shows them with the user's separators) --------------

THOUSANDS = "#,##0"
TWO_DECIMALS = "#,##0.00"
WHOLE = "0"  # no thousands separator: hours, years
PERCENTAGE = "0.0%"
DAY = "dd/mm/yyyy"

# -- cell formats ------------------------------------------------------------------------

TITLE = {"bold": True, "font_size": 14, "font_color": BLUE}
NOTE = {"italic": True, "font_color": GREY_TEXT}
HEADER = {"bold": True, "text_wrap": True, "valign": "vcenter", "font_color": WHITE,
          "bg_color": BLUE, "border": 1}


class CellFormats:
    """The formats of data cells, made on first use and shared: one per variant (input,
    total, …) and kind of cell. A kind found in ``number_formats`` gets its number
    format, a kind in ``wrapped`` wraps its text; ``base`` goes into every one."""

    def __init__(self, book, number_formats: Mapping[str, str], wrapped: tuple[str, ...],
                 base: Mapping[str, Any]) -> None:
        self.book = book
        self.number_formats = number_formats
        self.wrapped = wrapped
        self.base = dict(base)
        self._made: dict[tuple[str, str], Any] = {}

    def get(self, variant: str, kind: str, extra: Mapping[str, Any]):
        key = (variant, kind)
        if key not in self._made:
            props = {**self.base, **extra}
            if kind in self.number_formats:
                props["num_format"] = self.number_formats[kind]
            if kind in self.wrapped:
                props["text_wrap"] = True
            self._made[key] = self.book.add_format(props)
        return self._made[key]


# -- page setup --------------------------------------------------------------------------

A4 = 9  # xlsxwriter's paper code
FOOTER = "&L&A&RPagina &P di &N"  # the sheet's name left, "Pagina 1 di 3" right
NARROW_MARGINS = {"left": 0.5, "right": 0.5, "top": 0.6, "bottom": 0.6}  # inches


def print_setup(ws, *, landscape: bool = False, fit_width: bool = True,
                repeat_row: int | None = None, footer: bool = True,
                margins: Mapping[str, float] | None = NARROW_MARGINS) -> None:
    """A4, one page wide, the header row on every page, the page number in the footer;
    ``margins`` None keeps the spreadsheet's own."""
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    if fit_width:
        ws.fit_to_pages(1, 0)
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)
    if margins is not None:
        ws.set_margins(**margins)
    if footer:
        ws.set_footer(FOOTER)
