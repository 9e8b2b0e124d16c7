"""``pianoperf send``: the .eml drafts of a folder, through an SMTP server.

One connection, one attempt per message, no retry loop: a message the server refuses
is reported and the others still go; a connection that fails or drops stops the round
with one Italian line saying why. Every message sent is recorded in ``invii.csv`` in
the same folder, so running the command again does not send it twice (``resend``
forces it). A message whose whole text reached the server but whose final answer never
came (the server may have queued it) is recorded as uncertain: it is sent again only
when the user says so. The password is never taken from the command line, never printed and
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
from pianoperf_xl.own_outputs import SEND_LOG_HEADERS
from pianoperf_xl.distribute.manifest import csv_cell, csv_uncell
from pianoperf_xl.errors import Unusable
from pianoperf_xl.inputs import sha256_file
from pianoperf_xl.write.atomic import atomic_path

LOG_NAME = "invii.csv"
LOG_HEADERS = SEND_LOG_HEADERS  # also how the reader knows the log
SENT, UNCERTAIN = "inviato", "incerto"  # the «Esito» column; logs without it: all sent
PLAIN, STARTTLS, SSL = "plain", "starttls", "ssl"
TIMEOUT_SECONDS = 30


class SendError(Unusable):
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
    # maybe delivered: sent in full, no final answer (this run), or so recorded before
    # and not confirmed for resending (an earlier run)
    uncertain: list[tuple[Draft, str]] = field(default_factory=list)
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
                progress: Callable[[str], None] = lambda line: None,
                confirm_uncertain: Callable[[Draft, str], bool] = lambda draft, when: False,
                ) -> SendReport:
    """Send the folder's drafts; ``password`` is asked only when a login happens.

    A draft recorded as uncertain by an earlier run is sent again only with ``resend``
    or when ``confirm_uncertain(draft, when)`` says yes."""
    folder = Path(folder)
    report = SendReport(load_drafts(folder))
    sent_before = _sent_before(folder)
    todo = []
    for draft in report.drafts:
        before = sent_before.get((draft.path.name, draft.sha256))
        if not draft.recipients:
            report.failed.append((draft, "nessun destinatario (To)"))
        elif before is None or resend:
            todo.append(draft)
        elif before[1] == UNCERTAIN:
            if not dry_run and confirm_uncertain(draft, before[0]):
                todo.append(draft)
            else:
                report.uncertain.append((draft, before[0]))
        else:
            report.skipped.append((draft, before[0]))
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
            except smtplib.SMTPRecipientsRefused as exc:
                refused = ", ".join(f"{a} ({_reply(r)})" for a, r in exc.recipients.items())
                report.failed.append((draft, f"destinatari rifiutati: {refused}"))
                continue
            except smtplib.SMTPResponseException as exc:
                report.failed.append((draft, f"rifiutato dal server ({_reply(exc)})"))
                continue
            except OSError as exc:  # the connection dropped or timed out (SMTPServerDisconnected)
                if smtp.awaiting_final_reply:
                    when = _now()
                    report.uncertain.append((draft, when))
                    _log(folder, draft, message, UNCERTAIN, when)
                report.stopped = _dropped(exc, settings)
                break
            report.sent.append(draft)
            _log(folder, draft, message, SENT, _now())
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


class _Tracked:
    """An SMTP client that knows when it is waiting for the answer to a message's text:
    the one moment when a dropped connection leaves it unknown whether the server took
    the message."""

    awaiting_final_reply = False
    _data_replies: int | None = None

    def data(self, msg):
        self._data_replies = 0
        try:
            return super().data(msg)
        finally:
            self._data_replies = None

    def getreply(self):
        if self._data_replies is not None:
            self._data_replies += 1
            # the first reply of DATA is 354 "go ahead", the second the final verdict
            self.awaiting_final_reply = self._data_replies >= 2
        reply = super().getreply()
        self.awaiting_final_reply = False
        return reply


class _SMTP(_Tracked, smtplib.SMTP):
    pass


class _SMTP_SSL(_Tracked, smtplib.SMTP_SSL):
    pass


def _timed_out(exc: BaseException) -> bool:
    """Whether ``exc`` is, or was raised by smtplib because of, a time-out."""
    return any(isinstance(e, (TimeoutError, socket.timeout))
               for e in (exc, exc.__context__, exc.__cause__))


def _dropped(exc: BaseException, settings: SmtpSettings) -> str:
    if _timed_out(exc):
        return (f"il server {settings.where} non ha risposto entro {settings.timeout:g} "
                "secondi")
    return f"il server {settings.where} ha chiuso la connessione ({exc or 'senza dire perché'})"


def _now() -> str:
    return dt.datetime.now().strftime("%d/%m/%Y %H:%M")


def _connect(settings: SmtpSettings, password: Callable[[], str] | None) -> smtplib.SMTP:
    """An open, authenticated connection, or a SendError with one Italian line."""
    if settings.user and settings.security == PLAIN and not _loopback(settings.host):
        raise SendError("La password non si invia mai su una connessione in chiaro: "
                        "usare --starttls (di solito porta 587) o --ssl (porta 465).")
    context = ssl.create_default_context()
    smtp = None
    try:
        if settings.security == SSL:
            smtp = _SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                             context=context)
        else:
            smtp = _SMTP(settings.host, settings.port, timeout=settings.timeout)
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
    if _timed_out(exc):
        return (f"Il server {where} non risponde (atteso {settings.timeout:g} secondi): "
                "controllare --smtp e la rete, o riprovare più tardi.")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"Il server {where} ha chiuso la connessione: controllare --ssl/--starttls."
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"Il server {where} ha risposto con un errore: {_reply(exc)}."
    return f"Connessione a {where} non riuscita: {getattr(exc, 'strerror', None) or exc}."


def _sent_before(folder: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(draft name, draft SHA-256) -> (when, outcome) of its last row in invii.csv."""
    path = folder / LOG_NAME
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [[csv_uncell(v) for v in row] for row in csv.reader(handle, delimiter=";")][1:]
    return {(row[0], row[1]): (row[4], row[6] if len(row) > 6 and row[6] else SENT)
            for row in rows if len(row) >= 5}


def _log(folder: Path, draft: Draft, message: EmailMessage, outcome: str, when: str) -> None:
    path = folder / LOG_NAME
    old = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if not old:
        writer.writerow(LOG_HEADERS)
    writer.writerow([csv_cell(v) for v in (
        draft.path.name, draft.sha256, ", ".join(draft.recipients), draft.subject, when,
        message["Message-ID"], outcome)])
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
    lines += [f"Forse già inviato il {when}: «{d.path.name}» è arrivato intero al server, "
              "che non ha confermato la consegna. Chiedere al destinatario se l'ha ricevuto; "
              "per reinviarlo rilanciare con --resend (oppure rispondere sì alla domanda)."
              for d, when in report.uncertain]
    if report.stopped:
        lines.append(f"Invio interrotto: {report.stopped}. I messaggi non inviati partono "
                     "rilanciando il comando.")
    if not dry_run:
        lines.append(f"Inviati {len(report.sent)} messaggi su {len(report.drafts)}.")
    return lines
