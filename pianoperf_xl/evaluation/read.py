"""Read a folder of returned schede (one workbook per evaluator) and the evaluation
settings (the ``smvp`` workbook's evaluation sheets).

The plan reader's folder rules apply (``read.folder``) and each file's kind comes from
its hidden ``_meta`` sheet. The settings are taken from the ``smvp`` workbook of the
schede folder (``evaluation-templates`` copies it there), else from the results folder's,
else the documented defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pianoperf_xl import spec as specs
from pianoperf_xl.codes import emit
from pianoperf_xl.errors import Unusable
from pianoperf_xl.evaluation.settings import EvaluationSettings, default_settings, settings_from
from pianoperf_xl.findings import Finding, FindingList, Location
from pianoperf_xl.model import Record
from pianoperf_xl.read import read_records
from pianoperf_xl.read.folder import folder_entries, openable
from pianoperf_xl.read.workbook import UnreadableWorkbook, Workbook, open_returned
from pianoperf_xl.spec.scheda import META_EVALUATOR, META_INVENTED
from pianoperf_xl.values import clean_text

EVALUATION_SHEETS = ("Valutazione", "Gruppi", "Comportamenti", "Fasce")
DRAFT_SUFFIX = ".eml"  # the e-mail drafts evaluation-templates writes beside the schede


@dataclass
class ReturnedScheda:
    """One evaluator's returned workbook."""

    file: str
    evaluator_key: str  # as the hidden _meta sheet says (``people.Evaluator.key``)
    form: Record
    people: list[Record]
    behaviours: list[Record]
    invented: bool = False  # the bundled sample's: invented scores (``META_INVENTED``)


@dataclass
class Schede:
    schede: list[ReturnedScheda] = field(default_factory=list)
    settings: EvaluationSettings | None = None
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def read_settings(path: Path, year: int, shown: str | None = None
                  ) -> tuple[EvaluationSettings, list[Finding]]:
    """The evaluation settings of one ``smvp`` workbook; findings on other sheets (the
    measurement rules) are the results round's, not repeated here."""
    name = shown or path.name
    try:
        book = Workbook(path)
    except UnreadableWorkbook as exc:
        return default_settings(), [emit(exc.code, str(exc), Location(name))]
    return _settings_of(book, name, year)


def _settings_of(book: Workbook, name: str, year: int
                 ) -> tuple[EvaluationSettings, list[Finding]]:
    found = FindingList()
    data = read_records(book, "smvp", year, found)
    settings, problems = settings_from(data, name)
    return settings, [f for f in found.items if f.sheet in EVALUATION_SHEETS] + problems


def read_schede(folder: str | Path, year: int, results_settings: Path | None = None
                ) -> Schede:
    """The returned schede of ``folder`` for the plan ``year``, and the settings."""
    folder = Path(folder)
    if not folder.is_dir():
        raise Unusable(f"La cartella delle schede «{folder}» non esiste.")
    found = FindingList()
    result = Schede()
    entries = [e for e in folder_entries(folder)
               if Path(e.name).suffix.lower() != DRAFT_SUFFIX]
    with openable(entries) as paths:
        for entry in entries:
            opened = open_returned(entry, paths, found)
            if opened is None:
                continue
            book, meta = opened
            result.files.append(entry.name)
            if meta.kind == "smvp" and result.settings is None:
                result.settings, problems = _settings_of(book, entry.name, year)
                found.extend(problems)
                continue
            if meta.kind != "scheda" or meta.year != year:
                what = ("una scheda di valutazione del "
                        f"{meta.year}" if meta.kind == "scheda" else "una scheda di valutazione")
                found.append(emit("evaluation-file-kind", f"«{entry.name}» non è {what} "
                                  f"{year} preparata con «pianoperf evaluation-templates»: "
                                  "ignorato.", Location(entry.name), value=meta.kind))
                continue
            data = read_records(book, "scheda", year, found)
            pairs = _meta_pairs(book)
            result.schede.append(ReturnedScheda(
                entry.name, clean_text(pairs.get(META_EVALUATOR) or ""), data["Valutatore"],
                data["Persone"], data["Comportamenti"],
                clean_text(pairs.get(META_INVENTED) or "") == "sì"))
    if not result.schede:
        raise Unusable(f"Nella cartella «{folder}» non c'è nessuna scheda di valutazione "
                       f"{year}: prepararle con «pianoperf evaluation-templates».")
    if result.settings is None:
        if results_settings is not None and results_settings.is_file():
            result.settings, problems = read_settings(results_settings, year)
            found.extend(problems)
        else:
            result.settings = default_settings()
            found.append(emit("evaluation-settings-missing",
                              "Non c'è il file delle regole (modello «smvp») né tra le schede "
                              "né tra i rendiconti: sono state usate le regole di valutazione "
                              "predefinite, senza fondi.", Location(str(folder))))
    result.findings = found.items
    return result


def _meta_pairs(book: Workbook) -> dict:
    return {clean_text(row[0]): row[1] for row in book.rows(specs.META_SHEET)
            if len(row) >= 2}
