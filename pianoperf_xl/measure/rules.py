"""Each indicator's achievement, by the rule that fits what it measures.

The rules, in the order they are tried (the README documents them with a worked example):

1. «non più pertinente»: no percentage, left out of every roll-up;
2. an indicator the plan does not make measurable (the plan's ``indicator-not-measurable``
   finding): «non misurabile», never scored;
3. a numeric target (the target cell typed as a number): value reached / target, capped
   at 100%; for an «at most» target (days of waiting, «non oltre», «massimo») target /
   value, capped at 100%;
4. a value reached «sì»/«no»: 100% / 0%;
5. a dated deadline (read by the interpretation, or a target typed as a date): 100% when
   completed, 0% when «non raggiunto», no percentage yet while «in corso»;
6. otherwise (a count with no target and no date): «non misurabile», unless the rules say
   to measure such an indicator by its declared state (100/50/0%).

Then a completion after the deadline takes off the reduction for each period of delay
(or part of one), never below 0%, and with bands on, the percentage goes down to the band
0, 50, 75 or 100%.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from pianoperf_xl.interpret.indicators import IndicatorReading
from pianoperf_xl.model import Record
from pianoperf_xl.results.settings import Settings
from pianoperf_xl.values import normalize_key, parse_decimal

MEASURED = "misurato"
NOT_MEASURABLE = "non misurabile"
NOT_PERTINENT = "non pertinente"
MISSING = "dati mancanti"
IN_PROGRESS = "in corso"

REACHED, PARTIAL, NOT_REACHED, ONGOING, DROPPED = (
    "raggiunto", "parzialmente raggiunto", "non raggiunto", "in corso", "non più pertinente")
STATE_SCORES = {REACHED: Decimal(1), PARTIAL: Decimal("0.5"), NOT_REACHED: Decimal(0)}
BANDS = (Decimal(1), Decimal("0.75"), Decimal("0.5"), Decimal(0))
YES, NO = {"si", "sì", "s", "yes"}, {"no", "n"}

# Words that make a numeric target a ceiling («at most»): waiting times, «non oltre».
_AT_MOST = re.compile(r"\b(al massimo|massimo|max|non oltre|non superiore|inferiore|"
                      r"meno di|entro \d+ giorni|giorni di attesa|tempo medio|tempi medi|"
                      r"tempi di|ritardo)\b|<=|≤")
ONE = Decimal(1)


@dataclass(frozen=True)
class Score:
    status: str  # MEASURED, NOT_MEASURABLE, NOT_PERTINENT, MISSING, IN_PROGRESS
    rule: str  # the rule in Italian, as the outputs show it
    percent: Decimal | None = None  # 0..1, only when MEASURED
    days_late: int = 0


def at_most(reading: IndicatorReading) -> bool:
    """A numeric target that is a ceiling: «Tempo medio di rilascio: 30 giorni»."""
    text = " ".join(t for t in (reading.indicator.description, reading.indicator.target) if t)
    return bool(_AT_MOST.search(normalize_key(text)))


def proportional(value: Decimal, target: Decimal, ceiling: bool) -> Decimal:
    """Value reached against target, capped at 100%; inverted for an «at most» target."""
    if ceiling:
        if value <= target:
            return ONE
        return max(Decimal(0), target / value) if target > 0 else Decimal(0)
    if target <= 0:
        return ONE if value >= target else Decimal(0)
    return min(ONE, max(Decimal(0), value / target))


def delay_reduction(percent: Decimal, days_late: int, settings: Settings) -> Decimal:
    if days_late <= 0:
        return percent
    periods = math.ceil(days_late / settings.delay_days)
    return max(Decimal(0), percent - settings.delay_reduction * periods)


def band(percent: Decimal) -> Decimal:
    """Down to the band: 0, 50, 75 or 100%."""
    return next(b for b in BANDS if percent >= b)


def deadline_of(reading: IndicatorReading) -> dt.date | None:
    if reading.deadline.dated:
        return reading.deadline.date
    target = reading.indicator.target_value
    return target if isinstance(target, dt.date) else None


def measure_row(reading: IndicatorReading, row: Record | None, settings: Settings,
                not_measurable: bool) -> Score:
    """The score of one indicator of the plan from its returned row (None: not returned).

    ``not_measurable``: the plan's checks found the indicator not measurable."""
    if row is None:
        return Score(MISSING, "rendiconto non restituito")
    state = row.get("stato")
    if state == DROPPED:
        return Score(NOT_PERTINENT, "non più pertinente")
    if not_measurable:
        return Score(NOT_MEASURABLE, "non misurabile nel piano")
    score = _base(reading, row, settings, state)
    if score.status != MEASURED:
        return score
    deadline, done = deadline_of(reading), row.get("data_completamento")
    late = (done - deadline).days if deadline and isinstance(done, dt.date) else 0
    percent, rule = score.percent, score.rule
    if late > 0:
        percent = delay_reduction(percent, late, settings)
        rule += f", {late} giorni di ritardo"
    if settings.bands:
        percent, rule = band(percent), rule + ", per fasce"
    return Score(MEASURED, rule, percent, max(late, 0))


def reached_value(row: Record) -> Decimal | dt.date | None:
    """The value reached: the number or date the cell holds, or a number typed as text
    («12,5»); None for words («molti») and for an ambiguous number («1.055»)."""
    value = row.typed.get("valore")
    if value is None and isinstance(row.get("valore"), str):
        value = parse_decimal(row.get("valore")).value
    return value


def _base(reading: IndicatorReading, row: Record, settings: Settings, state: str | None
          ) -> Score:
    target = reading.indicator.target_value
    value = reached_value(row)
    text = normalize_key(row.get("valore") or "")
    if isinstance(target, Decimal):
        if not isinstance(value, Decimal):
            return Score(IN_PROGRESS if state == ONGOING else MISSING, "proporzionale")
        ceiling = at_most(reading)
        return Score(MEASURED, "proporzionale inverso (al massimo)" if ceiling
                     else "proporzionale", proportional(value, target, ceiling))
    if text in YES or text in NO:
        return Score(MEASURED, "sì/no", ONE if text in YES else Decimal(0))
    if deadline_of(reading) is not None:
        if isinstance(row.get("data_completamento"), dt.date):
            return Score(MEASURED, "scadenza", ONE)
        if state == NOT_REACHED:
            return Score(MEASURED, "scadenza", Decimal(0))
        return Score(IN_PROGRESS if state == ONGOING else MISSING, "scadenza")
    if settings.state_without_target:
        if state in STATE_SCORES:
            return Score(MEASURED, "stato dichiarato (senza target)", STATE_SCORES[state])
        return Score(IN_PROGRESS if state == ONGOING else MISSING,
                     "stato dichiarato (senza target)")
    return Score(NOT_MEASURABLE, "senza target né scadenza datata")
