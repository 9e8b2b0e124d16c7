"""Name resolution: names as typed on objectives and in the organigram, to people."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pianoperf_xl.interpret.names import parse_name, same_person, same_spelling
from pianoperf_xl.interpret.people import AMBIGUOUS, RESOLVED, TYPO, UNKNOWN, StaffIndex
from pianoperf_xl.model import Record, StaffMember

from helpers import SAMPLE, reading_of


def member(name: str, sector: str = "Settore Prova", hours: int | None = None,
           relation: str = "dipendente") -> StaffMember:
    record = Record("settore.xlsx", "Personale", 5, {"nome": name}, {"nome": "A5"})
    return StaffMember(name=name, sector=sector, profile=None, office=None, grade="C1",
                       weekly_hours=hours, relation=relation, notes=None, record=record)


STAFF = [
    member("Cairo Micaela", "Settore Affari Generali"),
    member("Forlani Roberta", "Settore Affari Generali"),
    member("Zoccali maria", "Settore Affari Generali"),
    member("Stefanelli Maria Fabiola", "Settore Affari Generali", hours=24),
    member("Ferri Raffaella", "Settore Economico Finanziario"),
    member("Redolfi Gianlorenzo", "Settore Gestione Territorio"),
    member("Lorenzi Fabio", "Settore Gestione Territorio"),
    member("Rossi Mario", "Settore Uno"),
    member("Rossi Anna", "Settore Due"),
    member("De Luca Paola", "Settore Uno"),
    member("Cantù Elisa", "Settore Uno"),
    member("Bianchi Marco", "Settore Due"),
    member("Bianco Marco", "Settore Due"),
]


@pytest.fixture(scope="module")
def index() -> StaffIndex:
    return StaffIndex(STAFF)


@pytest.mark.parametrize("ref, status, people", [
    # surname alone, any case
    ("Cairo", RESOLVED, ["Cairo Micaela"]),
    ("CAIRO", RESOLVED, ["Cairo Micaela"]),
    ("zoccali", RESOLVED, ["Zoccali maria"]),
    # full name in either order
    ("Cairo Micaela", RESOLVED, ["Cairo Micaela"]),
    ("Micaela Cairo", RESOLVED, ["Cairo Micaela"]),
    ("Gianlorenzo Redolfi", RESOLVED, ["Redolfi Gianlorenzo"]),
    ("Stefanelli Fabiola", RESOLVED, ["Stefanelli Maria Fabiola"]),
    # surname and initial
    ("Cairo M.", RESOLVED, ["Cairo Micaela"]),
    ("M. Cairo", RESOLVED, ["Cairo Micaela"]),
    ("Rossi M.", RESOLVED, ["Rossi Mario"]),
    ("A. Rossi", RESOLVED, ["Rossi Anna"]),
    # titles dropped
    ("Dott.ssa Cairo", RESOLVED, ["Cairo Micaela"]),
    ("Sig.ra Zoccali Maria", RESOLVED, ["Zoccali maria"]),
    ("Assistente sociale Forlani Roberta", RESOLVED, ["Forlani Roberta"]),
    # accents and particles
    ("Cantu", RESOLVED, ["Cantù Elisa"]),
    ("CANTÙ Elisa", RESOLVED, ["Cantù Elisa"]),
    ("De Luca", RESOLVED, ["De Luca Paola"]),
    ("Paola De Luca", RESOLVED, ["De Luca Paola"]),
    ("de luca P.", RESOLVED, ["De Luca Paola"]),
    # several surnames in one reference
    ("Cairo Forlani Ferri", RESOLVED, ["Cairo Micaela", "Forlani Roberta", "Ferri Raffaella"]),
    ("Redolfi Lorenzi", RESOLVED, ["Redolfi Gianlorenzo", "Lorenzi Fabio"]),
    ("Forlani Zoccali", RESOLVED, ["Forlani Roberta", "Zoccali maria"]),
    # exact surname wins over a similar one
    ("Bianchi", RESOLVED, ["Bianchi Marco"]),
    ("Bianco", RESOLVED, ["Bianco Marco"]),
    # typos
    ("Redolfo", TYPO, ["Redolfi Gianlorenzo"]),
    ("Redolfo Gianlorenzo", TYPO, ["Redolfi Gianlorenzo"]),
    ("Cairo Forlano Ferri", TYPO, ["Cairo Micaela", "Forlani Roberta", "Ferri Raffaella"]),
    ("Stefaneli", TYPO, ["Stefanelli Maria Fabiola"]),
    # ambiguity and nobody
    ("Rossi", AMBIGUOUS, []),
    ("Rossi Giulia", UNKNOWN, []),
    ("Rossi Maria", UNKNOWN, []),  # not Rossi Mario: another person
    ("Verdi", UNKNOWN, []),
    ("", UNKNOWN, []),
])
def test_resolve(index, ref, status, people):
    resolution = index.resolve(ref)
    assert (resolution.status, [p.name for p in resolution.people]) == (status, people)


def test_ambiguous_lists_the_candidates(index):
    resolution = index.resolve("Rossi")
    assert sorted(c.person.name for c in resolution.candidates) == ["Rossi Anna", "Rossi Mario"]


def test_typo_keeps_its_candidate_for_the_hint(index):
    resolution = index.resolve("Redolfo")
    assert [c.person.name for c in resolution.candidates] == ["Redolfi Gianlorenzo"]
    assert resolution.candidates[0].score == pytest.approx(85.7, abs=0.1)


def test_unknown_offers_the_nearest_names(index):
    assert {c.person.name for c in index.resolve("Rossi Giulia").candidates} == {
        "Rossi Mario", "Rossi Anna"}
    assert index.resolve("Verdi").candidates == ()


def test_several_surnames_keep_one_resolution_each(index):
    resolution = index.resolve("Cairo Forlano Ferri")
    assert [(p.ref, p.status) for p in resolution.leaves()] == [
        ("Cairo", RESOLVED), ("Forlano", TYPO), ("Ferri", RESOLVED)]


def test_an_unknown_surname_among_known_ones_is_reported_alone(index):
    resolution = index.resolve("Xyz Cairo Ferri")
    assert resolution.status == UNKNOWN
    assert [p.name for p in resolution.people] == ["Cairo Micaela", "Ferri Raffaella"]
    assert [(p.ref, p.status) for p in resolution.leaves()] == [
        ("Xyz", UNKNOWN), ("Cairo", RESOLVED), ("Ferri", RESOLVED)]


def test_resolution_is_cached_per_spelling(index):
    assert index.resolve("Cairo") is index.resolve(" Cairo ")


@pytest.mark.parametrize("a, b", [
    ("Airoldi Sonia", "Airoidi Sonia"),
    ("Bedolfi Gianlorenzo", "Redolfi Gianlorenzo"),
    ("Mastroiusto Marco", "Mastropietro Marco"),
    ("Castriciano Alicia", "Castriciano Felicia"),
    ("Stefanelli Fabiola", "Stefanelli Maria Fabiola"),
    ("Bellini Angela", "Bellini Angela Francesca"),
    ("Zoccali maria", "Zoccali Maria"),
    ("Rossi Mario", "Mario Rossi"),
    ("Dott. Rossi Mario", "Rossi Mario"),
    ("Rossi M.", "Rossi Mario"),
    ("Cantù Elisa", "CANTU ELISA"),
    ("De Luca Anna Maria", "De Luca Annamaria"),
])
def test_same_person(a, b):
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize("a, b", [
    ("Rossi Mario", "Rossi Anna"),
    ("Rossi Mario", "Rossi Maria"),  # male/female pair
    ("Paolo Rossi", "Rossi Paola"),
    ("Bianchi Marco", "Bianco Marco"),  # 76.9: two surnames
    ("Rossi Mario", "Russo Mario"),
    ("Cairo Micaela", "Ferri Raffaella"),
    ("Rossi Mario", ""),
])
def test_not_same_person(a, b):
    assert not same_person(a, b)
    assert not same_person(b, a)


@pytest.mark.parametrize("text, tokens, surname", [
    ("Dott.ssa Gravallese Immacolata", ("gravallese", "immacolata"), ("gravallese",)),
    ("Ing. Rossi Mario", ("rossi", "mario"), ("rossi",)),
    ("Comm. Mastropietro Marco", ("mastropietro", "marco"), ("mastropietro",)),
    ("Ingrassia Luca", ("ingrassia", "luca"), ("ingrassia",)),  # not "Ing."
    ("Capra Mario", ("capra", "mario"), ("capra",)),  # not "Cap."
    ("D'Amico Lucia", ("damico", "lucia"), ("damico",)),
    ("Della Valle Anna", ("della", "valle", "anna"), ("della", "valle")),
    ("M. Cairo", ("m", "cairo"), ("cairo",)),
])
def test_parse_name(text, tokens, surname):
    name = parse_name(text)
    assert (name.tokens, name.surname) == (tokens, surname)


def test_same_spelling():
    assert not same_spelling("Zoccali maria", "Zoccali Maria")
    assert not same_spelling("Stefanelli Fabiola", "Stefanelli Maria Fabiola")
    assert same_spelling("Dott.ssa  Cairo Micaela", "Cairo Micaela")
    assert same_spelling("CAIRO MICAELA", "Cairo Micaela")  # capitals are a style


def test_index_find_and_variants(index):
    assert index.find("micaela cairo").name == "Cairo Micaela"
    assert index.find("Cairo Michela") is None
    assert [c.person.name for c in index.variants("Stefanelli Fabiola")] == [
        "Stefanelli Maria Fabiola"]
    assert index.match("Redolfo Gianlorenzo").name == "Redolfi Gianlorenzo"
    assert index.match("Neri Paolo") is None


def test_same_name_in_two_lists_is_one_person_with_hours_added():
    index = StaffIndex([member("Rossi Mario", "Settore Uno", hours=24),
                        member("ROSSI MARIO", "Settore Due", hours=18)])
    [person] = index.people
    assert person.sectors == ["Settore Uno", "Settore Due"]
    assert (person.weekly_hours, person.fte) == (42, Decimal("1.17"))


def test_the_sample_read_once():
    staff = reading_of(SAMPLE)
    workloads = {w.person.name: w for w in staff.workloads}
    assert (workloads["Bellini Angela Francesca"].count,
            workloads["Bellini Angela Francesca"].fte) == (7, Decimal("0.97"))
    assert workloads["Stefanelli Maria Fabiola"].fte == Decimal("0.67")
    assert [name for name, w in workloads.items() if not w.objectives] == ["Comelli Elena"]
    festa = next(item for item in staff.indicators if item.indicator.staff_text
                 == "Cairo Forlani Ferri")
    assert [p.name for p in festa.people] == ["Cairo Micaela", "Forlani Roberta",
                                              "Ferri Raffaella"]
    assert [p.name for p in staff.members_of(festa.objective)] == [
        "Cairo Micaela", "Forlani Roberta", "Ferri Raffaella"]
    assert all(r.status == RESOLVED for item in staff.indicators for r in item.resolutions)
