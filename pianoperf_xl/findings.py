"""Findings: every problem the tool reports is data, never an exception.

A finding is made with ``pianoperf_xl.codes.emit`` (the code's severity is the registry's).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_LABELS = {ERROR: "errore", WARNING: "avviso", INFO: "informazione"}


@dataclass(frozen=True)
class Location:
    """Where a value came from: file name, sheet name and A1 cell (sheet/cell may be None)."""

    file: str
    sheet: str | None = None
    cell: str | None = None


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    file: str
    sheet: str | None = None
    cell: str | None = None
    value: Any = None
    hint: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["value"] = json_value(self.value)
        return data


def json_value(value: Any) -> Any:
    """Make a cell value JSON-safe without losing what the user typed."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error: what makes a plan invalid."""
    return any(f.severity == ERROR for f in findings)


@dataclass
class FindingList:
    """The findings of one workbook as the reader collects them, in order. A finding
    itself is made by ``pianoperf_xl.codes.emit``, with the registry's severity."""

    items: list[Finding] = field(default_factory=list)

    def append(self, finding: Finding) -> None:
        self.items.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.items.extend(findings)
