"""The checks of a results round, as findings with file, sheet and cell.

The approved content is compared with the plan, never taken from the returned file: a
target changed in a returned file is reported at its cell and the plan's target is the
one measured against.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Iterator

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import Finding, Location
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.indicators import IndicatorReading
from pianoperf_xl.measure.rules import (
    DROPPED, MEASURED, MISSING, NOT_MEASURABLE, NOT_REACHED, PARTIAL, REACHED, Score,
    at_most, proportional, reached_value,
)
from pianoperf_xl.model import Record
from pianoperf_xl.results import FINAL
from pianoperf_xl.results.prepare import approved_row, row_ref, sector_rows
from pianoperf_xl.results.read import Returns, SectorReturn
from pianoperf_xl.values import (
    clean_text, format_date, is_blank, normalize_key, parse_decimal, quoted,
)

APPROVED_LABELS = {"area": "l'area strategica", "obiettivo": "il testo dell'obiettivo",
                   "peso": "il peso", "indicatore": "l'indicatore", "target": "il target",
                   "scadenza": "la scadenza"}
WEIGHT_TOLERANCE = Decimal("0.0001")


def match_rows(reading: PlanReading, returned: SectorReturn
               ) -> tuple[dict[int, Record], list[Finding]]:
    """The returned row of each of the sector's indicators (by ``id`` of the reading),
    and the findings on rows added or dropped."""
    by_ref: dict[str, Record] = {}
    findings = []
    for row in returned.rows:
        ref = clean_text(row.get("rif") or "")
        if ref in by_ref or not ref:
            findings.append(emit("results-objective-added",
                                 f"«{returned.file}», riga {row.row}: la riga non corrisponde "
                                 "a nessun indicatore del piano approvato (riferimento «"
                                 f"{ref}»{' ripetuto' if ref else ' vuoto'}): non è stata "
                                 "letta.", row.at("rif"), value=ref or None))
            continue
        by_ref[ref] = row
    matched: dict[int, Record] = {}
    plan_refs = set()
    for ir in sector_rows(reading, returned.sector):
        ref = row_ref(ir)
        plan_refs.add(ref)
        if ref in by_ref:
            matched[id(ir)] = by_ref[ref]
        else:
            findings.append(emit("results-objective-dropped",
                                 f"«{returned.file}»: manca la riga dell'indicatore {ref} "
                                 f"(«{quoted(ir.indicator.description or ir.objective.title, 60)}»)"
                                 " del piano approvato: non è misurato.",
                                 Location(returned.file, "Risultati"), value=ref))
    for ref, row in by_ref.items():
        if ref not in plan_refs:
            findings.append(emit("results-objective-added",
                                 f"«{returned.file}», riga {row.row}: il riferimento «{ref}» "
                                 "non è un indicatore del piano approvato del settore: la "
                                 "riga non è stata letta.", row.at("rif"), value=ref))
    return matched, findings


def approved_changes(ir: IndicatorReading, row: Record) -> Iterator[Finding]:
    expected = approved_row(ir)
    for key, label in APPROVED_LABELS.items():
        plan_value, returned = expected[key], row.get(key)
        if key == "peso":
            same = (plan_value is None and returned is None) or (
                plan_value is not None and returned is not None
                and abs(Decimal(plan_value) - Decimal(returned)) <= WEIGHT_TOLERANCE)
        else:
            same = normalize_key(plan_value or "") == normalize_key(returned or "")
        if not same:
            yield emit("results-approved-changed",
                       f"Indicatore {row_ref(ir)}: nel file {label} è «{_shown(returned)}», "
                       f"nel piano approvato «{_shown(plan_value)}». Vale il piano approvato: "
                       "per cambiarlo serve una variazione approvata dalla Giunta.",
                       row.at(key), value=returned)


def _shown(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return f"{value * 100:.0f}%".replace(".", ",")
    return quoted(value, 60)


def row_findings(ir: IndicatorReading, row: Record, score: Score, returns: Returns
                 ) -> Iterator[Finding]:
    ref, state, settings = row_ref(ir), row.get("stato"), returns.settings
    yield from approved_changes(ir, row)
    if state is None:
        yield emit("results-state-missing", f"Indicatore {ref}: manca lo stato (in corso, "
                   "raggiunto, parzialmente raggiunto, non raggiunto, non più pertinente).",
                   row.at("stato"))
    target = ir.indicator.target_value
    value = reached_value(row)
    if isinstance(target, Decimal) and not is_blank(row.get("valore")) \
            and not isinstance(value, Decimal):
        problem = parse_decimal(row.get("valore")).problem or "non è un numero"
        yield emit("results-value-unreadable", f"Indicatore {ref}: il valore raggiunto "
                   f"«{quoted(row.get('valore'))}» non si legge come numero ({problem}), "
                   f"ma il target «{ir.indicator.target}» è un numero.", row.at("valore"),
                   value=row.get("valore"))
    elif score.status == MISSING and state is not None:
        key = "valore" if isinstance(target, Decimal) else "data_completamento"
        what = "il valore raggiunto" if key == "valore" else "la data di completamento"
        yield emit("results-value-missing", f"Indicatore {ref}: manca {what}.", row.at(key))
    if state == REACHED and isinstance(target, Decimal) and isinstance(value, Decimal) \
            and proportional(value, target, at_most(ir)) < 1:
        yield emit("results-reached-below-target",
                   f"Indicatore {ref}: lo stato è «raggiunto» ma il valore {quoted(row.get('valore'))} "
                   f"non raggiunge il target «{ir.indicator.target}».", row.at("stato"),
                   value=row.get("valore"))
    if state == REACHED and score.days_late > 0:
        yield emit("results-reached-late",
                   f"Indicatore {ref}: lo stato è «raggiunto» ma è stato completato "
                   f"{score.days_late} giorni dopo la scadenza.",
                   row.at("data_completamento"), value=row.get("data_completamento"))
    if settings.evidence_required and state in (REACHED, PARTIAL) and is_blank(row.get("evidenze")):
        yield emit("results-evidence-missing", f"Indicatore {ref}: «{state}» senza evidenze "
                   "(atti, documenti, link), che le regole di misurazione chiedono.",
                   row.at("evidenze"))
    if state in (PARTIAL, NOT_REACHED) and is_blank(row.get("cause")):
        yield emit("results-gap-no-cause", f"Indicatore {ref}: «{state}» senza le cause "
                   "dello scostamento.", row.at("cause"))
    declared = row.get("percentuale")
    if declared is not None and score.status == MEASURED \
            and abs(Decimal(declared) - score.percent) > settings.tolerance:
        yield emit("results-percentage-mismatch",
                   f"Indicatore {ref}: la percentuale dichiarata è {_shown(Decimal(declared))}, "
                   f"quella calcolata {_shown(score.percent)} ({score.rule}).",
                   row.at("percentuale"), value=declared)
    # during the year a «non più pertinente» is a variation to propose to the Giunta (the
    # Report di monitoraggio lists it); at year end the act must be there
    if state == DROPPED and returns.round_kind == FINAL and is_blank(row.get("atto_giunta")):
        yield emit("results-not-pertinent-no-act", f"Indicatore {ref}: «non più pertinente» "
                   "senza la delibera di Giunta che ha modificato il piano.",
                   row.at("atto_giunta"))
    done = row.get("data_completamento")
    if isinstance(done, dt.date) and done > returns.reference_date:
        yield emit("results-date-beyond-round",
                   f"Indicatore {ref}: la data di completamento {format_date(done)} è dopo la "
                   f"data di riferimento della rilevazione "
                   f"({format_date(returns.reference_date)}).", row.at("data_completamento"),
                   value=done)
    if score.status == NOT_MEASURABLE:
        yield emit("results-not-measurable", f"Indicatore {ref}: non misurabile "
                   f"({score.rule}): riportato senza percentuale.", row.at("indicatore"))


def return_findings(returned: SectorReturn, returns: Returns) -> Iterator[Finding]:
    day = returned.form.get("aggiornato_al")
    if isinstance(day, dt.date) and day > returns.reference_date:
        yield emit("results-date-beyond-round",
                   f"«{returned.file}»: i dati sono aggiornati al {format_date(day)}, dopo la "
                   f"data di riferimento della rilevazione "
                   f"({format_date(returns.reference_date)}).", returned.form.at("aggiornato_al"),
                   value=day)


def missing_sector(reading: PlanReading, returns: Returns) -> Iterator[Finding]:
    for sector in reading.plan.sectors:
        if returns.of(sector) is None:
            yield emit("results-sector-missing", f"Il settore «{sector.name}» non ha "
                       "restituito il rendiconto: i suoi indicatori non sono misurati.",
                       Location(sector.file))
