"""The library functions behind the commands: read a folder, check it, (later) write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from pianoperf_xl.model import Plan


def check_folder(folder: str | Path, *, year: int | None = None,
                 approval_date: dt.date | None = None, select: Iterable[str] = (),
                 ignore: Iterable[str] = ()) -> Plan:
    """Read every workbook of ``folder`` and run the cross-checks; findings in the plan."""
    from pianoperf_xl.checks import run_checks
    from pianoperf_xl.read import read_plan

    plan = read_plan(folder, year=year)
    plan.approval_date_override = approval_date
    run_checks(plan, select=select, ignore=ignore)
    return plan
