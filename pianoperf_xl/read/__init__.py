"""Read a folder of filled workbooks into one ``Plan``.

Each file's kind, template version and plan year come from its hidden ``_meta`` sheet;
file names do not matter. A file that cannot be used becomes a finding and the others
are still read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pianoperf_xl import own_outputs, parallel
from pianoperf_xl import spec as specs
from pianoperf_xl.codes import emit
from pianoperf_xl.errors import Unusable
from pianoperf_xl.findings import Finding, FindingList, Location
from pianoperf_xl.model import Budget, Ente, Plan, Record, Sector, SourceFile
from pianoperf_xl.read.bilancio import build_budget
from pianoperf_xl.read.cells import CellReader
from pianoperf_xl.read.duplicates import drop_duplicate_sectors
from pianoperf_xl.read.ente import build_ente, empty_text_rows
from pianoperf_xl.read.package import Package
from pianoperf_xl.read.folder import FolderEntry, folder_entries, name_findings, openable
from pianoperf_xl.read.settore import build_sector
from pianoperf_xl.read.sheets import read_fixed, read_form, read_table
from pianoperf_xl.read.workbook import Meta, UnreadableWorkbook, Workbook
from pianoperf_xl.spec.base import FixedTable, FormSheet, TableSheet
from pianoperf_xl.gcpolicy import quiet_gc

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
LEGACY_SUFFIXES = {".xls"}
# A folder with at least this many workbooks to read is read by this process and a worker
# process per other core; a comune's 5-30 files are read here, faster than starting them.
PARALLEL_MIN_FILES = 40
_NOT_READ = object()


class UnusableInput(Unusable):
    """The input as a whole cannot be used (missing folder, wrong kind of file)."""


@dataclass(eq=False)
class _Candidate:
    path: Path
    meta: Meta
    source: SourceFile
    package: Package
    book: Workbook | None = None  # while open here (a worker's books stay in the worker)
    item: Ente | Budget | Sector | None = None
    findings: FindingList | None = None  # the file's own findings, once read
    read_year: int | None | object = _NOT_READ  # the plan year it was read for

    @property
    def modified(self) -> dt.datetime | None:
        """When the workbook was last saved, by its own properties."""
        return self.package.modified


@dataclass(eq=False)
class _Opened:
    """What opening (and, when it can be used, reading) one file gave: the findings of
    opening it, in order, and the candidate. Sent back whole by a forked worker."""

    findings: list[Finding]
    candidate: _Candidate | None = None
    own: str | None = None  # the kind of pianoperf output its package says it is
    original: str | None = None  # the digest of the file an annotated copy annotates


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
    distributed = own_outputs.distributed(paths)
    opened = _open_all([paths[entry.name] for entry in entries
                        if _to_open(entry, paths, distributed)], year)
    sources: list[SourceFile] = []
    candidates = []
    for entry in entries:
        source = SourceFile(entry.name, path=entry.path)
        sources.append(source)
        if entry.refusal is not None:
            findings.extend([entry.refusal])
            continue
        path = paths[entry.name]
        own = _foreseen_output(entry, path, distributed)
        if own:
            findings.append(_own_output(entry.name, own))
            continue
        result = opened[path]
        findings.extend(result.findings)
        candidate = result.candidate
        if candidate is None:
            continue
        candidate.source = source
        source.kind, source.version, source.year = (candidate.meta.kind, candidate.meta.version,
                                                    candidate.meta.year)
        own = result.own
        if result.original and result.original in digests(paths, entry.name):
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
    for candidate in readable:
        if candidate.read_year != plan_year:  # not read yet for this plan year
            _read_here(candidate, plan_year)
    dropped = drop_duplicate_sectors(readable, findings)
    for candidate in readable:
        if candidate not in dropped:
            _use(plan, candidate, findings)
    return plan


def _foreseen_output(entry: FolderEntry, path: Path, distributed: dict[str, str]
                     ) -> str | None:
    """The kind of pianoperf output the entry is, when known without opening it."""
    return distributed.get(entry.name) or (
        own_outputs.other_output(path)
        if path.suffix.lower() not in WORKBOOK_SUFFIXES | LEGACY_SUFFIXES else None)


def _to_open(entry: FolderEntry, paths: dict[str, Path], distributed: dict[str, str]
             ) -> bool:
    return entry.refusal is None and not _foreseen_output(entry, paths[entry.name],
                                                          distributed)


def _open_and_read(path: Path, year: int | None) -> _Opened:
    """Open one file and, unless the file alone shows it will not be used, read it for
    the plan year it will be read for: ``year`` when given, else its own (a file of
    another year is never used, see ``_acceptable``). The book is closed afterwards."""
    found = FindingList()
    candidate = _open(path, SourceFile(path.name), found)
    if candidate is None:
        return _Opened(found.items)
    book = candidate.book
    opened = _Opened(found.items, candidate,
                     own_outputs.workbook_output(book.package,
                                                 specs.META_SHEET in book.sheet_names),
                     own_outputs.annotated_original(book.package))
    read_year = year or candidate.meta.year
    if not opened.own and _acceptable(candidate, read_year, FindingList()):
        candidate.item, candidate.findings = _read_candidate(book, candidate.meta.kind,
                                                             read_year)
        candidate.read_year = read_year
    candidate.book = None  # its sheets are no longer needed: memory back
    return opened


def _read_here(candidate: _Candidate, year: int | None) -> None:
    """Read a candidate that was not read for ``year`` when it was opened. Not expected:
    a file is read when opened, for the one plan year it can be used for; this keeps a
    later change of ``_acceptable`` from leaving a usable file unread."""
    try:
        book = Workbook(candidate.path)
    except UnreadableWorkbook as exc:  # changed since it was opened
        candidate.item, candidate.findings = None, FindingList([emit(
            exc.code, str(exc), Location(candidate.path.name))])
    else:
        candidate.item, candidate.findings = _read_candidate(book, candidate.meta.kind, year)
    candidate.read_year = year


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


def _open_all(paths: list[Path], year: int | None) -> dict[Path, _Opened]:
    """Each file opened, checked and read (see ``_open_and_read``): here, or, when there
    are many and more than one core, by this process and forked workers together.

    A worker opens, checks and reads a file from the start (the safety checks are spread
    over the cores too) and sends back its result as soon as it has it, while this
    process reads files too: the workers take the largest first, this process the
    smallest ones the workers have not started yet, until the two meet. What this process
    reads is never pickled.
    """
    if len(paths) < PARALLEL_MIN_FILES or not parallel.worth_it():
        return {path: _open_and_read(path, year) for path in paths}
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    order = sorted(paths, key=_size, reverse=True)
    opened: dict[Path, _Opened] = {}
    with ProcessPoolExecutor(max_workers=parallel.cores() - 1,
                             mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {path: pool.submit(_open_and_read, path, year) for path in order}
        try:
            for path in reversed(order):
                if not futures[path].cancel():  # a worker has it, and every larger one
                    break
                opened[path] = _open_and_read(path, year)
            for path in order:
                if path not in opened:
                    try:
                        opened[path] = futures[path].result()
                    except BrokenProcessPool:  # a worker died (out of memory): read here
                        opened[path] = _open_and_read(path, year)
        except BaseException:  # Ctrl-C, or a bug: the files not started are not read
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return opened


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # found when it is opened
        return 0


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
    return _Candidate(path, meta, source, book.package, book)


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
