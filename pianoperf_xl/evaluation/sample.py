"""The bundled evaluation sample: a plain-data transcription (INVENTED scores, days and
funds) turned into the returned schede, written from the plan and the measured results
as ``evaluation-templates`` writes them, filled, and saved once through LibreOffice (the
frame of :mod:`pianoperf_xl.sample`)."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from pianoperf_xl import spec as specs
from pianoperf_xl.evaluation.people import by_evaluator, figures_of, roster
from pianoperf_xl.evaluation.prepare import scheda_fill, write_scheda
from pianoperf_xl.evaluation.run import measured
from pianoperf_xl.evaluation.settings import settings_from
from pianoperf_xl.model import Record
from pianoperf_xl.results.prepare import SETTINGS_FILE
from pianoperf_xl.sample import save_as_users_do
from pianoperf_xl.spec.smvp import DEFAULTS, default_fill


def settings_fill(data: dict) -> dict:
    """The sample's ``smvp`` workbook: the defaults with the transcription's funds."""
    fill = default_fill()
    given = data.get("settings") or {}
    fill["Regole"] = {**DEFAULTS, **(data.get("rules") or {})}
    fill["Valutazione"] = {**fill["Valutazione"], **(given.get("Valutazione") or {})}
    funds = given.get("funds") or {}
    fill["Gruppi"] = [{**g, "fondo": Decimal(str(funds[g["codice"]]))}
                      if g["codice"] in funds else g for g in fill["Gruppi"]]
    return fill


def _records(fill: dict) -> dict:
    """A fill as the records the reader would give (to build the sample's settings)."""
    return {name: [Record("", name, 0, dict(r)) for r in rows] if isinstance(rows, list)
            else Record("", name, 0, dict(rows)) for name, rows in fill.items()}


def filled_scheda(base: dict, data: dict) -> dict:
    """One evaluator's workbook values with the transcription's scores, days and dates."""
    people = data["people"]
    missing = set(data.get("missing") or [])
    fill = {**base, "Valutatore": dict(base["Valutatore"])}
    key = base["_key"]
    fill["Valutatore"].update((data.get("evaluators") or {}).get(key, {}))
    fill["Persone"] = [{**row, "giorni": people[row["nome"]].get("days", row["giorni"]),
                        "data_colloquio": data["interview"], "commento": data["comment"]}
                       for row in base["Persone"] if row["nome"] not in missing]
    fill["Obiettivi"] = [r for r in base["Obiettivi"] if r["nome"] not in missing]
    behaviours, seen = [], {}
    for row in base["Comportamenti"]:
        if row["nome"] in missing:
            continue
        index = seen[row["nome"]] = seen.get(row["nome"], -1) + 1
        behaviours.append({**row, "punteggio": Decimal(people[row["nome"]]["scores"][index])})
    fill["Comportamenti"] = behaviours
    del fill["_key"]
    return fill


def build_evaluation_sample(source: str | Path, samples: str | Path, out_dir: str | Path, *,
                            recalculate: bool = True) -> list[Path]:
    import yaml

    from pianoperf_xl.write.templates import write_template

    data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    samples = Path(samples)
    outcome = measured(samples / data["results"], samples / data["plan"])
    reading = outcome.reading
    fill = settings_fill(data)
    settings, problems = settings_from(_records(fill), SETTINGS_FILE)
    if problems:
        raise ValueError(f"the sample's settings are not valid: {problems}")
    people = roster(reading, settings, figures_of(outcome.tables))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pianoperf-valutazione-") as tmp:
        raw = []
        for evaluator, group in by_evaluator(people).values():
            base = {**scheda_fill(reading, evaluator, group), "_key": evaluator.key}
            raw.append(write_scheda(reading, evaluator, group, Path(tmp) / evaluator.file_name,
                                    fill=filled_scheda(base, data), invented=True))
        raw.append(write_template(specs.spec_for("smvp", reading.year),
                                  Path(tmp) / SETTINGS_FILE, fill))
        return save_as_users_do(raw, out_dir, recalculate=recalculate)
