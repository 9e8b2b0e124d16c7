"""The Allegato A of the bundled sample as LibreOffice lays it out, looked at as page images
(issue 13, point 4): what a segretario would not sign as it comes out.

The pages are rendered in grey (pdftoppm) and read as plain pixel rows: a rule drawn across
the page is a row mostly dark."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from pianoperf_xl.interpret import interpret
from pianoperf_xl.read import read_plan
from pianoperf_xl.write.annex import write_annex

from helpers import SAMPLE

DPI = 60
DARK = 160  # grey level below which a pixel is ink


@pytest.fixture(scope="module")
def pdf(soffice, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("annex-pages")
    docx = write_annex(interpret(read_plan(SAMPLE)), folder / "allegato.docx",
                       delibera_numero="12", delibera_data=dt.date(2022, 3, 15))
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(docx)], check=True, capture_output=True, timeout=240)
    return folder / "allegato.pdf"


def page_rows(pdf: Path, page: int) -> list[bytes]:
    """The page as rows of grey pixels (0 black, 255 white)."""
    data = subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l",
                           str(page), str(pdf)], check=True, capture_output=True).stdout
    magic, size, _, pixels = data.split(b"\n", 3)
    assert magic == b"P5"
    width, height = map(int, size.split())
    return [pixels[r * width:(r + 1) * width] for r in range(height)]


def rules(rows: list[bytes], top_fraction: float) -> list[int]:
    """Rows in the top ``top_fraction`` of the page where ink runs across more than half
    of the page's width (a header's rule; the title page's boxes are narrower)."""
    limit = int(len(rows) * top_fraction)
    return [r for r, row in enumerate(rows[:limit])
            if sum(1 for pixel in row if pixel < DARK) > len(row) / 2]


def test_no_header_rule_on_the_title_page(pdf):
    """The title page has no running header, and so no rule under it either; the pages
    after it have both."""
    assert rules(page_rows(pdf, 1), 0.08) == []
    assert rules(page_rows(pdf, 2), 0.08) != []  # what a rule looks like here
