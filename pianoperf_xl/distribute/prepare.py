"""``pianoperf distribute``: the outbox of the yearly round.

For every Settore of the ente's organigram: a pre-filled workbook (``prefill``), an
e-mail draft to the sector's address (``email_drafts``; none, and a warning, when the
organigram has no usable address) and a line of ``distribuzione.csv`` (``manifest``).
With last year's consolidated workbook, each sector also gets last year's objectives
(``previous``), matched to this year's sectors by name as the staff checks match sector
workbooks to the organigram.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pianoperf_xl.carryover import mark
from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.distribute.files import unique_stem
from pianoperf_xl.distribute.manifest import Entry, write_manifest
from pianoperf_xl.distribute.organigram import SectorEntry, organigram_sectors
from pianoperf_xl.distribute.previous import PreviousPlan, PreviousSector, read_previous
from pianoperf_xl.codes import emit
from pianoperf_xl.findings import ERROR, Finding, Location
from pianoperf_xl.inputs import sha256_file
from pianoperf_xl.model import Ente
from pianoperf_xl.values import format_date, format_date_long

DEFAULT_DAYS_TO_RETURN = 30
ORGANIGRAM_SHEET = "Organigramma"


@dataclass
class Prepared:
    sector: SectorEntry
    workbook: Path
    draft: Path | None
    carried: int = 0  # objectives carried over
    carried_from: str | None = None  # last year's sector they come from


@dataclass
class Distribution:
    ente: Ente
    year: int
    due: dt.date
    outbox: Path
    prepared: list[Prepared] = field(default_factory=list)
    manifest: Path | None = None
    keys: Path | None = None  # chiavi-web.json: the sectors' upload keys (web --condividi)
    web_url: str | None = None  # the upload server's address, written into the e-mails
    findings: list[Finding] = field(default_factory=list)
    previous: PreviousPlan | None = None


def prepare_outbox(ente_path: str | Path, outbox: str | Path, *, year: int | None = None,
                   previous_path: str | Path | None = None, due: dt.date | None = None,
                   today: dt.date | None = None, web_url: str | None = None) -> Distribution:
    """With ``web_url`` (the address of ``pianoperf web --condividi``) every e-mail also
    carries its sector's upload link; the keys are made either way (``web_keys``)."""
    from pianoperf_xl.distribute.web_keys import FILE_NAME as KEYS_FILE, write_keys

    ente_path, outbox = Path(ente_path), Path(outbox)
    today = today or dt.date.today()
    ente, findings = _read_ente(ente_path)
    if outbox.resolve() == ente_path.resolve().parent:
        raise DistributionError(
            f"La cartella «{outbox}» è quella del file dell'ente: le schede da inviare vanno "
            "in una cartella a parte (es. «invio»), altrimenti si mescolano con i file "
            "restituiti.")
    sectors, problems = organigram_sectors(ente)
    if not sectors:
        raise DistributionError(
            f"L'organigramma di «{ente_path.name}» non ha righe di tipo «Settore»: non c'è "
            "nessuna scheda da preparare.")
    year = year or ente.year
    if year is None:
        raise DistributionError(f"«{ente_path.name}» non indica l'anno del piano: "
                                "indicarlo con --year.")
    due = due or today + dt.timedelta(days=DEFAULT_DAYS_TO_RETURN)
    result = Distribution(ente, year, due, outbox, findings=findings + problems,
                          web_url=web_url)
    if due < today:
        result.findings.append(emit(
            "due-date-past", f"La data di restituzione {format_date(due)} è già "
            "passata: è quella scritta nelle email.", Location(ente_path.name)))
    matches: dict[int, PreviousSector] = {}
    if previous_path is not None:
        result.previous = read_previous(previous_path)
        matches = _match_previous(result.previous, sectors, year, result.findings)
    outbox.mkdir(parents=True, exist_ok=True)
    keys = write_keys(outbox, [sector.name for sector in sectors])
    result.keys = outbox / KEYS_FILE
    taken: set[str] = set()
    entries = []
    for i, sector in enumerate(sectors):
        previous = matches.get(i)
        prepared = _prepare(result, sector, unique_stem(sector.name, taken), previous,
                            keys.get(sector.name))
        result.prepared.append(prepared)
        entries.append(Entry(sector.name, sector.head or "", sector.email or "",
                             prepared.workbook.name, sha256_file(prepared.workbook),
                             prepared.draft.name if prepared.draft else "",
                             format_date(due)))
    result.manifest = write_manifest(outbox, entries)
    return result


def _read_ente(path: Path) -> tuple[Ente, list[Finding]]:
    """The ente workbook, and its findings on the organigram (the rest is not used here)."""
    from pianoperf_xl.read import read_workbook

    if not path.is_file():
        raise DistributionError(f"Il file dell'ente «{path}» non esiste.")
    ente, findings = read_workbook(path, "ente")
    if ente is None:
        reasons = " ".join(f.message for f in findings if f.severity == ERROR)
        raise DistributionError(f"Il file dell'ente «{path.name}» non si può usare. {reasons}")
    return ente, [f for f in findings if f.sheet == ORGANIGRAM_SHEET]


def _match_previous(previous: PreviousPlan, sectors: list[SectorEntry], year: int,
                    findings: list[Finding]) -> dict[int, PreviousSector]:
    """This year's sector (by index) -> last year's; warnings for what is not carried."""
    from pianoperf_xl.interpret.sectors import match_sectors

    if previous.year is not None and previous.year >= year:
        findings.append(emit(
            "previous-plan-year",
            f"«{previous.file}» è il piano {previous.year}, non quello di un anno precedente "
            f"al {year}: gli obiettivi sono stati riportati comunque.", Location(previous.file)))
    pairs = match_sectors(previous.sectors, sectors)
    index = {id(s): i for i, s in enumerate(sectors)}
    matches = {}
    for old, new in pairs:
        if new is None:
            findings.append(emit(
                "previous-sector-unmatched",
                f"Gli obiettivi di «{old.name}» ({len(old.objectives)}) in «{previous.file}» "
                "non sono stati riportati: nessun settore dell'organigramma ha un nome "
                "simile.", Location(previous.file, "Obiettivi"),
                hint="Copiarli a mano nella scheda del settore giusto, o dare al settore "
                     "lo stesso nome nell'organigramma."))
        else:
            matches[index[id(new)]] = old
    return matches


def _prepare(result: Distribution, sector: SectorEntry, stem: str,
             previous: PreviousSector | None, key: str | None) -> Prepared:
    from pianoperf_xl.distribute.email_drafts import sector_draft, write_eml
    from pianoperf_xl.distribute.web_keys import sector_link
    from pianoperf_xl.distribute.prefill import write_sector_workbook

    known = result.previous.staff_of if result.previous else (lambda name: {})
    workbook = write_sector_workbook(result.outbox / f"{stem}.xlsx", result.ente.name,
                                     result.year, sector, previous, known)
    prepared = Prepared(sector, workbook, None)
    carried_from = None
    if previous is not None and previous.objectives:
        prepared.carried, prepared.carried_from = len(previous.objectives), previous.name
        carried_from = mark(result.previous.year if result.previous else None)
    if sector.email:
        link = sector_link(result.web_url, key) if result.web_url and key else None
        message = sector_draft(sector, result.ente.name, result.year, result.due, workbook,
                               carried_from, link)
        prepared.draft = write_eml(message, result.outbox / f"{stem}.eml")
    return prepared


# --- what the command prints ---------------------------------------------------------


def finding_line(f: Finding) -> str:
    """'Avviso: message (Ente.xlsx, foglio «Organigramma», cella F7) Suggerimento: …'."""
    from pianoperf_xl.findings import SEVERITY_LABELS
    from pianoperf_xl.wording import describe

    line = (f"{SEVERITY_LABELS.get(f.severity, f.severity).capitalize()}: {f.message} "
            f"({describe(Location(f.file, f.sheet, f.cell))})")
    return line + (f" Suggerimento: {f.hint}" if f.hint else "")


def distribution_lines(result: Distribution) -> list[str]:
    ente = result.ente.name or "ente senza nome"
    lines = [f"Piano {result.year}, {ente}: {len(result.prepared)} settori "
             f"dall'organigramma di «{result.ente.file}»."]
    for item in result.prepared:
        staff = len(item.sector.staff)
        detail = f"{staff} {'persona' if staff == 1 else 'persone'} dall'organigramma"
        if item.carried:
            detail += (f"; {item.carried} obiettivi del "
                       f"{mark(result.previous.year if result.previous else None)} "
                       f"di «{item.carried_from}»")
        lines.append(f"Scritto {item.workbook} ({detail})")
        if item.draft:
            lines.append(f"Scritto {item.draft} (email per {item.sector.email})")
    lines += [finding_line(f) for f in result.findings]
    lines.append(f"Scritto {result.manifest}")
    if result.keys:
        lines.append(f"Scritto {result.keys} (le chiavi dei link per caricare le schede con "
                     "«pianoperf web --condividi»: da non far circolare)")
    lines.append(f"Da restituire entro il {format_date_long(result.due)}. Le email si aprono "
                 "con il programma di posta, oppure: pianoperf send "
                 f"{result.outbox} --smtp SERVER:PORTA --from INDIRIZZO (prima con --dry-run).")
    return lines
