"""The annex as PDF/A-2b, converted by LibreOffice headless."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from pianoperf_xl.office import OfficeUnavailable, convert, find_soffice
from pianoperf_xl.write.atomic import atomic_path

# LibreOffice's PDF export options as JSON after the filter name (LibreOffice 7.4 and
# later): SelectPdfVersion 2 is PDF/A-2b.
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
_PDFA_PART = re.compile(rb"pdfaid:part(?:>|=\s*[\"'])\s*(\d)")


def pdfa_part(pdf: str | os.PathLike) -> int | None:
    """The PDF/A part declared in the PDF's XMP metadata (``pdfaid:part``), if any."""
    match = _PDFA_PART.search(Path(pdf).read_bytes())
    return int(match.group(1)) if match else None


def annex_to_pdf(docx_path: str | os.PathLike, pdf_path: str | os.PathLike, *,
                 timeout: float = 900) -> Path:
    """Convert the annex to PDF/A-2b with LibreOffice headless; returns ``pdf_path``.

    Raises ``OfficeUnavailable`` (Italian message) when LibreOffice is missing, fails, or
    does not produce a PDF/A. ``timeout`` in seconds: a plan of 10,000 objectives (about
    1,400 pages) takes LibreOffice under a minute.
    """
    source = Path(docx_path)
    if find_soffice() is None:
        raise OfficeUnavailable(
            f"LibreOffice non è installato: impossibile produrre il PDF/A di {source.name}. "
            "Installare LibreOffice oppure convertire il file .docx in PDF/A con un altro "
            "programma.")
    with tempfile.TemporaryDirectory(prefix="pianoperf-annex-") as out_dir:
        produced = convert(source, PDFA_FILTER, out_dir, timeout=timeout)
        if pdfa_part(produced) is None:
            raise OfficeUnavailable(f"LibreOffice ha convertito {source.name} in PDF, ma non "
                                    "in formato PDF/A.")
        with atomic_path(pdf_path) as tmp:
            shutil.move(str(produced), str(tmp))
    return Path(pdf_path)
