"""Dates and years as an Italian office types them on the command line.

A date is accepted as 15/03/2022, 15.03.2022, 15-03-2022 or 2022-03-15, always with the
year in full (a two-digit year is refused rather than guessed); a plan year as four digits
within the years a plan can have. Refusals say in Italian what to type.
"""

from __future__ import annotations

import datetime as dt
import re

import click

# The years a plan can have (as ``spec.FIRST_PLAN_YEAR``/``LAST_PLAN_YEAR``, which a test
# compares: the spec is not imported here, so that ``pianoperf --help`` stays fast).
FIRST_PLAN_YEAR, LAST_PLAN_YEAR = 2000, 2100

_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_HINT = "scrivere la data come 15/03/2022 (giorno/mese/anno, anno per intero)"


class ItalianDate(click.ParamType):
    """A ``datetime.date`` from «15/03/2022», «15.03.2022», «15-03-2022» or «2022-03-15»."""

    name = "data"

    def convert(self, value, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        day_first, year_first = _DMY.fullmatch(text), _YMD.fullmatch(text)
        if day_first:
            day, month, year = day_first.group(1, 3, 4)
        elif year_first:
            year, month, day = year_first.groups()
        else:
            self.fail(f"«{text}» non è una data: {DATE_HINT}.", param, ctx)
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            self.fail(f"«{text}» non è una data del calendario (giorno o mese fuori misura): "
                      f"{DATE_HINT}.", param, ctx)


class PlanYear(click.ParamType):
    """The year of a plan, written in full (2022, not 22)."""

    name = "anno"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            year = value
        else:
            text = str(value).strip()
            if not text.isdigit():
                self.fail(f"«{text}» non è un anno: scrivere l'anno del piano in cifre, per "
                          "esempio 2022.", param, ctx)
            if len(text) < 4:
                self.fail(f"«{text}» non è un anno per intero: scrivere tutte e quattro le "
                          f"cifre, per esempio 20{text[-2:].zfill(2)}.", param, ctx)
            year = int(text)
        if not FIRST_PLAN_YEAR <= year <= LAST_PLAN_YEAR:
            self.fail(f"«{value}» non è l'anno di un piano: scrivere un anno da "
                      f"{FIRST_PLAN_YEAR} a {LAST_PLAN_YEAR}, per esempio 2022.", param, ctx)
        return year


DATE = ItalianDate()
YEAR = PlanYear()
