"""An annotated copy holds everything the original holds, or it is not written.

openpyxl, which writes the annotated copies, reads only what it knows: a workbook saved
as «Strict Open XML» comes out without its sheets, text boxes and shapes are dropped,
and so are the list validations Excel 2010 and later store in the sheet's extension list
(``x14:dataValidations``, used when a dropdown's list is on another sheet). The last are
put back from the original (``restore_list_validations``); anything else the copy lacks
is named by ``losses``, and the caller then writes no copy at all.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml.ElementTree import fromstring
from lxml import etree

from pianoperf_xl.distribute.cached_values import replace_parts
from pianoperf_xl.read.package import Package, local
from pianoperf_xl.read.safety import open_zip

STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/"
ANCHORS = {"twoCellAnchor", "oneCellAnchor", "absoluteAnchor"}  # one per picture, shape…
X14_VALIDATIONS = "dataValidations"
X14_NAMESPACE = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def is_strict(path: Path) -> bool:
    """Whether the workbook is in the «Strict Open XML» form, which openpyxl cannot read."""
    with open_zip(path) as archive:
        try:
            return STRICT_NAMESPACE in archive.read("xl/workbook.xml")[:4096]
        except KeyError:
            return False


def _sheet_parts(path: Path) -> dict[str, str]:
    return {name: s.part for name, s in Package.read(path).sheets.items() if s.part}


def _x14_validations(data: bytes) -> list[bytes]:
    """The ``<ext>`` elements of a sheet's extension list that hold list validations."""
    root = etree.fromstring(data, _PARSER)
    return [etree.tostring(ext) for ext_list in root if etree.QName(ext_list).localname
            == "extLst" for ext in ext_list
            if any(etree.QName(child).localname == X14_VALIDATIONS for child in ext)]


def restore_list_validations(original: Path, copy: Path) -> int:
    """Put the original's ``x14`` list validations back into ``copy``, sheet by sheet;
    returns how many extension blocks were put back."""
    old_parts, new_parts = _sheet_parts(original), _sheet_parts(copy)
    patched: dict[str, bytes] = {}
    with open_zip(original) as old, zipfile.ZipFile(copy) as new:
        for name, part in new_parts.items():
            if name not in old_parts:
                continue
            blocks = _x14_validations(old.read(old_parts[name]))
            if blocks:
                patched[part] = _with_extensions(new.read(part), blocks)
    if patched:
        replace_parts(copy, patched)
    return len(patched)


def _with_extensions(data: bytes, blocks: list[bytes]) -> bytes:
    root = etree.fromstring(data, _PARSER)
    ext_list = next((c for c in root if etree.QName(c).localname == "extLst"), None)
    if ext_list is None:
        ext_list = etree.SubElement(root, f"{{{MAIN_NAMESPACE}}}extLst")  # the last child
    for block in blocks:
        ext_list.append(etree.fromstring(block, _PARSER))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _counts(path: Path) -> tuple[int, int]:
    """Drawn objects (pictures, text boxes, shapes, charts) and validation rules."""
    anchors = validations = 0
    with open_zip(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/drawings/") and name.endswith(".xml"):
                root = fromstring(archive.read(name))
                anchors += sum(1 for e in root if local(e.tag) in ANCHORS)
            elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                root = fromstring(archive.read(name))
                validations += sum(1 for e in root.iter() if local(e.tag) == "dataValidation")
    return anchors, validations


def _values(path: Path, sheets: list[str]) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    with open(path, "rb") as handle:  # by handle: a name that is not UTF-8 opens too
        book = CalamineWorkbook.from_filelike(handle)
    found = {}
    for name in sheets:
        if name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            found[name] = [row for row in rows]
    return found


def losses(original: Path, copy: Path) -> list[str]:
    """What ``copy`` lacks of ``original``, in Italian; empty when it is faithful."""
    missing = []
    old_sheets = list(_sheet_parts(original))
    new_values = _values(copy, old_sheets)
    lost_sheets = [name for name in old_sheets if name not in new_values]
    if lost_sheets:
        missing.append("i fogli " + ", ".join(f"«{n}»" for n in lost_sheets))
    old_values = _values(original, [n for n in old_sheets if n in new_values])
    changed = [n for n, rows in old_values.items() if _trimmed(rows) != _trimmed(new_values[n])]
    if changed:
        missing.append("alcuni valori dei fogli " + ", ".join(f"«{n}»" for n in changed))
    (old_anchors, old_rules), (new_anchors, new_rules) = _counts(original), _counts(copy)
    if new_anchors < old_anchors:
        missing.append("immagini, caselle di testo o grafici")
    if new_rules < old_rules:
        missing.append("elenchi a discesa o regole di convalida dei dati")
    return missing


def _trimmed(rows: list[list]) -> list[list]:
    """Rows without trailing empty cells, and without trailing empty rows."""
    trimmed = []
    for row in rows:
        row = list(row)
        while row and row[-1] == "":
            row.pop()
        trimmed.append(row)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed
