"""The name index and the workloads cost one step per reference, counted, never timed.

Python lines run inside ``interpret/people.py`` are counted with ``sys.settrace`` for a
plan and for one twice its size: linear work doubles, work that scans a list per
reference (a surname's thousands of people, a person's objectives so far) quadruples.
"""

from __future__ import annotations

import itertools
import string
import sys
from dataclasses import dataclass
from pathlib import Path

from pianoperf_xl.interpret import people
from pianoperf_xl.interpret.people import RESOLVED, StaffIndex, workloads
from pianoperf_xl.model import Objective, Record, StaffMember

PEOPLE_PY = str(Path(people.__file__).resolve())


def _member(name: str) -> StaffMember:
    record = Record("settore.xlsx", "Personale", 5, {"nome": name}, {"nome": "A5"})
    return StaffMember(name=name, sector="Settore Uno", profile=None, office=None,
                       grade="C1", weekly_hours=None, relation="dipendente", notes=None,
                       record=record)


def _objective(i: int) -> Objective:
    return Objective(ref=f"1.{i}", code=None, sector="Settore Uno", area=None, action=None,
                     title=f"Obiettivo {i}", weight=None, mission=None, programme=None,
                     indicators=[], record=Record("settore.xlsx", "Obiettivi", i + 5))


def _given_names(n: int) -> list[str]:
    """``n`` different given names made of letters only: «Abc», «Abd», …"""
    letters = string.ascii_lowercase
    return ["A" + "".join(t) for t in itertools.islice(itertools.product(letters, repeat=3), n)]


def _lines_in_people(work) -> int:
    """How many lines of interpret/people.py ``work()`` runs."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def call(frame, event, arg):
        return local if frame.f_code.co_filename == PEOPLE_PY else None

    sys.settrace(call)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def _resolving_everyone(k: int) -> int:
    """Lines run to resolve k × k people, k surnames each with the same k given names (so
    every word is shared by k people), each by surname and given name."""
    words = _given_names(2 * k)
    names = [f"{surname} {given}" for surname in words[:k] for given in words[k:]]
    index = StaffIndex(_member(name) for name in names)

    def work():
        for name in names:
            assert index.resolve(name).status == RESOLVED

    return _lines_in_people(work)


def test_resolving_names_sharing_words_is_linear():
    # four times the people: four times the lines (a scan of the people sharing a word
    # per name would be eight times)
    small, large = _resolving_everyone(15), _resolving_everyone(30)
    assert large <= 4.4 * small, (small, large)


@dataclass
class _Row:
    objective: Objective
    resolutions: tuple


def _one_person_named(n: int) -> int:
    """Lines run to count the workloads of a person named on n objectives, twice each."""
    index = StaffIndex([_member("Rossi Mario")])
    named = index.resolve("Rossi")
    objectives = [_objective(i) for i in range(n)]
    rows = [_Row(o, (named,)) for o in objectives for _ in range(2)]
    found = []

    def work():
        found.extend(workloads(index, rows))

    lines = _lines_in_people(work)
    assert found[0].objectives == objectives  # each once, in order
    return lines


def test_naming_one_person_many_times_is_linear():
    small, large = _one_person_named(2_000), _one_person_named(4_000)
    assert large <= 2.2 * small, (small, large)
