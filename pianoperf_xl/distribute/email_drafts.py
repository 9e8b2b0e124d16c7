"""E-mail drafts (.eml) with a workbook attached, ready to open and send from any client.

A draft is a plain RFC 5322 message written with the standard library: UTF-8 text,
the workbook attached with its Excel MIME type, no sender (the mail client, or
``pianoperf send --from``, adds it) and ``X-Unsent: 1``, which makes Outlook open the
file as a message to send rather than as a received one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from pianoperf_xl.distribute.organigram import SectorEntry
from pianoperf_xl.values import format_date, format_date_long
from pianoperf_xl.write.atomic import atomic_path

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
UNSENT_HEADER = "X-Unsent"


def draft(to: Address, subject: str, body: str, attachment: Path) -> EmailMessage:
    message = EmailMessage(policy=policy.SMTP)
    message["To"] = to
    message["Subject"] = subject
    message[UNSENT_HEADER] = "1"
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    maintype, subtype = XLSX_TYPE
    data = attachment.read_bytes()
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=attachment.name)
    # A boundary from the content, not a random one: the same draft written again is the
    # same file, so ``send`` knows it was already sent.
    digest = hashlib.sha256(f"{to}\n{subject}\n{body}".encode() + data).hexdigest()
    message.set_boundary(f"=_pianoperf_{digest[:32]}")
    return message


def write_eml(message: EmailMessage, path: Path) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_bytes(message.as_bytes(policy=policy.SMTP))
    return path


def sector_subject(year: int, sector: str, due: dt.date) -> str:
    return (f"Piano della Performance {year}: scheda del {sector} "
            f"(da restituire entro il {format_date(due)})")


def sector_body(ente: str | None, year: int, sector: SectorEntry, due: dt.date,
                carried_from: str | None, link: str | None = None) -> str:
    greeting = f"Gentile {sector.head}," if sector.head else "Buongiorno,"
    tasks = [
        "controllare il personale del settore (foglio «Personale»), aggiungendo chi manca, "
        "e completare per ogni persona la categoria e il rapporto di lavoro: finché "
        "mancano, le verifiche li segnalano come dati obbligatori;",
    ]
    if carried_from:
        tasks.append(
            f"aggiornare gli obiettivi riportati dal {carried_from} (foglio «Obiettivi», "
            "colonna «Riportato da»): indicatori, target, scadenze e personale per il "
            f"{year}; poi cancellare la cella «Riportato da», anche per confermare un "
            "obiettivo che resta uguale;")
    tasks.append(f"inserire gli obiettivi del {year} con indicatori, target, scadenze e "
                 "personale coinvolto.")
    lines = [
        greeting,
        "",
        f"in allegato la scheda del {sector.name} per il Piano della Performance {year}"
        + (f" del {ente}." if ente else "."),
        "",
        "La scheda contiene già i dati del settore e il personale che risulta "
        "dall'organigramma. Si chiede di:",
        *(f"- {task}" for task in tasks),
        "",
        "Il foglio «Istruzioni» spiega come compilare la scheda: si compilano le celle "
        "gialle, senza rinominare i fogli né cambiare le intestazioni.",
        "",
        f"Si prega di restituire il file in formato .xlsx, rispondendo a questa email, "
        f"entro il {format_date_long(due)}.",
        *(["", "In alternativa si può caricare il file compilato da questa pagina, che "
           f"mostra subito le verifiche e permette di correggere e caricare di nuovo: {link}",
           "Il link è personale del settore: non inoltrarlo."] if link else []),
        "",
        "Grazie per la collaborazione.",
        "",
        "La Segreteria comunale",
    ]
    if ente:
        lines.append(ente)
    return "\n".join(lines) + "\n"


def sector_draft(sector: SectorEntry, ente: str | None, year: int, due: dt.date,
                 workbook: Path, carried_from: str | None = None,
                 link: str | None = None) -> EmailMessage:
    """The draft to a sector: to its e-mail address (``sector.email`` must be set)."""
    to = Address(display_name=sector.head or "", addr_spec=sector.email)
    return draft(to, sector_subject(year, sector.name, due),
                 sector_body(ente, year, sector, due, carried_from, link), workbook)
