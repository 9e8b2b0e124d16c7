"""What several sheets need beyond the plan itself, computed once: who works on what
(``pianoperf_xl.people``), the parsed deadlines (``pianoperf_xl.deadlines``) and the
findings that point at each staff row."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Union

from pianoperf_xl import deadlines
from pianoperf_xl.findings import Finding
from pianoperf_xl.model import Indicator, Objective, Plan, StaffMember
from pianoperf_xl.people import Person, PlanStaff, resolve_plan
from pianoperf_xl.values import normalize_key
from pianoperf_xl.write.consolidated.layout import UNRESOLVED_MARK

# Someone named on an objective: a person of the staff lists, or a name as typed that
# is nobody (unknown) or several people (ambiguous).
Named = Union[Person, str]

DEADLINE_KINDS = {
    deadlines.DATE: "data",
    deadlines.PERIOD: "periodo",
    deadlines.RELATIVE: "termine relativo",
    deadlines.RECURRENCE: "attività ricorrente",
    deadlines.ON_DEMAND: "all'occorrenza",
    deadlines.COUNT: "numero da rendicontare",
    deadlines.MISSING: "non indicata",
    deadlines.UNPARSED: "non interpretata",
}

_CELL_ROW = re.compile(r"(\d+)$")


@dataclass
class Derived:
    staff: PlanStaff
    named: dict[int, list[Named]] = field(default_factory=dict)  # id(indicator) -> people
    deadlines: dict[int, tuple[str, dt.date | None]] = field(default_factory=dict)
    staff_findings: dict[int, list[str]] = field(default_factory=dict)  # id(member) -> msgs
    _counts: dict[int, int] = field(default_factory=dict)  # id(Person) -> objectives

    def named_on(self, indicator: Indicator) -> list[Named]:
        return self.named.get(id(indicator), [])

    def names_of(self, indicator: Indicator) -> str:
        """Who an indicator names, by their staff-list name; "(?)" marks a name as typed
        that is nobody or several people."""
        return ", ".join(p.name if isinstance(p, Person) else p + UNRESOLVED_MARK
                         for p in self.named_on(indicator))

    def members_of(self, objective: Objective) -> list[Named]:
        """Everyone named on any indicator of ``objective``, once, in order."""
        seen: dict[int | str, Named] = {}
        for indicator in objective.indicators:
            for named in self.named_on(indicator):
                seen.setdefault(named_key(named), named)
        return list(seen.values())

    def person_of(self, member: StaffMember) -> Person | None:
        return self.staff.index.person_of(member)

    def objective_count(self, member: StaffMember) -> int:
        person = self.person_of(member)
        return self._counts.get(id(person), 0) if person is not None else 0

    def deadline(self, indicator: Indicator) -> tuple[str, dt.date | None]:
        return self.deadlines.get(id(indicator), (DEADLINE_KINDS[deadlines.MISSING], None))


def named_key(named: Named) -> int | str:
    return id(named) if isinstance(named, Person) else normalize_key(named)


def derive(plan: Plan) -> Derived:
    derived = Derived(resolve_plan(plan))
    for item in derived.staff.indicators:
        named: list[Named] = []
        for resolution in item.resolutions:
            for leaf in resolution.leaves():
                named.extend(leaf.people or (leaf.ref,))
        derived.named[id(item.indicator)] = list({named_key(n): n for n in named}.values())
    derived._counts = {id(w.person): w.count for w in derived.staff.workloads}
    year = plan.year or dt.date.today().year
    for objective in plan.objectives:
        for indicator in objective.indicators:
            parsed = deadlines.parse_deadline(indicator.deadline, year)
            derived.deadlines[id(indicator)] = (DEADLINE_KINDS.get(parsed.kind, parsed.kind),
                                                parsed.date)
    derived.staff_findings = _staff_findings(plan)
    return derived


def _staff_findings(plan: Plan) -> dict[int, list[str]]:
    """The messages of the findings whose file, sheet and cell row are a person's row."""
    by_row: dict[tuple[str, str | None, int], list[str]] = defaultdict(list)
    for finding in plan.findings:
        row = _finding_row(finding)
        if row is not None:
            by_row[(finding.file, finding.sheet, row)].append(finding.message)
    return {id(p): by_row[key] for p in plan.staff
            if (key := (p.record.file, p.record.sheet, p.record.row)) in by_row}


def _finding_row(finding: Finding) -> int | None:
    match = _CELL_ROW.search(finding.cell or "")
    return int(match.group(1)) if match else None
