"""An Excel chart placed in the Word document, its workbook embedded (python-docx cannot
do this itself).

A chart in a .docx is the same DrawingML part as in a .xlsx (``word/charts/chartN.xml``),
related from the document and drawn inline in a run; its figures are cached in the part,
and the workbook they come from is embedded beside it (``word/embeddings/``) so that Word's
«Modifica dati» opens them. The part xlsxwriter wrote is made a Word chart by giving it the
document's language, square corners (absent, Word draws them rounded) and the link to the
embedded workbook.
"""

from __future__ import annotations

import html
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm
from lxml import etree

from pianoperf_xl.write.annex.charts import Chart

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LANGUAGE = "it-IT"
# what may follow c:externalData in a chartSpace (it must come before them)
_AFTER_EXTERNAL_DATA = {f"{{{C}}}printSettings", f"{{{C}}}userShapes", f"{{{C}}}extLst"}

_INLINE = (
    '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:c="{C}" xmlns:r="{R}">'
    '<wp:inline distT="0" distB="0" distL="0" distR="0">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{shape_id}" name="Grafico {number}" descr="{description}"/>'
    '<wp:cNvGraphicFramePr/>'
    f'<a:graphic><a:graphicData uri="{C}"><c:chart r:id="{{rid}}"/></a:graphicData>'
    '</a:graphic></wp:inline></w:drawing>')


def add_chart(run: Any, chart: Chart, width_cm: float, number: int, description: str) -> None:
    """Draw ``chart`` in ``run`` (a python-docx Run), ``width_cm`` wide; ``number`` and
    ``description`` name it for Word's selection pane and for screen readers."""
    document_part = run.part
    package = document_part.package
    chart_part = Part(package.next_partname("/word/charts/chart%d.xml"), CHART_TYPE, b"",
                      package)
    workbook_part = Part(
        package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
        WORKBOOK_TYPE, chart.workbook, package)
    chart_part._blob = _word_chart(chart.xml, chart_part.relate_to(workbook_part,
                                                                   RT.PACKAGE))
    rid = document_part.relate_to(chart_part, RT.CHART)
    inline = _INLINE.format(cx=Cm(width_cm).emu, cy=Cm(chart.height_cm).emu,
                            shape_id=document_part.next_id, number=number,
                            description=html.escape(description), rid=rid)
    run._r.append(parse_xml(inline))


def _word_chart(xml: bytes, workbook_rid: str) -> bytes:
    root = etree.fromstring(xml)
    language = root.find(f"{{{C}}}lang")
    if language is None:
        language = etree.Element(f"{{{C}}}lang")
        root.insert(0, language)
    language.set("val", LANGUAGE)
    corners = etree.Element(f"{{{C}}}roundedCorners", val="0")
    language.addnext(corners)
    external = etree.Element(f"{{{C}}}externalData")
    external.set(f"{{{R}}}id", workbook_rid)
    etree.SubElement(external, f"{{{C}}}autoUpdate", val="0")
    _labels_show_only_what_they_say(root)
    following = next((child for child in root if child.tag in _AFTER_EXTERNAL_DATA), None)
    if following is None:
        root.append(external)
    else:
        following.addprevious(external)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# c:dLbls children in schema order; xlsxwriter writes only the flags it turns on, and
# LibreOffice takes a missing one as on (a value label then also shows category and series)
_LABEL_FLAGS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
                "showBubbleSize")


def _labels_show_only_what_they_say(root: Any) -> None:
    for labels in root.iter(f"{{{C}}}dLbls", f"{{{C}}}dLbl"):
        present = {child.tag for child in labels}
        if f"{{{C}}}delete" in present:
            continue
        anchor = None  # the last flag present, or the element flags follow
        for flag in _LABEL_FLAGS:
            tag = f"{{{C}}}{flag}"
            found = labels.find(tag)
            if found is None:
                found = etree.Element(tag, val="0")
                if anchor is None:
                    _insert_first_flag(labels, found)
                else:
                    anchor.addnext(found)
            anchor = found


_BEFORE_FLAGS = {f"{{{C}}}{tag}" for tag in ("idx", "dLbl", "layout", "tx", "numFmt", "spPr",
                                             "txPr", "dLblPos")}


def _insert_first_flag(labels: Any, flag: Any) -> None:
    before = [child for child in labels if child.tag in _BEFORE_FLAGS]
    if before:
        before[-1].addnext(flag)
    else:
        labels.insert(0, flag)
