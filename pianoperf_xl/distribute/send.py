"""``pianoperf send``: the .eml drafts of a folder, through an SMTP server.

One connection, one attempt per message, no retry loop: a message the server refuses
is reported and the others still go; a connection that fails or drops stops the round
with one Italian line saying why. Every message sent is recorded in ``invii.csv`` in
the same folder, so running the command again does not send it twice (``resend``
forces it). The password is never taken from the command line, never printed and
never sent over an unencrypted connection, except to this computer (127.0.0.1).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import ipaddress
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formatdate, getaddresses, make_msgid
from pathlib import Path
from typing import Callable

from pianoperf_xl.distribute.email_drafts import UNSENT_HEADER
from pianoperf_xl.inputs import sha256_file
from pianoperf_xl.write.atomic import atomic_path

LOG_NAME = "invii.csv"
LOG_HEADERS = ("Bozza", "SHA-256 bozza", "Destinatari", "Oggetto", "Inviato il", "Message-ID")
PLAIN, STARTTLS, SSL = "plain", "starttls", "ssl"
TIMEOUT_SECONDS = 30


class SendError(Exception):
    """The round cannot go on: connection, encryption or authentication (Italian)."""


@dataclass
class SmtpSettings:
    host: str
    port: int
    security: str = PLAIN
    user: str | None = None
    sender: str | None = None
    timeout: float = TIMEOUT_SECONDS

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def from_address(self) -> str | None:
        if self.sender:
            return self.sender
        return self.user if self.user and "@" in self.user else None


@dataclass
class Draft:
    path: Path
    message: EmailMessage
    sha256: str

    @property
    def recipients(self) -> list[str]:
        fields = [str(v) for name in ("To", "Cc", "Bcc") for v in self.message.get_all(name, [])]
        return [address for _, address in getaddresses(fields) if address]

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    @property
    def attachments(self) -> list[tuple[str, int]]:
        return [(part.get_filename() or "", len(part.get_content()))
                for part in self.message.iter_attachments()]


@dataclass
class SendReport:
    drafts: list[Draft]
    sent: list[Draft] = field(default_factory=list)
    skipped: list[tuple[Draft, str]] = field(default_factory=list)  # already sent
    failed: list[tuple[Draft, str]] = field(default_factory=list)
    stopped: str | None = None  # why the round stopped before the end


def load_drafts(folder: str | Path) -> list[Draft]:
    folder = Path(folder)
    drafts = []
    for path in sorted(folder.glob("*.eml"), key=lambda p: p.name.casefold()):
        with open(path, "rb") as handle:
            message = BytesParser(policy=policy.default).parse(handle)
        drafts.append(Draft(path, message, sha256_file(path)))
    return drafts


def parse_server(text: str) -> tuple[str, int]:
    """'smtp.example.it:587' -> ('smtp.example.it', 587); ValueError in Italian."""
    host, sep, port = text.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"«{text}» non è nella forma SERVER:PORTA (es. smtp.comune.it:587).")
    return host, int(port)


def send_drafts(folder: str | Path, settings: SmtpSettings, password: Callable[[], str] | None,
                *, resend: bool = False, dry_run: bool = False,
                progress: Callable[[str], None] = lambda line: None) -> SendReport:
    """Send the folder's drafts; ``password`` is asked only when a login happens."""
    folder = Path(folder)
    report = SendReport(load_drafts(folder))
    sent_before = _sent_before(folder)
    todo = []
    for draft in report.drafts:
        if not draft.recipients:
            report.failed.append((draft, "nessun destinatario (To)"))
        elif (draft.path.name, draft.sha256) in sent_before and not resend:
            report.skipped.append((draft, sent_before[(draft.path.name, draft.sha256)]))
        else:
            todo.append(draft)
    if dry_run or not todo:
        return report
    sender = settings.from_address
    if not sender:
        raise SendError("Manca il mittente: indicarlo con --from INDIRIZZO.")
    with _connect(settings, password) as smtp:
        for draft in todo:
            message = outgoing(draft.message, sender)
            try:
                smtp.send_message(message, from_addr=sender, to_addrs=draft.recipients)
            except smtplib.SMTPServerDisconnected as exc:
                report.stopped = (f"il server {settings.where} ha chiuso la connessione "
                                  f"({exc or 'senza dire perché'})")
                break
            except smtplib.SMTPRecipientsRefused as exc:
                refused = ", ".join(f"{a} ({_reply(r)})" for a, r in exc.recipients.items())
                report.failed.append((draft, f"destinatari rifiutati: {refused}"))
                continue
            except smtplib.SMTPResponseException as exc:
                report.failed.append((draft, f"rifiutato dal server ({_reply(exc)})"))
                continue
            report.sent.append(draft)
            _log(folder, draft, message)
            progress(f"Inviato «{draft.path.name}» a {', '.join(draft.recipients)}")
    return report


def outgoing(draft: EmailMessage, sender: str) -> EmailMessage:
    """The message as sent: the draft mark removed, sender, date and id set."""
    message = copy.deepcopy(draft)
    for name in (UNSENT_HEADER, "From", "Date", "Message-ID"):
        del message[name]
    message["From"] = sender
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    return message


def _reply(value) -> str:
    code, text = (value.smtp_code, value.smtp_error) if hasattr(value, "smtp_code") else value
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(text.split())}"


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _connect(settings: SmtpSettings, password: Callable[[], str] | None) -> smtplib.SMTP:
    """An open, authenticated connection, or a SendError with one Italian line."""
    if settings.user and settings.security == PLAIN and not _loopback(settings.host):
        raise SendError("La password non si invia mai su una connessione in chiaro: "
                        "usare --starttls (di solito porta 587) o --ssl (porta 465).")
    context = ssl.create_default_context()
    smtp = None
    try:
        if settings.security == SSL:
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                    context=context)
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            if settings.security == STARTTLS:
                smtp.starttls(context=context)
        if settings.user:
            smtp.login(settings.user, password() if password else "")
        return smtp
    except BaseException as exc:
        if smtp is not None:
            _close(smtp)
        if isinstance(exc, Exception):
            raise SendError(_connection_problem(exc, settings)) from None
        raise


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _connection_problem(exc: Exception, settings: SmtpSettings) -> str:
    where = settings.where
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (f"Autenticazione rifiutata da {where} per l'utente «{settings.user}»: "
                f"controllare utente e password ({_reply(exc)}).")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if settings.security == STARTTLS and "STARTTLS" in str(exc):
            return (f"Il server {where} non offre STARTTLS: provare --ssl (di solito porta "
                    "465) o chiedere all'amministratore del servizio di posta.")
        return f"Il server {where} non accetta l'autenticazione con utente e password."
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (f"Il certificato di {where} non è valido ({exc.verify_message}): la "
                "connessione cifrata non è sicura e non è stata usata.")
    if isinstance(exc, ssl.SSLError):
        return (f"Connessione cifrata con {where} non riuscita ({exc.reason or exc}): "
                "controllare --ssl/--starttls e la porta.")
    if isinstance(exc, ConnectionRefusedError):
        return (f"Connessione a {where} rifiutata: nessun server di posta risponde su "
                "quella porta (controllare --smtp).")
    if isinstance(exc, socket.gaierror):
        return f"Server «{settings.host}» sconosciuto: controllare il nome in --smtp."
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return (f"Il server {where} non risponde (atteso {settings.timeout:g} secondi): "
                "controllare --smtp e la rete.")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"Il server {where} ha chiuso la connessione: controllare --ssl/--starttls."
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"Il server {where} ha risposto con un errore: {_reply(exc)}."
    return f"Connessione a {where} non riuscita: {getattr(exc, 'strerror', None) or exc}."


def _sent_before(folder: Path) -> dict[tuple[str, str], str]:
    """(draft name, draft SHA-256) -> when it was sent, from invii.csv."""
    path = folder / LOG_NAME
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    return {(row[0], row[1]): row[4] for row in rows if len(row) >= 5}


def _log(folder: Path, draft: Draft, message: EmailMessage) -> None:
    path = folder / LOG_NAME
    old = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if not old:
        writer.writerow(LOG_HEADERS)
    writer.writerow([draft.path.name, draft.sha256, ", ".join(draft.recipients), draft.subject,
                     dt.datetime.now().strftime("%d/%m/%Y %H:%M"), message["Message-ID"]])
    with atomic_path(path) as tmp:
        tmp.write_text(old + buffer.getvalue(), encoding="utf-8-sig", newline="")


# --- what the command prints ---------------------------------------------------------

PASSWORD_ENV = "PIANOPERF_SMTP_PASSWORD"


def draft_line(draft: Draft) -> str:
    from pianoperf_xl.values import format_number

    attached = ", ".join(f"«{name}» ({format_number(size)} byte)"
                         for name, size in draft.attachments) or "nessun allegato"
    return (f"«{draft.path.name}» a {', '.join(draft.recipients)}: «{draft.subject}»; "
            f"allegato {attached}")


def report_lines(report: SendReport, settings: SmtpSettings, *, dry_run: bool) -> list[str]:
    lines = []
    if not report.drafts:
        return ["Nella cartella non ci sono bozze .eml da inviare."]
    done = {id(d) for d, _ in report.skipped + report.failed}
    if dry_run:
        sender = settings.from_address or "(da indicare con --from)"
        lines.append(f"Prova (--dry-run): nessun messaggio inviato. Mittente: {sender}; "
                     f"server: {settings.where}.")
        lines += [f"Da inviare: {draft_line(d)}" for d in report.drafts if id(d) not in done]
    lines += [f"Già inviato il {when}, non inviato di nuovo (--resend per reinviarlo): "
              f"«{d.path.name}»" for d, when in report.skipped]
    lines += [f"Non inviato: «{d.path.name}»: {why}" for d, why in report.failed]
    if report.stopped:
        lines.append(f"Invio interrotto: {report.stopped}. I messaggi non inviati partono "
                     "rilanciando il comando.")
    if not dry_run:
        lines.append(f"Inviati {len(report.sent)} messaggi su {len(report.drafts)}.")
    return lines
