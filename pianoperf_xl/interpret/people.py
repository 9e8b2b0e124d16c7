"""Who is who: the staff of every sector as one index, and names as typed resolved to people.

Staff members with the same normalised name (see :mod:`pianoperf_xl.interpret.names`)
are one :class:`Person`, whatever lists they are in. Exact lookups go through
dictionaries (full name, surname, single words), fuzzy matching (rapidfuzz) only runs
for what they do not find, against the surnames' list: resolution stays linear in the
number of references, not quadratic.

``HINT_SIMILARITY`` = 65: the lowest score (see :func:`~pianoperf_xl.interpret.names.similarity`)
of a person offered in a hint ("forse intendevi: …?"); Verdi/Ferri (60) is too far to suggest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Protocol

from rapidfuzz import fuzz, process

from pianoperf_xl.interpret.names import Name, as_name, parse_name, same_person, similarity
from pianoperf_xl.model import FULL_TIME_HOURS, Objective, StaffMember
from pianoperf_xl.values import clean_text

HINT_SIMILARITY = 65
HINT_LIMIT = 3

RESOLVED, TYPO, AMBIGUOUS, UNKNOWN = "resolved", "typo", "ambiguous", "unknown"
_SEVERITY = {RESOLVED: 0, TYPO: 1, AMBIGUOUS: 2, UNKNOWN: 3}
_FTE_PLACES = Decimal("0.01")


def hours_of(member: StaffMember) -> int:
    """A staff row's weekly hours; a blank is full time."""
    return member.weekly_hours if member.weekly_hours is not None else FULL_TIME_HOURS


def fte_of(hours: int) -> Decimal:
    """Full-time equivalent of ``hours`` a week: hours / 36, to the hundredth."""
    return (Decimal(hours) / FULL_TIME_HOURS).quantize(_FTE_PLACES)


def member_fte(member: StaffMember) -> Decimal:
    """A staff row's full-time equivalent."""
    return fte_of(hours_of(member))


@dataclass(eq=False)
class Person:
    """One person of the staff lists; ``members`` are their rows, one per list."""

    name: str  # as the first staff list that has them spells it
    parsed: Name
    members: list[StaffMember] = field(default_factory=list)

    @property
    def sectors(self) -> list[str]:
        return list(dict.fromkeys(m.sector for m in self.members))

    @property
    def weekly_hours(self) -> int:
        """The hours of every list added up (a blank is full time)."""
        return sum(hours_of(m) for m in self.members)

    @property
    def fte(self) -> Decimal:
        return fte_of(self.weekly_hours)

    @property
    def external(self) -> bool:
        return all(m.relation == "esterno" for m in self.members)

    def __repr__(self) -> str:
        return f"Person({self.name!r}, {self.sectors!r})"


@dataclass(frozen=True)
class Candidate:
    person: Person
    score: float


@dataclass(frozen=True)
class Resolution:
    """A name as typed on an objective and who it is.

    ``status``: ``resolved`` (found exactly; ``people`` may hold several when the text
    names several surnames), ``typo`` (found only by fuzzy matching: ``people`` is the
    best guess), ``ambiguous`` (several people fit: ``candidates``), ``unknown`` (nobody:
    ``candidates`` are the nearest names, for the hint). A text naming several surnames
    has one resolution per surname in ``parts``.
    """

    ref: str
    status: str
    people: tuple[Person, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    parts: tuple[Resolution, ...] = ()

    def leaves(self) -> tuple[Resolution, ...]:
        return self.parts or (self,)


class StaffIndex:
    """Every staff member of every sector, grouped into people and indexed by name.

    ``outside``: people who work outside the sectors (the segretario comunale, from the
    organigram): names on objectives resolve to them too, but they are not in ``people``
    (the sectors' staff, which the headcount and the workload checks are about).
    """

    def __init__(self, staff: Iterable[StaffMember], outside: Iterable[StaffMember] = ()):
        self.people: list[Person] = []
        self.outside: list[Person] = []
        self._by_key: dict[str, Person] = {}
        self._by_token: dict[str, list[Person]] = defaultdict(list)
        self._token_sets: dict[str, set[Person]] = defaultdict(set)
        self._order: dict[Person, int] = {}  # a person's place in the staff lists
        self._by_surname: dict[str, list[Person]] = defaultdict(list)
        self._of_member: dict[int, Person] = {}
        self._resolved: dict[str, Resolution] = {}
        for member in staff:
            self._add(member, self.people)
        for member in outside:
            self._add(member, self.outside)
        self._surnames = list(self._by_surname)

    def _add(self, member: StaffMember, into: list[Person]) -> None:
        name = parse_name(member.name)
        if not name.words:
            return
        person = self._by_key.get(name.key)
        if person is None:
            person = self._by_key[name.key] = Person(name.text, name)
            self._order[person] = len(self._order)
            into.append(person)
            for token in set(name.tokens):
                self._by_token[token].append(person)
                self._token_sets[token].add(person)
            self._by_surname[" ".join(name.surname)].append(person)
        person.members.append(member)
        self._of_member[id(member)] = person

    def person_of(self, member: StaffMember) -> Person | None:
        return self._of_member.get(id(member))

    # -- full names (organigram, sector heads) ---------------------------------------

    def find(self, name: str | Name) -> Person | None:
        """The person with exactly this name (case, accents and titles aside)."""
        parsed = as_name(name)
        exact = self._by_key.get(parsed.key)
        if exact or len(parsed.tokens) < 2:
            return exact
        flipped = [p for p in self._sharing(parsed.tokens)
                   if sorted(p.parsed.tokens) == sorted(parsed.tokens)]
        return flipped[0] if flipped else None

    def variants(self, name: str | Name) -> list[Candidate]:
        """The people whose name is a variant of ``name`` (see :func:`same_person`), best first."""
        parsed = as_name(name)
        return [c for c in self._scored(parsed) if same_person(parsed, c.person.parsed)]

    def match(self, name: str | Name) -> Person | None:
        """The person ``name`` is: exactly, else its closest variant."""
        found = self.find(name)
        if found is None and (variants := self.variants(name)):
            found = variants[0].person
        return found

    def nearest(self, name: str | Name) -> list[Candidate]:
        """The people to offer in a hint for ``name``, best first."""
        return [c for c in self._scored(as_name(name)) if c.score >= HINT_SIMILARITY][:HINT_LIMIT]

    def _scored(self, name: Name) -> list[Candidate]:
        """People near ``name``, best first: those sharing a word with it, those with a
        surname close to one of its words."""
        return self._ranked(name, self._nearby(name))

    def _nearby(self, name: Name) -> list[Person]:
        found = dict.fromkeys(self._sharing(name.words))
        for word in name.words:
            for surname, _, _ in process.extract(word, self._surnames, scorer=fuzz.ratio,
                                                 score_cutoff=HINT_SIMILARITY, limit=None):
                found.update(dict.fromkeys(self._by_surname[surname]))
        return list(found)

    def _sharing(self, tokens: Iterable[str]) -> list[Person]:
        return list(dict.fromkeys(p for t in tokens for p in self._by_token.get(t, ())))

    # -- references typed on objectives ------------------------------------------------

    def resolve(self, ref: str) -> Resolution:
        """Who a name typed in "Personale coinvolto" is (see :class:`Resolution`)."""
        text = " ".join(clean_text(ref).split())
        if text not in self._resolved:
            self._resolved[text] = self._resolve(parse_name(text))
        return self._resolved[text]

    def _resolve(self, name: Name) -> Resolution:
        if not name.words:
            return Resolution(name.text, UNKNOWN)
        direct = self._direct(name)
        if len(direct) == 1:
            return Resolution(name.text, RESOLVED, people=(direct[0],))
        if direct:
            return Resolution(name.text, AMBIGUOUS, candidates=tuple(self._ranked(name, direct)))
        parts = self._parts(name)
        if parts and all(p.status in (RESOLVED, AMBIGUOUS) for p in parts):
            return _combined(name, parts)
        fuzzy = self._fuzzy(name)
        if fuzzy.status == UNKNOWN and _several_names(parts):
            return _combined(name, parts)
        return fuzzy

    def _direct(self, name: Name) -> list[Person]:
        """People having every word of ``name``, their surname among them and a given name
        for each initial; a full name wins over a longer one that contains it."""
        words, initials = set(name.words), name.initials
        sets = sorted((self._token_sets.get(t, set()) for t in words), key=len)
        # Those having every word: the sets of each word intersected, smallest first (a
        # common surname is thousands of people, a surname with a given name a handful).
        pool = sets[0].intersection(*sets[1:])
        found = sorted((p for p in pool if words.issuperset(p.parsed.surname)
                        and all(any(g.startswith(i) for g in p.parsed.given)
                                for i in initials)), key=self._order.__getitem__)
        exact = [p for p in found if len(p.parsed.tokens) == len(name.tokens)]
        return exact or found

    def _parts(self, name: Name) -> tuple[Resolution, ...]:
        """Each surname of a text naming several ("Cairo Forlani Ferri"), resolved alone."""
        if len(name.groups) < 2:
            return ()
        return tuple(self.resolve(" ".join(group)) for group in name.groups)

    def _fuzzy(self, name: Name) -> Resolution:
        scored = self._scored(name)
        variants = tuple(c for c in scored if same_person(name, c.person.parsed))
        if len(variants) == 1:
            return Resolution(name.text, TYPO, people=(variants[0].person,), candidates=variants)
        if variants:
            return Resolution(name.text, AMBIGUOUS, candidates=variants)
        hints = tuple(c for c in scored if c.score >= HINT_SIMILARITY)[:HINT_LIMIT]
        return Resolution(name.text, UNKNOWN, candidates=hints)

    @staticmethod
    def _ranked(name: Name, people: Iterable[Person]) -> list[Candidate]:
        return sorted((Candidate(p, similarity(name, p.parsed)) for p in people),
                      key=lambda c: -c.score)


def _several_names(parts: tuple[Resolution, ...]) -> bool:
    """Whether a text is read as several names: when every one of them is someone (maybe
    misspelled), or at least two are found exactly (the others are then reported)."""
    statuses = [p.status for p in parts]
    return bool(parts) and (UNKNOWN not in statuses or statuses.count(RESOLVED) >= 2)


def _combined(name: Name, parts: tuple[Resolution, ...]) -> Resolution:
    people = tuple(dict.fromkeys(person for p in parts for person in p.people))
    candidates = tuple(c for p in parts if p.status != RESOLVED for c in p.candidates)
    status = max((p.status for p in parts), key=_SEVERITY.__getitem__)
    return Resolution(name.text, status, people, candidates, parts)


# --- who works on what ------------------------------------------------------------------


class NamingRow(Protocol):
    """A row naming people: an indicator read (see :mod:`pianoperf_xl.interpret.indicators`)."""

    objective: Objective
    resolutions: tuple[Resolution, ...]


@dataclass
class Workload:
    """A person's objectives; ``possible`` are those naming them only ambiguously."""

    person: Person
    objectives: list[Objective] = field(default_factory=list)
    possible: list[Objective] = field(default_factory=list)
    # ids of the objectives in each list: adding one never scans a list, so a person
    # named on 100,000 rows costs 100,000 steps, not 100,000²/2
    _ids: set[int] = field(default_factory=set, repr=False, compare=False)
    _possible_ids: set[int] = field(default_factory=set, repr=False, compare=False)

    @property
    def count(self) -> int:
        return len(self.objectives)

    @property
    def fte(self) -> Decimal:
        return self.person.fte


def workloads(index: StaffIndex, rows: Iterable[NamingRow]) -> list[Workload]:
    """Each person's objectives, from the names on every row; in the order of the lists
    (people outside the sectors are counted, not listed)."""
    found = {id(p): Workload(p) for p in index.people + index.outside}
    for row in rows:
        for resolution in row.resolutions:
            for person in resolution.people:
                work = found[id(person)]
                _add_once(work.objectives, work._ids, row.objective)
            for leaf in resolution.leaves():
                if leaf.status == AMBIGUOUS:
                    for candidate in leaf.candidates:
                        work = found[id(candidate.person)]
                        _add_once(work.possible, work._possible_ids, row.objective)
    return [found[id(p)] for p in index.people]


def _add_once(objectives: list[Objective], ids: set[int], objective: Objective) -> None:
    if id(objective) not in ids:
        ids.add(id(objective))
        objectives.append(objective)
