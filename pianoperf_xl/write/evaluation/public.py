"""The tables «Amministrazione trasparente» asks for, from the round's figures, with no
name and no line of fewer people than the round's threshold (see :mod:`.disclosure`).

Art. 20 D.Lgs. 33/2013 and ANAC's grid (sotto-sezione «Performance»): the «Ammontare
complessivo dei premi» set aside and paid, and the «Dati relativi ai premi» — how the
bonuses are distributed and how much they differ. Here:

- ``Ammontare premi``: for each group and for the ente, the people, the funds set aside,
  the bonuses paid and what was not paid;
- ``Distribuzione premi``: for each group, the people in each band (and below the
  lowest, and not evaluated) with their share of the group, the average bonus, and the
  gap between the highest and the lowest bonus paid; the same for the group and the ente.

No figure is a person's own: averages and gaps are over a line's people, every line
describes at least ``privacy_threshold`` people or is left out with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Hashable

from pianoperf_xl.evaluation.model import Evaluation, Group, PersonEvaluation
from pianoperf_xl.values import format_number
from pianoperf_xl.write.evaluation.disclosure import PRIMARY, hidden_lines

# Column kinds.
LABEL, INT, AMOUNT, PERCENT, RATIO = "label", "int", "amount", "percent", "ratio"
NO_BAND = "Sotto la soglia minima (nessun premio)"
NOT_SCORED = "Non valutati"
ALL_BANDS = "Totale del gruppo"
ENTE = "Totale ente"
OMITTED = "n.d."  # a figure left out, in the CSV (its reason in the column «omissione»)


@dataclass(frozen=True)
class Column:
    header: str
    kind: str
    width: float
    csv: str  # the CSV's column name


@dataclass(frozen=True)
class Line:
    unit: Hashable  # the line's people, as the suppression sees them
    people: int
    cells: tuple[Any, ...]  # one per column: labels never hidden, figures hidden together
    total: bool = False
    omitted: str = ""  # why the figures are left out (they are None), or ""


@dataclass(frozen=True)
class Table:
    sheet: str
    csv_name: str  # after the public stem: «trasparenza-premi-2022-ammontare.csv»
    title: str
    columns: tuple[Column, ...]
    lines: tuple[Line, ...]
    notes: tuple[str, ...]


AMOUNTS_COLUMNS = (
    Column("Gruppo", LABEL, 34, "gruppo"),
    Column("Persone", INT, 10, "persone"),
    Column("Premi stanziati (€)", AMOUNT, 16, "premi_stanziati"),
    Column("Premi distribuiti (€)", AMOUNT, 16, "premi_distribuiti"),
    Column("Non distribuiti (€)", AMOUNT, 16, "non_distribuiti"),
)
DISTRIBUTION_COLUMNS = (
    Column("Gruppo", LABEL, 30, "gruppo"),
    Column("Fascia", LABEL, 36, "fascia"),
    Column("Coefficiente della fascia", LABEL, 12, "coefficiente"),
    Column("Persone", INT, 10, "persone"),
    Column("% delle persone del gruppo", PERCENT, 12, "percentuale_persone"),
    Column("Premio medio (€)", AMOUNT, 14, "premio_medio"),
    Column("Differenza tra premio più alto e più basso (€)", AMOUNT, 18,
           "differenza_premi"),
)


def primary_mark(threshold: int) -> str:
    return f"n.d. (meno di {threshold} persone)"


SECONDARY_MARK = "n.d. (ricavabile per differenza)"


def suppression_note(threshold: int) -> str:
    return (f"Per la riservatezza dei dati personali nessuna riga descrive meno di "
            f"{threshold} persone: «{primary_mark(threshold)}». È omessa anche una riga dalla "
            f"quale, per differenza dai totali, si ricaverebbe una riga omessa: "
            f"«{SECONDARY_MARK}».")


def _money(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def _average(people: list[PersonEvaluation]) -> Decimal | None:
    if not people:
        return None
    return (_money([p.bonus for p in people]) / len(people)).quantize(Decimal("0.01"))


def _gap(people: list[PersonEvaluation]) -> Decimal | None:
    """Highest minus lowest bonus among those who had one; None for fewer than two."""
    paid = [p.bonus for p in people if p.bonus > 0]
    return max(paid) - min(paid) if len(paid) >= 2 else None


def _share(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else None


def _band_label(person: PersonEvaluation) -> str:
    if person.band is not None:
        return person.band.label
    return NOT_SCORED if person.total is None else NO_BAND


def _band_lines(group: Group) -> list[tuple[str, str]]:
    """(label, coefficient text) of a group's bands, highest first, then no band."""
    lines = [(b.label, format_number(b.coefficient, 2))
             for b in sorted(group.bands, key=lambda b: b.lower, reverse=True)]
    return lines + [(NO_BAND, "–"), (NOT_SCORED, "–")]


def tables(evaluation: Evaluation) -> tuple[Table, Table]:
    """The two public tables, lines already left out where they must be."""
    people_of = {g.code: [p for p in evaluation.people if p.group.code == g.code]
                 for g in evaluation.groups}
    fund_of = {f.group.code: f for f in evaluation.funds}
    amounts: list[Line] = []
    distribution: list[Line] = []
    for group in evaluation.groups:
        mine = people_of[group.code]
        fund = fund_of.get(group.code)
        unit = ("group", group.code)
        amounts.append(Line(unit, len(mine), (
            group.name, len(mine), fund.fund if fund else None,
            _money([p.bonus for p in mine]), fund.remainder if fund else None)))
        for index, (label, coefficient) in enumerate(_band_lines(group)):
            inside = [p for p in mine if _band_label(p) == label]
            distribution.append(Line(("band", group.code, index), len(inside), (
                group.name, label, coefficient, len(inside), _share(len(inside), len(mine)),
                _average(inside), _gap(inside))))
        distribution.append(Line(unit, len(mine), (
            group.name, ALL_BANDS, "", len(mine), _share(len(mine), len(mine)),
            _average(mine), _gap(mine)), total=True))
    everyone = evaluation.people
    amounts.append(Line(("ente",), len(everyone), (
        ENTE, len(everyone), _money([f.fund for f in evaluation.funds]),
        _money([p.bonus for p in everyone]), _money([f.remainder for f in evaluation.funds])),
        total=True))
    distribution.append(Line(("ente",), len(everyone), (
        ENTE, "Tutte le fasce", "", len(everyone), _share(len(everyone), len(everyone)),
        _average(everyone), _gap(everyone)), total=True))
    hidden = _hidden(evaluation, amounts + distribution)
    threshold = evaluation.privacy_threshold
    year = evaluation.year
    notes = (suppression_note(threshold),)
    return (
        Table("Ammontare premi", "ammontare",
              f"Ammontare complessivo dei premi {year} – {evaluation.ente}",
              AMOUNTS_COLUMNS, tuple(_masked(l, AMOUNTS_COLUMNS, hidden, threshold)
                                     for l in amounts),
              ("Premi stanziati: il fondo destinato a ciascun gruppo; distribuiti: i premi "
               "riconosciuti dopo la valutazione; non distribuiti: il resto del fondo "
               "(arrotondamenti e quote di chi non ha diritto al premio).", *notes)),
        Table("Distribuzione premi", "distribuzione",
              f"Distribuzione dei premi {year} per fascia – {evaluation.ente}",
              DISTRIBUTION_COLUMNS, tuple(_masked(l, DISTRIBUTION_COLUMNS, hidden, threshold)
                                          for l in distribution),
              ("Grado di differenziazione: per ogni gruppo la quota di persone in ciascuna "
               "fascia, il premio medio e la differenza tra il premio più alto e il più "
               "basso tra chi ha ricevuto un premio.", *notes)),
    )


def _hidden(evaluation: Evaluation, lines: list[Line]) -> dict[Hashable, str]:
    people = {l.unit: l.people for l in lines}
    relations = [([("band", g.code, i) for i in range(len(_band_lines(g)))], ("group", g.code))
                 for g in evaluation.groups]
    relations.append(([("group", g.code) for g in evaluation.groups], ("ente",)))
    return hidden_lines(people, relations, evaluation.privacy_threshold)


def _masked(line: Line, columns: tuple[Column, ...], hidden: dict[Hashable, str],
            threshold: int) -> Line:
    if line.unit not in hidden:
        return line
    mark = primary_mark(threshold) if hidden[line.unit] == PRIMARY else SECONDARY_MARK
    return Line(line.unit, line.people, tuple(
        value if column.kind == LABEL else None for value, column in zip(line.cells, columns)),
        line.total, mark)
