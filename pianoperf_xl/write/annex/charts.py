"""The charts of the annex, as native Word charts.

Each chart is an Excel chart, drawn by xlsxwriter in a small workbook holding the figures
it plots («Dati»); :mod:`~pianoperf_xl.write.annex.chart_part` places it in the document
with that workbook embedded. So Word draws it itself (sharp at any zoom and in print), the
segreteria can restyle it or open its figures with «Modifica dati», and LibreOffice shows
and exports it the same way. Drawing one costs milliseconds (pictures drawn with
matplotlib cost a small plan's build about two seconds).

- :func:`age_pyramid`: residents by five-year class, males left and females right;
- :func:`population_structure`: young (0-14), adults (15-64) and elderly (65 and over),
  the three bands the demographic structure is read from;
- :func:`staff_trend`: staff at 31 December by year, with inhabitants per employee.

Each returns a :class:`Chart`, or None when the plan has no data for it. Labels the chart
writes itself (shares, residents) are formatted here, in Italian, so they read the same
whatever the language of the program that shows them.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Sequence

from pianoperf_xl.model import Record
from pianoperf_xl.values import format_number, normalize_key
from pianoperf_xl.write import style
from pianoperf_xl.write.annex.styles import FONT

SHEET = "Dati"
GREY = style.GREY_TEXT
ACCENT = style.SERIES[1]
# Whole numbers with Italian grouping whatever the reader's locale cannot be asked of a
# number format; these show the sign-less figure (the pyramid's left half is negative).
WHOLE = "#,##0"
FIXED_DATE = dt.datetime(2000, 1, 1)
NO_TICKS = {"major_tick_mark": "none", "minor_tick_mark": "none"}
MIRRORED = "#,##0;#,##0"


@dataclass(frozen=True)
class Chart:
    """A chart ready for the document: the chart part and the workbook it is drawn from."""

    xml: bytes  # DrawingML chartSpace, with the figures cached in it
    workbook: bytes  # .xlsx: sheet «Dati» with the figures, and the same chart
    height_cm: float


def _font(size: float = 8, bold: bool = False) -> dict[str, Any]:
    return {"name": FONT, "size": size, "bold": bold, "color": GREY}


def _drawn(rows: Sequence[Sequence[Any]], height_cm: float,
           build: Callable[[Any, int], Any], legend: bool = True) -> Chart:
    """``rows`` (a header row, then the data) written on «Dati»; ``build(workbook,
    last_row)`` makes the chart from them."""
    import xlsxwriter

    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    # a fixed date: the same plan gives the same document, byte for byte (the document's
    # own properties say when it was written)
    workbook.set_properties({"title": "Dati del grafico", "author": "pianoperf_xl",
                             "created": FIXED_DATE})
    sheet = workbook.add_worksheet(SHEET)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, len(rows[0]) - 1, 14)
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    chart = build(workbook, len(rows) - 1)
    chart.set_chartarea({"border": {"none": True}})
    chart.set_legend({"position": "bottom", "font": _font()} if legend else {"none": True})
    sheet.insert_chart(0, len(rows[0]) + 1, chart)
    workbook.close()
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("xl/charts/chart1.xml")
    return Chart(xml, data, height_cm)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten not below
    ``value``: an axis end that reads well."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
                if step * power >= value)


def _column(col: int, last_row: int) -> list[Any]:
    return [SHEET, 1, col, last_row, col]


def age_pyramid(pyramid: Sequence[Record]) -> Chart | None:
    rows = [r for r in pyramid if r.get("code") != "TOT"
            and (r.get("maschi") is not None or r.get("femmine") is not None)]
    if not rows:
        return None
    table = [["Classe di età", "Maschi (negativi: metà sinistra)", "Femmine"]]
    table += [[str(r.get("label") or r.get("code")), -(r.get("maschi") or 0),
               r.get("femmine") or 0] for r in rows]

    limit = nice_ceiling(max(abs(v) for row in table[1:] for v in row[1:]))

    def build(workbook: Any, last: int) -> Any:
        chart = workbook.add_chart({"type": "bar"})
        for name, col, colour in (("Maschi", 1, style.MALE), ("Femmine", 2, style.FEMALE)):
            chart.add_series({"name": name, "categories": _column(0, last),
                              "values": _column(col, last), "fill": {"color": colour},
                              "gap": 10, "overlap": 100})
        chart.set_x_axis({"num_format": MIRRORED, "num_font": _font(),
                          "min": -limit, "max": limit,
                          "major_gridlines": {"visible": True,
                                              "line": {"color": style.FAINT_LINE}},
                          "line": {"color": GREY}, **NO_TICKS})
        chart.set_y_axis({"label_position": "low", "num_font": _font(7.5),
                          "name": "Classe di età", "name_font": _font(),
                          "line": {"color": GREY}, **NO_TICKS})
        return chart

    return _drawn(table, 11.5, build)


BANDS = (("Giovani (0-14 anni)", 0, 14), ("Adulti (15-64 anni)", 15, 64),
         ("Anziani (65 anni e oltre)", 65, 200))


def structure_counts(pyramid: Sequence[Record]) -> list[tuple[str, int]]:
    """Residents in each band of ``BANDS``, from the five-year classes of the pyramid."""
    counts = {label: 0 for label, _, _ in BANDS}
    for record in pyramid:
        code = str(record.get("code") or "")
        if code == "TOT":
            continue
        start = int(code.split("-")[0].rstrip("+")) if code[:1].isdigit() else None
        total = record.get("totale")
        if total is None:
            total = (record.get("maschi") or 0) + (record.get("femmine") or 0)
        if start is None:
            continue
        for label, low, high in BANDS:
            if low <= start <= high:
                counts[label] += total
    return list(counts.items())


def _italian(value: float) -> str:
    return format_number(Decimal(str(round(abs(value), 1))).normalize())


def population_structure(pyramid: Sequence[Record]) -> Chart | None:
    """One bar per band, its share of the residents and its residents written beside it."""
    counts = structure_counts(pyramid)
    total = sum(count for _, count in counts)
    if not total:
        return None
    counts = counts[::-1]  # a bar chart draws its first category at the bottom
    shares = [count / total * 100 for _, count in counts]
    table = [["Fascia", "% dei residenti", "Residenti"]]
    table += [[label, round(share, 1), count] for (label, count), share in zip(counts, shares)]
    labels = [{"value": f"{_italian(share)}% ({format_number(count)} residenti)"}
              for (_, count), share in zip(counts, shares)]

    def build(workbook: Any, last: int) -> Any:
        chart = workbook.add_chart({"type": "bar"})
        chart.add_series({
            "name": "% dei residenti", "categories": _column(0, last),
            "values": _column(1, last), "gap": 40,
            "points": [{"fill": {"color": colour}}
                       for colour in (GREY, style.MALE, ACCENT)],
            "data_labels": {"value": True, "custom": labels, "position": "outside_end",
                            "font": _font(7.5)}})
        chart.set_x_axis({"min": 0, "max": 100, "num_font": _font(),
                          "name": "% dei residenti", "name_font": _font(),
                          "major_gridlines": {"visible": True,
                                              "line": {"color": style.FAINT_LINE}},
                          "line": {"color": GREY}, **NO_TICKS})
        chart.set_y_axis({"num_font": _font(), "line": {"color": GREY}, **NO_TICKS})
        return chart

    return _drawn(table, 5.5, build, legend=False)


def _year_values(records: Sequence[Record], years: Sequence[str], group: str
                 ) -> list[float | None]:
    row = next((r for r in records if normalize_key(r.get("gruppo")) == group
                and not r.get("categoria")), None)
    if row is None:
        return []
    return [float(row.get(y)) if row.get(y) is not None else None for y in years]


def staff_trend(history: Sequence[Record], years: Sequence[int]) -> Chart | None:
    """Staff at 31 December as columns; inhabitants per employee as a line on the right
    axis, when the plan gives them."""
    labels = [str(y) for y in years]
    staff = _year_values(history, labels, "totale personale")
    if not staff or all(v is None for v in staff):
        return None
    ratio = _year_values(history, labels, "abitanti per dipendente")
    with_ratio = bool(ratio) and any(v is not None for v in ratio)
    table = [["Anno", "Personale al 31 dicembre"]
             + (["Abitanti per dipendente"] if with_ratio else [])]
    table += [[label, value] + ([ratio[i]] if with_ratio else [])
              for i, (label, value) in enumerate(zip(labels, staff))]

    # the columns fill the lower half, the line the upper one: labels and line never meet
    staff_top = nice_ceiling(max(v for v in staff if v is not None) * 2.1)

    def build(workbook: Any, last: int) -> Any:
        chart = workbook.add_chart({"type": "column"})
        chart.add_series({"name": "Personale al 31 dicembre",
                          "categories": _column(0, last), "values": _column(1, last),
                          "fill": {"color": style.MALE}, "gap": 80,
                          "data_labels": {"value": True, "num_format": WHOLE,
                                          "font": _font(7.5)}})
        chart.set_x_axis({"num_font": _font(), "line": {"color": GREY}, **NO_TICKS})
        chart.set_y_axis({"name": "Dipendenti", "name_font": _font(), "num_font": _font(),
                          "num_format": WHOLE, "min": 0, "max": staff_top,
                          "major_gridlines": {"visible": True,
                                              "line": {"color": style.FAINT_LINE}},
                          "line": {"color": GREY}, **NO_TICKS})
        if with_ratio:
            line = workbook.add_chart({"type": "line"})
            line.add_series({"name": "Abitanti per dipendente",
                             "categories": _column(0, last), "values": _column(2, last),
                             "y2_axis": True, "line": {"color": ACCENT, "width": 2},
                             "marker": {"type": "circle", "size": 5,
                                        "fill": {"color": ACCENT},
                                        "border": {"color": ACCENT}}})
            line.set_y2_axis({"name": "Abitanti per dipendente", "name_font": _font(),
                              "num_font": _font(), "num_format": WHOLE, "min": 0,
                              "max": nice_ceiling(max(v for v in ratio if v is not None)
                                                  * 1.15),
                              "line": {"color": GREY}, **NO_TICKS})
            chart.combine(line)
        chart.show_blanks_as("gap")
        return chart

    return _drawn(table, 7.5, build)
