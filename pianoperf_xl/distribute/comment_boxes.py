"""Place each comment box of an annotated copy beside its own cell.

openpyxl writes every comment's box (a VML shape) at the same fixed position, with no
anchor: shown or printed all together, the boxes pile up at the top left of the sheet.
Excel and LibreOffice place a box by its ``x:Anchor`` (columns and rows, with offsets):
each box gets one just right of and a row above its cell, sized to its text, and the
shape's style gets the matching position for programs that read that instead.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

from defusedxml.ElementTree import fromstring

VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
EXCEL = "urn:schemas-microsoft-com:office:excel"
COLUMN_PX, ROW_PX = 64, 20  # a default column and row, in pixels
PT_PER_PX = 0.75


def anchor(row: int, col: int, width_px: int, height_px: int) -> tuple[int, ...]:
    """The box of the comment of the zero-based cell (row, col): from the next column,
    a row above the cell, as many columns and rows as its size needs."""
    left, top = col + 1, max(row - 1, 0)
    right = left + math.ceil(width_px / COLUMN_PX)
    bottom = top + math.ceil(height_px / ROW_PX)
    return left, 15, top, 2, right, 15, bottom, 4


def _size(style: str, name: str, default: int) -> int:
    for item in style.split(";"):
        key, _, value = item.partition(":")
        if key.strip() == name and value.strip().endswith("px"):
            try:
                return int(float(value.strip()[:-2]))
            except ValueError:
                return default
    return default


def _placed(shape: Element) -> None:
    data = shape.find(f"{{{EXCEL}}}ClientData")
    if data is None or data.get("ObjectType") != "Note":
        return
    row, col = data.findtext(f"{{{EXCEL}}}Row"), data.findtext(f"{{{EXCEL}}}Column")
    if row is None or col is None:
        return
    style = shape.get("style", "")
    width, height = _size(style, "width", 340), _size(style, "height", 60)
    box = anchor(int(row), int(col), width, height)
    for old in data.findall(f"{{{EXCEL}}}Anchor"):
        data.remove(old)
    element = SubElement(data, f"{{{EXCEL}}}Anchor")
    element.text = ", ".join(map(str, box))
    kept = [item for item in style.split(";")
            if not item.split(":")[0].strip().startswith("margin")]
    kept += [f"margin-left:{box[0] * COLUMN_PX * PT_PER_PX:g}pt",
             f"margin-top:{box[2] * ROW_PX * PT_PER_PX:g}pt"]
    shape.set("style", ";".join(item for item in kept if item.strip()))


def place_comment_boxes(path: Path) -> int:
    """Anchor every comment box of the workbook at ``path`` by its cell; returns how many."""
    from pianoperf_xl.distribute.cached_values import replace_parts

    for prefix, uri in (("v", VML), ("o", OFFICE), ("x", EXCEL)):
        register_namespace(prefix, uri)
    parts, placed = {}, 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/drawings/") or not name.endswith(".vml"):
                continue
            root = fromstring(archive.read(name))
            shapes = root.findall(f"{{{VML}}}shape")
            for shape in shapes:
                _placed(shape)
            placed += len(shapes)
            parts[name] = tostring(root)
    if parts:
        replace_parts(path, parts)
    return placed
