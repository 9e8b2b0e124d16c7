"""The look of the annex: named styles, colours, page setup and the base document.

The look comes from named styles, so a comune can restyle the annex by passing its own
.docx as ``base`` to ``write_annex`` (its body is discarded; its styles, page size and
margins are kept, and so are its header and footer when they hold anything, e.g. a
letterhead with the coat of arms). A style missing from the base is added with the
defaults of :data:`PARAGRAPH_STYLES`. :func:`base_document` returns the default base; save
it, edit the styles in Word or LibreOffice and pass it back. The names:

- paragraph styles: ``Normal`` (body text), ``Title`` (ente name on the title page),
  ``Subtitle`` (plan title), ``Heading 1``/``Heading 2``/``Heading 3``, ``Header``,
  ``Footer``, ``PdP Frontespizio`` (other title-page lines), ``PdP Allegato`` (the
  "Allegato A alla deliberazione …" box), ``PdP Bozza`` (the BOZZA mark), ``PdP Avviso``
  (the sentence under it), ``PdP Elenco`` (lettered lists), ``PdP Titolo tabella``
  (table captions), ``PdP Nota`` (notes under tables), ``PdP Tabella`` (table text),
  ``PdP Tabella numero`` (amounts and counts, right-aligned), ``PdP Tabella centrato``
  (codes), ``PdP Tabella intestazione`` (header rows);
- table style: ``PdP Griglia`` (borders and cell margins of every table).
"""

from __future__ import annotations

import os
from pathlib import Path
import weakref
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor

from pianoperf_xl.errors import Unusable
from pianoperf_xl.write.annex.ooxml import (STYLE_ORDER, W_RPR, border, el, insert_ordered,
                                            set_paragraph_property)

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


def base_document() -> DocxDocument:
    """The default base: python-docx's template with the annex styles and A4 pages."""
    doc = Document()
    _define_styles(doc, overwrite=True)
    _set_doc_defaults(doc)
    _page_setup(doc.sections[0])
    return doc


class UnusableBase(Unusable):
    """The comune's base document cannot be opened; the message is Italian."""


def open_base(base: str | os.PathLike | None) -> DocxDocument:
    """The document to write into: ``base`` without its body, and with any missing annex
    style added; the default base when ``base`` is None."""
    if base is None:
        return base_document()
    try:
        doc = Document(str(base))
    except Exception as exc:  # python-docx raises several types for a file it cannot use
        raise UnusableBase(f"Il modello Word «{Path(base).name}» non si apre come documento "
                           ".docx: salvarlo da Word o LibreOffice in formato .docx.") from exc
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _define_styles(doc, overwrite=False)
    return doc


def _define_styles(doc: DocxDocument, *, overwrite: bool) -> None:
    for spec in PARAGRAPH_STYLES:
        _apply_spec(doc, spec, overwrite)
    _table_style(doc, overwrite)


def _font_and_language(rpr: Any, **lang: str) -> None:
    """Every script of ``rpr`` in Arial, and ``lang`` as its ``w:lang`` attributes."""
    for old in rpr.findall(qn("w:rFonts")) + rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.insert(0, el("rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT))
    rpr.append(el("lang", **lang))


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
        _font_and_language(style.element.get_or_add_rPr(), val="it-IT")
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
        set_paragraph_property(style.element, border(spec.border, spec.border_color))


# Style ids by name, per document: python-docx searches the whole styles part again on
# every ``doc.styles[name]`` and every ``style=``, which thousands of tables and
# paragraphs pay for. Styles are set up before any content is added, and never renamed.
_STYLE_IDS: weakref.WeakKeyDictionary[Any, dict[Any, str | None]] = weakref.WeakKeyDictionary()


def style_id(doc: DocxDocument, name: str) -> str:
    """``doc.styles[name].style_id``, looked up once per document."""
    ids = _STYLE_IDS.setdefault(doc.part, {})
    if name not in ids:
        ids[name] = doc.styles[name].style_id
    return ids[name]  # type: ignore[return-value]


def applied_style_id(doc: DocxDocument, name: str, kind: WD_STYLE_TYPE) -> str | None:
    """What python-docx writes when a paragraph or table is given the style ``name``:
    its id, or None for the default style of its kind; looked up once per document."""
    ids = _STYLE_IDS.setdefault(doc.part, {})
    key = (name, kind)
    if key not in ids:
        ids[key] = doc.part.get_style_id(name, kind)
    return ids[key]


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
    tblpr = el("tblPr")
    borders = el("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(side, val="single", sz="4", space="0", color=BORDER))
    margins = el("tblCellMar")
    for side, width in (("top", "28"), ("left", "85"), ("bottom", "28"), ("right", "85")):
        margins.append(el(side, w=width, type="dxa"))
    tblpr.extend([borders, margins])
    insert_ordered(element, tblpr, STYLE_ORDER)


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
        rpr = el("rPr")
        rpr_default.append(rpr)
    _font_and_language(rpr, val="it-IT", eastAsia="it-IT", bidi="ar-SA")


def _page_setup(section: Section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.top_margin, section.bottom_margin = Cm(MARGINS["top"]), Cm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Cm(MARGINS["left"]), Cm(MARGINS["right"])
    section.header_distance = Cm(MARGINS["header"])
    section.footer_distance = Cm(MARGINS["footer"])
