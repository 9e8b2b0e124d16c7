"""Read a folder of filled workbooks into one ``Plan``.

Each file's kind, template version and plan year come from its hidden ``_meta`` sheet;
file names do not matter. A file that cannot be used becomes a finding and the others
are still read.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pianoperf_xl import own_outputs
from pianoperf_xl import spec as specs
from pianoperf_xl.codes import emit
from pianoperf_xl.errors import Unusable
from pianoperf_xl.findings import Finding, FindingList, Location
from pianoperf_xl.model import Budget, Ente, Plan, Record, Sector, SourceFile
from pianoperf_xl.read.bilancio import build_budget
from pianoperf_xl.read.cells import CellReader
from pianoperf_xl.read.duplicates import drop_duplicate_sectors
from pianoperf_xl.read.ente import build_ente, empty_text_rows
from pianoperf_xl.read.folder import FolderEntry, folder_entries, name_findings, openable
from pianoperf_xl.read.settore import build_sector
from pianoperf_xl.read.sheets import read_fixed, read_form, read_table
from pianoperf_xl.read.workbook import Meta, UnreadableWorkbook, Workbook
from pianoperf_xl.spec.base import FixedTable, FormSheet, TableSheet
from pianoperf_xl.gcpolicy import quiet_gc

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
LEGACY_SUFFIXES = {".xls"}
# A folder with at least this many workbooks to read is read by worker processes, one per
# core; a comune's 5-30 files are read here, faster than starting the workers.
PARALLEL_MIN_FILES = 40


class UnusableInput(Unusable):
    """The input as a whole cannot be used (missing folder, wrong kind of file)."""


@dataclass(eq=False)
class _Candidate:
    path: Path
    book: Workbook
    meta: Meta
    source: SourceFile
    item: Ente | Budget | Sector | None = None
    findings: FindingList | None = None  # the file's own findings, once read


@quiet_gc
def read_plan(folder: str | Path, year: int | None = None) -> Plan:
    """Read every workbook in ``folder``; ``year`` overrides the plan year of the files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UnusableInput(f"La cartella «{folder}» non esiste.")
    entries = folder_entries(folder)
    with openable(entries) as paths:
        return _read_entries(folder, entries, paths, year)


def _read_entries(folder: Path, entries: list[FolderEntry], paths: dict[str, Path],
                  year: int | None) -> Plan:
    findings = FindingList()
    findings.extend(name_findings(entries))
    sources: list[SourceFile] = []
    candidates = []
    distributed = own_outputs.distributed(paths)
    for entry in entries:
        source = SourceFile(entry.name, path=entry.path)
        sources.append(source)
        if entry.refusal is not None:
            findings.extend([entry.refusal])
            continue
        path = paths[entry.name]
        own = distributed.get(entry.name) or (
            own_outputs.other_output(path)
            if path.suffix.lower() not in WORKBOOK_SUFFIXES | LEGACY_SUFFIXES else None)
        if own:
            findings.append(_own_output(entry.name, own))
            continue
        candidate = _open(path, source, findings)
        if candidate is None:
            continue
        own = own_outputs.workbook_output(candidate.book.package,
                                          specs.META_SHEET in candidate.book.sheet_names)
        original = own_outputs.annotated_original(candidate.book.package)
        if original and original in digests(paths, entry.name):
            own = own_outputs.ANNOTATED
        if own:
            findings.append(_own_output(entry.name, own))
        else:
            candidates.append(candidate)
    if not sources:
        findings.append(emit("folder-empty", "La cartella non contiene file da leggere.",
                     Location(str(folder))))
    plan_year = year or _plan_year(candidates)
    plan = Plan(year=plan_year, ente=None, budget=None, sectors=[], files=sources,
                findings=findings.items, folder=folder.name)
    readable = [c for c in candidates if _acceptable(c, plan_year, findings)]
    if year and not readable:
        _no_file_of_the_year(year, candidates)
    for candidate, (item, found) in zip(readable, _read_all(readable, plan_year)):
        candidate.item, candidate.findings = item, found
    dropped = drop_duplicate_sectors(readable, findings)
    for candidate in readable:
        if candidate not in dropped:
            _use(plan, candidate, findings)
    return plan


def _no_file_of_the_year(year: int, candidates: list[_Candidate]) -> None:
    """The year asked (``--year``) is that of no file, and some file is of another plan
    year: nothing can be built, and one line says which years the files are for."""
    years = sorted({c.meta.year for c in candidates
                    if c.meta.kind in specs.KINDS and c.meta.year and _valid_year(c.meta.year)})
    if not years:
        return
    which = (f"ogni file è per il piano {years[0]}" if len(years) == 1 else
             "i file sono per i piani " + ", ".join(map(str, years[:-1])) + f" e {years[-1]}")
    raise UnusableInput(f"Nessun file della cartella è per il piano {year}: {which}. "
                        f"Togliere --year {year} (l'anno è quello dei file) o compilare i "
                        f"modelli del {year}.")


def _read_all(readable: list[_Candidate], year: int | None
              ) -> list[tuple[Ente | Budget | Sector, FindingList]]:
    """Each candidate's content and findings, in order: read here, or by forked worker
    processes when there are many and more than one core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    import multiprocessing

    if (len(readable) < PARALLEL_MIN_FILES or (cores or 1) < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [_read_candidate(c.book, c.meta.kind, year) for c in readable]
    from concurrent.futures import ProcessPoolExecutor

    # fork: the workers start with everything imported and every workbook already opened
    # and checked here (the safety checks, the package, the _meta sheet): they take them
    # by position from _FORKED instead of opening the files again. Results come back in a
    # few large chunks rather than one message per file.
    global _FORKED
    _FORKED = readable
    try:
        with ProcessPoolExecutor(max_workers=cores,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_read_forked, range(len(readable)),
                                 [year] * len(readable),
                                 chunksize=max(1, len(readable) // (4 * cores))))
    finally:
        _FORKED = []


_FORKED: list[_Candidate] = []  # the parent's candidates, as the forked workers see them


def _read_candidate(book: Workbook, kind: str, year: int | None
                    ) -> tuple[Ente | Budget | Sector | None, FindingList]:
    """The file's content and findings; None and one finding when reading it failed in a
    way nobody foresaw (a bug): that file is left out, the others are read."""
    found = FindingList()
    try:
        return _read_kind(book, kind, year, found), found
    except Exception as exc:
        return None, FindingList([failed(book.path.name, exc)])


def failed(name: str, exc: Exception) -> Finding:
    """The finding for a file whose reading failed unexpectedly."""
    return emit("file-read-failed",
                f"Il file «{name}» non si è potuto leggere per un errore imprevisto del "
                f"programma ({exc.__class__.__name__}): non è stato usato, gli altri file sì. "
                "Segnalare il problema allegando il file.", Location(name))


def _read_forked(position: int, year: int | None
                 ) -> tuple[Ente | Budget | Sector, FindingList]:
    """In a forked worker: the parent's candidate at ``position``, already checked."""
    candidate = _FORKED[position]
    return _read_candidate(candidate.book, candidate.meta.kind, year)


def _use(plan: Plan, candidate: _Candidate, findings: FindingList) -> None:
    """Put a read workbook in the plan; its findings count only when it is used, so that
    two versions of one file never both speak."""
    if candidate.item is None:  # its reading failed: its one finding says so
        findings.extend(candidate.findings.items)
    elif _attach(plan, candidate.item, candidate.path.name, findings):
        candidate.source.used = True
        findings.extend(candidate.findings.items)


def read_workbook(path: str | Path, expected_kind: str, year: int | None = None
                  ) -> tuple[Ente | Budget | Sector | None, list]:
    """Read one workbook that must be of ``expected_kind``; returns it and its findings."""
    path = Path(path)
    findings = FindingList()
    candidate = _open(path, SourceFile(path.name), findings)
    if candidate is None:
        return None, findings.items
    if candidate.meta.kind not in (None, expected_kind):
        findings.append(emit("template-wrong-kind", f"Il file «{path.name}» è il modello "
                     f"«{specs.KIND_LABELS.get(candidate.meta.kind, candidate.meta.kind)}», "
                     f"ma qui serve il modello «{specs.KIND_LABELS[expected_kind]}».",
                     Location(path.name, specs.META_SHEET, "B1"), value=candidate.meta.kind))
        return None, findings.items
    plan_year = year or candidate.meta.year
    if not _acceptable(candidate, plan_year, findings):
        return None, findings.items
    item, found = _read_candidate(candidate.book, expected_kind, plan_year)
    return item, findings.items + found.items




def digests(paths: dict[str, Path], but: str) -> set[str]:
    """The SHA-256 of every file of ``paths`` except ``but`` (few folders need it)."""
    return {own_outputs.sha256(path) for name, path in paths.items() if name != but}


def _own_output(name: str, kind: str):
    return emit("file-own-output", f"«{name}» è {own_outputs.WHAT[kind]}: non è stato letto.",
                Location(name))


def _refused(findings: FindingList, exc: UnreadableWorkbook, where: Location) -> None:
    findings.extend([emit(exc.code, str(exc), where)])


def _open(path: Path, source: SourceFile, findings: FindingList) -> _Candidate | None:
    """The workbook at ``path``, or None and one finding that says why it is not used.

    ``Workbook`` checks the file before any parser sees it (see ``read.safety``): an
    .xls is refused there too, unless it is in fact an encrypted workbook.
    """
    where = Location(path.name)
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES | LEGACY_SUFFIXES:
        findings.append(emit(
            "file-not-workbook",
            f"«{path.name}» non è una cartella di lavoro Excel (.xlsx): ignorato.", where))
        return None
    try:
        book = Workbook(path)
        meta = book.meta()
    except UnreadableWorkbook as exc:
        _refused(findings, exc, where)
        return None
    except Exception as exc:  # a bug met on this file: the others are still read
        findings.append(failed(path.name, exc))
        return None
    source.kind, source.version, source.year = meta.kind, meta.version, meta.year
    if suffix == ".xlsm":
        findings.append(emit(
            "file-macro-enabled", f"«{path.name}» contiene macro: sono stati letti solo i "
            "valori, le macro non sono mai eseguite.", where))
    return _Candidate(path, book, meta, source)


def _valid_year(year: int) -> bool:
    return specs.FIRST_PLAN_YEAR <= year <= specs.LAST_PLAN_YEAR


def _plan_year(candidates: list[_Candidate]) -> int | None:
    """The ente workbook's year, else the year most files agree on; a year no plan can
    have (see ``_acceptable``) never decides."""
    valid = [c for c in candidates if c.meta.year and _valid_year(c.meta.year)]
    ente_years = [c.meta.year for c in valid if c.meta.kind == "ente"]
    if ente_years:
        return ente_years[0]
    years = Counter(c.meta.year for c in valid)
    return years.most_common(1)[0][0] if years else None


def _acceptable(candidate: _Candidate, plan_year: int | None, findings: FindingList) -> bool:
    meta, name = candidate.meta, candidate.path.name
    where = Location(name, specs.META_SHEET if meta.kind else None, None)
    if meta.kind in specs.ROUND_KINDS:
        findings.append(emit(
            "template-unknown", f"«{name}» è un modello «{specs.KIND_LABELS[meta.kind]}», "
            "non una scheda del piano: non è stato letto. Va nella cartella "
            + ("delle schede di valutazione letta da «pianoperf evaluation»."
               if meta.kind == "scheda" else "dei risultati letta da «pianoperf results»."),
            where, value=meta.kind))
        return False
    if meta.kind not in specs.KINDS:
        findings.append(emit(
            "template-unknown", f"«{name}» non è un modello di pianoperf (manca o è alterato "
            "il foglio nascosto «_meta»): compilare i dati su un modello generato con "
            "«pianoperf templates».", where, value=meta.kind))
        return False
    if meta.version != specs.TEMPLATE_VERSION:
        findings.append(emit(
            "template-wrong-version", f"«{name}» è stato compilato sulla versione "
            f"{meta.version} del modello, ma questa versione del programma legge la versione "
            f"{specs.TEMPLATE_VERSION}: ricopiare i dati su un modello nuovo.",
            Location(name, specs.META_SHEET, "B2"), value=meta.version))
        return False
    if meta.year is not None and not _valid_year(meta.year):
        findings.append(emit(
            "template-year-invalid", f"«{name}»: l'anno del modello nel foglio nascosto "
            f"«_meta» è «{meta.year}», che non è l'anno di un piano (da "
            f"{specs.FIRST_PLAN_YEAR} a {specs.LAST_PLAN_YEAR}): il file non è stato usato. "
            "Ricopiare i dati su un modello generato con «pianoperf templates».",
            Location(name, specs.META_SHEET, "B3"), value=meta.year))
        return False
    if plan_year is not None and meta.year != plan_year:
        findings.append(emit(
            "template-wrong-year", f"«{name}» è il modello per il piano {meta.year}, ma il "
            f"piano è del {plan_year}: compilare il modello dell'anno giusto.",
            Location(name, specs.META_SHEET, "B3"), value=meta.year))
        return False
    return True


def read_records(book: Workbook, kind: str, year: int, findings: FindingList
                 ) -> dict[str, Record | list[Record]]:
    """Every sheet of the template as records: a form's one record, a table's rows."""
    reader = CellReader(book.path.name, year, findings, date1904=book.date1904)
    template = specs.spec_for(kind, year)
    _report_hidden_sheets(book, {sheet.name for sheet in template.sheets}, findings)
    return {sheet.name: _read_sheet(book, sheet, reader) for sheet in template.sheets}


def _report_hidden_sheets(book: Workbook, read: set[str], findings: FindingList) -> None:
    """Hidden sheets with content: read when they are the template's, else not read."""
    name = book.path.name
    for sheet in book.sheet_names:
        if not book.hidden(sheet) or sheet in (specs.META_SHEET, specs.LISTS_SHEET):
            continue
        try:
            filled = book.scan(sheet).content_cells
        except UnreadableWorkbook as exc:
            _refused(findings, exc, Location(name, sheet))
            continue
        if not filled:
            continue
        if sheet in read:
            message = (f"Il foglio «{sheet}» è nascosto: è stato letto comunque. Renderlo "
                       "visibile (tasto destro sulle schede dei fogli > Scopri) per "
                       "controllarne i dati.")
        else:
            message = (f"Il foglio nascosto «{sheet}» non fa parte del modello e contiene "
                       f"{filled} celle compilate, che non sono state lette: se servono, "
                       "copiarle nel foglio giusto del modello.")
        findings.extend([emit("sheet-hidden-content", message, Location(name, sheet))])


def _read_kind(book: Workbook, kind: str, year: int, findings: FindingList
               ) -> Ente | Budget | Sector:
    template = specs.spec_for(kind, year)
    data = read_records(book, kind, year, findings)
    name = book.path.name
    if kind == "settore":
        sector = build_sector(data["Settore"], data["Personale"], data["Obiettivi"], name,
                              findings)
        sector.carried = book.meta().carried
        return sector
    if kind == "bilancio":
        fixed = {s.name: data[s.name] for s in template.sheets if isinstance(s, FixedTable)}
        tables = {s.name: s for s in template.sheets if isinstance(s, FixedTable)}
        return build_budget(data["Bilancio"], fixed, tables, data["Programmi"], name)
    findings.extend(empty_text_rows(data["Testi"]))
    return build_ente(data["Ente"], data["Organi"], data["Organigramma"],
                      data["Personale storico"], data["Età media"], data["Popolazione"],
                      data["Piramide"], name, data["Testi"], data["Delibera"])


def _read_sheet(book: Workbook, sheet: Any, reader: CellReader) -> Any:
    if sheet.name not in book.sheet_names and getattr(sheet, "optional", False):
        return Record(reader.file, sheet.name, 0) if isinstance(sheet, FormSheet) else []
    if sheet.name not in book.sheet_names:
        reader.findings.append(emit(
            "sheet-missing", f"Nel file manca il foglio «{sheet.name}»: usare il modello senza "
            "rinominare o eliminare fogli.", Location(reader.file, sheet.name)))
        return Record(reader.file, sheet.name, 0) if isinstance(sheet, FormSheet) else []
    try:
        data = book.sheet(sheet.name)
    except UnreadableWorkbook as exc:
        _refused(reader.findings, exc, Location(reader.file, sheet.name))
        return Record(reader.file, sheet.name, 0) if isinstance(sheet, FormSheet) else []
    if isinstance(sheet, FormSheet):
        return read_form(data, sheet, reader)
    if isinstance(sheet, TableSheet):
        return read_table(data, sheet, reader)
    return read_fixed(data, sheet, reader)


def _attach(plan: Plan, item: Ente | Budget | Sector, file: str, findings: FindingList) -> bool:
    """Add ``item`` to the plan; False when the plan already has one of its kind."""
    if isinstance(item, Sector):
        plan.sectors.append(item)
        return True
    attr, kind = ("ente", "ente") if isinstance(item, Ente) else ("budget", "bilancio")
    previous = getattr(plan, attr)
    if previous is not None:
        findings.append(emit(
            "file-duplicate-kind",
            f"Ci sono due file con il modello «{specs.KIND_LABELS[kind]}»: "
            f"«{previous.file}» e «{file}». È stato usato «{previous.file}»; togliere "
            "dalla cartella quello da non usare.", Location(file)))
        return False
    setattr(plan, attr, item)
    return True
