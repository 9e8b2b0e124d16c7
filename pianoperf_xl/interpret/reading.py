"""The plan's meaning, worked out once: :func:`interpret` gives the :class:`PlanReading`
that the checks, the writers and the distribution round all read."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from pianoperf_xl.interpret.codes import objective_codes
from pianoperf_xl.interpret.indicators import (
    IndicatorReading, Named, named_key, plan_year, read_indicators,
)
from pianoperf_xl.interpret.people import (
    Person, StaffIndex, Workload, hours_of, member_fte, workloads,
)
from pianoperf_xl.interpret.sectors import outside_sectors, sector_units
from pianoperf_xl.model import Indicator, Objective, OrgUnit, Plan, Sector, StaffMember
from pianoperf_xl.gcpolicy import quiet_gc


@dataclass
class PlanReading:
    """A plan and what it means: people, each indicator read, sector matches, workloads.

    Made by :func:`interpret`; it reads the plan as it is then, so a plan changed
    afterwards needs a new reading.
    """

    plan: Plan
    year: int  # the year days without one are read in (see ``plan_year``)
    index: StaffIndex
    indicators: list[IndicatorReading]  # every indicator of the plan, in order
    workloads: list[Workload]  # one per person, in the order of the staff lists
    sector_units: list[tuple[Sector, OrgUnit | None]]  # empty without an organigram
    codes: dict[int, str] = field(default_factory=dict, repr=False)  # by id(objective)
    _of_indicator: dict[int, IndicatorReading] = field(default_factory=dict, repr=False)
    _of_person: dict[int, Workload] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._of_indicator = {id(r.indicator): r for r in self.indicators}
        self._of_person = {id(w.person): w for w in self.workloads}

    @property
    def sectors(self) -> list[Sector]:
        """The plan's sectors in the organigram's order (those it lacks last, as read)."""
        return ordered_sectors(self.plan.sectors, self.sector_units,
                               self.plan.ente.organigram if self.plan.ente else [])

    @property
    def objectives(self) -> list[Objective]:
        """The plan's objectives, sector by sector in the order of ``sectors``."""
        return [objective for sector in self.sectors for objective in sector.objectives]

    @property
    def staff(self) -> list[StaffMember]:
        """The sectors' staff lists, in the order of ``sectors``."""
        return [member for sector in self.sectors for member in sector.staff]

    def code_of(self, objective: Objective) -> str:
        """The objective's code, unique in the plan (see :mod:`interpret.codes`)."""
        return self.codes.get(id(objective)) or objective.ref

    @property
    def people(self) -> list[Person]:
        return self.index.people

    def of(self, indicator: Indicator) -> IndicatorReading:
        """How ``indicator`` (one of the plan's) is read."""
        return self._of_indicator[id(indicator)]

    def person_of(self, member: StaffMember) -> Person | None:
        return self.index.person_of(member)

    def workload(self, person: Person) -> Workload:
        return self._of_person[id(person)]

    def objective_count(self, member: StaffMember) -> int:
        """How many objectives name the person of a staff row."""
        person = self.person_of(member)
        return self.workload(person).count if person is not None else 0

    def members_of(self, objective: Objective) -> list[Named]:
        """Everyone named on any indicator of ``objective``, once, in order."""
        seen: dict[int | str, Named] = {}
        for indicator in objective.indicators:
            for named in self.of(indicator).named:
                seen.setdefault(named_key(named), named)
        return list(seen.values())

    hours = staticmethod(hours_of)  # a staff row's weekly hours; a blank is full time
    member_fte = staticmethod(member_fte)  # a staff row's hours / 36

    @staticmethod
    def fte(members: Iterable[StaffMember]) -> Decimal:
        """The full-time equivalents of staff rows, added up."""
        return sum((member_fte(m) for m in members), Decimal(0))


@quiet_gc
def interpret(plan: Plan) -> PlanReading:
    """Read the meaning of ``plan``: resolve every name, read every indicator, match the
    sectors to the organigram."""
    index = StaffIndex(plan.staff, outside_sectors(plan))
    year = plan_year(plan)
    indicators = list(read_indicators(plan, index, year))
    units = sector_units(plan)
    organigram = plan.ente.organigram if plan.ente else []
    codes = objective_codes(ordered_sectors(plan.sectors, units, organigram))
    return PlanReading(plan, year, index, indicators, workloads(index, indicators), units,
                       codes)


def ordered_sectors(sectors: list[Sector], units: list[tuple[Sector, OrgUnit | None]],
                    organigram: list[OrgUnit]) -> list[Sector]:
    """``sectors`` in the order of their matches in the organigram; unmatched ones after."""
    position = {id(unit): index for index, unit in enumerate(organigram)}
    rank = {id(sector): position[id(unit)] for sector, unit in units if unit is not None}
    return sorted(sectors, key=lambda s: (id(s) not in rank, rank.get(id(s), 0)))
