"""The measurement tables, with pandas: one row per indicator, and the roll-ups.

Roll-up rules (the README shows them with an example):

- an objective's percentage is the mean of its measured indicators;
- each objective has a share of its sector: its weight over the sector's weights when
  every objective of the sector has one, else an equal share;
- a sector's, an area's and the ente's percentage is the mean of their measured
  objectives weighted by those shares (so in the ente each sector counts alike when all
  its objectives are measured); a person's, the same over the objectives naming them.

Indicators and objectives without a percentage (not measurable, not pertinent, data
missing, in progress) are left out of the means and counted apart, never scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.indicators import IndicatorReading
from pianoperf_xl.interpret.people import Person
from pianoperf_xl.measure.rules import MEASURED, Score, deadline_of
from pianoperf_xl.model import Record
from pianoperf_xl.results.prepare import row_ref

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class IndicatorResult:
    reading: IndicatorReading
    row: Record | None  # the returned row, None when the sector did not return it
    score: Score

    @property
    def ref(self) -> str:
        return row_ref(self.reading)

    @property
    def sector_name(self) -> str:
        return self.reading.sector.name


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _value(row: Record | None, key: str):
    return None if row is None else row.get(key)


def indicator_frame(results: list[IndicatorResult]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([{
        "settore": r.reading.sector.name, "area": r.reading.objective.area or "",
        "obiettivo_rif": r.reading.objective.ref, "rif": r.ref,
        "obiettivo": r.reading.objective.title or "",
        "indicatore": (r.reading.indicator.description or r.reading.indicator.deadline
                       or ""),
        "target": r.reading.indicator.target or "", "scadenza": r.reading.indicator.deadline or "",
        "valore": _value(r.row, "valore") or "",
        "data_completamento": _value(r.row, "data_completamento"),
        "stato": _value(r.row, "stato") or "", "esito": r.score.status, "regola": r.score.rule,
        "percentuale": _float(r.score.percent),
        "dichiarata": _float(_value(r.row, "percentuale")),
        "cause": _value(r.row, "cause") or "", "azioni": _value(r.row, "azioni") or "",
        "evidenze": _value(r.row, "evidenze") or "",
        "atto_giunta": _value(r.row, "atto_giunta") or "",
        "misurato": 1 if r.score.status == MEASURED else 0,
        "termine": deadline_of(r.reading),  # the deadline as a day, when it has one
    } for r in results])


def shares(reading: PlanReading) -> dict[int, float]:
    """Each objective's share of its sector (by ``id``): weight over the sector's weights
    when all its objectives have one, else equal shares."""
    out: dict[int, float] = {}
    for sector in reading.plan.sectors:
        objectives = sector.objectives
        weights = [o.weight for o in objectives]
        total = sum((w for w in weights if w is not None), Decimal(0))
        if objectives and all(w is not None for w in weights) and total > 0:
            out.update({id(o): float(o.weight / total) for o in objectives})
        else:
            out.update({id(o): 1 / len(objectives) for o in objectives})
    return out


def objective_frame(reading: PlanReading, indicators: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    share = shares(reading)
    measured = indicators[indicators["misurato"] == 1]
    grouped = measured.groupby(["settore", "obiettivo_rif"])["percentuale"]
    means, counts = grouped.mean(), grouped.size()
    rows = []
    for sector in reading.plan.sectors:
        for objective in sector.objectives:
            key = (sector.name, objective.ref)
            percent = means.get(key)
            rows.append({"settore": sector.name, "area": objective.area or "",
                         "rif": objective.ref, "obiettivo": objective.title or "",
                         "peso": _float(objective.weight), "quota": share[id(objective)],
                         "percentuale": None if percent is None else float(percent),
                         "indicatori": len(objective.indicators),
                         "misurati": int(counts.get(key, 0))})
    return pd.DataFrame(rows)


def weighted(objectives: pd.DataFrame, by: str | None) -> pd.DataFrame | float | None:
    """Shares-weighted mean of measured objectives, per ``by`` column or overall."""
    import pandas as pd

    done = objectives[objectives["percentuale"].notna()]
    if by is None:
        total = done["quota"].sum()
        return float((done["quota"] * done["percentuale"]).sum() / total) if total else None
    keys = list(dict.fromkeys(objectives[by]))
    rows = []
    for key in keys:
        part = done[done[by] == key]
        total = part["quota"].sum()
        rows.append({by: key, "percentuale": float((part["quota"] * part["percentuale"]).sum()
                                                   / total) if total else None,
                     "obiettivi": int((objectives[by] == key).sum()),
                     "misurati": len(part)})
    return pd.DataFrame(rows)


def person_frame(reading: PlanReading, objectives: pd.DataFrame) -> pd.DataFrame:
    """Each person of the staff lists with the objectives naming them (personal data:
    for the internal workbook and the evaluation round, never a public output)."""
    import pandas as pd

    percent = {(r.settore, r.rif): (r.percentuale, r.quota)
               for r in objectives.itertuples()}
    rows = []
    for person in reading.people:
        objs = reading.workload(person).objectives
        pairs = [percent[(o.sector, o.ref)] for o in objs]
        done = [(p, q) for p, q in pairs if p is not None and p == p]
        total = sum(q for _, q in done)
        rows.append({"persona": _name(person), "settori": ", ".join(person.sectors),
                     "obiettivi": ", ".join(o.ref for o in objs), "n_obiettivi": len(objs),
                     "percentuale": sum(p * q for p, q in done) / total if total else None})
    return pd.DataFrame(rows)


def _name(person: Person) -> str:
    return str(getattr(person, "name", None) or person)


def comparison_frame(mid_year: pd.DataFrame, year_end: pd.DataFrame) -> pd.DataFrame:
    """Each objective's percentage at the monitoring round beside the year-end one."""
    keys = ["settore", "rif"]
    merged = year_end[keys + ["obiettivo", "percentuale"]].merge(
        mid_year[keys + ["percentuale"]], on=keys, how="left",
        suffixes=("_consuntivo", "_monitoraggio"))
    merged["differenza"] = merged["percentuale_consuntivo"] - merged["percentuale_monitoraggio"]
    return merged[keys + ["obiettivo", "percentuale_monitoraggio", "percentuale_consuntivo",
                          "differenza"]]
