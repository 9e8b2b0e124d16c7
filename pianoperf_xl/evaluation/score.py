"""Each person's returned scheda matched, checked and scored, then each group's fund
split: from the roster and the returned schede to the ``PersonEvaluation``s and
``GroupFund``s of :mod:`model`."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from pianoperf_xl.codes import emit
from pianoperf_xl.evaluation import checks, compute
from pianoperf_xl.evaluation.model import BehaviourScore, GroupFund, PersonEvaluation
from pianoperf_xl.evaluation.people import Evaluee
from pianoperf_xl.evaluation.read import ReturnedScheda
from pianoperf_xl.evaluation.settings import EvaluationSettings
from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret.names import same_person
from pianoperf_xl.model import Record
from pianoperf_xl.values import clean_text, format_number, normalize_key


@dataclasses.dataclass
class Filled:
    """One person's rows in a returned workbook."""

    scheda: ReturnedScheda
    row: Record
    behaviours: dict[str, Record]  # by behaviour code


def match_schede(people: list[Evaluee], schede: list[ReturnedScheda]
                 ) -> tuple[dict[int, Filled], list[Finding]]:
    """Each evaluee's rows (by ``id`` of the evaluee), and the rows of nobody known."""
    by_key = {normalize_key(e.name): e for e in people}
    found: dict[int, Filled] = {}
    findings = []
    for scheda in schede:
        for row in scheda.people:
            name = clean_text(row.get("nome") or "")
            evaluee = by_key.get(normalize_key(name)) or next(
                (e for e in people if name and same_person(name, e.name)), None)
            if evaluee is None:
                findings.append(emit("evaluation-person-unknown",
                                     f"«{name}» non è nel personale dei settori del piano: la "
                                     "riga non è stata letta.", row.at("nome"), value=name))
                continue
            if id(evaluee) in found:
                first = found[id(evaluee)].scheda.file
                findings.append(emit("evaluation-scheda-duplicate",
                                     f"{evaluee.name} ha già una scheda in «{first}»: è stata "
                                     "usata quella.", row.at("nome"), value=name))
                continue
            rows = {clean_text(b.get("codice") or ""): b for b in scheda.behaviours
                    if normalize_key(clean_text(b.get("nome") or "")) == normalize_key(name)}
            found[id(evaluee)] = Filled(scheda, row, rows)
    return found, findings


def behaviour_scores(evaluee: Evaluee, filled: Filled | None
                     ) -> tuple[tuple[BehaviourScore, ...], list[Finding]]:
    group, findings, scores = evaluee.group, [], []
    for behaviour in group.behaviours:
        row = filled.behaviours.get(behaviour.code) if filled else None
        score = row.get("punteggio") if row is not None else None
        if filled is not None and (row is None or score is None):
            where = row.at("punteggio") if row is not None else filled.row.at("nome")
            findings.append(emit("evaluation-scheda-incomplete",
                                 f"{evaluee.name}: manca il punteggio di «{behaviour.name}».",
                                 where))
        elif score is not None and not 0 <= score <= group.scale_max:
            findings.append(emit("evaluation-score-out-of-scale",
                                 f"{evaluee.name}, «{behaviour.name}»: il punteggio "
                                 f"{format_number(score)} è fuori dalla scala (da 0 a "
                                 f"{format_number(group.scale_max)}): non è stato usato, la "
                                 "scheda resta senza punteggio finché non è corretto.",
                                 row.at("punteggio"), value=score))
            score = None
        scores.append(BehaviourScore(behaviour, None if score is None else Decimal(score)))
    return tuple(scores), findings


def score_person(evaluee: Evaluee, filled: Filled | None, settings: EvaluationSettings,
                 year_days: int) -> tuple[PersonEvaluation, list[Finding]]:
    """One person's scheda scored, with their claim (the bonus comes with the split)."""
    group, findings = evaluee.group, []
    behaviours, problems = behaviour_scores(evaluee, filled)
    findings.extend(problems)
    days, evaluator, comment, interview = None, "", "", None
    if filled is None:
        findings.append(checks.scheda_missing(evaluee))
    else:
        row, form = filled.row, filled.scheda.form
        days = row.get("giorni")
        findings.extend(checks.days_findings(evaluee.name, row, days, year_days))
        findings.extend(checks.evaluator_findings(evaluee, form, filled.scheda.evaluator_key))
        evaluator = clean_text(form.get("valutatore") or "")
        comment = clean_text(row.get("commento") or "")
        interview = row.get("data_colloquio")
        if interview is None:
            findings.append(emit("evaluation-scheda-incomplete",
                                 f"{evaluee.name}: manca la data del colloquio.",
                                 row.at("data_colloquio")))
    behaviours_score = compute.behaviours_score(behaviours, group.scale_max) \
        if filled is not None else None
    total = compute.total_score(evaluee.results, behaviours_score, group.results_weight)
    band = compute.band_of(total, group.bands)
    days_ok = days is not None and 0 <= days <= year_days
    fte = evaluee.person.fte
    weight = compute.claim(band, fte, days, year_days, prorate_hours=settings.prorate_hours,
                           prorate_days=settings.prorate_days) if days_ok else Decimal(0)
    member = evaluee.member
    return PersonEvaluation(
        name=evaluee.name, sector=evaluee.sector.name if evaluee.sector else member.sector,
        group=group, profile=" ".join(x for x in (member.grade, member.profile) if x),
        evaluator=evaluator, fte=fte, days_served=days if isinstance(days, int) else 0,
        year_days=year_days, objectives=evaluee.objectives, behaviours=behaviours,
        results_score=evaluee.results, behaviours_score=behaviours_score, total=total,
        band=band, weight=weight, bonus=Decimal("0.00"), comment=comment,
        interview_date=interview, source=filled.scheda.file if filled else ""), findings


def split_funds(people: list[PersonEvaluation], settings: EvaluationSettings
                ) -> tuple[list[PersonEvaluation], list[GroupFund]]:
    """Each group's fund split by the claims; the people with their bonus."""
    bonus: dict[int, Decimal] = {}
    funds = []
    for group in settings.groups:
        members = [p for p in people if p.group is group]
        if not members:
            continue
        amounts, remainder = compute.split(group.fund, [p.weight for p in members])
        bonus.update((id(p), a) for p, a in zip(members, amounts))
        funds.append(GroupFund(group, group.fund, group.fund - remainder, remainder))
    return [dataclasses.replace(p, bonus=bonus.get(id(p), p.bonus)) for p in people], funds
