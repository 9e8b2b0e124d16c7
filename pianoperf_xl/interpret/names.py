"""Names as written by hand, and whether two spellings are one person.

Names are written in many places — the sectors' staff lists, "Personale coinvolto" on
each objective, the organigram, the sector head — and never quite the same way: surname
alone, "Cognome Nome" or "Nome Cognome", initials, titles, typos, several surnames in one
cell. :func:`parse_name` reads one; :func:`same_person` and :func:`similarity` compare
two. :mod:`pianoperf_xl.interpret.people` uses them to find people in the staff lists.

Similarities are ``rapidfuzz.fuzz.ratio`` scores (0-100):

* ``SURNAME_SIMILARITY`` = 78: two surnames are variants of one another at 78 or more —
  one wrong letter in a 7-letter surname scores 85.7 (Airoldi/Airoidi, Bedolfi/Redolfi,
  Redolfo/Redolfi), the long Mastroiusto/Mastropietro 78.3; distinct surnames such as
  Bianchi/Bianco (76.9) and Rossi/Russo (60) stay apart.
* ``GIVEN_NAME_SIMILARITY`` = 75: given names of one surname are variants at 75 or more
  (Alicia/Felicia 76.9).
  Given names that differ only in the final vowel are never variants: Mario/Maria (80),
  Paolo/Paola, Daniele/Daniela are a man and a woman.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator

from rapidfuzz import fuzz

from pianoperf_xl.values import clean_text, normalize_key

SURNAME_SIMILARITY = 78
GIVEN_NAME_SIMILARITY = 75

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
