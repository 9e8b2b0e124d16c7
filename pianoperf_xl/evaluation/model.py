"""What an evaluation round computed: the data handed to the writers.

Scores are points out of 100 (``Decimal``, two decimals); amounts are euro (``Decimal``,
cents). Everything here is personal data except what ``public_view`` style writers
aggregate: names, scores and amounts of a person never reach a public output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from pianoperf_xl.findings import Finding

# How the results part of a group's score is made (the settings' «Base dei risultati»).
OWN_OBJECTIVES, SECTOR, ENTE = "obiettivi propri", "settore", "ente"
RESULTS_BASES = (OWN_OBJECTIVES, SECTOR, ENTE)


@dataclass(frozen=True)
class Behaviour:
    """One behaviour evaluated (e.g. «Capacità organizzativa»); ``weight`` is its share
    of the behaviours part (0–1: a group's weights add up to 1)."""

    code: str
    name: str
    weight: Decimal


@dataclass(frozen=True)
class Band:
    """A bonus band: from ``lower`` points (included) the person receives ``coefficient``
    (0–1) of a full share; below the lowest band, nothing."""

    lower: Decimal
    coefficient: Decimal
    label: str  # as the settings name it, e.g. «da 60 a 69,99»


@dataclass(frozen=True)
class Group:
    """A group of people evaluated alike, with its own fund (e.g. the E.Q., the employees)."""

    code: str
    name: str
    results_weight: Decimal  # out of 100; behaviours weigh 100 - results_weight
    results_basis: str  # one of RESULTS_BASES
    evaluator: str  # «segretario», «nucleo» or «responsabile» (the sector's head)
    behaviours: tuple[Behaviour, ...]
    scale_max: Decimal  # behaviours are scored from 0 to scale_max, then brought to 100
    bands: tuple[Band, ...]
    fund: Decimal


@dataclass(frozen=True)
class ObjectiveShare:
    """One objective a person is evaluated on, with its measured achievement."""

    sector: str
    ref: str  # the objective's code as the plan's documents show it
    title: str
    share: float  # its share of the person's results part (shares add up to 1)
    percent: float | None  # measured achievement 0–1; None: not measured (left out)


@dataclass(frozen=True)
class BehaviourScore:
    behaviour: Behaviour
    score: Decimal | None  # as the evaluator typed it, on the group's scale; None: blank


@dataclass(frozen=True)
class PersonEvaluation:
    """One person's scheda, scored, and the bonus it gives."""

    name: str
    sector: str
    group: Group
    profile: str  # category / profile as the staff list gives it
    evaluator: str  # who filled the scheda (name)
    fte: Decimal  # weekly hours over full time (0–1)
    days_served: int  # days of service in the year
    year_days: int  # 365 or 366
    objectives: tuple[ObjectiveShare, ...]
    behaviours: tuple[BehaviourScore, ...]
    results_score: Decimal | None  # 0–100; None when no objective was measured
    behaviours_score: Decimal | None  # 0–100
    total: Decimal | None  # 0–100, results and behaviours by the group's weights
    band: Band | None  # None: below every band, or not scored
    weight: Decimal  # coefficient × FTE × days_served / year_days: the person's claim
    bonus: Decimal  # euro, cents
    comment: str = ""
    interview_date: dt.date | None = None
    source: str = ""  # the returned scheda's file name ('' if none came back)


@dataclass(frozen=True)
class GroupFund:
    """How a group's fund was split: ``paid`` + ``remainder`` == ``fund``, never more."""

    group: Group
    fund: Decimal
    paid: Decimal
    remainder: Decimal  # cents left by rounding, and the shares of nobody entitled


@dataclass
class Evaluation:
    """An evaluation round checked and computed."""

    year: int
    ente: str
    groups: tuple[Group, ...]
    people: list[PersonEvaluation]
    funds: list[GroupFund]
    findings: list[Finding] = field(default_factory=list)
    privacy_threshold: int = 3  # a public cell never describes a group smaller than this
    invented: bool = False  # True for the bundled sample: its scores and funds are invented
    notes: str = ""  # the settings' «Note» (e.g. the acts adopting the system and the funds)
