"""How a check is declared: a function ``PlanReading -> Iterable[Finding]`` (the plan as
interpreted, which holds the plan itself) and the codes it emits."""

from __future__ import annotations

from typing import Callable, Iterable

from pianoperf_xl.codes import CODES
from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret import PlanReading

CheckFunction = Callable[[PlanReading], Iterable[Finding]]
CHECKS: list[CheckFunction] = []


def check(*codes: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check; ``codes`` are the registered codes it may emit."""
    unknown = [c for c in codes if c not in CODES]
    if unknown:
        raise ValueError(f"check declares unregistered codes: {unknown}")

    def register(func: CheckFunction) -> CheckFunction:
        func.codes = codes  # type: ignore[attr-defined]
        CHECKS.append(func)
        return func

    return register
