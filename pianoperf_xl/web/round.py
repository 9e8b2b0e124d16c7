"""The folder the pages work on: its report and its return status, computed by the
library and kept while the folder's files stay the same (by their fingerprints)."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path

from pianoperf_xl.errors import Unusable
from pianoperf_xl.inputs import build_inputs
from pianoperf_xl.report import Report

ANNOTATED_DIR = "copie annotate"
TEMPLATES_DIR = "modelli"


@dataclass
class Checked:
    """The folder as last read: its report, or why it could not be read."""

    report: Report | None
    problem: str | None  # Italian, when the folder could not be read at all
    inputs: dict[str, str]  # file name -> SHA-256 when read


@dataclass
class Round:
    folder: Path
    out_dir: Path  # the build's outputs, annotated copies, blank templates
    outbox: Path | None = None  # written by «pianoperf distribute»: expected sectors, keys
    year: int | None = None
    approval_date: dt.date | None = None
    upload_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _check_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _checked: Checked | None = field(default=None, repr=False)

    def checked(self) -> Checked:
        """The folder's report, read again only when a file changed."""
        with self._check_lock:
            inputs = build_inputs(self.folder) if self.folder.is_dir() else {}
            if self._checked is None or self._checked.inputs != inputs:
                self._checked = self._check(inputs)
            return self._checked

    def _check(self, inputs: dict[str, str]) -> Checked:
        from pianoperf_xl.pipeline import check_folder

        if not inputs:
            return Checked(None, "La cartella non contiene ancora nessuna cartella di lavoro: "
                                 "trascinare qui i file restituiti.", inputs)
        try:
            report = check_folder(self.folder, year=self.year,
                                  approval_date=self.approval_date)
        except Unusable as exc:
            return Checked(None, exc.message, inputs)
        return Checked(report, None, inputs)

    def status(self):
        """Which sectors returned their workbook (``distribute.status``); None when the
        folder cannot be read."""
        from pianoperf_xl.distribute.status import return_status

        try:
            return return_status(self.folder, self.outbox,
                                 self.out_dir if self.out_dir.is_dir() else None)
        except Unusable:
            return None

    def annotated_dir(self) -> Path:
        return self.out_dir / ANNOTATED_DIR

    def templates_dir(self) -> Path:
        return self.out_dir / TEMPLATES_DIR
