"""The objectives' codes, one per objective, unique across the plan, worked out once.

A sector that types its codes keeps them; a sector that leaves them blank gets
``PREFIX.NN``, where the prefix is two letters or more from the sector's name ("Affari
Generali" → «AG», "Servizi Demografici" → «DE», "Servizi Sociali" → «SO», "Sport" →
«SP»), different for every sector. A typed code that another sector uses too is
prefixed with the sector's prefix («AG.1»), so no two objectives share a code.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from pianoperf_xl.model import Objective, Sector
from pianoperf_xl.values import normalize_key

# Words every sector name may carry, which tell sectors apart no better than nothing.
_GENERIC = frozenset({"settore", "settori", "area", "servizi", "servizio", "ufficio", "uffici",
                      "di", "del", "dello", "della", "dei", "degli", "e", "ed", "la", "il",
                      "le", "lo", "gli", "per", "al", "alla", "ai", "alle"})
MIN_LETTERS = 2


def _words(name: str) -> list[str]:
    words = [w for w in re.findall(r"[^\W\d_]+", normalize_key(name)) if len(w) > 1]
    meaningful = [w for w in words if w not in _GENERIC]
    return [w.upper() for w in (meaningful or words or ["settore"])]


def _candidates(name: str) -> list[str]:
    """Prefixes for a sector, shortest first: initials, then longer spellings."""
    words = _words(name)
    found: list[str] = []
    if len(words) >= MIN_LETTERS:
        found.append("".join(w[0] for w in words[:4]))
    last = words[-1]
    head = "".join(w[0] for w in words[:-1])
    for length in range(MIN_LETTERS, len(last) + 1):
        found.append(head + last[:length] if head else last[:length])
    return [c for c in dict.fromkeys(found) if len(c) >= MIN_LETTERS]


def sector_prefixes(names: Sequence[str]) -> list[str]:
    """A prefix per sector name, in order, each different from the others."""
    options = [_candidates(name) for name in names]
    taken: set[str] = set()
    prefixes: list[str] = []
    # Shortest candidates first, but a name whose first choice is shared by another name
    # moves on to its next one, so "Servizi Sociali" and "Sport" do not share «S…».
    firsts = Counter(o[0] for o in options)
    for own in options:
        choice = next((c for c in own if c not in taken and (firsts[c] == 1 or c != own[0])),
                      None)
        if choice is None:
            base, number = own[-1], 2
            while f"{base}{number}" in taken:
                number += 1
            choice = f"{base}{number}"
        taken.add(choice)
        prefixes.append(choice)
    return prefixes


def objective_codes(sectors: Sequence[Sector]) -> dict[int, str]:
    """The code of every objective of ``sectors``, by ``id(objective)``."""
    prefixes = sector_prefixes([s.name for s in sectors])
    typed = Counter(normalize_key(o.code) for s in sectors
                    for o in {normalize_key(o.code): o for o in s.objectives if o.code}.values())
    codes: dict[int, str] = {}
    for sector, prefix in zip(sectors, prefixes):
        for number, objective in enumerate(sector.objectives, 1):
            codes[id(objective)] = _code(objective, prefix, number, typed)
    return codes


def _code(objective: Objective, prefix: str, number: int, typed: Counter) -> str:
    code = (objective.code or "").strip()
    if not code:
        return f"{prefix}.{number:02d}"
    return f"{prefix}.{code}" if typed[normalize_key(code)] > 1 else code
