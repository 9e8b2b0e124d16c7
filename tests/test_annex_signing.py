"""The Allegato A as a segretario signs it (issue 13, point 4): sectors in the organigram's
order, codes unique and alike, laws of the approval date, references that do not break,
the declared density, no running header on the title page, no lonely last row, the area
on every page. Written from the bundled sample and reopened; laid out by LibreOffice."""

from __future__ import annotations

import copy
import datetime as dt
import re

import docx
import pytest

from pianoperf_xl.interpret import interpret
from pianoperf_xl.interpret.codes import objective_codes, sector_prefixes
from pianoperf_xl.read import read_plan
from pianoperf_xl.reference.laws import NBSP, unbreakable
from pianoperf_xl.write.annex import write_annex
from pianoperf_xl.write.annex.text import sector_heading

from helpers import SAMPLE, pdf_pages as pdf_text_pages


@pytest.fixture(scope="module")
def plan():
    return read_plan(SAMPLE)


@pytest.fixture(scope="module")
def written(plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("signing") / "allegato.docx"
    write_annex(interpret(plan), path, delibera_numero="12", delibera_data=dt.date(2022, 3, 15))
    return path


@pytest.fixture(scope="module")
def document(written):
    return docx.Document(str(written))


def body(document) -> str:
    return document.element.body.xpath("string(.)")


def test_sectors_in_the_organigram_order(document, plan):
    """The organigram lists Finanziario, Affari Generali, Demografico, Gestione del
    Territorio, Polizia Locale; the files are read alphabetically."""
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"
                and "Settore" in p.text]
    names = [re.sub(r"^\d+\.\d+ ", "", h) for h in headings]
    assert names == [sector_heading(n) for n in (
        "Settore Economico Finanziario", "Settore Affari Generali",
        "Settore Servizi Demografici", "Settore Gestione Territorio",
        "Settore Polizia Locale")]
    assert [s.name for s in plan.sectors][0] == "Settore Affari Generali"  # as read


def test_objective_codes_unique_and_alike(plan):
    reading = interpret(plan)
    codes = [reading.code_of(o) for o in plan.objectives]
    assert len(set(codes)) == len(codes)
    prefixes = {code.split(".")[0] for code in codes}
    assert prefixes == {"EF", "AG", "GT", "PL", "DE"}
    assert all(re.fullmatch(r"[A-Z]{2,}\.\d{2}", code) for code in codes)


def test_prefixes_never_collide():
    names = ["Servizi Sociali", "Sport", "Servizi Demografici", "Settore Demografia",
             "Area Tecnica", "Tecnico", "Ufficio"]
    prefixes = sector_prefixes(names)
    assert len(set(prefixes)) == len(prefixes)
    assert all(len(p) >= 2 and p.isalpha() for p in prefixes)
    assert prefixes[0] != prefixes[1] and prefixes[0].startswith("SO")


def test_typed_codes_shared_by_two_sectors_are_prefixed(plan):
    sectors = copy.deepcopy(plan.sectors[:2])
    for sector in sectors:
        sector.objectives[0].code = "1"
    codes = objective_codes(sectors)
    first, second = (codes[id(s.objectives[0])] for s in sectors)
    assert first != second and first.endswith(".1") and second.endswith(".1")


def test_codes_the_same_in_every_output(plan, written, tmp_path):
    from pianoperf_xl.write.consolidated import write_consolidated
    import openpyxl

    reading = interpret(plan)
    path = write_consolidated(reading, tmp_path / "c.xlsx")
    cells = {str(c.value) for ws in openpyxl.load_workbook(path, read_only=True).worksheets
             for row in ws.iter_rows() for c in row if c.value is not None}
    annex = body(docx.Document(str(written)))
    for objective in plan.objectives:
        assert reading.code_of(objective) in cells
        assert reading.code_of(objective) in annex


def test_laws_of_the_approval_date(plan, tmp_path):
    """Approved 15/03/2022: the D.L. 80/2021 is law, the D.M. 132 of June 2022 is not yet."""
    def text_for(day):
        path = write_annex(interpret(plan), tmp_path / f"{day}.docx", delibera_data=day)
        return body(docx.Document(str(path))).replace(NBSP, " ")

    march = text_for(dt.date(2022, 3, 15))
    assert "D.L. 9 giugno 2021, n. 80" in march
    assert "D.M. 30 giugno 2022" not in march and "sottosezione 2.2" not in march
    october = text_for(dt.date(2022, 10, 20))
    assert "D.M. 30 giugno 2022, n. 132" in october and "sottosezione 2.2" in october
    early = text_for(dt.date(2021, 2, 1))
    assert "D.L. 9 giugno 2021" not in early


def test_references_do_not_break_inside(document):
    title = next(p.text for p in document.paragraphs if "art. 169 del" in p.text
                 or f"art.{NBSP}169" in p.text)
    for glued in ("n.\u00a080", "n.\u00a0267", "art.\u00a0169", "D.Lgs.\u00a018\u00a0agosto",
                  "9\u00a0giugno\u00a02021"):
        assert glued in title, glued
    assert unbreakable("D.Lgs. n. 150/2009") == "D.Lgs.\u00a0n.\u00a0150/2009"
    assert unbreakable("art. 169 del D.Lgs. n. 267") == "art.\u00a0169 del D.Lgs.\u00a0n.\u00a0267"
    assert unbreakable("12 persone") == "12 persone"


def test_declared_density_with_the_computed_one(document):
    tables = "\n".join(t._tbl.xpath("string(.)") for t in document.tables)
    assert "Densità demografica dichiarata dall'ente413,17 ab./km²" in tables
    assert "Densità calcolata da abitanti e superficie415,42 ab./km²" in tables


def test_title_page_without_running_header(document):
    first = document.sections[0]
    assert first.different_first_page_header_footer
    assert first.first_page_header._element.xpath("string(.)").strip() == ""
    assert "Pagina" in first.first_page_footer._element.xpath("string(.)")
    assert "Comune di Calcinate" in first.header._element.xpath("string(.)")
    for section in document.sections[1:]:
        assert not section.different_first_page_header_footer


def test_objective_rows_kept_together_and_no_lonely_last_row(document):
    for table in document.tables:
        if table.rows[0].cells[0].text != "Cod.":
            continue
        rows = table._tbl.xpath("./w:tr")
        before_last = rows[-2]
        assert before_last.xpath(".//w:pPr/w:keepNext"), "last two rows not kept together"


@pytest.fixture(scope="module")
def pdf_pages(soffice, written, tmp_path_factory):
    return pdf_text_pages(soffice, written, tmp_path_factory.mktemp("signing-pdf"),
                          layout=True)


def test_laid_out_by_libreoffice(pdf_pages, plan):
    """Title page without the running header; «n. 80» never alone at a line's start; every
    page of objectives shows an area on each objective it holds."""
    assert "Piano degli Obiettivi 2022 · Allegato A" not in pdf_pages[0]
    for line in pdf_pages[0].splitlines():
        assert not re.match(r"^\s*(80|267|132)(\s|$)", line), line
    reading = interpret(plan)
    codes = {reading.code_of(o): o for o in plan.objectives}
    for page in pdf_pages:
        for line in page.splitlines():
            found = re.match(r"^([A-Z]{2,}\.\d{2})\s+(\S+)", line)
            if found and found[1] in codes and codes[found[1]].area:
                assert codes[found[1]].area.split()[0].startswith(found[2][:4]), line


def test_piao_option_frames_the_annex_as_subsection_2_2(tmp_path):
    from click.testing import CliRunner

    from pianoperf_xl.cli import cli

    out = tmp_path / "piao.docx"
    result = CliRunner().invoke(cli, ["annex", str(SAMPLE), "-o", str(out), "--piao",
                                      "--delibera-data", "2023-03-01"])
    assert result.exit_code in (0, 1), result.output
    document = docx.Document(str(out))
    first_page = []
    for paragraph in document.paragraphs:
        if paragraph.paragraph_format.page_break_before:
            break
        first_page.append(paragraph.text)
    assert "PIAO 2022-2024 – Sottosezione 2.2 Performance" in first_page
    assert any("Piano integrato di attività e organizzazione 2022-2024" in t for t in first_page)
    assert document.core_properties.title == "PIAO 2022-2024 – Sottosezione 2.2 Performance"
    assert "Sottosezione 2.2 Performance" in document.sections[1].header._element.xpath(
        "string(.)")
    # the same content as the plain annex: every objective is there
    plain = body(docx.Document(str(write_annex(interpret(read_plan(SAMPLE)),
                                               tmp_path / "plain.docx"))))
    piao = body(document)
    assert piao.count("Scadenza:") == plain.count("Scadenza:")
