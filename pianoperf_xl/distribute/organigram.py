"""The sectors of the ente's organigram, with what a pre-filled workbook needs of each.

A sector is a row of kind «Settore». Its known staff are its head and the people of the
offices (rows of kind «Ufficio» or «Servizio») whose «Settore di appartenenza» is the
sector's name; the same person listed twice (as head and in an office, or in two
offices) is listed once, with the first office that names them. Grade and employment
relation are not in the organigram: the sector head fills them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.headerregistry import Address

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import Finding
from pianoperf_xl.model import Ente, OrgUnit
from pianoperf_xl.interpret.names import same_person
from pianoperf_xl.read.cells import EMAIL_RE
from pianoperf_xl.values import clean_text, normalize_key

SECTOR_KIND = "Settore"
OFFICE_KINDS = ("Ufficio", "Servizio")


@dataclass
class StaffEntry:
    name: str
    office: str | None


@dataclass
class SectorEntry:
    """One Settore of the organigram: who receives its workbook, and its known staff."""

    name: str
    head: str | None
    email: str | None  # None when missing or not an address
    unit: OrgUnit
    staff: list[StaffEntry] = field(default_factory=list)


def _is(unit: OrgUnit, *kinds: str) -> bool:
    return normalize_key(unit.kind) in {normalize_key(k) for k in kinds}


def _add(staff: list[StaffEntry], name: str, office: str | None) -> None:
    name = clean_text(name)
    if name and not any(same_person(name, known.name) for known in staff):
        staff.append(StaffEntry(name, office))


def organigram_sectors(ente: Ente) -> tuple[list[SectorEntry], list[Finding]]:
    """The sectors in organigram order, and warnings: a sector without a usable e-mail
    address, an office whose sector is not in the organigram."""
    sectors = [SectorEntry(unit.name, clean_text(unit.head) or None,
                           _address(unit.email), unit)
               for unit in ente.organigram if _is(unit, SECTOR_KIND) and unit.name]
    by_key = {normalize_key(s.name): s for s in sectors}
    for sector in sectors:
        if sector.head:
            _add(sector.staff, sector.head, None)
    problems = [_no_email(s) for s in sectors if s.email is None]
    for unit in ente.organigram:
        if not _is(unit, *OFFICE_KINDS) or not unit.people:
            continue
        owner = by_key.get(normalize_key(unit.parent_sector))
        if owner is None:
            problems.append(emit(
                "office-sector-unknown",
                f"«{unit.name}»: il settore di appartenenza «{clean_text(unit.parent_sector)}» "
                "non è un settore dell'organigramma, quindi le sue persone non sono state "
                "messe nella scheda di nessun settore.", unit.record.at("settore"),
                value=unit.parent_sector,
                hint="Scrivere in «Settore di appartenenza» il nome del settore esattamente "
                     "come nella sua riga «Settore»."))
            continue
        for person in unit.people:
            _add(owner.staff, person, unit.name)
    return sectors, problems


def _address(text: str | None) -> str | None:
    """The address, when it is one a message can be sent to."""
    text = clean_text(text)
    if not EMAIL_RE.match(text):
        return None
    try:
        Address(addr_spec=text)
    except (ValueError, HeaderParseError):  # InvalidHeaderDefect is a ValueError
        return None
    return text


def _no_email(sector: SectorEntry) -> Finding:
    typed = clean_text(sector.unit.email)
    why = (f"«{typed}» non è un indirizzo email valido" if typed
           else "non ha un indirizzo email nell'organigramma")
    return emit("sector-no-email",
                f"«{sector.name}» {why}: la scheda è stata preparata, ma non la bozza "
                "dell'email; inviarla a mano.", sector.unit.record.at("email"),
                value=typed or None,
                hint="Indicare l'indirizzo del settore nel foglio «Organigramma» del file "
                     "dell'ente e rilanciare il comando.")
