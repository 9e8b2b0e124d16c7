"""The running header (ente, plan, deliberation, sector; BOZZA on a draft) and the footer
("Pagina 1 di 12"). A base document's own header or footer, e.g. a letterhead, is kept."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.section import Section
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph

from pianoperf_xl.model import Sector
from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex.document import Annex
from pianoperf_xl.write.annex.ooxml import XML_SPACE, clean, el, set_paragraph_property
from pianoperf_xl.write.annex.styles import RED, applied_style_id


def has_content(part: Any) -> bool:
    """Whether a header or footer holds text, a picture or a table."""
    element = part._element
    return bool(element.xpath("string(.)").strip()
                or element.xpath(".//w:drawing|.//w:pict|.//w:tbl"))


def header(annex: Annex, section: Section, sector: Sector | None = None) -> None:
    if annex.keep_header:
        return
    paragraph = own_paragraph(annex, section.header, "Header")
    if sector is None:  # the first section, which opens with the title page
        # The title page carries its own title block: no running header under it (its
        # first-page header is left empty); the footer stays the same on every page.
        section.different_first_page_header_footer = True
        empty = own_paragraph(annex, section.first_page_header, "Header")
        # nor the rule the header style draws under the running header
        rule = el("pBdr")
        rule.append(el("bottom", val="nil"))
        set_paragraph_property(empty._p, rule)
        _footer_like_default(annex, section)
    facts = annex.facts
    if facts.draft:
        draft = paragraph.add_run(txt.DRAFT_HEADER)
        draft.bold = True
        draft.font.color.rgb = RGBColor.from_string(RED)
        draft.add_break()
    ente = paragraph.add_run(txt.ente_with_province(facts.ente, facts.province))
    ente.bold = True
    ente.add_break()
    line = f"{txt.plan_title(facts.year, facts.piao)} · {txt.allegato_short(facts)}"
    if sector is not None:
        line += f" · {txt.sector_heading(clean(sector.name))}"
    paragraph.add_run(clean(line))


def _footer_like_default(annex: Annex, section: Section) -> None:
    """The first page's footer, once the first page has its own: as on the other pages
    (a copy of the base document's footer, when it has one)."""
    if annex.keep_footer:
        first = section.first_page_footer
        first.is_linked_to_previous = False
        target = first._element
        for child in list(target):
            target.remove(child)
        for child in section.footer._element:
            target.append(deepcopy(child))
        return
    _page_numbers(own_paragraph(annex, section.first_page_footer, "Footer"))


def footer(annex: Annex, section: Section) -> None:
    if annex.keep_footer:
        return
    _page_numbers(own_paragraph(annex, section.footer, "Footer"))


def _page_numbers(paragraph: Paragraph) -> None:
    paragraph.add_run(txt.PAGE_LABEL)
    _field(paragraph, "PAGE")
    paragraph.add_run(txt.PAGE_OF)
    _field(paragraph, "NUMPAGES")


def document_header(annex: Annex, title: str) -> None:
    """The running header of a document other than the annex (deliberation, Relazione):
    BOZZA on a draft, the ente, then ``title``."""
    line = own_paragraph(annex, annex.doc.sections[0].header, "Header")
    if annex.facts.draft:
        draft = line.add_run(txt.DRAFT_HEADER)
        draft.bold = True
        draft.font.color.rgb = RGBColor.from_string(RED)
        draft.add_break()
    line.add_run(txt.ente_with_province(annex.facts.ente, annex.facts.province)).bold = True
    line.add_run().add_break()
    line.add_run(title)


def own_paragraph(annex: Annex, part: Any, style: str) -> Paragraph:
    """The first paragraph of a header or footer no longer shared with the section before."""
    part.is_linked_to_previous = False
    paragraph = part.paragraphs[0]
    paragraph._p.style = applied_style_id(annex.doc, style, WD_STYLE_TYPE.PARAGRAPH)
    return paragraph


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A PAGE/NUMPAGES field, updated by the word processor when it lays out the page."""
    def char(kind: str) -> None:
        paragraph.add_run()._r.append(el("fldChar", fldCharType=kind))

    char("begin")
    instr = el("instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run("1")
    char("end")
