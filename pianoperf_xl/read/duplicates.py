"""The same sector sent twice: use one workbook, the newer, and say which and why.

Two workbooks are of the same sector when their sector names match once normalised
(case, accents, spaces). The newer is the one saved last according to the workbook's
own properties (``dcterms:modified`` in docProps/core.xml, which e-mail and copies do
not change); when those do not tell, the file's modification time; when nothing tells,
the first by name. The other workbook is not used at all: neither its data nor its
findings reach the plan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Sequence

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import Finding, FindingList, Location
from pianoperf_xl.model import Sector
from pianoperf_xl.read.package import plausible_moment
from pianoperf_xl.values import format_date, normalize_key

try:
    from zoneinfo import ZoneInfo

    _LOCAL: dt.tzinfo | None = ZoneInfo("Europe/Rome")
except Exception:  # no time zone database: the machine's own zone
    _LOCAL = None


def drop_duplicate_sectors(candidates: Sequence[Any], findings: FindingList) -> list[Any]:
    """The candidates (read workbooks, with ``item``, ``modified`` and ``path``) not to use."""
    groups: dict[str, list[Any]] = {}
    for candidate in candidates:
        if isinstance(candidate.item, Sector):
            groups.setdefault(normalize_key(candidate.item.name), []).append(candidate)
    dropped = []
    for group in groups.values():
        if len(group) < 2:
            continue
        kept, why = _newest(group)
        for other in group:
            if other is not kept:
                dropped.append(other)
                findings.extend([_finding(kept, other, why)])
    return dropped


def _saved(candidate: Any) -> dt.datetime | None:
    return candidate.modified


def _file_time(candidate: Any) -> dt.datetime | None:
    """The file's modification time, None when the system's is absurd (year 1 or 9999)."""
    try:
        moment = dt.datetime.fromtimestamp(candidate.path.stat().st_mtime, dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return plausible_moment(moment)


def _newest(group: list[Any]) -> tuple[Any, Callable[[Any, Any], str]]:
    """The candidate to use, and the reason (a function of kept and dropped)."""
    by_name = sorted(group, key=lambda c: c.path.name.casefold())
    for when, why in ((_saved, _why_saved), (_file_time, _why_file_time)):
        times = [when(c) for c in by_name]
        if None in times:
            continue
        latest = max(times)
        if times.count(latest) == 1:
            return by_name[times.index(latest)], why
    return by_name[0], _why_tie


def quoted(moment: dt.datetime) -> str:
    local = moment.astimezone(_LOCAL)
    return f"{format_date(local)} {local:%H:%M}"


def _why_saved(kept: Any, dropped: Any) -> str:
    return (f"è stato salvato più di recente secondo le proprietà del file "
            f"({quoted(_saved(kept))} contro {quoted(_saved(dropped))})")


def _why_file_time(kept: Any, dropped: Any) -> str:
    return (f"è il più recente secondo la data di modifica del file "
            f"({quoted(_file_time(kept))} contro {quoted(_file_time(dropped))}); le "
            "proprietà interne dei due file non lo dicono")


def _why_tie(kept: Any, dropped: Any) -> str:
    return "le date dei due file non dicono quale sia il più recente, ed è il primo per nome"


def _finding(kept: Any, dropped: Any, why: Callable[[Any, Any], str]) -> Finding:
    used, unused = kept.path.name, dropped.path.name
    return emit(
        "sector-duplicate",
        f"Il settore «{kept.item.name}» è in due file, «{used}» e «{unused}»: è stato "
        f"usato «{used}» perché {why(kept, dropped)}. «{unused}» non è stato usato: "
        "toglierlo dalla cartella, oppure togliere l'altro se è questo quello giusto.",
        Location(unused), value=used)
