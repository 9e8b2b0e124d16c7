"""Who is who: the staff of every sector as one index, and names as typed resolved to people.

Names are written by hand in many places — the sectors' staff lists, "Personale coinvolto"
on each objective, the organigram, the sector head — and never quite the same way:
surname alone, "Cognome Nome" or "Nome Cognome", initials, titles, typos, several surnames
in one cell. This module turns them into :class:`Person` objects, for the staff checks
and for the outputs (each objective's staff by name, the staff × objectives matrix).

Staff members with the same normalised name are one :class:`Person`, whatever lists they
are in. Exact lookups go through dictionaries (full name, surname, single words), fuzzy
matching (rapidfuzz) only runs for what they do not find, against the surnames' list:
resolution stays linear in the number of references, not quadratic.

Similarities are ``rapidfuzz.fuzz.ratio`` scores (0-100):

* ``SURNAME_SIMILARITY`` = 78: two surnames are variants of one another at 78 or more —
  one wrong letter in a 7-letter surname scores 85.7 (Airoldi/Airoidi, Bedolfi/Redolfi,
  Redolfo/Redolfi), the long Mastroiusto/Mastropietro 78.3; distinct surnames such as
  Bianchi/Bianco (76.9) and Rossi/Russo (60) stay apart.
* ``GIVEN_NAME_SIMILARITY`` = 75: given names of one surname are variants at 75 or more
  (Alicia/Felicia 76.9).
  Given names that differ only in the final vowel are never variants: Mario/Maria (80),
  Paolo/Paola, Daniele/Daniela are a man and a woman.
* ``HINT_SIMILARITY`` = 65: the lowest score (see :func:`similarity`) of a person offered
  in a hint ("forse intendevi: …?"); Verdi/Ferri (60) is too far to suggest.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Iterator

from rapidfuzz import fuzz, process

from pianoperf_xl.model import FULL_TIME_HOURS, Indicator, Objective, Plan, Sector, StaffMember
from pianoperf_xl.values import clean_text, normalize_key

SURNAME_SIMILARITY = 78
GIVEN_NAME_SIMILARITY = 75
HINT_SIMILARITY = 65
HINT_LIMIT = 3

RESOLVED, TYPO, AMBIGUOUS, UNKNOWN = "resolved", "typo", "ambiguous", "unknown"
_SEVERITY = {RESOLVED: 0, TYPO: 1, AMBIGUOUS: 2, UNKNOWN: 3}

# Titles before a name, dropped (repeatedly: "Sig.ra Dott.ssa Rossi"). A title word needs
# its dot or a space after it ("Ing." never eats "Ingrassia"), a feminine ending its dot
# ("Dott.ssa", "Sig.ra"), a rank its dot ("Comm.", "M.llo": "Capra" is a surname).
_TITLE = re.compile(
    r"^(?:(?:dott|dr|prof|avv|arch|ing|geom|rag|sig)(?:\.\s?(?:ssa|essa|ra|na))?(?:\.\s*|\s+)"
    r"|(?:dottor|dottore|dottoressa|professore|professoressa|avvocato|architetto|ingegnere"
    r"|geometra|ragioniere|ragioniera|signor|signora|signorina|assistente\s+sociale)\s+"
    r"|(?:m\.?llo|mar|magg|cap|ten|comm|isp|sovr|p\.\s?i|per\.\s?ind)\.\s*)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_PARTICLES = frozenset({"de", "di", "da", "del", "della", "dello", "delle", "dei", "degli",
                        "dal", "dalla", "dalle", "dall", "la", "lo", "le", "li", "van", "von"})
_VOWELS = frozenset("aeio")


# --- names --------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A name as written, its normalised words and which of them are the surname.

    ``groups`` are the words taken together: a particle with the word after it
    ("De Luca"), an initial with the word before it ("Cairo M."), or after it when it
    comes first ("M. Cairo"). The surname is the first group that is not an initial
    ("Cognome Nome", as the templates ask); :meth:`flipped` reads the last one instead
    ("Nome Cognome").
    """

    text: str  # as written, titles dropped
    groups: tuple[tuple[str, ...], ...]  # original words
    tokens: tuple[str, ...]  # normalised words (casefold, no accents, no apostrophes)
    surname: tuple[str, ...]
    given: tuple[str, ...]

    # Derived once per Name (a Name never changes; parse_name hands out the same one).

    @functools.cached_property
    def key(self) -> str:
        return " ".join(self.tokens)

    @functools.cached_property
    def words(self) -> tuple[str, ...]:
        """The tokens that are not initials."""
        return tuple(t for t in self.tokens if len(t) > 1)

    @functools.cached_property
    def initials(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if len(t) == 1)

    def flipped(self) -> Name:
        return self._flipped

    @functools.cached_property
    def _flipped(self) -> Name:
        return _with_surname(self, last=True)


@functools.lru_cache(maxsize=1 << 15)  # a Name is immutable: the same text, the same Name
def parse_name(text: str | None) -> Name:
    """Parse a name as written: "Dott.ssa Gravallese Immacolata", "M. Cairo", "De Luca Anna"."""
    cleaned = " ".join(clean_text(text).split())
    while (title := _TITLE.match(cleaned)) and title.end() < len(cleaned):
        cleaned = cleaned[title.end():]
    words = _WORD.findall(cleaned)
    name = Name(cleaned, _group(words), tuple(_token(w) for w in words), (), ())
    return _with_surname(name, last=False)


def _token(word: str) -> str:
    return re.sub(r"['’]", "", normalize_key(word))


def _group(words: list[str]) -> tuple[tuple[str, ...], ...]:
    groups: list[list[str]] = []
    pending: list[str] = []  # particles waiting for their word
    for word in words:
        token = _token(word)
        if token in _PARTICLES or (len(token) == 1 and not groups):
            pending.append(word)  # a particle, or a leading initial, goes with the next word
        elif len(token) == 1 and not pending:
            groups[-1].append(word)  # an initial belongs to the name before it
        else:
            groups.append(pending + [word])
            pending = []
    if pending:
        groups.append(pending)
    return tuple(tuple(g) for g in groups)


def _is_initial(group: tuple[str, ...]) -> bool:
    return len(group) == 1 and len(_token(group[0])) == 1


def _with_surname(name: Name, *, last: bool) -> Name:
    """``name`` with the first (or last) group that is not an initial as the surname."""
    candidates = [g for g in name.groups if not _is_initial(g)]
    if not candidates:
        return name
    chosen = candidates[-1] if last else candidates[0]
    surname_words = [w for w in chosen if len(_token(w)) > 1 or len(chosen) == 1]
    surname = tuple(_token(w) for w in surname_words)
    given = list(name.tokens)
    for token in surname:
        given.remove(token)
    return Name(name.text, name.groups, name.tokens, surname, tuple(given))


def as_name(name: str | Name) -> Name:
    return name if isinstance(name, Name) else parse_name(name)


def spelling(name: str | Name) -> str:
    """The name as written, titles and extra spaces dropped: what must be the same everywhere."""
    return as_name(name).text


def same_spelling(a: str | Name, b: str | Name) -> bool:
    """Whether two spellings of one person are the same; an ALL-CAPS spelling is a style
    (organigrams are often typed in capitals), not a different spelling."""
    x, y = spelling(a), spelling(b)
    return x == y or ((x.isupper() or y.isupper()) and x.casefold() == y.casefold())


def same_person(a: str | Name, b: str | Name) -> bool:
    """Whether two spellings are variants of one person's name.

    Yes for: the same words in any order or case; the same surname with given names that
    are close (Alicia/Felicia) or one within the other (Fabiola / Maria Fabiola, "Rossi
    M." / Rossi Mario, a surname alone); close surnames (see ``SURNAME_SIMILARITY``) with
    the same given names (Airoldi/Airoidi Sonia). No for "Rossi Mario" / "Rossi Anna" and
    for male/female pairs ("Rossi Mario" / "Rossi Maria").
    """
    x, y = as_name(a), as_name(b)
    if not x.words or not y.words:
        return False
    if sorted(x.tokens) == sorted(y.tokens):
        return True
    if x.surname != y.surname and surname_similarity(x, y) >= SURNAME_SIMILARITY:
        return _given_compatible(x.given, y.given)
    # one of them written "Nome Cognome": only with the very same surname
    return any(p.surname == q.surname and _given_close(p.given, q.given)
               for p, q in _readings(x, y))


def _readings(x: Name, y: Name) -> Iterator[tuple[Name, Name]]:
    """Both as "Cognome Nome", then one of them as "Nome Cognome" when both have two words."""
    yield x, y
    if len(x.words) > 1 and len(y.words) > 1:
        yield x.flipped(), y
        yield x, y.flipped()


def surname_similarity(x: Name, y: Name) -> float:
    return fuzz.ratio(" ".join(x.surname), " ".join(y.surname))


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal, one missing, or one within the other (an initial matches its name)."""
    if not a or not b or "".join(a) == "".join(b):
        return True
    shorter, longer = sorted((a, b), key=len)
    return all(any(_token_match(s, t) for t in longer) for s in shorter)


def _token_match(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _given_close(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if _given_compatible(a, b):
        return True
    return (fuzz.ratio(" ".join(a), " ".join(b)) >= GIVEN_NAME_SIMILARITY
            and not _final_vowel_pair(a, b))


def _final_vowel_pair(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same stem, another final vowel: Mario/Maria, Paolo/Paola are a man and a woman."""
    return len(a) == len(b) and any(
        x != y and x[:-1] == y[:-1] and x[-1] in _VOWELS and y[-1] in _VOWELS
        for x, y in zip(a, b))


def similarity(x: Name, y: Name) -> float:
    """How close two names are, for ranking candidates: the surnames' score, averaged with
    the given names' counting half as much when both have them; the best of the readings
    (see :func:`same_person`)."""
    return max(_reading_similarity(p, q) for p, q in _readings(x, y))


def _reading_similarity(x: Name, y: Name) -> float:
    surname = surname_similarity(x, y)
    if not x.given or not y.given:
        return surname
    return (2 * surname + fuzz.ratio(" ".join(x.given), " ".join(y.given))) / 3


# --- people -------------------------------------------------------------------------


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
        return sum(m.weekly_hours if m.weekly_hours is not None else FULL_TIME_HOURS
                   for m in self.members)

    @property
    def fte(self) -> Decimal:
        return (Decimal(self.weekly_hours) / FULL_TIME_HOURS).quantize(Decimal("0.01"))

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
    """Every staff member of every sector, grouped into people and indexed by name."""

    def __init__(self, staff: Iterable[StaffMember]):
        self.people: list[Person] = []
        self._by_key: dict[str, Person] = {}
        self._by_token: dict[str, list[Person]] = defaultdict(list)
        self._by_surname: dict[str, list[Person]] = defaultdict(list)
        self._of_member: dict[int, Person] = {}
        self._resolved: dict[str, Resolution] = {}
        for member in staff:
            self._add(member)
        self._surnames = list(self._by_surname)

    @classmethod
    def from_plan(cls, plan: Plan) -> StaffIndex:
        """The index of the plan's staff lists; the same one again while they do not change
        (the staff checks and the writers each ask for it)."""
        global _last_index
        key = _staff_key(plan)
        if _last_index is None or _last_index[0] != key:
            _last_index = (key, cls(plan.staff))
        return _last_index[1]

    def _add(self, member: StaffMember) -> None:
        name = parse_name(member.name)
        if not name.words:
            return
        person = self._by_key.get(name.key)
        if person is None:
            person = self._by_key[name.key] = Person(name.text, name)
            self.people.append(person)
            for token in set(name.tokens):
                self._by_token[token].append(person)
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
        pool = min((self._by_token.get(t, []) for t in name.words), key=len)
        words, initials = set(name.words), name.initials
        found = [p for p in pool
                 if words.issubset(p.parsed.tokens) and words.issuperset(p.parsed.surname)
                 and all(any(g.startswith(i) for g in p.parsed.given) for i in initials)]
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


# --- the plan's staff -----------------------------------------------------------------


@dataclass
class IndicatorStaff:
    """One indicator row and who its "Personale coinvolto" names."""

    sector: Sector
    objective: Objective
    indicator: Indicator
    resolutions: tuple[Resolution, ...]

    @property
    def people(self) -> list[Person]:
        return list(dict.fromkeys(p for r in self.resolutions for p in r.people))


@dataclass
class Workload:
    """A person's objectives; ``possible`` are those naming them only ambiguously."""

    person: Person
    objectives: list[Objective] = field(default_factory=list)
    possible: list[Objective] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.objectives)

    @property
    def fte(self) -> Decimal:
        return self.person.fte


@dataclass
class PlanStaff:
    index: StaffIndex
    indicators: list[IndicatorStaff]
    workloads: list[Workload]  # one per person, in the order of the staff lists

    def people_of(self, objective: Objective) -> list[Person]:
        """Everyone named on any indicator of ``objective``."""
        return list(dict.fromkeys(p for item in self.indicators
                                  if item.objective is objective for p in item.people))

    def workload(self, person: Person) -> Workload:
        return next(w for w in self.workloads if w.person is person)


# The last plan's index and resolution, with what they were made from: the ids of the
# plan, of its staff members and named indicators, the names and the references typed.
# Building them is most of the staff checks' time on a big plan, and several checks and
# the writers ask for them in turn.
_last_index: tuple[tuple, StaffIndex] | None = None
_last_resolution: tuple[tuple, PlanStaff] | None = None


def _staff_key(plan: Plan) -> tuple:
    return (id(plan), tuple((id(m), m.name) for m in plan.staff))


def _references_key(plan: Plan) -> tuple:
    return tuple((id(sector), id(objective), id(indicator), tuple(indicator.staff_refs))
                 for sector in plan.sectors for objective in sector.objectives
                 for indicator in objective.indicators)


def resolve_plan(plan: Plan, index: StaffIndex | None = None) -> PlanStaff:
    """Resolve every name on every indicator, and gather each person's objectives.

    Without ``index``, the plan's own index is used and the result is the same object
    again while the plan's staff and references do not change."""
    global _last_resolution
    if index is not None:
        return _resolve_plan(plan, index)
    key = (_staff_key(plan), _references_key(plan))
    if _last_resolution is None or _last_resolution[0] != key:
        _last_resolution = (key, _resolve_plan(plan, StaffIndex.from_plan(plan)))
    return _last_resolution[1]


def _resolve_plan(plan: Plan, index: StaffIndex) -> PlanStaff:
    items = [IndicatorStaff(sector, objective, indicator,
                            tuple(index.resolve(ref) for ref in indicator.staff_refs))
             for sector in plan.sectors for objective in sector.objectives
             for indicator in objective.indicators]
    workloads = {id(p): Workload(p) for p in index.people}
    for item in items:
        for resolution in item.resolutions:
            for person in resolution.people:
                _add_once(workloads[id(person)].objectives, item.objective)
            for leaf in resolution.leaves():
                if leaf.status == AMBIGUOUS:
                    for candidate in leaf.candidates:
                        _add_once(workloads[id(candidate.person)].possible, item.objective)
    return PlanStaff(index, items, list(workloads.values()))


def _add_once(objectives: list[Objective], objective: Objective) -> None:
    if not any(o is objective for o in objectives):
        objectives.append(objective)
