"""The cross-checks, one module per family; ``run_checks`` runs the selected ones."""

from __future__ import annotations

import importlib
from typing import Iterable

from pianoperf_xl.checks.base import CHECKS
from pianoperf_xl.codes import CODES
from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.gcpolicy import quiet_gc

FAMILY_MODULES = ("completeness", "budget", "staff", "objectives", "context")


def load_checks() -> None:
    """Import every family module, which registers its checks (their codes are in
    ``pianoperf_xl.codes``)."""
    for name in FAMILY_MODULES:
        importlib.import_module(f"pianoperf_xl.checks.{name}")


def matches(code: str, patterns: Iterable[str]) -> bool:
    """A pattern is a code (``budget-total-mismatch``) or a family (``budget``)."""
    return any(code == p or CODES.get(code) and CODES[code].family == p for p in patterns)


@quiet_gc
def run_checks(reading: PlanReading, *, select: Iterable[str] = (),
               ignore: Iterable[str] = ()) -> list[Finding]:
    """The reader's findings and the checks' findings on the plan as ``reading`` reads it,
    filtered by select / ignore. The result is also stored in ``reading.plan.findings``.
    """
    plan = reading.plan
    load_checks()
    select, ignore = list(select), list(ignore)

    def wanted(code: str) -> bool:
        return (not select or matches(code, select)) and not matches(code, ignore)

    findings = [f for f in plan.findings if wanted(f.code)]
    for func in CHECKS:
        if any(wanted(code) for code in func.codes):
            findings.extend(f for f in func(reading) if wanted(f.code))
    plan.findings = findings
    return findings


def unknown_patterns(patterns: Iterable[str]) -> list[str]:
    families = {c.family for c in CODES.values()}
    return [p for p in patterns if p not in CODES and p not in families]
