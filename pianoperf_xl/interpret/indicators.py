"""Each row of an objectives sheet read: its deadline, what it measures, who it names.

Art. 5 c. 2 D.Lgs. 150/2009: objectives are specific and measurable and tied to a set
time span, normally the plan year. Each row of the objectives sheet is one indicator;
its deadline is read from «Scadenza» or, when that is blank, from «Indicatore» (where
sector heads often write "Numero di controlli" or even "entro 31/12"). This is the one
rule: the checks judge the rows so read, and the outputs show them so.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Iterator, Union

from pianoperf_xl.findings import Location
from pianoperf_xl.interpret.deadlines import COUNT, UNPARSED, Deadline, parse_deadline
from pianoperf_xl.interpret.people import Person, Resolution, StaffIndex
from pianoperf_xl.model import Indicator, Objective, Plan, Sector
from pianoperf_xl.values import is_blank, normalize_key

INDICATOR_KEY, DEADLINE_KEY = "indicatore", "scadenza"

# Someone named on an indicator: a person of the staff lists, or a name as typed that
# is nobody (unknown) or several people (ambiguous).
Named = Union[Person, str]


def plan_year(plan: Plan) -> int:
    """The year days without one are read in: the plan's; for a plan that states none,
    the ente's, else the current year (the date checks skip a plan without a year)."""
    return plan.year or (plan.ente.year if plan.ente else None) or dt.date.today().year


@dataclass(frozen=True)
class IndicatorReading:
    """One row of an objective: its deadline, where each part comes from, who it names."""

    sector: Sector
    objective: Objective
    indicator: Indicator
    deadline: Deadline
    deadline_key: str | None  # the cell the deadline was read from: scadenza, indicatore
    measure_key: str | None  # the cell saying what is measured: indicatore (or a count)
    resolutions: tuple[Resolution, ...] = ()

    def at(self, key: str | None) -> Location:
        return self.indicator.record.at(key)

    @property
    def measure(self) -> str | None:
        """What is measured, as typed: "Numero di controlli"; None when the row says not."""
        return self._text(self.measure_key)

    @property
    def deadline_text(self) -> str | None:
        """The text the deadline was read from, unless it is what is measured (a count
        typed alone: "Numero di controlli" is shown once, as what is measured)."""
        return None if self.deadline_key == self.measure_key else self._text(self.deadline_key)

    def _text(self, key: str | None) -> str | None:
        if key == INDICATOR_KEY:
            return self.indicator.description
        return self.indicator.deadline if key == DEADLINE_KEY else None

    @functools.cached_property
    def people(self) -> list[Person]:
        return list(dict.fromkeys(p for r in self.resolutions for p in r.people))

    @functools.cached_property
    def named(self) -> list[Named]:
        """Everyone the row names, once, in order: people, or names as typed that are
        nobody or several people."""
        named: list[Named] = []
        for resolution in self.resolutions:
            for leaf in resolution.leaves():
                named.extend(leaf.people or (leaf.ref,))
        return list({named_key(n): n for n in named}.values())


def named_key(named: Named) -> int | str:
    return id(named) if isinstance(named, Person) else normalize_key(named)


def read_deadline(indicator: Indicator, year: int
                  ) -> tuple[Deadline, str | None, str | None]:
    """The row's deadline, the key it was read from and the key of what is measured."""
    description = None if is_blank(indicator.description) else indicator.description
    if not is_blank(indicator.deadline):
        deadline = parse_deadline(indicator.deadline, year)
        measured = (INDICATOR_KEY if description
                    else DEADLINE_KEY if deadline.kind == COUNT else None)
        return deadline, DEADLINE_KEY, measured
    if description is None:
        return parse_deadline(None, year), None, None
    deadline = parse_deadline(description, year)
    if deadline.kind == UNPARSED:  # an indicator that is not a deadline: "Relazioni di servizio"
        return parse_deadline(None, year), None, INDICATOR_KEY
    return deadline, INDICATOR_KEY, INDICATOR_KEY if deadline.kind == COUNT else None


def read_indicators(plan: Plan, index: StaffIndex, year: int) -> Iterator[IndicatorReading]:
    """Every indicator of the plan, in order, read."""
    for sector in plan.sectors:
        for objective in sector.objectives:
            for indicator in objective.indicators:
                yield IndicatorReading(
                    sector, objective, indicator, *read_deadline(indicator, year),
                    resolutions=tuple(index.resolve(ref) for ref in indicator.staff_refs))
