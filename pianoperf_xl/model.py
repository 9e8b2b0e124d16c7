"""The in-memory plan: plain dataclasses, no I/O.

Every object read from a workbook keeps its ``Record``: the typed values by spec key and
the cell each came from, so a check can point at the exact cell of any value.

Free-text fields (``Indicator.target``, ``description``, ``deadline``, notes...) hold the
text as the spreadsheet showed it, so every writer prints what the user saw: a target
typed as the number 1 with a percent format is «100%». The number or date behind such a
text is in ``Record.typed`` (``Indicator.target_value`` and friends), for the checks and
for measuring.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pianoperf_xl.findings import Finding, Location

FULL_TIME_HOURS = 36


@dataclass
class Record:
    """One table row, fixed-table row or form, as read: typed values and their cells."""

    file: str
    sheet: str
    row: int  # Excel row number (1-based); for a form, the row of its first field
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    # Free-text cells that held a number or a date: the value itself (a Decimal, a date,
    # or a datetime with a time of day), while ``values`` holds the text as shown.
    typed: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def at(self, key: str | None = None) -> Location:
        """The cell of one value, or the row's first cell when ``key`` has none."""
        cell = self.cells.get(key) if key else None
        return Location(self.file, self.sheet, cell or f"A{self.row}")


@dataclass
class SourceFile:
    """A workbook of the input folder and what its metadata says."""

    name: str  # as shown (see read.folder.shown_name)
    kind: str | None = None
    version: str | None = None
    year: int | None = None
    used: bool = False
    path: Path | None = None  # where it is, when read from a folder


@dataclass
class StaffMember:
    name: str
    sector: str
    profile: str | None
    office: str | None
    grade: str | None
    weekly_hours: int | None  # None: full time
    relation: str | None  # "dipendente" or "esterno"
    notes: str | None
    record: Record


@dataclass
class Indicator:
    """One row of the objectives sheet: what is measured, the target and the deadline."""

    description: str | None
    target: str | None
    deadline: str | None
    staff_text: str | None
    staff_refs: list[str]
    notes: str | None
    record: Record

    @property
    def target_value(self) -> Decimal | dt.date | None:
        """The number or date the target cell holds, when typed as one: 1 for a target
        shown as «100%», 120000 for «€ 120.000,00»; None for a target typed as text."""
        return self.record.typed.get("target")

    @property
    def deadline_value(self) -> dt.date | Decimal | None:
        """The date (or number) the «Scadenza» cell holds, when typed as one."""
        return self.record.typed.get("scadenza")

    @property
    def description_value(self) -> Decimal | dt.date | None:
        """The number or date the «Indicatore» cell holds, when typed as one."""
        return self.record.typed.get("indicatore")


@dataclass
class Objective:
    ref: str  # the code as typed, or a derived one (sector number and ordinal)
    code: str | None  # as typed, None when the sector left it blank
    sector: str
    area: str | None
    action: str | None
    title: str | None
    weight: Decimal | None
    mission: str | None
    programme: str | None
    indicators: list[Indicator]
    record: Record
    area_inherited: bool = False
    action_inherited: bool = False

    @property
    def staff_refs(self) -> list[str]:
        return list(dict.fromkeys(ref for ind in self.indicators for ref in ind.staff_refs))


@dataclass
class Sector:
    name: str
    head: str | None
    email: str | None
    ente: str | None
    year: int | None
    notes: str | None
    staff: list[StaffMember]
    objectives: list[Objective]
    file: str
    record: Record
    carried: frozenset[str] = frozenset()  # fingerprints of the objectives sent carried over

    @property
    def indicators(self) -> list[Indicator]:
        return [ind for obj in self.objectives for ind in obj.indicators]


@dataclass
class BudgetLine:
    section: str  # sheet name: Entrate, Spese, Missioni, Programmi
    code: str
    label: str | None
    official_label: str | None  # None when the code is not an official one
    amounts: dict[int, Decimal | None]
    sum_of: tuple[str, ...]  # for total rows: the codes they add up
    record: Record

    @property
    def is_total(self) -> bool:
        return bool(self.sum_of)


@dataclass
class Budget:
    ente: str | None
    first_year: int | None
    approval: str | None
    revenue: list[BudgetLine]
    expense: list[BudgetLine]
    missions: list[BudgetLine]
    programmes: list[BudgetLine]
    file: str
    record: Record

    @property
    def years(self) -> list[int]:
        return [self.first_year + i for i in range(3)] if self.first_year else []


@dataclass
class PoliticalBody:
    role: str | None
    name: str
    portfolio: str | None
    office_hours: str | None
    email: str | None
    record: Record


@dataclass
class OrgUnit:
    kind: str | None  # Segretario, Settore, Ufficio, Servizio
    name: str
    parent_sector: str | None
    head: str | None
    people: list[str]
    email: str | None
    notes: str | None
    record: Record


@dataclass
class StrategicLine:
    """A strategic line or DUP programme the comune lists, with its text if any."""

    title: str | None
    text: str | None
    record: Record


@dataclass
class Ente:
    name: str | None
    province: str | None
    year: int | None
    approval_date: dt.date | None
    deliberation_number: str | None
    area_km2: Decimal | None
    inhabitants: int | None
    density_declared: Decimal | None
    bodies: list[PoliticalBody]
    organigram: list[OrgUnit]
    staff_history: list[Record]  # keys: gruppo, categoria, one per year ("2013", ...)
    average_age: list[Record]  # keys: gruppo and the years
    population: Record | None  # keys of the Popolazione form
    pyramid: list[Record]  # keys: code, label, maschi, femmine, totale, percentages
    file: str
    record: Record
    presentation: list[str] = field(default_factory=list)  # the comune's own paragraphs
    strategic_lines: list[StrategicLine] = field(default_factory=list)  # DUP lines
    council_acts: Record | None = None  # keys of the «Delibera» form (DUP, bilancio)
    texts: list[Record] = field(default_factory=list)  # the «Testi» rows as typed


@dataclass
class Plan:
    year: int | None
    ente: Ente | None
    budget: Budget | None
    sectors: list[Sector]
    files: list[SourceFile]
    findings: list[Finding]
    approval_date_override: dt.date | None = None  # --approval-date, wins over the ente's
    folder: str | None = None  # the input folder's name, for findings about it as a whole

    @property
    def approval_date(self) -> dt.date | None:
        if self.approval_date_override:
            return self.approval_date_override
        return self.ente.approval_date if self.ente else None

    @property
    def objectives(self) -> list[Objective]:
        return [obj for sector in self.sectors for obj in sector.objectives]

    @property
    def staff(self) -> list[StaffMember]:
        return [person for sector in self.sectors for person in sector.staff]

    def stats(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "sectors": len(self.sectors),
            "objectives": len(self.objectives),
            "indicators": sum(len(obj.indicators) for obj in self.objectives),
            "staff": len(self.staff),
        }
