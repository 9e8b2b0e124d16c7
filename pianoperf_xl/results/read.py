"""Read a folder of returned results: each sector's ``rendiconto`` and the rules workbook.

The plan reader's folder rules apply (``read.folder``: lock files, links, names) and each
file's kind comes from its hidden ``_meta`` sheet, as for the plan.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pianoperf_xl import spec as specs
from pianoperf_xl.codes import emit
from pianoperf_xl.errors import Unusable
from pianoperf_xl.findings import Finding, FindingList, Location
from pianoperf_xl.model import Record, Sector
from pianoperf_xl.read import read_records
from pianoperf_xl.read.folder import folder_entries, openable
from pianoperf_xl.read.workbook import UnreadableWorkbook, Workbook, open_returned
from pianoperf_xl.results.settings import Settings, settings_from
from pianoperf_xl.spec.rendiconto import META_DATE, META_ROUND
from pianoperf_xl.values import clean_text, normalize_key


@dataclass
class SectorReturn:
    """One returned ``rendiconto``: its form, its rows, and the plan sector it is for."""

    file: str
    form: Record
    rows: list[Record]
    sector: Sector


@dataclass
class Returns:
    round_kind: str
    reference_date: dt.date
    returns: list[SectorReturn] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read, for the report

    def of(self, sector: Sector) -> SectorReturn | None:
        return next((r for r in self.returns if r.sector is sector), None)


def round_meta(book: Workbook) -> tuple[str | None, dt.date | None]:
    pairs = {clean_text(row[0]): row[1] for row in book.rows(specs.META_SHEET)
             if len(row) >= 2}
    kind = clean_text(pairs.get(META_ROUND)) or None
    try:
        day = dt.date.fromisoformat(clean_text(pairs.get(META_DATE)))
    except ValueError:
        day = None
    return kind, day


def read_returns(folder: str | Path, sectors: list[Sector], year: int,
                 round_kind: str | None = None, reference_date: dt.date | None = None
                 ) -> Returns:
    """The returned files of ``folder`` for the round, matched to the plan's ``sectors``;
    without ``round_kind`` and ``reference_date``, the round most of its files are for."""
    folder = Path(folder)
    if not folder.is_dir():
        raise Unusable(f"La cartella «{folder}» non esiste.")
    found = FindingList()
    by_key = {normalize_key(s.name): s for s in sectors}
    entries = folder_entries(folder)
    settings_seen = False
    with openable(entries) as paths:
        opened = []
        for entry in entries:
            returned = open_returned(entry, paths, found)
            if returned is None:
                continue
            book, meta = returned
            try:
                rounds = round_meta(book) if meta.kind == "rendiconto" else (None, None)
            except UnreadableWorkbook as exc:
                found.append(emit(exc.code, str(exc), Location(entry.name)))
                continue
            opened.append((entry, book, meta, rounds))
        if round_kind is None or reference_date is None:
            seen = Counter(r for _, _, m, r in opened if m.kind == "rendiconto" and all(r))
            if not seen:
                raise Unusable(f"Nella cartella «{folder}» non c'è nessun rendiconto dei "
                               "risultati: prepararli con «pianoperf results-templates».")
            (kind, day), _ = seen.most_common(1)[0]
            round_kind, reference_date = round_kind or kind, reference_date or day
        result = Returns(round_kind, reference_date)
        for entry, book, meta, (kind, day) in opened:
            result.files.append(entry.name)
            if meta.kind == "smvp" and not settings_seen:
                settings_seen = True
                data = read_records(book, "smvp", year, found)
                result.settings, problems = settings_from(data["Regole"])
                found.extend(problems)
                continue
            if meta.kind != "rendiconto":
                found.append(emit("results-file-kind", f"«{entry.name}» non è un rendiconto "
                                  "dei risultati né il file delle regole di misurazione: "
                                  "ignorato.", Location(entry.name), value=meta.kind))
                continue
            if kind != round_kind or day != reference_date or meta.year != year:
                shown = f"{kind or '?'} al {day.strftime('%d/%m/%Y') if day else '?'}"
                found.append(emit(
                    "results-round-mismatch",
                    f"«{entry.name}» è il rendiconto della rilevazione «{shown}» del piano "
                    f"{meta.year}, ma si stanno leggendo i risultati «{round_kind} al "
                    f"{reference_date.strftime('%d/%m/%Y')}» del piano {year}: non è stato "
                    "usato.", Location(entry.name, specs.META_SHEET)))
                continue
            data = read_records(book, "rendiconto", year, found)
            form, rows = data["Rendiconto"], data["Risultati"]
            name = form.get("settore")
            sector = by_key.get(normalize_key(name)) if name else None
            if sector is None:
                found.append(emit("results-sector-unknown",
                                  f"«{entry.name}»: il settore «{name or ''}» non è un settore "
                                  "del piano approvato: il file non è stato usato.",
                                  form.at("settore"), value=name))
                continue
            if result.of(sector) is not None:
                found.append(emit("results-sector-duplicate",
                                  f"«{entry.name}» rendiconta il settore «{sector.name}», già "
                                  f"rendicontato da «{result.of(sector).file}»: è stato usato "
                                  "il primo.", Location(entry.name)))
                continue
            result.returns.append(SectorReturn(entry.name, form, rows, sector))
    if not settings_seen:
        found.append(emit("results-settings-missing",
                          "Nella cartella non c'è il file delle regole di misurazione "
                          "(modello «smvp»): sono state usate le regole predefinite.",
                          Location(str(folder))))
    result.findings = found.items
    return result
