"""The evaluation's arithmetic, as pure functions on ``Decimal`` (the README works an
example through them, and the tests check each one on hand-computed figures).

- results score: the measured objectives' achievement weighted by their shares, out of
  100 (objectives not measured are left out, never scored);
- behaviours score: the behaviours' weighted mean, the group's scale brought to 100;
- total: results and behaviours by the group's weights;
- band: the highest band whose lower bound the total reaches (none below the lowest);
- claim: the band's coefficient × FTE × days served / days of the year;
- bonus: fund × claim / sum of the group's claims, rounded down to the cent, so the fund
  is never exceeded; the cents left and the share of nobody entitled are the remainder.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Sequence

from pianoperf_xl.evaluation.model import Band, BehaviourScore, ObjectiveShare

POINTS = Decimal("0.01")
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def points(value: Decimal) -> Decimal:
    """A score to two decimals, half up (89,995 → 90,00)."""
    return value.quantize(POINTS, rounding=ROUND_HALF_UP)


def objective_shares(weights: Sequence[Decimal | None]) -> list[Decimal]:
    """Each objective's share of a person's results part: its weight over the weights of
    the person's objectives when all have one, else equal shares."""
    if not weights:
        return []
    if all(w is not None for w in weights) and sum(weights) > 0:
        total = sum(weights)
        return [w / total for w in weights]
    return [Decimal(1) / len(weights)] * len(weights)


def results_score(objectives: Sequence[ObjectiveShare]) -> Decimal | None:
    """The measured objectives' achievement by their shares, out of 100; None when none
    was measured."""
    measured = [(Decimal(str(o.share)), Decimal(str(o.percent))) for o in objectives
                if o.percent is not None and o.percent == o.percent]
    total = sum((share for share, _ in measured), Decimal(0))
    if not measured or total <= 0:
        return None
    return points(sum(share * percent for share, percent in measured) / total * HUNDRED)


def figure_score(percent: float | Decimal | None) -> Decimal | None:
    """A sector's or the ente's achievement (0–1) as a results score out of 100."""
    if percent is None or percent != percent:  # None or NaN: not measured
        return None
    return points(Decimal(str(percent)) * HUNDRED)


def behaviours_score(scores: Sequence[BehaviourScore], scale_max: Decimal) -> Decimal | None:
    """The weighted mean of the scores, brought from 0–``scale_max`` to 0–100; None when
    a score is missing (the scheda is incomplete) or there is nothing to score."""
    if not scores or any(s.score is None for s in scores) or scale_max <= 0:
        return None
    weights = sum(s.behaviour.weight for s in scores)
    if weights <= 0:
        return None
    mean = sum(s.behaviour.weight * s.score for s in scores) / weights
    return points(mean / scale_max * HUNDRED)


def total_score(results: Decimal | None, behaviours: Decimal | None,
                results_weight: Decimal) -> Decimal | None:
    """Results and behaviours by the group's weights (``results_weight`` out of 100); a
    part weighing nothing may be missing."""
    behaviours_weight = HUNDRED - results_weight
    if (results is None and results_weight > 0) or (behaviours is None and behaviours_weight > 0):
        return None
    total = ((results or 0) * results_weight + (behaviours or 0) * behaviours_weight) / HUNDRED
    return points(Decimal(total))


def band_of(total: Decimal | None, bands: Sequence[Band]) -> Band | None:
    """The highest band whose lower bound ``total`` reaches; None below every band."""
    if total is None:
        return None
    reached = [b for b in bands if total >= b.lower]
    return max(reached, key=lambda b: b.lower) if reached else None


def claim(band: Band | None, fte: Decimal, days_served: int, year_days: int, *,
          prorate_hours: bool = True, prorate_days: bool = True) -> Decimal:
    """A person's claim on the group's fund: coefficient × FTE × days / year's days."""
    if band is None:
        return Decimal(0)
    value = band.coefficient
    if prorate_hours:
        value *= fte
    if prorate_days:
        value = value * days_served / year_days
    return value


def split(fund: Decimal, claims: Sequence[Decimal]) -> tuple[list[Decimal], Decimal]:
    """Each claim's bonus, fund × claim / sum of claims rounded down to the cent, and the
    remainder (the fund less what is paid; the whole fund when nobody is entitled)."""
    total = sum(claims, Decimal(0))
    if total <= 0 or fund <= 0:
        return [Decimal(0).quantize(CENT) for _ in claims], fund.quantize(CENT)
    bonuses = [(fund * c / total).quantize(CENT, rounding=ROUND_DOWN) for c in claims]
    return bonuses, (fund - sum(bonuses, Decimal(0))).quantize(CENT)
