"""``pianoperf status``: which sectors have sent their workbook back.

The sectors expected back are those of ``distribuzione.csv`` in the outbox (with the
SHA-256 of each workbook as sent) or, without an outbox, the Settori of the organigram
of the ente workbook in the inbox. The inbox is read as ``check`` and ``build`` read it
(the newer of two versions of a sector is the one used); a returned workbook belongs to
a sector by its hash (an untouched template) or by its sector name, matched as the staff
checks match sector workbooks to the organigram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.distribute.manifest import FILE_NAME, read_manifest
from pianoperf_xl.distribute.state import Changes, changes_since, last_build
from pianoperf_xl.inputs import build_inputs
from pianoperf_xl.model import Plan, Sector

DUPLICATE_CODE = "sector-duplicate"


@dataclass(eq=False)
class Expected:
    """A sector that should send a workbook back."""

    name: str
    head: str | None
    email: str | None
    sent_sha256: str | None = None  # of the workbook sent, when the outbox is known


@dataclass(eq=False)
class Returned:
    """A sector workbook of the inbox."""

    sector: Sector
    file: str
    sha256: str
    used: bool = True  # False: an older version of a sector sent twice
    expected: Expected | None = None

    @property
    def untouched(self) -> bool:
        return self.expected is not None and self.sha256 == self.expected.sent_sha256


@dataclass
class ReturnStatus:
    inbox: Path
    expected_from: str | None  # where the expected sectors come from, None: unknown
    expected: list[Expected]
    returned: list[Returned]
    unusable: list[tuple[str, str]] = field(default_factory=list)  # file, why
    ente_file: str | None = None
    budget_file: str | None = None
    build_dir: Path | None = None  # the output folder of the build to compare with
    changes: Changes | None = None  # since that build; None: none recorded there

    def of(self, expected: Expected) -> list[Returned]:
        return [r for r in self.returned if r.expected is expected]

    @property
    def missing(self) -> list[Expected]:
        return [e for e in self.expected if not self.of(e)]

    @property
    def untouched(self) -> list[Returned]:
        return [r for r in self.returned if r.used and r.untouched]

    @property
    def arrived(self) -> list[Returned]:
        """The versions used, of expected sectors, filled in."""
        return [r for r in self.returned if r.used and r.expected and not r.untouched]

    @property
    def unknown(self) -> list[Returned]:
        return [r for r in self.returned if r.used and r.expected is None]

    @property
    def duplicates(self) -> list[list[Returned]]:
        """Sectors sent more than once: the version used first, then the others."""
        groups: dict[int, list[Returned]] = {}
        for r in sorted(self.returned, key=lambda r: not r.used):
            groups.setdefault(id(r.sector), []).append(r)
        return [g for g in groups.values() if len(g) > 1]

    @property
    def to_chase(self) -> bool:
        return bool(self.missing or self.untouched)


def return_status(inbox: str | Path, outbox: str | Path | None = None,
                  build_dir: str | Path | None = None) -> ReturnStatus:
    """The inbox against the sectors expected back; with ``build_dir`` (the output folder
    of the last build) also what changed since that build."""
    from pianoperf_xl.read import UnusableInput, read_plan

    inbox = Path(inbox)
    try:
        plan = read_plan(inbox)
    except UnusableInput as exc:
        raise DistributionError(str(exc)) from exc
    hashes = build_inputs(inbox)
    expected, source = _expected(plan, outbox)
    status = ReturnStatus(inbox, source, expected, _returned(plan, hashes),
                          ente_file=plan.ente.file if plan.ente else None,
                          budget_file=plan.budget.file if plan.budget else None)
    _match(status)
    status.unusable = _unusable(plan, status)
    if build_dir is not None:
        status.build_dir = Path(build_dir)
        state = last_build(build_dir)
        status.changes = changes_since(state, hashes) if state else None
    return status


def _expected(plan: Plan, outbox: str | Path | None) -> tuple[list[Expected], str | None]:
    if outbox is not None:
        entries = read_manifest(Path(outbox))
        if entries is None:
            raise DistributionError(f"La cartella «{outbox}» non contiene «{FILE_NAME}»: "
                                    "indicare la cartella scritta da «pianoperf distribute».")
        return [Expected(e.sector, e.head or None, e.email or None, e.sha256)
                for e in entries], FILE_NAME
    if plan.ente is not None:
        from pianoperf_xl.distribute.organigram import organigram_sectors

        sectors, _ = organigram_sectors(plan.ente)
        return ([Expected(s.name, s.head, s.email) for s in sectors],
                f"organigramma di «{plan.ente.file}»")
    return [], None


def _returned(plan: Plan, hashes: dict[str, str]) -> list[Returned]:
    returned = [Returned(s, s.file, hashes.get(s.file, "")) for s in plan.sectors]
    by_file = {r.file: r for r in returned}
    for f in plan.findings:
        kept = by_file.get(str(f.value)) if f.code == DUPLICATE_CODE else None
        if kept is not None:
            returned.append(Returned(kept.sector, f.file, hashes.get(f.file, ""), used=False))
    return returned


def _match(status: ReturnStatus) -> None:
    """Each returned workbook to its expected sector: first by hash, then by name."""
    from pianoperf_xl.interpret.sectors import match_sectors

    by_hash = {e.sent_sha256: e for e in status.expected if e.sent_sha256}
    for r in status.returned:
        r.expected = by_hash.get(r.sha256)
    used = [r for r in status.returned if r.used]
    free = [e for e in status.expected if not any(r.expected is e for r in used)]
    pairs = match_sectors([r.sector for r in used if r.expected is None], free)
    owner = {id(sector): expected for sector, expected in pairs}
    for r in status.returned:  # older versions follow the version used
        if r.expected is None:
            r.expected = owner.get(id(r.sector))


def _unusable(plan: Plan, status: ReturnStatus) -> list[tuple[str, str]]:
    """Files that are in the inbox but were not used, and why (the reader's words)."""
    listed = {r.file for r in status.returned}
    problems = []
    for source in plan.files:
        if source.used or source.name in listed:
            continue
        why = next((f.message for f in plan.findings if f.file == source.name), "non usato")
        problems.append((source.name, why))
    return problems


# --- the report -------------------------------------------------------------------------


def _contact(expected: Expected) -> str:
    if expected.email:
        return f"{expected.head} <{expected.email}>" if expected.head else expected.email
    return f"{expected.head or 'responsabile non indicato'} (nessun indirizzo email)"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"{title} ({len(items)}):", *(f"  - {item}" for item in items)] if items else []


def status_lines(status: ReturnStatus) -> list[str]:
    lines = []
    if status.expected_from:
        untouched = (f" (di cui {len(status.untouched)} senza modifiche)"
                     if status.untouched else "")
        lines.append(f"Settori attesi: {len(status.expected)} (da {status.expected_from}); "
                     f"restituiti: {len(status.expected) - len(status.missing)}{untouched}.")
    else:
        lines.append("Settori attesi: non noti (nessun file dell'ente nella cartella e "
                     "nessuna --outbox): si elencano solo i file arrivati.")
    lines += _section("Restituiti", [f"{r.expected.name}: «{r.file}»" for r in status.arrived])
    lines += _section("Mancanti", [f"{e.name}: {_contact(e)}" for e in status.missing])
    lines += _section("Restituiti senza modifiche, identici al file inviato",
                      [f"{r.expected.name}: «{r.file}» (da compilare: {_contact(r.expected)})"
                       for r in status.untouched])
    lines += _section("Inviati in più versioni", [
        f"{(group[0].expected.name if group[0].expected else group[0].sector.name)}: "
        f"si usa «{group[0].file}», il più recente; non si usa "
        + ", ".join(f"«{r.file}»" for r in group[1:]) for group in status.duplicates])
    title = "File di settori non attesi" if status.expected_from else "File dei settori"
    lines += _section(title, [f"«{r.file}»: {r.sector.name}" for r in status.unknown])
    lines += _section("File non usati", [f"«{name}»: {why}" for name, why in status.unusable])
    lines.append(f"File dell'ente: {_named(status.ente_file)}; file del bilancio: "
                 f"{_named(status.budget_file)}.")
    lines.append(changes_line(status.build_dir, status.changes,
                              "il report piano-ANNO-verifiche.json scritto da «pianoperf build»"))
    return lines


def changes_line(build_dir: Path | None, changes: Changes | None, report: str,
                 run: str = "l'ultima build", none: str = "Nessuna build") -> str:
    """What changed in the inbox since the ``run`` recorded in ``build_dir`` (whose JSON
    report, described by ``report``, lists the inputs it read)."""
    from pianoperf_xl.values import format_date

    if build_dir is None:
        return f"Per sapere cosa è cambiato dal{run}: --build CARTELLA_USCITA."
    if changes is None:
        return f"{none} in «{build_dir}» (manca {report})."
    since = f"{format_date(changes.since)} {changes.since:%H:%M}"
    parts = ([f"«{n}» modificato" for n in changes.changed]
             + [f"«{n}» nuovo" for n in changes.added]
             + [f"«{n}» tolto" for n in changes.removed])
    return f"Dal{run} ({since}): " + (", ".join(parts) + "."
                                               if parts else "nessun file cambiato.")


def _named(file: str | None) -> str:
    return f"«{file}»" if file else "mancante"
