"""The Word annex ("Allegato A") attached to the Giunta's deliberation, with python-docx.

``write_annex(plan, path)`` builds the whole document from the model: a portrait part
(title page, introduction, internal and external context, budget) and one landscape
section per sector (head, staff, objectives). ``annex_to_pdf`` turns it into PDF/A with
LibreOffice headless. The Italian wording lives in :mod:`annex_text`.

Styles. The look comes from named styles, so a comune can restyle the annex by passing
its own .docx as ``base`` (its body is discarded; its styles, page size and margins are
kept, and so are its header and footer when they hold anything, e.g. a letterhead with
the coat of arms). A style missing from the base is added with the defaults of
:data:`PARAGRAPH_STYLES`. ``base_document()`` returns the default base; save it, edit the
styles in Word or LibreOffice and pass it back. The names:

- paragraph styles: ``Normal`` (body text), ``Title`` (ente name on the title page),
  ``Subtitle`` (plan title), ``Heading 1``/``Heading 2``/``Heading 3``, ``Header``,
  ``Footer``, ``PdP Frontespizio`` (other title-page lines), ``PdP Allegato`` (the
  "Allegato A alla deliberazione …" box), ``PdP Bozza`` (the BOZZA mark), ``PdP Avviso``
  (the sentence under it), ``PdP Elenco`` (lettered lists), ``PdP Titolo tabella``
  (table captions), ``PdP Nota`` (notes under tables), ``PdP Tabella`` (table text),
  ``PdP Tabella numero`` (amounts and counts, right-aligned), ``PdP Tabella centrato``
  (codes), ``PdP Tabella intestazione`` (header rows);
- table style: ``PdP Griglia`` (borders and cell margins of every table).

Speed. Big tables are not built with python-docx's ``add_row()``/``cell.text``: each
table gets one prepared row (``w:tr``) per kind, deep-copied with lxml for every data row,
whose cells are then filled with runs. Text from the workbooks is always set as text
(lxml escapes it); characters XML cannot hold are dropped first.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from copy import deepcopy
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence, Union

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from pianoperf_xl.findings import ERROR
from pianoperf_xl.model import BudgetLine, Objective, OrgUnit, Plan, Record, Sector
from pianoperf_xl.office import OfficeUnavailable, convert, find_soffice
from pianoperf_xl.spec.ente import history_years
from pianoperf_xl.values import format_amount, format_number, normalize_key
from pianoperf_xl.write import annex_text as txt
from pianoperf_xl.write.atomic import atomic_path

__all__ = ["write_annex", "annex_to_pdf", "base_document", "pdfa_part", "STYLE_NAMES"]

# --- look ----------------------------------------------------------------------------

FONT = "Arial"
NAVY = "1F3864"
GREY = "595959"
RED = "C00000"
HEADER_FILL = "D9E2F3"
GROUP_FILL = "F2F2F2"
BORDER = "808080"

A4 = (Cm(21.0), Cm(29.7))
MARGINS = {"top": 2.5, "bottom": 2.0, "left": 2.0, "right": 2.0, "header": 1.0, "footer": 1.0}

FRONT = "PdP Frontespizio"
ALLEGATO = "PdP Allegato"
DRAFT = "PdP Bozza"
NOTICE = "PdP Avviso"
LIST = "PdP Elenco"
CAPTION = "PdP Titolo tabella"
NOTE = "PdP Nota"
CELL = "PdP Tabella"
CELL_NUMBER = "PdP Tabella numero"
CELL_CENTER = "PdP Tabella centrato"
CELL_HEAD = "PdP Tabella intestazione"
NUM, MID = CELL_NUMBER, CELL_CENTER  # column styles, short
GRID = "PdP Griglia"

LEFT, CENTER, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER,
                                WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)


@dataclass(frozen=True)
class StyleSpec:
    """Defaults of one paragraph style (sizes in points, indents in centimetres)."""

    name: str
    base: str | None = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    align: Any = None
    before: float | None = None
    after: float | None = None
    line: float | None = None
    keep_next: bool | None = None
    left: float | None = None
    right: float | None = None
    hanging: float | None = None
    tab: float | None = None  # a left tab stop, cm
    border: str | None = None  # "box" or "bottom"
    border_color: str = BORDER


PARAGRAPH_STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", base=None, size=10.5, align=JUSTIFY, before=0, after=6, line=1.15),
    StyleSpec("Title", size=24, bold=True, color=NAVY, align=CENTER, before=150, after=6,
              line=1.0),
    StyleSpec("Subtitle", size=16, bold=True, color=NAVY, align=CENTER, before=48, after=14,
              line=1.0),
    StyleSpec("Heading 1", size=14, bold=True, color=NAVY, align=LEFT, before=18, after=8,
              keep_next=True, line=1.0, border="bottom", border_color=NAVY),
    StyleSpec("Heading 2", size=12, bold=True, color=NAVY, align=LEFT, before=14, after=6,
              keep_next=True, line=1.0),
    StyleSpec("Heading 3", size=10.5, bold=True, color=NAVY, align=LEFT, before=10, after=4,
              keep_next=True, line=1.0),
    StyleSpec("Header", size=8, color=GREY, align=CENTER, before=0, after=0, line=1.0,
              border="bottom"),
    StyleSpec("Footer", size=8, color=GREY, align=CENTER, before=0, after=0, line=1.0),
    StyleSpec(FRONT, size=12, align=CENTER, before=0, after=4, line=1.0),
    StyleSpec(ALLEGATO, size=10, bold=True, align=CENTER, before=0, after=0, line=1.1,
              left=9.0, border="box"),
    StyleSpec(DRAFT, size=40, bold=True, color=RED, align=CENTER, before=36, after=6,
              line=1.0, left=4.5, right=4.5, border="box", border_color=RED),
    StyleSpec(NOTICE, size=11, italic=True, color=RED, align=CENTER, before=0, after=0,
              line=1.1, left=1.5, right=1.5),
    StyleSpec(LIST, left=1.0, hanging=0.6, tab=1.0, after=3),
    StyleSpec(CAPTION, size=9.5, bold=True, color=NAVY, align=LEFT, before=10, after=4,
              keep_next=True, line=1.0),
    StyleSpec(NOTE, size=8.5, italic=True, color=GREY, align=LEFT, before=2, after=10,
              line=1.0),
    StyleSpec(CELL, size=8.5, align=LEFT, before=1, after=1, line=1.0),
    StyleSpec(CELL_NUMBER, base=CELL, align=RIGHT),
    StyleSpec(CELL_CENTER, base=CELL, align=CENTER),
    StyleSpec(CELL_HEAD, base=CELL, bold=True, align=CENTER),
)

STYLE_NAMES: tuple[str, ...] = tuple(s.name for s in PARAGRAPH_STYLES) + (GRID,)

# --- XML helpers ---------------------------------------------------------------------

W_P, W_R, W_T, W_BR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:br")
W_TC, W_RPR, W_B, W_I = qn("w:tc"), qn("w:rPr"), qn("w:b"), qn("w:i")
W_VAL = qn("w:val")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
             "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
             "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
             "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing",
             "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
             "cnfStyle", "rPr", "sectPr", "pPrChange")
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
              "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
STYLE_ORDER = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
               "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
               "personalCompose", "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr",
               "tcPr", "tblStylePr")

# Characters XML 1.0 cannot hold (and invisible C1 controls): dropped from every text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: Any) -> str:
    """Text safe for a w:t: str(), newlines normalised, tabs as spaces, no control chars."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _NOT_XML.sub("", value)


def _el(tag: str, **attrs: str) -> Any:
    """A python-docx element ``w:tag`` with ``w:`` attributes."""
    return OxmlElement(f"w:{tag}", {qn(f"w:{k}"): v for k, v in attrs.items()})


def _insert_ordered(parent: Any, child: Any, order: Sequence[str]) -> Any:
    """Insert ``child`` into ``parent`` where the schema sequence ``order`` puts it."""
    name = etree.QName(child).localname
    existing = parent.find(child.tag)
    if existing is not None:
        parent.remove(existing)
    later = set(order[order.index(name) + 1:])
    for index, sibling in enumerate(parent):
        if etree.QName(sibling).localname in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _border(kind: str, color: str) -> Any:
    sides = ("top", "left", "bottom", "right") if kind == "box" else (kind,)
    pbdr = _el("pBdr")
    for side in sides:
        pbdr.append(_el(side, val="single", sz="8", space="4", color=color))
    return pbdr


def _shading(fill: str) -> Any:
    return _el("shd", val="clear", color="auto", fill=fill)


# --- styles and base document --------------------------------------------------------


def _set_fonts(rpr_parent: Any, font: str) -> None:
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for key in list(fonts.attrib):
        fonts.attrib.pop(key)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _el("lang")
        rpr.append(lang)
    lang.set(W_VAL, "it-IT")


def _reset_style(style: Any) -> None:
    """Forget the template's character formatting and paragraph borders of ``style``."""
    element = style.element
    for rpr in element.findall(W_RPR):
        element.remove(rpr)
    ppr = element.find(qn("w:pPr"))
    if ppr is not None:
        for child in ppr.findall(qn("w:pBdr")):
            ppr.remove(child)


def _apply_spec(doc: DocxDocument, spec: StyleSpec, overwrite: bool) -> None:
    styles = doc.styles
    try:
        style = styles[spec.name]
    except KeyError:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    else:
        if not overwrite:
            return
        _reset_style(style)
    if spec.base:
        style.base_style = styles[spec.base]
    style.quick_style = True
    if spec.name == "Normal":
        _set_fonts(style.element, FONT)
    font = style.font
    if spec.size is not None:
        font.size = Pt(spec.size)
    font.bold, font.italic = spec.bold, spec.italic
    if spec.color:
        font.color.rgb = RGBColor.from_string(spec.color)
    _apply_paragraph_format(style, spec)


def _apply_paragraph_format(style: Any, spec: StyleSpec) -> None:
    fmt = style.paragraph_format
    if spec.align is not None:
        fmt.alignment = spec.align
    if spec.before is not None:
        fmt.space_before = Pt(spec.before)
    if spec.after is not None:
        fmt.space_after = Pt(spec.after)
    if spec.line is not None:
        fmt.line_spacing = spec.line
    if spec.keep_next is not None:
        fmt.keep_with_next = spec.keep_next
    if spec.left is not None:
        fmt.left_indent = Cm(spec.left)
    if spec.right is not None:
        fmt.right_indent = Cm(spec.right)
    if spec.hanging is not None:
        fmt.first_line_indent = Cm(-spec.hanging)
    if spec.tab is not None:
        fmt.tab_stops.add_tab_stop(Cm(spec.tab))
    if spec.border:
        _insert_ordered(style.element.get_or_add_pPr(), _border(spec.border, spec.border_color),
                        PPR_ORDER)


def _table_style(doc: DocxDocument, overwrite: bool) -> None:
    """``PdP Griglia``: thin grey borders on every cell and small cell margins."""
    try:
        style = doc.styles[GRID]
    except KeyError:
        style = doc.styles.add_style(GRID, WD_STYLE_TYPE.TABLE)
    else:
        if not overwrite:
            return
    element = style.element
    for old in element.findall(qn("w:tblPr")):
        element.remove(old)
    tblpr = _el("tblPr")
    borders = _el("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(side, val="single", sz="4", space="0", color=BORDER))
    margins = _el("tblCellMar")
    for side, width in (("top", "28"), ("left", "85"), ("bottom", "28"), ("right", "85")):
        margins.append(_el(side, w=width, type="dxa"))
    tblpr.extend([borders, margins])
    _insert_ordered(element, tblpr, STYLE_ORDER)


def _define_styles(doc: DocxDocument, *, overwrite: bool) -> None:
    for spec in PARAGRAPH_STYLES:
        _apply_spec(doc, spec, overwrite)
    _table_style(doc, overwrite)


def _set_doc_defaults(doc: DocxDocument) -> None:
    """Document defaults in Arial and Italian, so no theme font leaks in anywhere."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(W_RPR)
    if rpr is None:
        rpr = _el("rPr")
        rpr_default.append(rpr)
    for old in rpr.findall(qn("w:rFonts")) + rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.insert(0, _el("rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT))
    rpr.append(_el("lang", val="it-IT", eastAsia="it-IT", bidi="ar-SA"))


def _page_setup(section: Section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.top_margin, section.bottom_margin = Cm(MARGINS["top"]), Cm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Cm(MARGINS["left"]), Cm(MARGINS["right"])
    section.header_distance = Cm(MARGINS["header"])
    section.footer_distance = Cm(MARGINS["footer"])


def base_document() -> DocxDocument:
    """The default base: python-docx's template with the annex styles and A4 pages."""
    doc = Document()
    _define_styles(doc, overwrite=True)
    _set_doc_defaults(doc)
    _page_setup(doc.sections[0])
    return doc


def _open_base(base: str | os.PathLike | None) -> DocxDocument:
    if base is None:
        return base_document()
    doc = Document(str(base))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _define_styles(doc, overwrite=False)
    return doc


# --- context -------------------------------------------------------------------------


@dataclass
class _Context:
    doc: DocxDocument
    plan: Plan
    facts: txt.AnnexFacts
    portrait: tuple[Any, Any] = (A4[0], A4[1])
    keep_header: bool = False
    keep_footer: bool = False
    headings: list[int] = field(default_factory=lambda: [0, 0])
    tables: int = 0

    @property
    def text_width(self) -> float:
        """Width between the margins of the current (last) section, in cm."""
        section = self.doc.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 360000


def _ente_name(plan: Plan) -> str:
    candidates = [plan.ente.name if plan.ente else None, plan.budget.ente if plan.budget else None,
                  *(s.ente for s in plan.sectors)]
    return next((_optional(c) for c in candidates if _optional(c)), "Ente")


def _optional(text: Any) -> str | None:
    return clean(text).strip() or None


def _facts(plan: Plan, numero: str | None, data: dt.date | None) -> txt.AnnexFacts:
    ente, budget = plan.ente, plan.budget
    return txt.AnnexFacts(
        ente=_ente_name(plan),
        province=_optional(ente.province) if ente else None,
        year=plan.year or (ente.year if ente else None) or dt.date.today().year,
        sectors=len(plan.sectors),
        objectives=len(plan.objectives),
        indicators=sum(len(obj.indicators) for obj in plan.objectives),
        staff=len(plan.staff),
        errors=sum(1 for f in plan.findings if f.severity == ERROR),
        budget_approval=_optional(budget.approval) if budget else None,
        delibera_numero=_optional(numero or (ente.deliberation_number if ente else None)),
        delibera_data=data or plan.approval_date,
    )


# --- paragraphs ----------------------------------------------------------------------


SPACE_AFTER_TABLE = Pt(10)


def _para(ctx: _Context, text: str = "", style: str | None = None) -> Paragraph:
    """A paragraph; body text right after a table gets some space above it."""
    paragraph = ctx.doc.add_paragraph(clean(text), style=style)
    previous = paragraph._p.getprevious()
    if style is None and previous is not None and previous.tag == qn("w:tbl"):
        paragraph.paragraph_format.space_before = SPACE_AFTER_TABLE
    return paragraph


def _heading(ctx: _Context, level: int, text: str, *, page_break: bool = False) -> Paragraph:
    """Headings 1 and 2 are numbered "3." and "3.2"; heading 3 is not."""
    if level == 1:
        ctx.headings[:] = [ctx.headings[0] + 1, 0]
        text = f"{ctx.headings[0]}. {text}"
    elif level == 2:
        ctx.headings[1] += 1
        text = f"{ctx.headings[0]}.{ctx.headings[1]} {text}"
    paragraph = _para(ctx, text, f"Heading {level}")
    if page_break:
        paragraph.paragraph_format.page_break_before = True
    return paragraph


def _block(ctx: _Context, block: txt.Block) -> None:
    for item in block:
        if isinstance(item, tuple):
            for letter, entry in zip("abcdefghijklmnopqrstuvwxyz", item):
                last = _para(ctx, f"{letter})", LIST)
                last.add_run().add_tab()
                last.add_run(clean(entry))
            last.paragraph_format.space_after = Pt(6)
        else:
            _para(ctx, item)


def _caption(ctx: _Context, text: str) -> None:
    """A numbered table caption, kept on the page of its table with the sentence above."""
    ctx.tables += 1
    caption = _para(ctx, f"Tabella {ctx.tables} – {text}", CAPTION)
    previous = caption._p.getprevious()
    if previous is not None and previous.tag == W_P:
        _insert_ordered(previous.get_or_add_pPr(), _el("keepNext"), PPR_ORDER)


def _labelled(ctx: _Context, parts: Sequence[tuple[str, str | None]]) -> None:
    """One paragraph of bold labels and their values, e.g. 'Responsabile: Cairo Micaela'."""
    paragraph = _para(ctx)
    paragraph.paragraph_format.alignment = LEFT
    first = True
    for label, value in parts:
        if not value:
            continue
        if not first:
            paragraph.add_run("    ")
        paragraph.add_run(clean(label)).bold = True
        paragraph.add_run(clean(value))
        first = False


# --- fast tables ---------------------------------------------------------------------

MERGE = object()  # a cell that continues the vertical merge of the cell above

Run = tuple[str, str]  # (text, format: "" | "b" | "i" | "bi")
Para = tuple[Run, ...]
Cell = Union[None, str, Sequence[Para], object]
LONG_ROW = 1500  # characters: a row longer than this may break across pages
KEEP_TOGETHER = 30  # rows: a table this short is kept on one page when it fits


@dataclass(frozen=True)
class Col:
    title: str
    width: float  # relative to the other columns
    style: str = CELL  # CELL, CELL_NUMBER (right-aligned) or CELL_CENTER


@dataclass(frozen=True)
class Row:
    cells: Sequence[Cell]
    bold: bool = False
    shaded: bool = False
    indent: bool = False  # the first cell is indented (a sub-item of the row above)


INDENT_TWIPS = "284"  # 0,5 cm


def _runs(*runs: Run) -> list[Para]:
    """A cell of one paragraph made of ``runs``."""
    return [tuple(runs)]


def _widths(cols: Sequence[Col], width_cm: float) -> list[int]:
    """Column widths in twentieths of a point (dxa) filling ``width_cm``."""
    total = sum(c.width for c in cols)
    return [int(width_cm * 567 * c.width / total) for c in cols]


class _RowFactory:
    """Prepared ``w:tr`` elements for one table, deep-copied for every row."""

    def __init__(self, doc: DocxDocument, cols: Sequence[Col], widths: Sequence[int]):
        self._styles = [doc.styles[c.style].style_id for c in cols]
        self._head_style = doc.styles[CELL_HEAD].style_id
        self._widths = widths
        self._protos: dict[str, Any] = {}

    def _proto(self, kind: str) -> Any:
        if kind not in self._protos:
            self._protos[kind] = self._build(kind)
        return self._protos[kind]

    def _build(self, kind: str) -> Any:
        tr = _el("tr")
        trpr = _el("trPr")
        trpr.append(_el("cantSplit"))
        if kind == "head":
            trpr.append(_el("tblHeader"))
        tr.append(trpr)
        for style, width in zip(self._styles, self._widths):
            tc = _el("tc")
            tcpr = _el("tcPr")
            tcpr.append(_el("tcW", w=str(width), type="dxa"))
            if kind in ("head", "shaded"):
                tcpr.append(_shading(HEADER_FILL if kind == "head" else GROUP_FILL))
            if kind == "head":
                tcpr.append(_el("vAlign", val="center"))
            tc.append(tcpr)
            p = _el("p")
            ppr = _el("pPr")
            ppr.append(_el("pStyle", val=self._head_style if kind == "head" else style))
            p.append(ppr)
            tc.append(p)
            tr.append(tc)
        return tr

    def header(self, titles: Sequence[str]) -> Any:
        tr = deepcopy(self._proto("head"))
        for tc, title in zip(tr.iterchildren(W_TC), titles):
            _fill(tc, title, False)
        return tr

    def row(self, row: Row, previous: Any | None) -> Any:
        tr = deepcopy(self._proto("shaded" if row.shaded else "body"))
        above = list(previous.iterchildren(W_TC)) if previous is not None else []
        for index, (tc, value) in enumerate(zip(tr.iterchildren(W_TC), row.cells)):
            if value is MERGE:
                if index < len(above):
                    _merge_down(above[index], tc)
            else:
                _fill(tc, value, row.bold)
        if row.indent:
            _indent(next(tr.iterchildren(W_TC)))
        if _text_length(row.cells) > LONG_ROW:
            trpr = tr[0]
            trpr.remove(trpr.find(qn("w:cantSplit")))
        return tr


def _text_length(cells: Sequence[Cell]) -> int:
    total = 0
    for value in cells:
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, (list, tuple)):
            total += sum(len(text) for para in value for text, _ in para)
    return total


def _indent(tc: Any) -> None:
    for p in tc.iterchildren(W_P):
        _insert_ordered(p.get_or_add_pPr(), _el("ind", left=INDENT_TWIPS), PPR_ORDER)


def _merge_down(above: Any, tc: Any) -> None:
    above_pr = above.find(qn("w:tcPr"))
    if above_pr.find(qn("w:vMerge")) is None:
        _insert_ordered(above_pr, _el("vMerge", val="restart"), TCPR_ORDER)
    _insert_ordered(tc.find(qn("w:tcPr")), _el("vMerge"), TCPR_ORDER)


def _paragraphs(value: Cell) -> Sequence[Para]:
    if value is None or value is MERGE:
        return ()
    if isinstance(value, str):
        return (((value, ""),),) if value else ()
    return value  # type: ignore[return-value]


def _fill(tc: Any, value: Cell, bold: bool) -> None:
    """Write ``value`` into the cell's prepared paragraph (and copies of it)."""
    paragraphs = _paragraphs(value)
    if not paragraphs:
        return
    first = tc.find(W_P)
    blank = deepcopy(first) if len(paragraphs) > 1 else None
    for index, runs in enumerate(paragraphs):
        p = first
        if index:
            p = deepcopy(blank)
            tc.append(p)
        for text, fmt in runs:
            _add_run(p, text, fmt + ("b" if bold else ""))


def _add_run(p: Any, text: str, fmt: str) -> None:
    text = clean(text)
    if not text:
        return
    r = etree.SubElement(p, W_R)
    if fmt:
        rpr = etree.SubElement(r, W_RPR)
        if "b" in fmt:
            etree.SubElement(rpr, W_B)
        if "i" in fmt:
            etree.SubElement(rpr, W_I)
    for index, line in enumerate(text.split("\n")):
        if index:
            etree.SubElement(r, W_BR)
        t = etree.SubElement(r, W_T)
        t.text = line
        if line != line.strip():
            t.set(XML_SPACE, "preserve")


def _table(ctx: _Context, cols: Sequence[Col], rows: Iterable[Row], *,
           width: float | None = None, keep: bool = True) -> Table:
    """A table of ``rows`` under a header row that repeats on every page; ``keep``: a
    short table is moved to the next page whole rather than split."""
    width_cm = min(width or ctx.text_width, ctx.text_width)
    widths = _widths(cols, width_cm)
    table = ctx.doc.add_table(rows=0, cols=len(cols))
    table.style = ctx.doc.styles[GRID]
    table.autofit = False
    tbl = table._tbl
    for grid_col, twips in zip(tbl.tblGrid.iterchildren(qn("w:gridCol")), widths):
        grid_col.set(qn("w:w"), str(twips))
    tbl_width = tbl.tblPr.find(qn("w:tblW"))
    tbl_width.set(qn("w:type"), "dxa")
    tbl_width.set(qn("w:w"), str(sum(widths)))
    factory = _RowFactory(ctx.doc, cols, widths)
    tbl.append(factory.header([c.title for c in cols]))
    previous = None
    for row in rows:
        previous = factory.row(row, previous)
        tbl.append(previous)
    if keep and len(tbl.tr_lst) <= KEEP_TOGETHER:
        _keep_together(tbl)
    return table


def _keep_together(tbl: Any) -> None:
    """Keep-with-next on every row but the last: word processors then move a short table
    to the next page whole instead of splitting it."""
    for tr in tbl.tr_lst[:-1]:
        for p in tr.iter(W_P):
            _insert_ordered(p.get_or_add_pPr(), _el("keepNext"), PPR_ORDER)


# --- number formatting ---------------------------------------------------------------


def _decimals(values: Iterable[Any]) -> int:
    """Decimals needed to show every value of a row alike (at most two)."""
    places = 0
    for value in values:
        if isinstance(value, Decimal) and value != value.to_integral_value():
            places = max(places, -value.normalize().as_tuple().exponent)
    return min(places, 2)


def _number(value: Any, decimals: int = 0) -> str:
    return "" if value is None else format_number(value, decimals)


def _percent(fraction: Any) -> str:
    return "" if fraction is None else f"{format_number(Decimal(fraction) * 100, 1)}%"


# --- header and footer ---------------------------------------------------------------


def _has_content(part: Any) -> bool:
    element = part._element
    return bool(element.xpath("string(.)").strip()
                or element.xpath(".//w:drawing|.//w:pict|.//w:tbl"))


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A PAGE/NUMPAGES field, updated by the word processor when it lays out the page."""
    def char(kind: str) -> None:
        paragraph.add_run()._r.append(_el("fldChar", fldCharType=kind))

    char("begin")
    instr = _el("instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _header(ctx: _Context, section: Section, sector: Sector | None = None) -> None:
    if ctx.keep_header:
        return
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = ctx.doc.styles["Header"]
    if ctx.facts.draft:
        draft = paragraph.add_run(txt.DRAFT_HEADER)
        draft.bold = True
        draft.font.color.rgb = RGBColor.from_string(RED)
        draft.add_break()
    ente = paragraph.add_run(txt.ente_with_province(ctx.facts.ente, ctx.facts.province))
    ente.bold = True
    ente.add_break()
    line = f"{txt.plan_title(ctx.facts.year)} · {txt.allegato_short(ctx.facts)}"
    if sector is not None:
        line += f" · {txt.sector_heading(clean(sector.name))}"
    paragraph.add_run(clean(line))


def _footer(ctx: _Context, section: Section) -> None:
    if ctx.keep_footer:
        return
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = ctx.doc.styles["Footer"]
    paragraph.add_run(txt.PAGE_LABEL)
    _field(paragraph, "PAGE")
    paragraph.add_run(txt.PAGE_OF)
    _field(paragraph, "NUMPAGES")


# --- title page and introduction -----------------------------------------------------


def _title_page(ctx: _Context) -> None:
    facts = ctx.facts
    _para(ctx, txt.allegato_line(facts), ALLEGATO)
    if facts.draft:
        _para(ctx, txt.DRAFT_MARK, DRAFT)
        _para(ctx, txt.draft_notice(facts), NOTICE)
    _para(ctx, txt.ente_with_province(facts.ente, facts.province), "Title")
    _para(ctx, txt.plan_title(facts.year), "Subtitle")
    for line in txt.title_page_lines(facts):
        _para(ctx, line, FRONT)
    _para(ctx, txt.title_page_references(facts.year), NOTE).paragraph_format.alignment = CENTER


def _introduction(ctx: _Context) -> None:
    _heading(ctx, 1, txt.H_INTRO, page_break=True)
    _block(ctx, txt.introduction(ctx.facts))
    _heading(ctx, 1, txt.H_LAW)
    _block(ctx, txt.legal_basis(ctx.facts))
    _heading(ctx, 1, txt.H_PROCESS)
    _block(ctx, txt.formation(ctx.facts))
    _summary_table(ctx)


def _summary_table(ctx: _Context) -> None:
    sectors = ctx.plan.sectors
    if not sectors:
        return
    _caption(ctx, txt.CAPTION_SUMMARY)
    names = txt.COLS_SUMMARY
    cols = [Col(names[0], 6.0), Col(names[1], 4.5), Col(names[2], 2.0, NUM),
            Col(names[3], 2.0, NUM), Col(names[4], 2.0, NUM)]
    rows = [Row([s.name, s.head, _number(len(s.staff)), _number(len(s.objectives)),
                 _number(len(s.indicators))]) for s in sectors]
    rows.append(Row([txt.SUMMARY_TOTAL, None, _number(ctx.facts.staff),
                     _number(ctx.facts.objectives), _number(ctx.facts.indicators)],
                    bold=True, shaded=True))
    _table(ctx, cols, rows)


# --- internal context ----------------------------------------------------------------


def _internal_context(ctx: _Context) -> None:
    ente = ctx.plan.ente
    if ente is None:
        return
    _heading(ctx, 1, txt.H_INTERNAL)
    _block(ctx, txt.internal_context(ctx.facts))
    _bodies_table(ctx)
    _structure_table(ctx)
    _staff_history(ctx)


def _bodies_table(ctx: _Context) -> None:
    bodies = ctx.plan.ente.bodies
    if not bodies:
        return
    _heading(ctx, 2, txt.H_BODIES)
    _caption(ctx, txt.CAPTION_BODIES)
    names = txt.COLS_BODIES
    cols = [Col(names[0], 2.2), Col(names[1], 3.4), Col(names[2], 4.6), Col(names[3], 6.8)]
    rows = [Row([b.role, _runs((b.name, "b")), b.portfolio,
                 tuple(((v, ""),) for v in (b.office_hours, b.email) if v)]) for b in bodies]
    _table(ctx, cols, rows)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and normalize_key(a) == normalize_key(b)


def _office_row(unit: OrgUnit) -> Row:
    people = " – ".join(unit.people) or unit.head
    lines = tuple(((v, f), ) for v, f in ((people, ""), (unit.notes, "i")) if v)
    return Row([unit.name, lines, unit.email], indent=True)


def _structure_rows(units: Sequence[OrgUnit]) -> list[Row]:
    """Segretario first, then each settore (shaded) followed by its uffici."""
    sectors = [u for u in units if normalize_key(u.kind) == "settore"]
    offices = [u for u in units if normalize_key(u.kind) in ("ufficio", "servizio")]
    rows = [Row([_runs((u.name, "b")), u.head, u.email]) for u in units
            if normalize_key(u.kind) == "segretario"]
    placed: set[int] = set()
    for sector in sectors:
        head = _runs((txt.STRUCTURE_HEAD, "i"), (sector.head or "", "b"))
        rows.append(Row([_runs((sector.name, "b")), head, sector.email], shaded=True))
        for office in offices:
            if _same(office.parent_sector, sector.name):
                rows.append(_office_row(office))
                placed.add(id(office))
    orphans = [o for o in offices if id(o) not in placed]
    if orphans:
        rows.append(Row([_runs((txt.STRUCTURE_OTHER, "b")), None, None], shaded=True))
        rows.extend(_office_row(o) for o in orphans)
    return rows


def _structure_table(ctx: _Context) -> None:
    units = ctx.plan.ente.organigram
    if not units:
        return
    _heading(ctx, 2, txt.H_STRUCTURE)
    _caption(ctx, txt.CAPTION_STRUCTURE)
    names = txt.COLS_STRUCTURE
    cols = [Col(names[0], 5.6), Col(names[1], 5.4), Col(names[2], 6.0)]
    _table(ctx, cols, _structure_rows(units))


def _year_table(ctx: _Context, records: Sequence[Record], first_col: str,
                label: Callable[[Record, int], tuple[str, bool, bool]]) -> None:
    """A table of records by year (staff history, average age): label, then one column
    per year that has a value; ``label`` gives (text, bold, shaded) for each record."""
    years = [str(y) for y in history_years(ctx.facts.year)
             if any(r.get(str(y)) is not None for r in records)]
    if not years:
        return
    cols = [Col(first_col, 4.6)] + [Col(y, 1.4, NUM) for y in years]
    rows = []
    for index, record in enumerate(records):
        text, bold, shaded = label(record, index)
        places = _decimals(record.get(y) for y in years)
        rows.append(Row([text, *(_number(record.get(y), places) for y in years)],
                        bold=bold, shaded=shaded, indent=bool(record.get("categoria"))))
    _table(ctx, cols, rows)


def _history_label(records: Sequence[Record]) -> Callable[[Record, int], tuple[str, bool, bool]]:
    def label(record: Record, index: int) -> tuple[str, bool, bool]:
        group, grade = clean(record.get("gruppo")), clean(record.get("categoria"))
        if grade:
            return grade, False, False
        has_grades = index + 1 < len(records) and bool(records[index + 1].get("categoria"))
        is_total = normalize_key(group).startswith("totale")
        return group, has_grades or is_total, is_total
    return label


def _staff_history(ctx: _Context) -> None:
    ente = ctx.plan.ente
    if not ente.staff_history and not ente.average_age:
        return
    _heading(ctx, 2, txt.H_STAFF)
    years = history_years(ctx.facts.year)
    if ente.staff_history:
        _para(ctx, txt.staff_history_intro(years[0], years[-1]))
        _caption(ctx, txt.CAPTION_HISTORY)
        _year_table(ctx, ente.staff_history, txt.COL_HISTORY, _history_label(ente.staff_history))
    if ente.average_age:
        _para(ctx, txt.average_age_intro())
        _caption(ctx, txt.CAPTION_AGE)
        _year_table(ctx, ente.average_age, txt.COL_AGE,
                    lambda record, _: (clean(record.get("gruppo")), False, False))


# --- external context ----------------------------------------------------------------


def _density(area: Decimal | None, inhabitants: int | None,
             declared: Decimal | None) -> Decimal | None:
    if area and inhabitants:
        return (Decimal(inhabitants) / Decimal(area)).quantize(Decimal("0.01"))
    return declared


def _external_context(ctx: _Context) -> None:
    ente = ctx.plan.ente
    if ente is None:
        return
    _heading(ctx, 1, txt.H_EXTERNAL)
    _territory(ctx)
    _population(ctx)


def _territory(ctx: _Context) -> None:
    ente = ctx.plan.ente
    values = {
        "superficie": _number(ente.area_km2, 2) if ente.area_km2 is not None else "",
        "abitanti": _number(ente.inhabitants),
        "densita": _number(_density(ente.area_km2, ente.inhabitants, ente.density_declared), 2),
    }
    labels = dict(txt.TERRITORY_ROWS, abitanti=txt.inhabitants_label(ctx.facts.year))
    rows = [Row([labels[k], txt.territory_value(k, v)]) for k, v in values.items() if v]
    if not rows:
        return
    _heading(ctx, 2, txt.H_TERRITORY)
    _para(ctx, txt.territory_intro(ctx.facts))
    _caption(ctx, txt.CAPTION_TERRITORY)
    _table(ctx, [Col(txt.COLS_TERRITORY[0], 6.0), Col(txt.COLS_TERRITORY[1], 3.5, NUM)], rows,
           width=9.5)


def _population(ctx: _Context) -> None:
    ente = ctx.plan.ente
    form = ente.population
    if form is None and not ente.pyramid:
        return
    _heading(ctx, 2, txt.H_POPULATION)
    if form is not None:
        _balance_tables(ctx, form)
    if ente.pyramid:
        _pyramid_table(ctx, form)
    if form is not None and form.get("stranieri") is not None:
        _para(ctx, txt.foreigners_sentence(form.get("stranieri"),
                                           _percent(form.get("stranieri_percentuale")) or None,
                                           form.get("data_stranieri")))


def _two_column_table(ctx: _Context, headers: Sequence[str], rows: list[Row]) -> None:
    cols = [Col(headers[0], 9.0), Col(headers[1], 3.0, NUM)]
    _table(ctx, cols, rows, width=12.0)


def _balance_tables(ctx: _Context, form: Record) -> None:
    year = form.get("anno_bilancio")
    rows = []
    for key, label, emphasis in txt.population_rows(form.get("anno_censimento"), year):
        if form.get(key) is not None:
            rows.append(Row([label, _number(form.get(key))], bold=emphasis == "total",
                            shaded=emphasis == "total", indent=emphasis == "sub"))
    if rows:
        _para(ctx, txt.population_intro(year))
        _caption(ctx, txt.CAPTION_POPULATION)
        _two_column_table(ctx, txt.COLS_POPULATION, rows)
    ages = [Row([label, _number(form.get(key))]) for key, label in txt.AGE_GROUP_ROWS
            if form.get(key) is not None]
    if ages:
        _caption(ctx, txt.CAPTION_AGE_GROUPS)
        _two_column_table(ctx, txt.COLS_POPULATION, ages)


def _pyramid_table(ctx: _Context, form: Record | None) -> None:
    _para(ctx, txt.pyramid_intro(form.get("data_piramide") if form is not None else None))
    _caption(ctx, txt.CAPTION_PYRAMID)
    names = txt.COLS_PYRAMID
    cols = [Col(names[0], 2.2, MID)] + [Col(n, 2.0, NUM) for n in names[1:]]
    rows = []
    for record in ctx.plan.ente.pyramid:
        total = record.get("code") == "TOT"
        rows.append(Row([record.get("label") or record.get("code"),
                         _number(record.get("maschi")), _percent(record.get("perc_maschi")),
                         _number(record.get("femmine")), _percent(record.get("perc_femmine")),
                         _number(record.get("totale")), _percent(record.get("perc_totale"))],
                        bold=total, shaded=total))
    _table(ctx, cols, rows, width=15.0)


# --- financial resources -------------------------------------------------------------


def _visible_lines(lines: Sequence[BudgetLine]) -> list[BudgetLine]:
    """Lines with an amount; a total equal to the total just shown is left out."""
    shown: list[BudgetLine] = []
    last_total: dict[int, Any] | None = None
    for line in lines:
        if all(v is None for v in line.amounts.values()):
            continue
        if line.is_total:
            if line.amounts == last_total:
                continue
            last_total = line.amounts
        shown.append(line)
    return shown


def _budget_table(ctx: _Context, caption: str, code_header: str,
                  lines: Sequence[BudgetLine]) -> None:
    years = ctx.plan.budget.years
    visible = _visible_lines(lines)
    if not visible or not years:
        return
    _caption(ctx, caption)
    cols = [Col(code_header, 1.8, MID), Col(txt.COL_LABEL, 7.9)] + [
        Col(txt.col_forecast(y), 2.9, NUM) for y in years]
    rows = []
    for line in visible:
        code = line.code if line.code[:1].isdigit() else ""
        amounts = [format_amount(line.amounts[y]) if line.amounts.get(y) is not None else ""
                   for y in years]
        rows.append(Row([code, line.official_label or line.label, *amounts],
                        bold=line.is_total, shaded=line.is_total))
    _table(ctx, cols, rows)


def _finances(ctx: _Context) -> None:
    budget = ctx.plan.budget
    if budget is None:
        return
    _heading(ctx, 1, txt.H_FINANCE)
    _para(ctx, txt.finance_intro(ctx.facts))
    _budget_table(ctx, txt.CAPTION_REVENUE, txt.COL_CODE_TITLE, budget.revenue)
    _budget_table(ctx, txt.CAPTION_EXPENSE, txt.COL_CODE_TITLE, budget.expense)
    _budget_table(ctx, txt.CAPTION_MISSIONS, txt.COL_CODE_MISSION, budget.missions)
    _budget_table(ctx, txt.CAPTION_PROGRAMMES, txt.COL_CODE_PROGRAMME, budget.programmes)


# --- sectors -------------------------------------------------------------------------


def _landscape_section(ctx: _Context) -> Section:
    section = ctx.doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = ctx.portrait[1], ctx.portrait[0]
    return section


def _staff_table(ctx: _Context, sector: Sector) -> None:
    _heading(ctx, 3, txt.H_SECTOR_STAFF)
    if not sector.staff:
        _para(ctx, txt.NO_STAFF, NOTE)
        return
    names = txt.COLS_STAFF
    cols = [Col(names[0], 1.0, MID), Col(names[1], 5.5), Col(names[2], 5.5), Col(names[3], 7.0),
            Col(names[4], 2.2, MID), Col(names[5], 2.4, MID)]
    rows = []
    for number, person in enumerate(sector.staff, 1):
        name: list[Para] = [((person.name, ""),)]
        if normalize_key(person.relation) == "esterno":
            name.append(((txt.EXTERNAL_STAFF, "i"),))
        hours = txt.part_time(person.weekly_hours) if person.weekly_hours else ""
        rows.append(Row([str(number), name, person.profile, person.office, person.grade,
                         hours]))
    _table(ctx, cols, rows)


def _indicator_cell(indicator: Any) -> list[Para]:
    if indicator is None:
        return []
    cell: list[Para] = []
    if indicator.description:
        cell.append(((indicator.description, ""),))
    for label, value in ((txt.LABEL_TARGET, indicator.target),
                         (txt.LABEL_DEADLINE, indicator.deadline)):
        if value:
            cell.append(((label, "i"), (value, "")))
    return cell


def _objective_cell(objective: Objective) -> list[Para]:
    cell: list[Para] = [((objective.title, ""),)] if objective.title else []
    where = txt.mission_programme(objective.mission, objective.programme)
    if where:
        cell.append(((where, "i"),))
    return cell


def _weight(objective: Objective) -> str:
    weight = objective.weight
    if weight is None:
        return ""
    points = weight * 100 if weight <= 1 else weight
    return f"{format_number(points, _decimals([points]))}%"


def _objective_rows(sector: Sector, weights: bool) -> Iterable[Row]:
    """One row per indicator; the objective's cells merge over its indicators, and the
    area and azione merge over consecutive objectives that share them."""
    previous_area = previous_action = None
    for objective in sector.objectives:
        area = normalize_key(objective.area) or None
        action = (area, normalize_key(objective.action)) if objective.action else None
        area_cell = MERGE if area and area == previous_area else objective.area
        action_cell = MERGE if action and action == previous_action else objective.action
        previous_area, previous_action = area, action
        for index, indicator in enumerate(objective.indicators or [None]):
            staff = (indicator.staff_text or ", ".join(indicator.staff_refs)) if indicator else ""
            if index == 0:
                head = [objective.ref, area_cell, action_cell, _objective_cell(objective)]
            else:
                head = [MERGE] * 4
            tail = [_weight(objective) if index == 0 else MERGE] if weights else []
            yield Row([*head, _indicator_cell(indicator), staff, *tail])


def _objectives_table(ctx: _Context, sector: Sector) -> None:
    _heading(ctx, 3, txt.sector_objectives_heading(ctx.facts.year))
    if not sector.objectives:
        _para(ctx, txt.NO_OBJECTIVES, NOTE)
        return
    names = txt.COLS_OBJECTIVES
    cols = [Col(names[0], 1.3, MID), Col(names[1], 3.0), Col(names[2], 4.6), Col(names[3], 7.6),
            Col(names[4], 5.2), Col(names[5], 3.3)]
    weights = any(o.weight is not None for o in sector.objectives)
    if weights:
        cols.append(Col(txt.COL_WEIGHT, 1.3, NUM))
    _table(ctx, cols, _objective_rows(sector, weights), keep=False)


def _sector_section(ctx: _Context, sector: Sector, first: bool) -> None:
    section = _landscape_section(ctx)
    _header(ctx, section, sector)
    if first:
        _heading(ctx, 1, txt.H_SECTORS)
        _block(ctx, txt.sectors_intro(ctx.facts))
    _heading(ctx, 2, txt.sector_heading(clean(sector.name)))
    _labelled(ctx, [(txt.LABEL_HEAD, clean(sector.head)), (txt.LABEL_EMAIL, clean(sector.email))])
    _staff_table(ctx, sector)
    _objectives_table(ctx, sector)


# --- document ------------------------------------------------------------------------


def _core_properties(ctx: _Context) -> None:
    props = ctx.doc.core_properties
    props.title = txt.plan_title(ctx.facts.year)
    props.subject = txt.allegato_line(ctx.facts)
    props.author = ctx.facts.ente
    props.last_modified_by = ctx.facts.ente
    props.language = "it-IT"
    props.keywords = "Piano della performance; PEG; PDO; PIAO"
    props.comments = ""
    props.created = props.modified = dt.datetime.now().replace(microsecond=0)


def write_annex(plan: Plan, path: str | os.PathLike, *, delibera_numero: str | None = None,
                delibera_data: dt.date | None = None,
                base: str | os.PathLike | None = None) -> Path:
    """Write "Allegato A" for ``plan`` to ``path`` (.docx) and return the path.

    ``delibera_numero`` and ``delibera_data`` default to the ente's deliberation number and
    the plan's approval date; when unknown the annex has blank lines to fill in by hand.
    ``base`` is a .docx whose styles, page setup, header and footer are used (see the
    module docstring for the style names). A plan with error findings is marked BOZZA.
    """
    ctx = _Context(base_document() if base is None else _open_base(base), plan,
                   _facts(plan, delibera_numero, delibera_data))
    first = ctx.doc.sections[0]
    ctx.portrait = (first.page_width, first.page_height)
    ctx.keep_header = base is not None and _has_content(first.header)
    ctx.keep_footer = base is not None and _has_content(first.footer)
    _core_properties(ctx)
    _header(ctx, first)
    _footer(ctx, first)
    _title_page(ctx)
    for part in (_introduction, _internal_context, _external_context, _finances):
        part(ctx)
    for index, sector in enumerate(plan.sectors):
        _sector_section(ctx, sector, index == 0)
    with atomic_path(path) as tmp:
        ctx.doc.save(str(tmp))
    return Path(path)


# --- PDF/A ---------------------------------------------------------------------------

# LibreOffice's PDF export options as JSON after the filter name (LibreOffice 7.4 and
# later): SelectPdfVersion 2 is PDF/A-2b.
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
_PDFA_PART = re.compile(rb"pdfaid:part(?:>|=\s*[\"'])\s*(\d)")


def pdfa_part(pdf: str | os.PathLike) -> int | None:
    """The PDF/A part declared in the PDF's XMP metadata (``pdfaid:part``), if any."""
    match = _PDFA_PART.search(Path(pdf).read_bytes())
    return int(match.group(1)) if match else None


def annex_to_pdf(docx_path: str | os.PathLike, pdf_path: str | os.PathLike, *,
                 timeout: float = 900) -> Path:
    """Convert the annex to PDF/A-2b with LibreOffice headless; returns ``pdf_path``.

    Raises ``OfficeUnavailable`` (Italian message) when LibreOffice is missing, fails, or
    does not produce a PDF/A. ``timeout`` in seconds: a plan of 10,000 objectives (about
    1,400 pages) takes LibreOffice under a minute.
    """
    source = Path(docx_path)
    if find_soffice() is None:
        raise OfficeUnavailable(
            f"LibreOffice non è installato: impossibile produrre il PDF/A di {source.name}. "
            "Installare LibreOffice oppure convertire il file .docx in PDF/A con un altro "
            "programma.")
    with tempfile.TemporaryDirectory(prefix="pianoperf-annex-") as out_dir:
        produced = convert(source, PDFA_FILTER, out_dir, timeout=timeout)
        if pdfa_part(produced) is None:
            raise OfficeUnavailable(f"LibreOffice ha convertito {source.name} in PDF, ma non "
                                    "in formato PDF/A.")
        with atomic_path(pdf_path) as tmp:
            shutil.move(str(produced), str(tmp))
    return Path(pdf_path)
