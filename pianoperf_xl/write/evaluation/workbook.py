"""The private workbook of the evaluation round (``RISERVATO-valutazioni-ANNO.xlsx``):
every person's scores and bonus, the objectives and behaviours behind them, the figures
per group, per sector and per band, the split of each fund with a check that what was
paid and what remains add up to the fund, and charts of the distribution.

The person-level figures are the computation's; every figure built on them (counts, sums,
averages, shares, the check) is a live formula over «Persone», saved with the value the
tool computed, so that a reader that does not recalculate shows the same figures. The
formulas match text with SUMPRODUCT and ``=``, never with COUNTIFS/SUMIFS, whose criteria
would read a group named «<60» or «E.Q.*» as an operator or a wildcard. Layout:
:mod:`.layout`.
"""

from __future__ import annotations

import itertools
import math
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from pianoperf_xl.evaluation.model import Evaluation, Group, PersonEvaluation
from pianoperf_xl.write import style
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.write.cells import new_workbook, put, row_height, set_height, set_width
from pianoperf_xl.write.evaluation import layout as L
from pianoperf_xl.write.evaluation import text as txt

NUMBER_FORMATS = {L.INT: "#,##0", L.SCORE: style.TWO_DECIMALS, L.AMOUNT: style.TWO_DECIMALS,
                  L.PERCENT: "0.00%", L.RATIO: "0.0000", L.DATE: style.DAY}
MARK = {"bold": True, "font_color": "#C00000"}
PAGE_WIDTH = 100  # column width units on a printed A4 landscape page
PAGE_ROWS = 46  # rows of the default height on a printed A4 page, narrow margins


def band_text(person: PersonEvaluation) -> str:
    """The «Fascia» cell of a person: the band's label, or why there is none."""
    if person.band is not None:
        return person.band.label
    return L.NOT_SCORED if person.total is None else L.NO_BAND


def sectors(evaluation: Evaluation) -> list[str]:
    """The sectors in the order their people come."""
    return list(dict.fromkeys(p.sector for p in evaluation.people))


def _f(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


class _Writer:
    def __init__(self, evaluation: Evaluation, path: str) -> None:
        self.ev = evaluation
        self.book = new_workbook(path, in_memory=True)  # one row a person: small
        b = self.book
        self.title = b.add_format(style.TITLE)
        self.note = b.add_format({**style.NOTE, "text_wrap": True, "valign": "top"})
        self.mark = b.add_format({**MARK, "text_wrap": True, "valign": "top"})
        self.header = b.add_format(style.HEADER)
        border = {"border": 1, "border_color": style.BORDER, "valign": "top"}
        self.formats = {(kind, bold): b.add_format({
            **border, "bold": bold, "num_format": NUMBER_FORMATS.get(kind, "General"),
            "text_wrap": kind == L.WRAP,
            **({"bg_color": style.COMPUTED_FILL} if bold else {})})
            for kind in (L.TEXT, L.WRAP, L.INT, L.SCORE, L.AMOUNT, L.PERCENT, L.RATIO, L.DATE)
            for bold in (False, True)}
        self.people = evaluation.people
        self.last = L.FIRST + max(len(self.people), 1) - 1  # the last row of «Persone»
        self.group_rows: dict[str, int] = {}  # group code -> its row in «Gruppi»
        self.band_rows: dict[str, list[int]] = {}  # group code -> its rows in «Fasce»
        self.sector_count = 0

    # -- helpers -------------------------------------------------------------------------

    def start(self, sheet: L.Sheet):
        ws = self.book.add_worksheet(sheet.name)
        put(ws, L.TITLE_ROW, 0, f"Valutazione individuale {self.ev.year} – {sheet.title}",
            self.title)
        # Across the columns of the first printed page: whole when printed, not cut.
        widths = list(itertools.accumulate(c.width for c in sheet.columns))
        last = max(0, sum(1 for w in widths if w <= PAGE_WIDTH) - 1)
        self.banner(ws, sheet.note, widths[last], last)
        for col, column in enumerate(sheet.columns):
            set_width(ws, col, col, column.width)
            put(ws, L.HEADER_ROW, col, column.header, self.header)
        set_height(ws, L.HEADER_ROW, 32)
        ws.freeze_panes(L.FIRST, 1)
        wide = sum(c.width for c in sheet.columns) > 200  # «Persone»: pages side by side
        style.print_setup(ws, landscape=len(sheet.columns) > 6, repeat_row=L.HEADER_ROW,
                          fit_width=not wide)
        if wide:
            ws.repeat_columns(0)
        return ws

    def banner(self, ws, note: str, width: float, last_col: int) -> None:
        """The note and the marks under the title, wrapped across the table's width."""
        for row, text, fmt in ((L.NOTE_ROW, note, self.note), (L.MARK_ROW, self.marks(),
                                                               self.mark)):
            if last_col > 0:
                ws.merge_range(row, 0, row, last_col, "", fmt)
            put(ws, row, 0, text, fmt)
            set_height(ws, row, row_height([(text, width)]))

    def marks(self) -> str:
        """Private; invented; a draft: in red above every sheet's headers."""
        marks = [txt.PRIVATE_MARK]
        if self.ev.invented:
            marks.append(txt.INVENTED)
        if txt.errors(self.ev):
            marks.append(txt.draft_note(txt.errors(self.ev)))
        return " · ".join(marks)

    def fmt(self, column: L.Column, bold: bool = False):
        return self.formats[column.kind, bold]

    def values(self, ws, sheet: L.Sheet, row: int, values: dict[str, Any],
               bold: bool = False) -> None:
        for col, column in enumerate(sheet.columns):
            if column.key in values:
                put(ws, row, col, _f(values[column.key]), self.fmt(column, bold))
        wrapped = [(str(values[c.key]), c.width) for c in sheet.columns
                   if c.kind == L.WRAP and values.get(c.key)]
        if wrapped:
            set_height(ws, row, row_height(wrapped))

    def formula(self, ws, sheet: L.Sheet, row: int, key: str, formula: str, value: Any,
                bold: bool = False) -> None:
        cached = "" if value is None else _f(value)
        column = sheet.columns[sheet.col(key)]
        ws.write_formula(row, sheet.col(key), "=" + formula, self.fmt(column, bold), cached)

    def span(self, key: str) -> str:
        """A column of «Persone», all its people."""
        letter = xl_col_to_name(L.PEOPLE.col(key))
        return f"{L.PEOPLE.name}!${letter}${L.FIRST + 1}:${letter}${self.last + 1}"

    def where(self, *conditions: tuple[str, str]) -> str:
        """The 1/0 array of the people matching every (column key, cell) condition."""
        parts = [f"({self.span(key)}={cell})" for key, cell in conditions]
        return "*".join(parts) + ("*1" if len(parts) == 1 else "")

    def count(self, *conditions: tuple[str, str]) -> str:
        return f"SUMPRODUCT({self.where(*conditions)})"

    def total_of(self, key: str, *conditions: tuple[str, str]) -> str:
        return f"SUMPRODUCT({self.where(*conditions)},{self.span(key)})"

    def scored(self, *conditions: tuple[str, str]) -> str:
        return f'SUMPRODUCT({self.where(*conditions)}*({self.span("total")}<>""))'

    # -- sheets --------------------------------------------------------------------------

    def write(self) -> None:
        props = {"title": f"Valutazione individuale {self.ev.year}", "author": self.ev.ente,
                 "subject": txt.PRIVATE_MARK, "keywords": "Valutazione individuale; riservato",
                 "comments": txt.INVENTED if self.ev.invented else ""}
        self.book.set_properties(props)
        ws_funds = self.start(L.FUNDS)  # the first sheet; filled once «Gruppi» is laid out
        self.groups()
        self.sectors_sheet()
        self.bands()
        self.charts()
        self.people_sheet()
        self.objectives()
        self.behaviours()
        self.funds(ws_funds)
        self.book.close()

    def funds(self, ws) -> None:
        s = L.FUNDS
        rows = []
        for i, fund in enumerate(self.ev.funds):
            r = L.FIRST + i
            rows.append(r)
            group = fund.group
            paid = sum((p.bonus for p in self.people if p.group.code == group.code),
                       Decimal(0))
            me = xl_rowcol_to_cell(r, 0)
            self.values(ws, s, r, {"group": group.name, "fund": fund.fund,
                                   "remainder": fund.remainder})
            self.formula(ws, s, r, "people", self.count(("group", me)),
                         sum(1 for p in self.people if p.group.code == group.code))
            self.formula(ws, s, r, "paid", self.total_of("bonus", ("group", me)), paid)
            self.check(ws, r, paid + fund.remainder == fund.fund)
        total = L.FIRST + len(rows)
        self.values(ws, s, total, {"group": L.TOTAL}, bold=True)
        for key, value in (("people", len(self.people)),
                           ("fund", sum((f.fund for f in self.ev.funds), Decimal(0))),
                           ("paid", sum((p.bonus for p in self.people), Decimal(0))),
                           ("remainder", sum((f.remainder for f in self.ev.funds), Decimal(0)))):
            col = s.col(key)
            cells = (f"{xl_rowcol_to_cell(rows[0], col)}:{xl_rowcol_to_cell(rows[-1], col)}"
                     if rows else "0")
            self.formula(ws, s, total, key, f"SUM({cells})" if rows else "0", value, bold=True)
        fund_sum = sum((f.fund for f in self.ev.funds), Decimal(0))
        self.check(ws, total, sum((p.bonus for p in self.people), Decimal(0))
                   + sum((f.remainder for f in self.ev.funds), Decimal(0)) == fund_sum,
                   bold=True)
        ws.conditional_format(L.FIRST, s.col("check"), total, s.col("check"), {
            "type": "cell", "criteria": "==", "value": f'"{L.CHECK_WRONG}"',
            "format": self.book.add_format(style.BAD)})

    def check(self, ws, row: int, right: bool, bold: bool = False) -> None:
        s = L.FUNDS
        cell = lambda key: xl_rowcol_to_cell(row, s.col(key))  # noqa: E731
        self.formula(ws, s, row, "check",
                     f'IF(ROUND({cell("paid")}+{cell("remainder")}-{cell("fund")},2)=0,'
                     f'"{L.CHECK_OK}","{L.CHECK_WRONG}")',
                     L.CHECK_OK if right else L.CHECK_WRONG, bold)

    def groups(self) -> None:
        s = L.GROUPS
        ws = self.start(s)
        for i, group in enumerate(self.ev.groups):
            r = L.FIRST + i
            self.group_rows[group.code] = r
            mine = [p for p in self.people if p.group.code == group.code]
            self.values(ws, s, r, {"group": group.name,
                                   "evaluator": txt.EVALUATORS.get(group.evaluator,
                                                                   group.evaluator),
                                   "results_weight": group.results_weight})
            self.aggregate(ws, s, r, mine, ("group", xl_rowcol_to_cell(r, 0)))
        total = L.FIRST + len(self.ev.groups)
        self.values(ws, s, total, {"group": L.TOTAL}, bold=True)
        self.aggregate(ws, s, total, self.people, None, bold=True)

    def aggregate(self, ws, s: L.Sheet, r: int, mine: list[PersonEvaluation],
                  condition: tuple[str, str] | None, bold: bool = False) -> None:
        """People, scored, average score, (rewarded), paid and average bonus of ``mine``."""
        conditions = (condition,) if condition else ()
        totals = [p.total for p in mine if p.total is not None]
        paid = sum((p.bonus for p in mine), Decimal(0))
        people = (self.count(*conditions) if conditions else
                  f'SUMPRODUCT(({self.span("name")}<>"")*1)')
        scored = (self.scored(*conditions) if conditions else
                  f'SUMPRODUCT(({self.span("total")}<>"")*1)')
        total_sum = (self.total_of("total", *conditions) if conditions
                     else f'SUM({self.span("total")})')
        paid_sum = (self.total_of("bonus", *conditions) if conditions
                    else f'SUM({self.span("bonus")})')
        cell = lambda key: xl_rowcol_to_cell(r, s.col(key))  # noqa: E731
        self.formula(ws, s, r, "people", people, len(mine), bold)
        self.formula(ws, s, r, "scored", scored, len(totals), bold)
        self.formula(ws, s, r, "average", f'IF({cell("scored")}=0,"",{total_sum}/'
                     f'{cell("scored")})', sum(totals) / len(totals) if totals else None, bold)
        if any(c.key == "rewarded" for c in s.columns):
            rewarded = (f'SUMPRODUCT({self.where(*conditions)}*({self.span("bonus")}>0))'
                        if conditions else f'SUMPRODUCT(({self.span("bonus")}>0)*1)')
            self.formula(ws, s, r, "rewarded", rewarded, sum(1 for p in mine if p.bonus > 0),
                         bold)
        self.formula(ws, s, r, "paid", paid_sum, paid, bold)
        self.formula(ws, s, r, "average_bonus", f'IF({cell("people")}=0,"",{cell("paid")}/'
                     f'{cell("people")})', paid / len(mine) if mine else None, bold)

    def sectors_sheet(self) -> None:
        s = L.SECTORS
        ws = self.start(s)
        names = sectors(self.ev)
        for i, sector in enumerate(names):
            r = L.FIRST + i
            self.values(ws, s, r, {"sector": sector})
            self.aggregate(ws, s, r, [p for p in self.people if p.sector == sector],
                           ("sector", xl_rowcol_to_cell(r, 0)))
        self.sector_count = len(names)
        total = L.FIRST + len(names)
        self.values(ws, s, total, {"sector": L.TOTAL}, bold=True)
        self.aggregate(ws, s, total, self.people, None, bold=True)

    def bands(self) -> None:
        s = L.BANDS
        ws = self.start(s)
        r = L.FIRST
        for group in self.ev.groups:
            mine = [p for p in self.people if p.group.code == group.code]
            rows = []
            for label, coefficient in self.band_lines(group):
                rows.append(r)
                inside = [p for p in mine if band_text(p) == label]
                me_group, me_band = xl_rowcol_to_cell(r, 0), xl_rowcol_to_cell(r, 1)
                self.values(ws, s, r, {"group": group.name, "band": label,
                                       "coefficient": coefficient})
                self.formula(ws, s, r, "people",
                             self.count(("group", me_group), ("band", me_band)), len(inside))
                group_people = xl_rowcol_to_cell(self.group_rows[group.code],
                                                 L.GROUPS.col("people"), True, True)
                people = xl_rowcol_to_cell(r, s.col("people"))
                self.formula(ws, s, r, "share", f"IF({L.GROUPS.name}!{group_people}=0,\"\","
                             f"{people}/{L.GROUPS.name}!{group_people})",
                             len(inside) / len(mine) if mine else None)
                self.formula(ws, s, r, "paid", self.total_of(
                    "bonus", ("group", me_group), ("band", me_band)),
                    sum((p.bonus for p in inside), Decimal(0)))
                r += 1
            self.band_rows[group.code] = rows

    @staticmethod
    def band_lines(group: Group) -> Iterable[tuple[str, Decimal | None]]:
        for band in sorted(group.bands, key=lambda b: b.lower, reverse=True):
            yield band.label, band.coefficient
        yield L.NO_BAND, None
        yield L.NOT_SCORED, None

    def charts(self) -> None:
        ws = self.book.add_worksheet(L.CHARTS)
        put(ws, L.TITLE_ROW, 0, f"Valutazione individuale {self.ev.year} – grafici",
            self.title)
        self.banner(ws, "Le persone per fascia di ciascun gruppo; i premi e il punteggio "
                    "medio per settore.", 100, 10)
        style.print_setup(ws)
        self.place, self.page_rows, self.breaks = L.FIRST, L.FIRST, []
        b = L.BANDS
        for group in self.ev.groups:
            rows = self.band_rows[group.code]
            chart = self.book.add_chart({"type": "column"})
            chart.add_series({"name": "Persone",
                              "categories": [b.name, rows[0], b.col("band"), rows[-1],
                                             b.col("band")],
                              "values": [b.name, rows[0], b.col("people"), rows[-1],
                                         b.col("people")],
                              "fill": {"color": style.BLUE},
                              "data_labels": {"value": True}})
            chart.set_title({"name": f"Persone per fascia – {group.name}"})
            chart.set_legend({"none": True})
            most = max([sum(1 for p in self.people if p.group.code == group.code), 1])
            chart.set_y_axis({"min": 0, "major_unit": max(1, math.ceil(most / 8)),
                              "num_format": "0", "major_gridlines": {
                                  "visible": True, "line": {"color": style.FAINT_LINE}}})
            chart.set_size({"width": 640, "height": 260})
            self.insert(ws, chart, 14)
        if self.sector_count:
            sc = L.SECTORS
            first, last = L.FIRST, L.FIRST + self.sector_count - 1
            height = 110 + 36 * self.sector_count
            for key, name, colour, axis, labels in (
                    ("paid", "Premi per settore (€)", style.BLUE, {"min": 0}, "#,##0"),
                    ("average", "Punteggio medio per settore (su 100)", style.SERIES[1],
                     {"min": 0, "max": 100, "major_unit": 20}, "0.00")):
                chart = self.book.add_chart({"type": "bar"})
                chart.add_series({"name": name,
                                  "categories": [sc.name, first, 0, last, 0],
                                  "values": [sc.name, first, sc.col(key), last, sc.col(key)],
                                  "fill": {"color": colour},
                                  "data_labels": {"value": True, "num_format": labels}})
                chart.set_title({"name": name})
                chart.set_legend({"none": True})
                chart.set_x_axis({**axis, "num_format": labels.split(".")[0] or "0",
                                  "major_gridlines": {"visible": True,
                                                      "line": {"color": style.FAINT_LINE}}})
                chart.set_y_axis({"reverse": True})
                chart.set_size({"width": 640, "height": height})
                self.insert(ws, chart, 2 + height // 20)

    def insert(self, ws, chart, rows: int) -> None:
        """A chart below the previous one, on the next printed page when it would not fit
        whole on this one (a page holds about ``PAGE_ROWS`` rows)."""
        if self.page_rows + rows > PAGE_ROWS:
            self.breaks.append(self.place)
            ws.set_h_pagebreaks(self.breaks)
            self.page_rows = 0
        ws.insert_chart(self.place, 0, chart)
        self.place += rows
        self.page_rows += rows

    def people_sheet(self) -> None:
        s = L.PEOPLE
        ws = self.start(s)
        for i, p in enumerate(self.people):
            r = L.FIRST + i
            self.values(ws, s, r, {
                "name": p.name, "sector": p.sector, "group": p.group.name,
                "profile": p.profile, "evaluator": p.evaluator, "fte": p.fte,
                "days": p.days_served, "year_days": p.year_days,
                "results": p.results_score, "behaviours": p.behaviours_score,
                "total": p.total, "band": band_text(p),
                "coefficient": p.band.coefficient if p.band else None,
                "bonus": p.bonus, "interview": p.interview_date, "comment": p.comment,
                "source": p.source})
            cell = lambda key: xl_rowcol_to_cell(r, s.col(key))  # noqa: E731
            self.formula(ws, s, r, "weight", f'IF({cell("coefficient")}="",0,'
                         f'{cell("coefficient")}*{cell("fte")}*{cell("days")}/'
                         f'{cell("year_days")})', p.weight)
        if self.people:
            ws.autofilter(L.HEADER_ROW, 0, self.last, len(s.columns) - 1)

    def objectives(self) -> None:
        s = L.OBJECTIVES
        ws = self.start(s)
        r = L.FIRST
        for p in self.people:
            for o in p.objectives:
                self.values(ws, s, r, {"name": p.name, "sector": o.sector, "ref": o.ref,
                                       "title": o.title, "share": o.share,
                                       "percent": o.percent})
                r += 1
        if r > L.FIRST:
            ws.autofilter(L.HEADER_ROW, 0, r - 1, len(s.columns) - 1)

    def behaviours(self) -> None:
        s = L.BEHAVIOURS
        ws = self.start(s)
        r = L.FIRST
        for p in self.people:
            for b in p.behaviours:
                self.values(ws, s, r, {"name": p.name, "group": p.group.name,
                                       "behaviour": b.behaviour.name,
                                       "weight": b.behaviour.weight, "score": b.score,
                                       "scale": p.group.scale_max})
                r += 1
        if r > L.FIRST:
            ws.autofilter(L.HEADER_ROW, 0, r - 1, len(s.columns) - 1)


def write_private_workbook(evaluation: Evaluation, path: str | os.PathLike) -> Path:
    with atomic_path(path) as tmp:
        _Writer(evaluation, str(tmp)).write()
    return Path(path)
