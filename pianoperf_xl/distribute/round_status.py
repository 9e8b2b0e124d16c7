"""``pianoperf status`` for a round after the plan: which recipients returned their template.

The outbox says what was sent: each workbook in it of a kind in ``RECIPIENTS`` (written by
``results-templates``, or by an evaluation round) is one return expected, from the
recipient its form names (the sector of a ``rendiconto``), at the address of the e-mail
draft that attaches it, if there is one. Each workbook of the inbox of such a kind is
matched to what was sent: first by its SHA-256 (the file as sent), then by kind, round
(the ``_meta`` rows that tell one round from another: monitoraggio or consuntivo and
the reference date) and recipient. A return whose input cells all hold what was sent is
*untouched*, even if Excel or LibreOffice saved it again (``input_cells``).

Like ``results``, the first file of a recipient in folder order is the one used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pianoperf_xl import spec as specs
from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.distribute.input_cells import input_fingerprint
from pianoperf_xl.distribute.state import Changes, changes_since, last_build
from pianoperf_xl.inputs import build_inputs, sha256_file
from pianoperf_xl.spec.rendiconto import META_DATE, META_ROUND
from pianoperf_xl.values import clean_text, normalize_key

RESULTS_REPORTS = "risultati-*-verifiche.json"  # the JSON report ``results`` writes
# the one ``evaluation`` writes, in its private folder
EVALUATION_REPORTS = "RISERVATO-valutazioni-*/RISERVATO-verifiche-valutazione-*.json"


@dataclass(frozen=True)
class Recipient:
    """Who fills a kind of template: the form field naming them and the one with their
    head, the ``_meta`` rows that tell its rounds apart, and how the report names them."""

    sheet: str
    key: str
    head_key: str | None
    round_keys: tuple[str, ...]
    plural: str  # «Settori»
    command: str  # the command that reads the returns: «pianoperf results»
    report_pattern: str  # the JSON report it writes, with the inputs it read


RECIPIENTS = {
    "rendiconto": Recipient("Rendiconto", "settore", "responsabile", (META_ROUND, META_DATE),
                            "Settori", "«pianoperf results»", RESULTS_REPORTS),
    # one workbook per evaluator (the Nucleo or segretario, each sector's head)
    "scheda": Recipient("Valutatore", "ruolo", "valutatore", (), "Valutatori",
                        "«pianoperf evaluation»", EVALUATION_REPORTS),
}


@dataclass(eq=False)
class RoundFile:
    """A workbook of a round kind, sent (outbox) or returned (inbox)."""

    file: str
    kind: str
    round: tuple[str, ...]  # year and the ``round_keys`` values
    name: str  # the recipient as the form names them
    sha256: str
    inputs: str | None  # fingerprint of the input cells; None: the file did not read
    head: str | None = None
    email: str | None = None  # sent files: the address of the draft that attaches it
    sent: RoundFile | None = None  # returned files: what they answer
    used: bool = True  # False: a later file for a recipient already returned

    @property
    def untouched(self) -> bool:
        return self.sent is not None and (self.sha256 == self.sent.sha256 or (
            self.inputs is not None and self.inputs == self.sent.inputs))


@dataclass
class RoundStatus:
    inbox: Path
    outbox: Path | None
    sent: list[RoundFile]
    returned: list[RoundFile]
    other_round: list[RoundFile] = field(default_factory=list)  # of another round
    others: list[tuple[str, str]] = field(default_factory=list)  # file, kind label or why
    build_dir: Path | None = None
    changes: Changes | None = None

    def of(self, sent: RoundFile) -> list[RoundFile]:
        return [r for r in self.returned if r.sent is sent]

    @property
    def missing(self) -> list[RoundFile]:
        return [s for s in self.sent if not self.of(s)]

    @property
    def untouched(self) -> list[RoundFile]:
        return [r for r in self.returned if r.used and r.untouched]

    @property
    def arrived(self) -> list[RoundFile]:
        return [r for r in self.returned if r.used and r.sent and not r.untouched]

    @property
    def unknown(self) -> list[RoundFile]:
        return [r for r in self.returned if r.sent is None]

    @property
    def duplicates(self) -> list[list[RoundFile]]:
        return [group for s in self.sent if len(group := self.of(s)) > 1]

    @property
    def to_chase(self) -> bool:
        return bool(self.missing or self.untouched)

    @property
    def recipient(self) -> Recipient | None:
        """How the round's recipients are named; None for a mix of kinds."""
        kinds = {f.kind for f in self.sent + self.returned}
        return RECIPIENTS[kinds.pop()] if len(kinds) == 1 else None


def is_round(inbox: str | Path, outbox: str | Path | None) -> bool:
    """Whether ``status`` is asked about a round after the plan: the outbox holds
    templates of a round kind (and no plan ``distribuzione.csv``), or, without an outbox,
    the inbox holds such templates and no workbook of the plan."""
    from pianoperf_xl.distribute.manifest import FILE_NAME

    if outbox is not None:
        return not (Path(outbox) / FILE_NAME).exists() and bool(
            _kinds(Path(outbox)) & RECIPIENTS.keys())
    kinds = _kinds(Path(inbox))
    return bool(kinds & RECIPIENTS.keys()) and not kinds & set(specs.KINDS)


def _kinds(folder: Path) -> set[str]:
    """The template kinds of the workbooks of ``folder`` (by their ``_meta``)."""
    from pianoperf_xl.read.folder import folder_entries, openable
    from pianoperf_xl.read.workbook import Workbook

    if not folder.is_dir():
        return set()
    entries = [e for e in folder_entries(folder)
               if e.readable and Path(e.name).suffix.lower() in (".xlsx", ".xlsm")]
    kinds = set()
    with openable(entries) as paths:
        for entry in entries:
            try:
                kinds.add(Workbook(paths[entry.name]).meta().kind or "")
            except Exception:  # a bug met on this file: the folder's reader, next, tells the user
                continue
    return kinds


def round_status(inbox: str | Path, outbox: str | Path | None = None,
                 build_dir: str | Path | None = None) -> RoundStatus:
    """The inbox against what the outbox sent; with ``build_dir`` (the output folder of
    the last run that read the returns) also what changed since that run."""
    inbox = Path(inbox)
    if not inbox.is_dir():
        raise DistributionError(f"La cartella «{inbox}» non esiste.")
    sent: list[RoundFile] = []
    if outbox is not None:
        sent, _ = _round_files(Path(outbox))
        if not sent:
            raise DistributionError(
                f"La cartella «{outbox}» non contiene modelli inviati per una rilevazione "
                "(per esempio i rendiconti scritti da «pianoperf results-templates»).")
        _addresses(Path(outbox), sent)
    returned, others = _round_files(inbox)
    status = RoundStatus(inbox, Path(outbox) if outbox is not None else None, sent, [],
                         others=others)
    _match(status, returned)
    if build_dir is not None:
        status.build_dir = Path(build_dir)
        patterns = {RECIPIENTS[f.kind].report_pattern for f in sent + returned}
        state = last_build(build_dir, *sorted(patterns or {RESULTS_REPORTS}))
        status.changes = changes_since(state, build_inputs(inbox)) if state else None
    return status


def _round_files(folder: Path) -> tuple[list[RoundFile], list[tuple[str, str]]]:
    """The workbooks of a round kind in ``folder``, and the other files with what they are."""
    from pianoperf_xl.findings import FindingList
    from pianoperf_xl.read import failed, read_records
    from pianoperf_xl.read.folder import folder_entries, openable
    from pianoperf_xl.read.workbook import UnreadableWorkbook, Workbook

    if not folder.is_dir():
        raise DistributionError(f"La cartella «{folder}» non esiste.")
    entries = folder_entries(folder)
    files, others = [], []
    with openable(entries) as paths:
        for entry in entries:
            if entry.refusal is not None:
                others.append((entry.name, entry.refusal.message))
                continue
            if Path(entry.name).suffix.lower() not in (".xlsx", ".xlsm"):
                continue  # drafts, lists, notes: not returns
            try:
                book = Workbook(paths[entry.name])
                meta = book.meta()
                recipient = RECIPIENTS.get(meta.kind or "")
                if recipient is None or meta.year is None:
                    label = specs.KIND_LABELS.get(meta.kind or "")
                    others.append((entry.name, label or "non è un modello di pianoperf"))
                    continue
                pairs = {clean_text(row[0]): clean_text(row[1])
                         for row in book.rows(specs.META_SHEET) if len(row) >= 2}
                records = read_records(book, meta.kind, meta.year, FindingList())
            except UnreadableWorkbook as exc:
                others.append((entry.name, str(exc)))
                continue
            except Exception as exc:  # a bug met on this file: the others are still read
                others.append((entry.name, failed(entry.name, exc).message))
                continue
            form = records[recipient.sheet]
            files.append(RoundFile(
                entry.name, meta.kind, (str(meta.year),) + tuple(
                    pairs.get(k, "") for k in recipient.round_keys),
                clean_text(form.get(recipient.key) or ""), sha256_file(paths[entry.name]),
                input_fingerprint(meta.kind, meta.year, records),
                head=_head(form, recipient)))
    return files, others


def _head(form, recipient: Recipient) -> str | None:
    if recipient.head_key is None:
        return None
    return clean_text(form.get(recipient.head_key) or "") or None


def _addresses(outbox: Path, sent: list[RoundFile]) -> None:
    """Each sent workbook's address: the recipients of the draft that attaches it."""
    from pianoperf_xl.distribute.send import load_drafts

    by_file = {f.file: f for f in sent}
    for draft in load_drafts(outbox):
        for name, _ in draft.attachments:
            if name in by_file and draft.recipients:
                by_file[name].email = ", ".join(draft.recipients)


def _match(status: RoundStatus, returned: list[RoundFile]) -> None:
    by_hash = {s.sha256: s for s in status.sent}
    by_name = {(s.kind, s.round, normalize_key(s.name)): s for s in status.sent}
    rounds = {(s.kind, s.round) for s in status.sent}
    for r in returned:
        r.sent = by_hash.get(r.sha256) or by_name.get((r.kind, r.round, normalize_key(r.name)))
        if r.sent is None and status.sent and (r.kind, r.round) not in rounds:
            status.other_round.append(r)
            continue
        r.used = r.sent is None or not any(o.sent is r.sent for o in status.returned)
        status.returned.append(r)


# --- the report -------------------------------------------------------------------------


def _contact(sent: RoundFile) -> str:
    if sent.email:
        return f"{sent.head} <{sent.email}>" if sent.head else sent.email
    return f"{sent.head or 'responsabile non indicato'} (nessuna bozza email con il file)"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"{title} ({len(items)}):", *(f"  - {item}" for item in items)] if items else []


def _round_label(f: RoundFile) -> str:
    """«monitoraggio al 30/06/2022, piano 2022»: the round's ``_meta`` values as shown."""
    import datetime as dt

    from pianoperf_xl.values import format_date

    parts = []
    for part in f.round[1:]:
        try:
            parts.append(f"al {format_date(dt.date.fromisoformat(part))}")
        except ValueError:
            parts.append(part)
    return " ".join(p for p in parts if p) + f", piano {f.round[0]}"


def round_status_lines(status: RoundStatus) -> list[str]:
    from pianoperf_xl.distribute.status import changes_line

    recipient = status.recipient
    plural = recipient.plural if recipient else "Destinatari"
    command = recipient.command if recipient else "il comando che legge i file restituiti"
    lines = []
    if status.sent:
        untouched = (f" (di cui {len(status.untouched)} senza modifiche)"
                     if status.untouched else "")
        rounds = sorted({_round_label(s) for s in status.sent})
        lines.append(f"{plural} attesi: {len(status.sent)} (file inviati in "
                     f"«{status.outbox}»: {'; '.join(rounds)}); restituiti: "
                     f"{len(status.sent) - len(status.missing)}{untouched}.")
    else:
        lines.append(f"{plural} attesi: non noti (nessuna --outbox): si elencano solo i "
                     "file arrivati.")
    lines += _section("Restituiti", [f"{r.sent.name}: «{r.file}»" for r in status.arrived])
    lines += _section("Mancanti", [f"{s.name}: {_contact(s)}" for s in status.missing])
    lines += _section("Restituiti senza modifiche: nessuna cella da compilare è cambiata "
                      "rispetto al file inviato",
                      [f"{r.sent.name}: «{r.file}» (da compilare: {_contact(r.sent)})"
                       for r in status.untouched])
    lines += _section("Inviati in più versioni", [
        f"{group[0].sent.name}: si usa «{group[0].file}», il primo in ordine di nome; non "
        "si usa " + ", ".join(f"«{r.file}»" for r in group[1:])
        for group in status.duplicates])
    title = "File non attesi" if status.sent else "File arrivati"
    lines += _section(title, [f"«{r.file}»: {r.name or 'destinatario non indicato'}"
                              for r in status.unknown])
    lines += _section("File di un'altra rilevazione, non usati",
                      [f"«{r.file}»: {r.name}, {_round_label(r)}" for r in status.other_round])
    lines += _section("Altri file", [f"«{name}»: {what}" for name, what in status.others])
    lines.append(changes_line(status.build_dir, status.changes,
                              f"il report …-verifiche.json scritto da {command}",
                              run=f"l'ultima esecuzione di {command}",
                              none=f"Nessuna esecuzione di {command}"))
    return lines
