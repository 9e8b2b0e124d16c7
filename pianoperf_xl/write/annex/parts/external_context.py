"""The territorial and demographic context: territory, population balance, age pyramid."""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from pianoperf_xl.model import Record
from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex import charts
from pianoperf_xl.write.annex.document import (Annex, caption, figure, heading,
                                               paragraph)
from pianoperf_xl.write.annex.formats import number, percent
from pianoperf_xl.write.annex.styles import MID, NUM
from pianoperf_xl.write.annex.tables import Col, Row, add_table


def external_context(annex: Annex) -> None:
    heading(annex, 1, txt.H_EXTERNAL)
    if annex.plan.ente is None:
        paragraph(annex, txt.MISSING_ENTE)
        return
    _territory(annex)
    _population(annex)


def _territory(annex: Annex) -> None:
    ente = annex.plan.ente
    values = {
        "superficie": number(ente.area_km2, 2) if ente.area_km2 is not None else "",
        "abitanti": number(ente.inhabitants),
    }
    labels = dict(txt.TERRITORY_ROWS, abitanti=txt.inhabitants_label(annex.facts.year))
    rows = [Row([labels[k], txt.territory_value(k, v)]) for k, v in values.items() if v]
    rows += [Row([label, value]) for label, value in
             _density_rows(ente.area_km2, ente.inhabitants, ente.density_declared)]
    if not rows:
        return
    heading(annex, 2, txt.H_TERRITORY)
    paragraph(annex, txt.territory_intro(annex.facts))
    caption(annex, txt.CAPTION_TERRITORY)
    _label_value_table(annex, txt.COLS_TERRITORY, rows, 6.0, 3.5)


def _density_rows(area: Decimal | None, inhabitants: int | None,
                  declared: Decimal | None) -> list[tuple[str, str]]:
    """The density the ente declares; when it differs from inhabitants / area, or is not
    declared, the computed one is shown too and said to be computed."""
    computed = ((Decimal(inhabitants) / Decimal(area)).quantize(Decimal("0.01"))
                if area and inhabitants else None)
    shown = {key: number(value, 2) for key, value in
             (("declared", declared), ("computed", computed)) if value is not None}
    return txt.density_rows(shown.get("declared"), shown.get("computed"))


def _population(annex: Annex) -> None:
    ente = annex.plan.ente
    form = ente.population
    if form is None and not ente.pyramid:
        return
    heading(annex, 2, txt.H_POPULATION)
    if form is not None:
        _balance_tables(annex, form)
    if ente.pyramid:
        _pyramid_table(annex, form)
        figure(annex, txt.FIGURE_PYRAMID, charts.age_pyramid(ente.pyramid))
        figure(annex, txt.FIGURE_STRUCTURE, charts.population_structure(ente.pyramid))
    if form is not None and form.get("stranieri") is not None:
        paragraph(annex, txt.foreigners_sentence(
            form.get("stranieri"), percent(form.get("stranieri_percentuale")) or None,
            form.get("data_stranieri")))


def _balance_tables(annex: Annex, form: Record) -> None:
    year = form.get("anno_bilancio")
    rows = []
    for key, label, emphasis in txt.population_rows(form.get("anno_censimento"), year):
        if form.get(key) is not None:
            rows.append(Row([label, number(form.get(key))], bold=emphasis == "total",
                            shaded=emphasis == "total", indent=emphasis == "sub"))
    if rows:
        paragraph(annex, txt.population_intro(year))
        caption(annex, txt.CAPTION_POPULATION)
        _label_value_table(annex, txt.COLS_POPULATION, rows, 9.0, 3.0)
    ages = [Row([label, number(form.get(key))]) for key, label in txt.AGE_GROUP_ROWS
            if form.get(key) is not None]
    if ages:
        caption(annex, txt.CAPTION_AGE_GROUPS)
        _label_value_table(annex, txt.COLS_POPULATION, ages, 9.0, 3.0)


def _pyramid_table(annex: Annex, form: Record | None) -> None:
    paragraph(annex, txt.pyramid_intro(form.get("data_piramide") if form is not None else None))
    caption(annex, txt.CAPTION_PYRAMID)
    names = txt.COLS_PYRAMID
    cols = [Col(names[0], 2.2, MID)] + [Col(n, 2.0, NUM) for n in names[1:]]
    rows = []
    for record in annex.plan.ente.pyramid:
        total = record.get("code") == "TOT"
        rows.append(Row([record.get("label") or record.get("code"),
                         number(record.get("maschi")), percent(record.get("perc_maschi")),
                         number(record.get("femmine")), percent(record.get("perc_femmine")),
                         number(record.get("totale")), percent(record.get("perc_totale"))],
                        bold=total, shaded=total))
    add_table(annex.doc, cols, rows, width=15.0)


def _label_value_table(annex: Annex, headers: Sequence[str], rows: list[Row],
                       label_cm: float, value_cm: float) -> None:
    """Two columns, labels and right-aligned values, no wider than the two of them."""
    cols = [Col(headers[0], label_cm), Col(headers[1], value_cm, NUM)]
    add_table(annex.doc, cols, rows, width=label_cm + value_cm)
