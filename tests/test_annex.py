"""The Word annex ("Allegato A"): written from the bundled sample, reopened with python-docx
and converted to PDF/A with LibreOffice."""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from pianoperf_xl import office
from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret import interpret
from pianoperf_xl.read import read_plan
from pianoperf_xl.write import annex
from pianoperf_xl.write.annex import annex_to_pdf, base_document, pdfa_part, write_annex
from pianoperf_xl.write.annex import pdf as annex_pdf
from pianoperf_xl.write.annex.styles import RIGHT
from pianoperf_xl.write.annex.text import H_SECTORS, sector_heading

from helpers import SAMPLE

HEADING_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s+")


@pytest.fixture(scope="module")
def plan():
    return read_plan(SAMPLE)


@pytest.fixture(scope="module")
def clean_plan(plan):
    """The sample with no error finding (whatever the checks find today)."""
    result = copy.copy(plan)
    result.findings = [f for f in plan.findings if f.severity != "error"]
    return result


@pytest.fixture(scope="module")
def draft_plan(plan):
    result = copy.copy(plan)
    result.findings = [*plan.findings, Finding("budget-total-mismatch", "error",
                                               "Totale diverso dalla somma", "Bilancio.xlsx",
                                               "Entrate", "C14")]
    return result


@pytest.fixture(scope="module")
def annex_path(clean_plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("annex") / "allegato.docx"
    write_annex(interpret(clean_plan), path, delibera_numero="12", delibera_data=dt.date(2022, 3, 15))
    return path


@pytest.fixture(scope="module")
def document(annex_path):
    return docx.Document(str(annex_path))


def all_text(document) -> str:
    """Body, headers and footers, one string."""
    parts = [document.element.body.xpath("string(.)")]
    for section in document.sections:
        parts += [section.header._element.xpath("string(.)"),
                  section.footer._element.xpath("string(.)")]
    return "\n".join(parts)


def table_text(table) -> str:
    return "\n".join("".join(p.xpath(".//w:t/text()")) for p in table._tbl.xpath(".//w:p"))


def sector_tables(document) -> dict[str, list]:
    """Tables after each sector heading (the Heading 2s of the sectors part), by heading."""
    tables: dict[str, list] = {}
    in_sectors, current = False, None
    for block in document.iter_inner_content():
        if isinstance(block, docx.text.paragraph.Paragraph):
            if block.style.name == "Heading 1":
                in_sectors = HEADING_NUMBER.sub("", block.text) == H_SECTORS
                current = None
            elif block.style.name == "Heading 2" and in_sectors:
                current = HEADING_NUMBER.sub("", block.text)
        elif current is not None:
            tables.setdefault(current, []).append(block)
    return tables


def first_header_cell(table) -> str:
    return "".join(table._tbl.tr_lst[0].tc_lst[0].xpath(".//w:t/text()"))


def sector_table(document, sector, header: str):
    for table in sector_tables(document)[sector_heading(sector.name)]:
        if first_header_cell(table) == header:
            return table
    raise AssertionError(f"no table headed {header!r} for {sector.name}")


def test_every_objective_is_in_its_sector_table(document, plan):
    assert len(sector_tables(document)) == len(plan.sectors) == 5
    reading = interpret(plan)
    for sector in plan.sectors:
        text = table_text(sector_table(document, sector, "Cod."))
        for objective in sector.objectives:
            assert objective.title in text, (sector.name, objective.ref)
            assert reading.code_of(objective) in text
            for indicator in objective.indicators:
                for value in (indicator.description, indicator.deadline, indicator.staff_text):
                    assert value is None or value in text


def test_other_sectors_objectives_are_not_in_the_table(document, plan):
    first, second = plan.sectors[0], plan.sectors[1]
    text = table_text(sector_table(document, first, "Cod."))
    only_second = [o.title for o in second.objectives
                   if o.title not in {x.title for x in first.objectives}]
    assert only_second and not any(title in text for title in only_second)


def test_shared_area_is_shown_on_every_objective(document, plan):
    """A merged cell shows its text on its first page only: the area is written on every
    objective, so a page's rows never look as if they had none."""
    sector = next(s for s in plan.sectors if s.name == "Settore Affari Generali")
    text = table_text(sector_table(document, sector, "Cod."))
    assert sum(o.area == "CULTURA/TEMPO LIBERO" for o in sector.objectives) == 4
    assert text.count("CULTURA/TEMPO LIBERO") == 4


def test_staff_names_in_sector_staff_table(document, plan):
    for sector in plan.sectors:
        text = table_text(sector_table(document, sector, "N."))
        for person in sector.staff:
            assert person.name in text
            assert person.grade in text
    affari = next(s for s in plan.sectors if s.name == "Settore Affari Generali")
    text = table_text(sector_table(document, affari, "N."))
    assert "24 ore" in text  # Stefanelli's part-time
    assert "personale esterno" in text  # Comelli, social worker of the Ambito


def test_sector_head_named(document, plan):
    body = document.element.body.xpath("string(.)")
    for sector in plan.sectors:
        assert f"Responsabile: {sector.head}" in body


def budget_tables(document) -> list:
    return [t for t in document.tables if "Previsione 2022" in table_text(t).split("\n")[:6]]


def test_budget_amounts_in_italian_format_right_aligned(document):
    tables = budget_tables(document)
    assert len(tables) == 3  # entrate, spese per titoli, spese per missioni
    revenue, expense, missions = (table_text(t) for t in tables)
    assert "2.511.000,00" in revenue and "1.055.000,00" in revenue
    assert "3.532.600,00" in expense and "528.000,00" in expense
    assert "1.744.490,00" in missions
    assert "Servizi istituzionali, generali e di gestione" in missions
    for text in (revenue, expense, missions):
        assert "5.115.600,00" in text and "5.054.600,00" in text and "5.108.100,00" in text
    number_style = document.styles["PdP Tabella numero"]
    assert number_style.paragraph_format.alignment == RIGHT
    cell = next(c for c in tables[1].rows[2].cells if c.text == "3.532.600,00")
    assert cell.paragraphs[0].style.name == "PdP Tabella numero"


def test_budget_total_rows_bold(document):
    tables = budget_tables(document)
    assert len(tables) == 3  # entrate, spese per titoli, spese per missioni
    for table in tables:
        total = next(row for row in table.rows if "5.115.600,00" in [c.text for c in row.cells])
        runs = [r for c in total.cells for p in c.paragraphs for r in p.runs]
        assert runs and all(r.bold for r in runs)
        plain = table.rows[2]
        assert not any(r.bold for c in plain.cells for p in c.paragraphs for r in p.runs)


def test_header_row_repeats_and_rows_do_not_split(document):
    assert len(document.tables) > 10
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows[1:])


def test_sections_portrait_then_landscape(document, plan):
    sections = document.sections
    assert len(sections) == 1 + len(plan.sectors)
    assert sections[0].orientation == WD_ORIENT.PORTRAIT
    assert sections[0].page_width < sections[0].page_height
    assert round(sections[0].page_width.cm, 1) == 21.0  # A4
    for section in sections[1:]:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert section.page_width > section.page_height


def test_header_and_footer_on_every_section(document, plan):
    for section in document.sections:
        header = section.header._element.xpath("string(.)")
        assert "Comune di Calcinate" in header
        assert "n. 12 del 15/03/2022" in header
        footer = section.footer._element
        assert "Pagina" in footer.xpath("string(.)")
        instructions = [t.strip() for t in footer.xpath(".//w:instrText/text()")]
        assert instructions == ["PAGE", "NUMPAGES"]
    landscape_headers = [s.header._element.xpath("string(.)") for s in document.sections[1:]]
    for sector, header in zip(interpret(plan).sectors, landscape_headers):
        assert sector.name in header


def test_title_page(document):
    first_page = []
    for paragraph in document.paragraphs:
        if paragraph.paragraph_format.page_break_before:
            break
        first_page.append(paragraph.text)
    text = "\n".join(first_page)
    assert "Comune di Calcinate (BG)" in text
    assert "Piano della Performance – Piano degli Obiettivi 2022" in text
    assert "Allegato A alla deliberazione della Giunta Comunale n. 12 del 15/03/2022" in text
    assert document.core_properties.title == "Piano della Performance – Piano degli Obiettivi 2022"
    assert document.core_properties.author == "Comune di Calcinate"


def test_no_bozza_without_errors(document):
    assert "BOZZA" not in all_text(document)
    assert "errore" not in document.element.body.xpath("string(.)")


def test_bozza_with_error_findings(draft_plan, tmp_path):
    path = write_annex(interpret(draft_plan), tmp_path / "bozza.docx")
    document = docx.Document(str(path))
    first_page = document.paragraphs[:4]
    assert "BOZZA" in [p.text for p in first_page]
    assert any("1 errore non risolto" in p.text for p in first_page)
    for section in document.sections:
        assert "BOZZA" in section.header._element.xpath("string(.)")


def test_blank_deliberation_when_unknown(clean_plan, tmp_path):
    path = write_annex(interpret(clean_plan), tmp_path / "senza-numero.docx")
    text = all_text(docx.Document(str(path)))
    assert "Allegato A alla deliberazione della Giunta Comunale n. ____ del ________" in text


def test_introduction_from_the_model(document):
    body = document.element.body.xpath("string(.)").replace("\u00a0", " ")
    assert "art. 169, comma 3-bis, del D.Lgs. 18 agosto 2000, n. 267" in body
    assert "art. 6 del D.L. 9 giugno 2021, n. 80" in body
    assert "sottosezione 2.2" not in body  # D.M. 132/2022, in force after 15/03/2022
    assert "48 obiettivi" in body and "49 indicatori" in body and "5 settori" in body
    assert "del Comune di Calcinate" in body


def test_context_tables(document):
    body = "\n".join(table_text(t) for t in document.tables)
    for value in ("ORLANDO ANGELO", "POLITICHE FINANZIARIE", "Dott.ssa Gravallese Immacolata",
                  "Bellini Angela – Castriciano Alicia", "ufficiotecnico@comune.calcinate.bg.it",
                  "311,26", "321,84", "46,46", "14,72 km²", "415,42 ab./km²", "5.987", "5.985",
                  "54,2%", "5.931", "100,0%"):
        assert value in body, value
    assert "1.042" in document.element.body.xpath("string(.)")


def test_hostile_text_does_not_break_the_document(plan, tmp_path):
    hostile = copy.deepcopy(plan)
    sector = hostile.sectors[0]
    sector.objectives[0].title = "<w:t>&amp; \x07 ]]>\x00 fine"
    sector.objectives[0].indicators[0].deadline = "entro\x0b il 31/12 \ud800"
    sector.staff[0].name = "Cairo\x1f Micaela <b>"
    sector.name = "Settore \x01Affari & Generali"
    path = write_annex(interpret(hostile), tmp_path / "ostile.docx")
    document = docx.Document(str(path))
    text = document.element.body.xpath("string(.)")
    assert "<w:t>&amp;  ]]> fine" in text
    assert "entro il 31/12" in text
    assert "Cairo Micaela <b>" in text
    assert "Settore Affari & Generali" in text


def test_plan_without_ente_and_budget(plan, tmp_path):
    bare = copy.copy(plan)
    bare.ente = None
    bare.budget = None
    bare.sectors = [copy.copy(plan.sectors[0])]
    bare.sectors[0].objectives = []
    path = write_annex(interpret(bare), tmp_path / "minimo.docx")
    document = docx.Document(str(path))
    assert "Il settore non ha indicato obiettivi." in document.element.body.xpath("string(.)")
    assert "Comune di Calcinate" in all_text(document)


def test_base_document_restyled_by_the_comune(clean_plan, tmp_path):
    base = base_document()
    base.styles["Normal"].font.size = docx.shared.Pt(12)
    del_style = base.styles["PdP Nota"].element
    del_style.getparent().remove(del_style)  # a base may lack some styles
    base_path = tmp_path / "carta-intestata.docx"
    header = base.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "Stemma e intestazione del Comune"
    base.save(str(base_path))
    path = write_annex(interpret(clean_plan), tmp_path / "allegato.docx", base=base_path)
    document = docx.Document(str(path))
    assert document.styles["Normal"].font.size == docx.shared.Pt(12)
    for name in annex.STYLE_NAMES:
        assert document.styles[name] is not None
    assert "Stemma e intestazione del Comune" in document.sections[0].header.paragraphs[0].text
    assert "Piano della Performance" in document.element.body.xpath("string(.)")


def test_output_written_atomically(clean_plan, tmp_path):
    target = tmp_path / "out" / "allegato.docx"
    assert write_annex(interpret(clean_plan), target) == target
    assert [p.name for p in target.parent.iterdir()] == ["allegato.docx"]


def pdf_text(pdf_path, docx_path, tmp_path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True,
                              text=True, check=True).stdout
    return office.convert(docx_path, "txt:Text", tmp_path / "txt").read_text(encoding="utf-8")


def pdf_pages(pdf_path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf_path.read_bytes()))


def test_pdfa_with_libreoffice(soffice, annex_path, plan, tmp_path):
    pdf = annex_to_pdf(annex_path, tmp_path / "allegato.pdf")
    assert pdf == tmp_path / "allegato.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdfa_part(pdf) == 2
    assert pdf_pages(pdf) > 5
    text = " ".join(pdf_text(pdf, annex_path, tmp_path).split())
    for sector in plan.sectors:
        assert sector.name in text
    assert "5.115.600,00" in text
    assert "Pagina 1 di" in text


def test_pdf_without_libreoffice(annex_path, tmp_path, monkeypatch):
    monkeypatch.setattr(annex_pdf, "find_soffice", lambda: None)
    with pytest.raises(office.OfficeUnavailable, match="LibreOffice non è installato"):
        annex_to_pdf(annex_path, tmp_path / "allegato.pdf")
    assert not (tmp_path / "allegato.pdf").exists()
