"""Each sector's results template, pre-filled from the approved plan as interpreted."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pianoperf_xl import spec as specs
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.indicators import IndicatorReading
from pianoperf_xl.model import Sector
from pianoperf_xl.spec.rendiconto import META_DATE, META_ROUND
from pianoperf_xl.spec.smvp import default_fill

SETTINGS_FILE = "regole-misurazione.xlsx"


def row_ref(reading: IndicatorReading) -> str:
    """«PL.03/2»: the objective's reference and the indicator's number in it, the key a
    returned row is matched by."""
    number = reading.objective.indicators.index(reading.indicator) + 1
    return f"{reading.objective.ref}/{number}"


def approved_row(reading: IndicatorReading) -> dict[str, Any]:
    """The locked cells of an indicator's row: the approved content, as the plan shows it."""
    objective, indicator = reading.objective, reading.indicator
    return {"rif": row_ref(reading), "area": objective.area, "obiettivo": objective.title,
            "peso": objective.weight, "indicatore": indicator.description,
            "target": indicator.target, "scadenza": indicator.deadline}


def sector_rows(reading: PlanReading, sector: Sector) -> list[IndicatorReading]:
    return [r for r in reading.indicators if r.sector is sector]


def results_file_name(sector: Sector) -> str:
    words = re.sub(r"[^\w]+", "-", sector.name.casefold()).strip("-") or "settore"
    return f"rendiconto-{words}.xlsx"


def results_draft(sector: Sector, attachment: Path, year: int, round_kind: str,
                  reference_date: dt.date, due: dt.date):
    """The e-mail draft that sends a sector its ``rendiconto``; None without a valid
    address. ``pianoperf send`` sends the drafts of the folder as for the plan."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    from pianoperf_xl.distribute.email_drafts import draft
    from pianoperf_xl.values import format_date

    if not sector.email or "@" not in sector.email:
        return None
    try:
        to = Address(display_name=sector.head or "", addr_spec=sector.email.strip())
    except (ValueError, IndexError, HeaderParseError):
        return None
    what = "monitoraggio" if round_kind == "monitoraggio" else "rendiconto di fine anno"
    subject = f"Piano della performance {year} - {what} - {sector.name}"
    body = (f"Gentile {sector.head or 'Responsabile'},\n\n"
            f"in allegato il rendiconto del {sector.name} per il {what} del Piano della "
            f"performance {year}, con i dati al {format_date(reference_date)}. Per ogni "
            "indicatore si chiede il valore raggiunto, la data di completamento, lo stato, "
            "le cause degli eventuali scostamenti, le azioni correttive e le evidenze. Le "
            "celle grigie riportano il piano approvato e non si modificano.\n\n"
            f"Si prega di restituire il file compilato entro il {format_date(due)}.\n\n"
            "Grazie,\nla Segreteria\n")
    return draft(to, subject, body, attachment)


def write_results_templates(reading: PlanReading, out_dir: str | Path, round_kind: str,
                            reference_date: dt.date, due: dt.date | None = None
                            ) -> list[Path]:
    """One pre-filled ``rendiconto`` per sector of the plan, and the rules workbook; with
    ``due``, beside each one the e-mail draft to the sector (sectors without an address
    get none)."""
    from pianoperf_xl.distribute.email_drafts import write_eml

    from pianoperf_xl.write.templates import write_template

    out_dir = Path(out_dir)
    year = reading.year
    template = specs.spec_for("rendiconto", year)
    meta = ((META_ROUND, round_kind), (META_DATE, reference_date.isoformat()))
    written = []
    ente = reading.plan.ente.name if reading.plan.ente else None
    for sector in reading.plan.sectors:
        fill = {"Rendiconto": {"ente": ente or sector.ente, "anno": year,
                               "settore": sector.name, "responsabile": sector.head,
                               "turno": round_kind, "data_riferimento": reference_date},
                "Risultati": [approved_row(r) for r in sector_rows(reading, sector)]}
        path = write_template(template, out_dir / results_file_name(sector), fill, meta=meta)
        written.append(path)
        message = (results_draft(sector, path, year, round_kind, reference_date, due)
                   if due is not None else None)
        if message is not None:
            written.append(write_eml(message, path.with_suffix(".eml")))
    written.append(write_rules_template(out_dir, year))
    return written


def write_rules_template(out_dir: str | Path, year: int) -> Path:
    """The measurement rules workbook (``smvp``) with the documented defaults filled in,
    for the segreteria to correct where the comune's own system says otherwise."""
    from pianoperf_xl.write.templates import write_template

    return write_template(specs.spec_for("smvp", year), Path(out_dir) / SETTINGS_FILE,
                          default_fill())
