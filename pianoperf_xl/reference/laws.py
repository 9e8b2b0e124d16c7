"""The laws the annex and the draft deliberation cite, with the day each came into force.

A plan cites what was law on the day the Giunta approves it: a plan approved on
15/03/2022 cannot rest on a decree published in September 2022. :func:`in_force` picks
them by that day. Citations are written with non-breaking spaces inside each reference
(:func:`unbreakable`), so a line never ends on «n.» with «80» alone on the next one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

NBSP = "\u00a0"


@dataclass(frozen=True)
class Law:
    key: str
    citation: str  # "art. 6 del D.L. 9 giugno 2021, n. 80"
    in_force: dt.date  # the day it took effect (the day after publication, or as it says)
    about: str = ""  # what it says, for the deliberation's premises


TUEL = Law("tuel", "D.Lgs. 18 agosto 2000, n. 267", dt.date(2000, 10, 13))
PERFORMANCE = Law("d150", "D.Lgs. 27 ottobre 2009, n. 150", dt.date(2009, 11, 16))
TRANSPARENCY = Law("d33", "D.Lgs. 14 marzo 2013, n. 33", dt.date(2013, 4, 20))
PIAO = Law("dl80", "art. 6 del D.L. 9 giugno 2021, n. 80, convertito con modificazioni "
           "dalla L. 6 agosto 2021, n. 113", dt.date(2021, 8, 8),
           "ha istituito il Piano integrato di attività e organizzazione (PIAO)")
PIAO_REPEALS = Law("dpr81", "D.P.R. 24 giugno 2022, n. 81", dt.date(2022, 7, 15),
                   "ha individuato gli adempimenti assorbiti dal PIAO, tra i quali il "
                   "Piano della performance")
PIAO_CONTENT = Law("dm132", "D.M. 30 giugno 2022, n. 132", dt.date(2022, 9, 22),
                   "ha definito il contenuto del PIAO, collocando gli obiettivi di "
                   "performance nella sottosezione 2.2 «Performance» e prevedendo "
                   "modalità semplificate per le amministrazioni con meno di cinquanta "
                   "dipendenti (art. 6)")
PIAO_LAWS = (PIAO, PIAO_REPEALS, PIAO_CONTENT)


def in_force(laws: tuple[Law, ...], day: dt.date) -> list[Law]:
    """Those of ``laws`` already in force on ``day``."""
    return [law for law in laws if law.in_force <= day]


def citing_day(approval: dt.date | None, today: dt.date | None = None) -> dt.date:
    """The day whose laws a plan cites: its approval, or today while it is not known yet
    (the plan will be approved under today's laws, not under those of its year)."""
    return approval or today or dt.date.today()


# "art. 169", "artt. 4, 5", "n. 267", "D.Lgs. 150", "comma 3-bis", "c. 4", "lett. b",
# "18 agosto 2000": the space after each of these words, and inside a date, never breaks.
_MONTHS = ("gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|"
           "novembre|dicembre")
_GLUED = re.compile(
    r"(\b(?:artt?\.|n\.|D\.Lgs\.|D\.L\.|D\.M\.|D\.P\.R\.|L\.|comma|commi|c\.|lett\.)"
    rf"|\b\d{{1,2}}°?|\b(?:{_MONTHS})) (?=[\w«])")


def unbreakable(text: str) -> str:
    """``text`` with non-breaking spaces inside legal references and dates."""
    def glue(match: re.Match[str]) -> str:
        word = match.group(1)
        after = text[match.end():match.end() + 12]
        if word[0].isdigit() and not re.match(_MONTHS, after):
            return match.group(0)  # a number not followed by a month: an ordinary space
        if word in _MONTHS.split("|") and not after[:1].isdigit():
            return match.group(0)
        return word + NBSP
    return _GLUED.sub(glue, text)
