"""The charts of the annex, drawn with matplotlib as PNG pictures: Word and LibreOffice
show a picture the same way, where a native chart would need an embedded workbook that
python-docx cannot write. Each function returns the PNG's bytes, or None when the plan
has no data for the chart.

- :func:`age_pyramid`: residents by five-year class, males left and females right;
- :func:`population_structure`: young (0-14), adults (15-64) and elderly (65 and over),
  the three bands the demographic structure is read from;
- :func:`staff_trend`: staff at 31 December by year, with inhabitants per employee.

:func:`draw_all` draws the three at once: matplotlib's import and drawing are most of a
small plan's annex time, so ``build`` has them drawn by a second process as soon as the
plan is read, while it checks and writes the rest (``Annex.charts``).
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any, Sequence

from pianoperf_xl.model import Record
from pianoperf_xl.values import format_number, normalize_key

MALE, FEMALE, ACCENT, GREY = "#2F5597", "#C0504D", "#ED7D31", "#595959"
DPI = 200
WIDTH_IN = 6.3  # 16 cm: the text width of an A4 portrait page with 2,5 cm margins


def _figure(height_in: float) -> Any:
    from matplotlib.figure import Figure  # imported here: slow, and only for the annex

    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    figure.set_layout_engine("tight")
    return figure


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _italian(value: float, _position: Any = None) -> str:
    return format_number(Decimal(str(round(abs(value), 2))).normalize())


def _axes(figure: Any) -> Any:
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8, colors=GREY)
    return axes


def age_pyramid(pyramid: Sequence[Record]) -> bytes | None:
    rows = [r for r in pyramid if r.get("code") != "TOT"
            and (r.get("maschi") is not None or r.get("femmine") is not None)]
    if not rows:
        return None
    from matplotlib.ticker import FuncFormatter

    labels = [str(r.get("label") or r.get("code")) for r in rows]
    males = [-(r.get("maschi") or 0) for r in rows]
    females = [r.get("femmine") or 0 for r in rows]
    figure = _figure(4.6)
    axes = _axes(figure)
    axes.barh(labels, males, color=MALE, label="Maschi", height=0.8)
    axes.barh(labels, females, color=FEMALE, label="Femmine", height=0.8)
    limit = max([abs(v) for v in males + females] + [1]) * 1.1
    axes.set_xlim(-limit, limit)
    axes.axvline(0, color=GREY, linewidth=0.6)
    axes.xaxis.set_major_formatter(FuncFormatter(_italian))
    axes.set_ylabel("Classe di età", fontsize=8, color=GREY)
    axes.legend(fontsize=8, frameon=False, loc="upper right")
    return _png(figure)


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


def population_structure(pyramid: Sequence[Record]) -> bytes | None:
    """One bar per band, its share of the residents written beside it."""
    counts = structure_counts(pyramid)
    total = sum(count for _, count in counts)
    if not total:
        return None
    figure = _figure(1.9)
    axes = _axes(figure)
    labels = [label for label, _ in counts][::-1]  # the young on top
    shares = [count / total * 100 for _, count in counts][::-1]
    values = [count for _, count in counts][::-1]
    axes.barh(labels, shares, color=[GREY, MALE, ACCENT], height=0.6)
    for y, (share, count) in enumerate(zip(shares, values)):
        axes.text(share + 1, y, f"{_italian(share)}% ({format_number(count)} residenti)",
                  va="center", fontsize=7.5, color=GREY)
    axes.set_xlim(0, 100)
    axes.set_xlabel("% dei residenti", fontsize=8, color=GREY)
    axes.tick_params(axis="y", labelsize=8)
    return _png(figure)


def _year_values(records: Sequence[Record], years: Sequence[str], group: str
                 ) -> list[float | None]:
    row = next((r for r in records if normalize_key(r.get("gruppo")) == group
                and not r.get("categoria")), None)
    if row is None:
        return []
    return [float(row.get(y)) if row.get(y) is not None else None for y in years]


def staff_trend(history: Sequence[Record], years: Sequence[int]) -> bytes | None:
    labels = [str(y) for y in years]
    staff = _year_values(history, labels, "totale personale")
    if not staff or all(v is None for v in staff):
        return None
    from matplotlib.ticker import FuncFormatter

    ratio = _year_values(history, labels, "abitanti per dipendente")
    figure = _figure(2.8)
    axes = _axes(figure)
    shown = [(label, value) for label, value in zip(labels, staff) if value is not None]
    axes.bar([s[0] for s in shown], [s[1] for s in shown], color=MALE, width=0.6,
             label="Personale al 31 dicembre")
    for label, value in shown:
        axes.text(label, value, _italian(value), ha="center", va="bottom", fontsize=7,
                  color=GREY)
    # the bars fill the lower half, the line the upper one: labels and line never meet
    axes.set_ylim(0, max(s[1] for s in shown) * 2.1)
    axes.set_ylabel("Dipendenti", fontsize=8, color=GREY)
    axes.yaxis.set_major_formatter(FuncFormatter(_italian))
    handles, names = axes.get_legend_handles_labels()
    if ratio and any(v is not None for v in ratio):
        right = axes.twinx()
        right.spines["top"].set_visible(False)
        right.tick_params(labelsize=8, colors=GREY)
        points = [(label, value) for label, value in zip(labels, ratio) if value is not None]
        right.plot([p[0] for p in points], [p[1] for p in points], color=ACCENT,
                   marker="o", markersize=3, label="Abitanti per dipendente")
        right.set_ylim(0, max(p[1] for p in points) * 1.15)
        right.set_ylabel("Abitanti per dipendente", fontsize=8, color=GREY)
        right.yaxis.set_major_formatter(FuncFormatter(_italian))
        more_handles, more_names = right.get_legend_handles_labels()
        handles, names = handles + more_handles, names + more_names
    axes.legend(handles, names, fontsize=7.5, frameon=False, loc="lower center",
                bbox_to_anchor=(0.5, 1.0), ncol=2)
    return _png(figure)


PYRAMID, STRUCTURE, STAFF = "pyramid", "structure", "staff"
Charts = dict  # name (PYRAMID, STRUCTURE, STAFF) -> PNG bytes or None


def draw_all(ente: Any, year: int) -> Charts:
    """Every chart of the annex for ``ente`` (a ``model.Ente``) in the plan ``year``."""
    from pianoperf_xl.spec.ente import history_years

    return {PYRAMID: age_pyramid(ente.pyramid),
            STRUCTURE: population_structure(ente.pyramid),
            STAFF: staff_trend(ente.staff_history, list(history_years(year)))}


def has_any(ente: Any) -> bool:
    """Whether the ente has data for a chart (else drawing them in advance is no gain)."""
    return ente is not None and bool(ente.pyramid or ente.staff_history)
