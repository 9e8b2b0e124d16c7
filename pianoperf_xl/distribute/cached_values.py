"""Put back the computed values of formulas after openpyxl has saved a workbook.

openpyxl keeps formulas but drops their cached values (it cannot calculate). Read
directly, such a copy has no value in any formula cell: the reader would report the
user's own formulas as "not computed" and see no total. The annotated copy changes no
input, so every formula still has the value the spreadsheet computed: this module copies
it, cell by cell, from the original file into the copy. The copy also asks the
spreadsheet to recalculate on opening (openpyxl's ``fullCalcOnLoad``), so what the user
sees is computed afresh either way.

The original has passed the reader's safety checks; it is streamed through defusedxml.
The copy is openpyxl's own output, edited with lxml.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from defusedxml.ElementTree import iterparse
from lxml import etree

from pianoperf_xl.read.package import Package, local
from pianoperf_xl.read.safety import open_zip

Cached = dict[str, tuple[str | None, str]]  # cell -> (type attribute, value text)


def _original_values(archive: zipfile.ZipFile, part: str) -> Cached:
    values: Cached = {}
    with archive.open(part) as stream:
        for _, element in iterparse(stream, events=("end",)):
            if local(element.tag) != "c":
                continue
            children = {local(child.tag): child for child in element}
            if "f" in children and "v" in children and children["v"].text is not None:
                values[element.get("r", "")] = (element.get("t"), children["v"].text)
            element.clear()
    return values


def _patch(data: bytes, values: Cached) -> tuple[bytes, int]:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True,
                                                  huge_tree=True))
    namespace = etree.QName(root).namespace
    v_tag = f"{{{namespace}}}v" if namespace else "v"
    restored = 0
    for cell in root.iter(f"{{{namespace}}}c" if namespace else "c"):
        cached = values.get(cell.get("r", ""))
        formula = next((c for c in cell if etree.QName(c).localname == "f"), None)
        if cached is None or formula is None:
            continue
        kind, text = cached
        value = next((c for c in cell if etree.QName(c).localname == "v"), None)
        if value is None:
            value = etree.SubElement(cell, v_tag)
        value.text = text
        if kind in ("str", "b", "e"):
            cell.set("t", kind)
        elif "t" in cell.attrib:
            del cell.attrib["t"]
        restored += 1
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), restored


def restore_cached_values(original: Path, copy: Path) -> int:
    """Copy formula values of ``original`` into ``copy`` (rewritten in place); returns
    the number of cells restored."""
    old_parts = {name: s.part for name, s in Package.read(original).sheets.items() if s.part}
    new_parts = {name: s.part for name, s in Package.read(copy).sheets.items() if s.part}
    patched: dict[str, bytes] = {}
    restored = 0
    with open_zip(original) as old, zipfile.ZipFile(copy) as new:
        for name, part in new_parts.items():
            if name not in old_parts:
                continue
            values = _original_values(old, old_parts[name])
            if values:
                patched[part], count = _patch(new.read(part), values)
                restored += count
    if patched:
        replace_parts(copy, patched)
    return restored


def replace_parts(path: Path, parts: dict[str, bytes]) -> None:
    rebuilt = path.with_name(path.name + ".parts")
    try:
        with zipfile.ZipFile(path) as source, \
                zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = parts.get(info.filename)
                target.writestr(info, data if data is not None else source.read(info))
        shutil.move(rebuilt, path)
    finally:
        rebuilt.unlink(missing_ok=True)
