"""The annex's charts are native Word charts: each a chart part with its figures cached,
the workbook they come from embedded beside it, drawn by LibreOffice when it lays the
document out."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import openpyxl
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from pianoperf_xl.interpret import interpret
from pianoperf_xl.read import read_plan
from pianoperf_xl.spec.ente import history_years
from pianoperf_xl.write.annex import write_annex
from pianoperf_xl.write.annex.charts import nice_ceiling, structure_counts

from helpers import SAMPLE, pdf_pages

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


@pytest.fixture(scope="module")
def plan():
    return read_plan(SAMPLE)


@pytest.fixture(scope="module")
def written(plan, tmp_path_factory):
    return write_annex(interpret(plan), tmp_path_factory.mktemp("charts") / "allegato.docx")


@pytest.fixture(scope="module")
def charts(written):
    """Each chart in document order: (caption, chart XML root, embedded workbook)."""
    document = docx.Document(str(written))
    part = document.part
    found = []
    paragraphs = document.paragraphs
    for i, paragraph in enumerate(paragraphs):
        for reference in paragraph._p.xpath(".//c:chart/@r:id"):
            chart_part = part.related_parts[reference]
            assert part.rels[reference].reltype == RT.CHART
            root = etree.fromstring(chart_part.blob)
            (embedded,) = [rel.target_part for rel in chart_part.rels.values()
                           if rel.reltype == RT.PACKAGE]
            assert root.xpath("c:externalData/@r:id", namespaces={
                **C, "r": "http://schemas.openxmlformats.org/officeDocument/2006/"
                          "relationships"}) == [next(
                    rid for rid, rel in chart_part.rels.items() if rel.reltype == RT.PACKAGE)]
            found.append((paragraphs[i - 1].text, root,
                          openpyxl.load_workbook(io.BytesIO(embedded.blob))))
    return found


def _cached(root, series: int) -> list[float]:
    points = root.xpath(f"(//c:ser)[{series + 1}]/c:val//c:pt", namespaces=C)
    return [float(p.findtext("c:v", namespaces=C)) for p in points]


def _column(workbook, col: int) -> list:
    return [row[col] for row in workbook["Dati"].iter_rows(min_row=2, values_only=True)]


def test_three_native_charts_with_their_captions(charts, written):
    assert [c[0].split(" – ")[0] for c in charts] == ["Grafico 1", "Grafico 2", "Grafico 3"]
    assert "personale" in charts[0][0] and "Piramide" in charts[1][0]
    with zipfile.ZipFile(written) as package:
        names = package.namelist()
    assert not [n for n in names if n.startswith("word/media/")]  # no pictures
    assert len([n for n in names if re.fullmatch(r"word/charts/chart\d+\.xml", n)]) == 3
    assert len([n for n in names if n.startswith("word/embeddings/")]) == 3


def test_the_figures_are_the_plans(plan, charts):
    """What each chart draws (its cache) is what its workbook holds, which is the plan's."""
    ente = plan.ente
    _, staff, staff_book = charts[0]
    years = [str(y) for y in history_years(plan.year)]
    total = next(r for r in ente.staff_history
                 if str(r.get("gruppo")).lower() == "totale personale")
    assert _column(staff_book, 0) == years
    assert _column(staff_book, 1) == [total.get(y) for y in years]
    assert _cached(staff, 0) == [float(v) for v in _column(staff_book, 1)]

    _, pyramid, pyramid_book = charts[1]
    classes = [r for r in ente.pyramid if r.get("code") != "TOT"]
    assert _column(pyramid_book, 1) == [-(r.get("maschi") or 0) for r in classes]
    assert _column(pyramid_book, 2) == [r.get("femmine") or 0 for r in classes]
    assert _cached(pyramid, 0) == [float(v) for v in _column(pyramid_book, 1)]
    assert _cached(pyramid, 1) == [float(v) for v in _column(pyramid_book, 2)]

    _, structure, structure_book = charts[2]
    counts = dict(structure_counts(ente.pyramid))
    assert dict(zip(_column(structure_book, 0), _column(structure_book, 2))) == counts
    labels = structure.xpath("//c:dLbl//a:t/text()", namespaces={
        **C, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
    assert "67,3% (3.993 residenti)" in labels


def test_labels_show_only_their_value(charts):
    """A value label says the value: LibreOffice would add category and series name to a
    label that does not turn them off."""
    for _, root, _ in charts:
        for labels in root.xpath("//c:dLbls | //c:dLbl", namespaces=C):
            if labels.find("c:delete", C) is not None:
                continue
            for flag in ("showCatName", "showSerName", "showLegendKey"):
                assert labels.find(f"c:{flag}", C) is not None, flag
            names = [etree.QName(child).localname for child in labels]
            flags = [n for n in names if n.startswith("show")]
            assert flags == [n for n in ("showLegendKey", "showVal", "showCatName",
                                         "showSerName", "showPercent", "showBubbleSize")
                             if n in flags]  # in schema order


def test_shapes_have_distinct_ids_and_descriptions(written):
    document = docx.Document(str(written))
    ids = document.element.body.xpath(".//wp:docPr/@id")
    assert len(ids) == len(set(ids)) == 3
    assert all(document.element.body.xpath(".//wp:docPr/@descr"))


@pytest.fixture(scope="module")
def chart_pages(soffice, written, tmp_path_factory):
    pages = pdf_pages(soffice, written, tmp_path_factory.mktemp("charts-pdf"))
    return [page for page in pages if "Grafico " in page]


def test_libreoffice_draws_them(chart_pages):
    """The words inside each chart (axis titles, legend, labels) are on the PDF's pages."""
    text = "\n".join(chart_pages)
    for drawn in ("Dipendenti", "Abitanti per dipendente", "Personale al 31 dicembre",
                  "Classe di età", "Maschi", "Femmine", "45-49", "% dei residenti",
                  "Giovani (0-14 anni)"):
        assert drawn in text, drawn
    assert re.search(r"67,3%\s*\(3\.993\s*residenti\)", text)
    assert "Personale al 31 dicembre;" not in text  # a label is its value only


def test_no_charts_without_data(plan, tmp_path):
    import copy
    bare = copy.copy(plan)
    bare.ente = copy.copy(plan.ente)
    bare.ente.pyramid, bare.ente.staff_history = [], []
    path = write_annex(interpret(bare), tmp_path / "bare.docx")
    assert not docx.Document(str(path)).element.body.xpath(".//w:drawing")
    with zipfile.ZipFile(path) as package:
        assert not [n for n in package.namelist() if n.startswith("word/charts/")]


@pytest.mark.parametrize("value, end", [(287, 300), (300, 300), (19 * 2.1, 40), (0.7, 0.8),
                                        (1, 1), (1001, 1500), (0, 1)])
def test_axis_ends_read_well(value, end):
    assert nice_ceiling(value) == pytest.approx(end)
