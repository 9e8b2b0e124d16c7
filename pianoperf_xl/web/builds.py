"""The build started from the page: ``pipeline.build`` in a thread of its own, its steps
recorded for the page to show while it runs. One build at a time."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from pianoperf_xl.errors import Unusable

log = logging.getLogger(__name__)


@dataclass
class BuildJob:
    started: dt.datetime
    steps: list[str] = field(default_factory=list)
    done: bool = False
    outputs: list[Path] = field(default_factory=list)
    valid: bool | None = None  # no error finding: the annex is not a BOZZA
    errors: int = 0
    pdf_problem: str | None = None
    problem: str | None = None  # Italian: why the build stopped

    def to_dict(self) -> dict:
        return {"done": self.done, "steps": list(self.steps), "problem": self.problem}


class Builder:
    def __init__(self, round_) -> None:
        self.round = round_
        self.job: BuildJob | None = None
        self._lock = threading.Lock()

    def start(self, *, pdf: bool = True) -> bool:
        """Start a build; False when one is already running."""
        with self._lock:
            if self.job is not None and not self.job.done:
                return False
            self.job = BuildJob(dt.datetime.now())
            threading.Thread(target=self._run, args=(self.job, pdf), daemon=True,
                             name="pianoperf build").start()
            return True

    def _run(self, job: BuildJob, pdf: bool) -> None:
        from pianoperf_xl.findings import ERROR
        from pianoperf_xl.pipeline import build

        r = self.round
        try:
            result = build(r.folder, r.out_dir, year=r.year, approval_date=r.approval_date,
                           pdf=pdf, progress=job.steps.append)
        except Unusable as exc:
            job.problem = exc.message
        except Exception:  # the page says it failed; the details go to the log only
            log.exception("build failed")
            job.problem = ("La build si è interrotta per un errore imprevisto: i dettagli "
                           "sono nel terminale in cui è stato avviato «pianoperf web».")
        else:
            job.outputs = result.outputs
            job.valid = result.report.valid
            job.errors = result.report.counts()[ERROR]
            job.pdf_problem = result.pdf_problem
        finally:
            job.done = True
