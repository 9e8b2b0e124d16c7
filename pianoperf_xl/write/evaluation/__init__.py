"""The outputs of the evaluation round (issue 12), in two folders that cannot be confused:

- ``RISERVATO-valutazioni-ANNO/``: personal data, for the office and the interviews — one
  Word scheda per person (``scheda``) and the private workbook (``workbook``, laid out by
  ``layout``);
- ``PUBBLICO-trasparenza-premi-ANNO/``: what «Amministrazione trasparente» publishes —
  the tables of ``public`` (lines left out by ``disclosure``) as a workbook and CSV files
  (``public_files``).

``text`` holds the wording and names they share. Both folders are written through an
``OutputSet`` each, staged together and published only when everything is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from pianoperf_xl.distribute.files import unique_stem
from pianoperf_xl.evaluation.model import Evaluation
from pianoperf_xl.report import Report
from pianoperf_xl.write.output_set import OutputSet
from pianoperf_xl.write.evaluation import text as txt
from pianoperf_xl.write.evaluation.public_files import (write_public_csv,
                                                        write_public_workbook)
from pianoperf_xl.write.evaluation.scheda import write_scheda
from pianoperf_xl.write.evaluation.workbook import write_private_workbook

__all__ = ["write_evaluation"]


def write_evaluation(evaluation: Evaluation, out_dir: str | os.PathLike, *,
                     base_docx: str | os.PathLike | None = None,
                     pdf: bool = False, report: Report | None = None,
                     inputs: dict[str, str] | None = None) -> list[Path]:
    """Write the round's outputs under ``out_dir``; return them, private ones first.

    ``base_docx``: the comune's Word model for the schede (``--modello-word``); ``pdf``:
    each scheda also as PDF/A (LibreOffice); ``report``: the round's findings, which name
    people, written (JSON and HTML) into the private folder, with ``inputs`` (the files
    read and their SHA-256, for ``status --build``). Schede of an earlier run for
    people no longer in the round are removed, so the folder never shows one as current.
    """
    out = Path(out_dir)
    year = evaluation.year
    private_dir = out / txt.private_folder(year)
    public_dir = out / txt.public_folder(year)
    with OutputSet(private_dir) as private, OutputSet(public_dir) as public:
        schede: list[str] = []
        taken: set[str] = set()
        for person in evaluation.people:
            stem = unique_stem(txt.scheda_stem(year, person.name), taken, "scheda")
            name = f"{stem}.docx"
            docx = write_scheda(person, evaluation, private.path(name), base=base_docx)
            schede.append(name)
            if pdf:
                from pianoperf_xl.write.annex.pdf import annex_to_pdf

                annex_to_pdf(docx, private.path(f"{stem}.pdf"))
        write_private_workbook(evaluation, private.path(txt.private_workbook(year)))
        if report is not None:
            from pianoperf_xl.write.report import write_html_report, write_json_report

            write_json_report(report, private.path(txt.findings_report(year, "json")),
                              inputs=inputs)
            write_html_report(report, private.path(txt.findings_report(year, "html")))
        stem = txt.public_stem(year)
        write_public_workbook(evaluation, public.path(f"{stem}.xlsx"))
        for path in write_public_csv(evaluation, public.staging, stem):
            public.path(path.name)
        old = tuple(p.name for p in _previous_schede(private_dir, year))
        written = private.publish(last=txt.private_workbook(year), drop=old)
        written += public.publish(last=f"{stem}.xlsx")
    return written


def _previous_schede(folder: Path, year: int) -> list[Path]:
    prefix = txt.scheda_stem(year, "")
    return [p for p in folder.glob(f"{prefix}*") if p.suffix in (".docx", ".pdf")]
