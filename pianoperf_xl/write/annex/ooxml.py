"""Low-level WordprocessingML helpers: ``w:`` elements, schema-ordered children, clean text.

python-docx has no API for much of what the annex sets (borders, shading, merges, table
headers), so those ``w:`` elements are built here. The children of ``w:pPr``, ``w:tcPr``
and ``w:style`` must follow the schema's sequence, hence :func:`insert_ordered`.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

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


def el(tag: str, **attrs: str) -> Any:
    """A python-docx element ``w:tag`` with ``w:`` attributes."""
    return OxmlElement(f"w:{tag}", {qn(f"w:{k}"): v for k, v in attrs.items()})


def insert_ordered(parent: Any, child: Any, order: Sequence[str]) -> Any:
    """Insert ``child`` into ``parent`` where the schema sequence ``order`` puts it,
    replacing a child of the same tag."""
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


def set_paragraph_property(element: Any, child: Any) -> None:
    """Put ``child`` (e.g. ``w:keepNext``) into the ``w:pPr`` of a paragraph or style."""
    insert_ordered(element.get_or_add_pPr(), child, PPR_ORDER)


def border(kind: str, color: str) -> Any:
    """Paragraph borders: ``kind`` "box" (four sides) or one side, e.g. "bottom"."""
    sides = ("top", "left", "bottom", "right") if kind == "box" else (kind,)
    pbdr = el("pBdr")
    for side in sides:
        pbdr.append(el(side, val="single", sz="8", space="4", color=color))
    return pbdr
