"""What checking a plan found, as data: the ``Report`` that ``check_folder`` and ``build``
return and that every view of the findings renders (write/report.py: the terminal
table, the JSON of ``check --json``, the HTML page). No I/O here."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Sequence

from pianoperf_xl.errors import EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE
from pianoperf_xl.findings import Finding, has_errors
from pianoperf_xl.model import Plan

if TYPE_CHECKING:
    from pianoperf_xl.interpret import PlanReading

FINDING_FIELDS = tuple(f.name for f in fields(Finding))


@dataclass(frozen=True)
class Report:
    """The findings on a plan, its figures, and what they make of it."""

    year: int | None
    stats: dict[str, int]  # files, sectors, objectives, indicators, staff
    findings: tuple[Finding, ...]
    files_used: int  # workbooks read and put in the plan: none makes the input unusable
    plan: Plan | None = field(default=None, repr=False, compare=False)  # for the writers
    # the plan's meaning the checks used, which the writers take too
    reading: PlanReading | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, plan: Plan, reading: PlanReading | None = None) -> Report:
        return cls(plan.year, plan.stats(), tuple(plan.findings),
                   sum(1 for source in plan.files if source.used), plan, reading)

    @property
    def valid(self) -> bool:
        """No error finding: the plan can be approved as it is."""
        return not has_errors(self.findings)

    @property
    def exit_code(self) -> int:
        """0 valid, 1 error findings, 2 no file could be used."""
        if not self.files_used:
            return EXIT_UNUSABLE
        return EXIT_CLEAN if self.valid else EXIT_FINDINGS

    def counts(self) -> Counter:
        """How many findings of each severity."""
        return Counter(f.severity for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``check --json`` (and of the build's verifiche.json)."""
        return {"valid": self.valid, "stats": dict(self.stats),
                "findings": [_finding_json(f) for f in self.findings]}

    def flatten(self, keys: Sequence[str]) -> list[tuple]:
        """The chosen fields of every finding, in order: ``report.flatten(["code",
        "cell"])`` -> ``[("cell-required", "B5"), ...]``, for exact assertions."""
        unknown = [key for key in keys if key not in FINDING_FIELDS]
        if unknown:
            raise ValueError(f"not a field of a finding: {', '.join(unknown)}")
        return [tuple(getattr(f, key) for key in keys) for f in self.findings]


def _finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as JSON, strictly: a value no JSON number can be (an infinite or NaN
    float read from a file) as its text."""
    data = finding.to_json()
    value = data.get("value")
    if isinstance(value, float) and not math.isfinite(value):
        data["value"] = str(value)
    return data
