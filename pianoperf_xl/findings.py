"""Findings: every problem the tool reports is data, never an exception."""

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


def finding(code: str, severity: str, message: str, where: Location, *,
            value: Any = None, hint: str | None = None) -> Finding:
    return Finding(code, severity, message, where.file, where.sheet, where.cell, value, hint)


def json_value(value: Any) -> Any:
    """Make a cell value JSON-safe without losing what the user typed."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


@dataclass
class FindingList:
    """An ordered list of findings, with helpers for the readers."""

    items: list[Finding] = field(default_factory=list)

    def add(self, code: str, message: str, where: Location, *,
            value: Any = None, hint: str | None = None) -> None:
        """Add a finding of a registered code; its severity is the registry's."""
        from pianoperf_xl.codes import emit  # codes builds on this module

        self.items.append(emit(code, message, where, value=value, hint=hint))

    def extend(self, findings: Iterable[Finding]) -> None:
        self.items.extend(findings)
