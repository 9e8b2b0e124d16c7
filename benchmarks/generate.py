"""Synthetic plans: filled templates of any size, written through the project's own spec.

``generate_plan(out_dir, sectors=..., objectives=..., indicators_per_objective=...,
staff=..., seed=...)`` writes one ``Ente.xlsx``, one ``Bilancio.xlsx`` and one workbook per
sector into ``out_dir`` with ``pianoperf_xl.write.templates.write_template``, the function
that writes the blank templates and the bundled sample, so the files are what a comune
returns: the template's sheets, lists and hidden ``_meta`` sheet, values typed by hand.

The data has the shape of the Calcinate sample (``samples/source/calcinate-2022``):
Italian names, staff named on the objectives by surname (or "Cognome Nome" when the
surname is shared), some people working on another sector's objectives, the deadline
phrasings sector heads write, a budget that balances for the three years (totals given as
values, since the template writer leaves formula cells without a cached value and no
spreadsheet recalculates them here), a population balance that closes.

A controlled number of mistakes is planted (``mistakes``), each listed in the result with
the finding the checks must report and where: a misspelled surname, a name nobody has, a
head spelled another way in the organigram, a person on no objective, an unmeasurable
indicator, a deadline outside the plan year, weights that do not sum to 100%, a wrong
total in the budget, a wrong *saldo*. Everything else is clean: the checks find the
planted mistakes and only informational findings besides.

Everything is drawn from ``random.Random(seed)``: the same arguments give the same plan.
The generator is a plain module, used by ``benchmarks/run.py`` and by the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from rapidfuzz import fuzz
from xlsxwriter.utility import xl_col_to_name

from pianoperf_xl import reference, spec as specs
from pianoperf_xl.spec.base import FIRST_DATA_ROW, FixedTable, FormSheet, TableSheet
from pianoperf_xl.values import normalize_key
from pianoperf_xl.write.templates import write_template

GENERATOR_VERSION = 1
MANIFEST = ".generated.json"  # hidden: the reader skips files starting with "."
DEFAULT_YEAR = 2024

# --- names ------------------------------------------------------------------------------

SURNAMES = (
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
    "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
    "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi",
    "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli",
    "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi",
    "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso",
    "Valentini", "Messina", "Sala", "De Angelis", "Gatti", "Pellegrini", "Palumbo", "Sanna",
    "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli", "Amato", "Silvestri", "Mazza",
    "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani", "Benedetti", "Barone",
    "Rossetti", "Caputo", "Montanari", "Guerra", "Palmieri", "Bernardi", "Martino", "Fiore",
    "De Rosa", "Ferretti", "Bellini", "Basile", "Riva", "Donati", "Piras", "Vitali",
    "Battaglia", "Sartori", "Neri", "Costantini", "Milani", "Pagano", "Ruggiero",
    "Sorrentino", "D'Amico", "Orlando", "Damiani", "Negri", "Lorenzi", "Cairo", "Forlani",
    "Spinelli", "Airoldi", "Pecis", "Consoli", "Melita", "Donadoni", "Zoccali", "Bellotti",
    "Castriciano", "Stefanelli", "Colamonaco", "Antenati", "Gravallese", "Piccoli",
    "Taiocci", "Togni", "Torre", "Brambilla", "Locatelli", "Pesenti", "Rota", "Bonomi",
    "Cortesi", "Mazzoleni", "Carminati", "Pagani", "Gamba", "Arnoldi", "Belotti", "Facchinetti",
    "Ghilardi", "Invernizzi", "Lazzaroni", "Manzoni", "Nava", "Oberti", "Personeni",
    "Quarti", "Ravasio", "Salvi", "Tironi", "Vavassori", "Zanchi", "Agazzi", "Bonfanti",
    "Crippa", "Frigeni", "Gritti", "Mologni", "Previtali", "Sangalli", "Sonzogni",
    "Bertoli", "Capelli", "Cattaneo", "Colleoni", "Epis", "Finazzi", "Guerini", "Legrenzi",
    "Magni", "Noris", "Pedrini", "Rampinelli", "Scarpellini", "Trapletti", "Valoti",
    "Lo Russo", "Di Stefano", "La Rosa", "Del Prete", "Cristiani", "Amodeo", "Bassi",
    "Calabrese", "Cirillo", "Esposti", "Fumagalli", "Gagliardi", "Iannone", "Lanza",
    "Mancuso", "Nicoletti", "Orsini", "Pace", "Quaranta", "Romeo", "Sartore", "Tedesco",
    "Ventura", "Zanetti", "Albanese", "Bonetti", "Cocco", "D'Alessandro", "Fadda", "Garau",
    "Ledda", "Mura", "Pinna", "Porcu", "Deiana", "Vacca", "Melis", "Cossu", "Atzori",
)
SURNAMES = tuple(dict.fromkeys(SURNAMES))  # one entry each

MALE_NAMES = (
    "Marco", "Luca", "Andrea", "Francesco", "Alessandro", "Giuseppe", "Giovanni", "Antonio",
    "Roberto", "Stefano", "Paolo", "Davide", "Matteo", "Simone", "Federico", "Lorenzo",
    "Riccardo", "Fabio", "Massimo", "Claudio", "Daniele", "Enrico", "Giorgio", "Alberto",
    "Michele", "Salvatore", "Vincenzo", "Pietro", "Carlo", "Emilio", "Gaetano", "Sergio",
    "Nicola", "Franco", "Maurizio", "Angelo", "Gianluca", "Mauro", "Cristian", "Filippo",
    "Tommaso", "Gabriele", "Emanuele", "Diego", "Ivan", "Mirko", "Giacomo", "Luigi",
    "Raffaele", "Domenico", "Fabrizio", "Valerio", "Renato", "Gianlorenzo", "David",
)
FEMALE_NAMES = (
    "Giulia", "Francesca", "Chiara", "Sara", "Laura", "Valentina", "Alessandra", "Elena",
    "Silvia", "Federica", "Martina", "Paola", "Roberta", "Anna", "Maria", "Elisa", "Monica",
    "Barbara", "Cristina", "Simona", "Claudia", "Daniela", "Stefania", "Serena", "Michela",
    "Sonia", "Tiziana", "Raffaella", "Nives", "Micaela", "Angela", "Immacolata", "Fabiola",
    "Veronica", "Ilaria", "Manuela", "Lucia", "Emanuela", "Patrizia", "Giovanna", "Rita",
    "Teresa", "Carla", "Antonella", "Marta", "Beatrice", "Camilla", "Alice", "Irene",
    "Maria Grazia", "Anna Maria", "Maria Fabiola", "Angela Francesca",
)
# Surnames no generated person has, far from every name above: a reference that is nobody,
# and the Segretario (on no staff list, and never to be taken for someone who is).
OUTSIDERS = ("Quagliarella", "Scognamiglio", "Zanzottera", "Brambillasca", "Tagliavacche",
             "Uboldi", "Yzquierdo", "Hofer", "Kofler", "Wieser")
SECRETARIES = ("Gravallese", "Bonaventura", "Santangelo", "Campobasso", "Falcomata")

# --- sectors and objectives -------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """What a sector does: its name, strategic area, budget mission and the things its
    objectives are about."""

    name: str
    area: str
    mission: str
    things: tuple[str, ...]


SUBJECTS = (
    Subject("Affari Generali", "AFFARI GENERALI E ISTITUZIONALI", "01",
            ("protocollo informatico", "atti deliberativi", "contratti", "archivio corrente")),
    Subject("Economico Finanziario", "RISORSE ECONOMICHE", "01",
            ("mandati di pagamento", "fatture elettroniche", "rendiconto", "tributi locali")),
    Subject("Polizia Locale", "SICUREZZA URBANA", "03",
            ("controlli stradali", "presidio dei parchi", "verbali", "videosorveglianza")),
    Subject("Servizi Demografici", "SERVIZI DEMOGRAFICI E PROTOCOLLO", "01",
            ("carte d'identità elettroniche", "pratiche di residenza", "atti di stato civile",
             "liste elettorali")),
    Subject("Gestione del Territorio", "TERRITORIO E AMBIENTE", "08",
            ("pratiche edilizie", "certificati di destinazione urbanistica",
             "accessi agli atti", "varianti al PGT")),
    Subject("Lavori Pubblici", "OPERE PUBBLICHE", "10",
            ("cantieri stradali", "manutenzioni degli edifici comunali",
             "progetti PNRR", "interventi sull'illuminazione pubblica")),
    Subject("Servizi Sociali", "SERVIZI ALLA PERSONA", "12",
            ("progetti individualizzati", "contributi economici", "servizi domiciliari",
             "segnalazioni di fragilità")),
    Subject("Istruzione", "ISTRUZIONE E DIRITTO ALLO STUDIO", "04",
            ("iscrizioni alla mensa", "trasporto scolastico", "piano diritto allo studio",
             "centri estivi")),
    Subject("Cultura", "CULTURA E TEMPO LIBERO", "05",
            ("prestiti bibliotecari", "eventi culturali", "visite guidate",
             "laboratori per ragazzi")),
    Subject("Sport e Politiche Giovanili", "SPORT E GIOVANI", "06",
            ("impianti sportivi", "concessioni delle palestre", "progetti giovani",
             "manifestazioni sportive")),
    Subject("Ambiente", "TERRITORIO E AMBIENTE", "09",
            ("controlli sui rifiuti", "aree verdi", "segnalazioni ambientali",
             "piano del verde")),
    Subject("Commercio e SUAP", "SVILUPPO ECONOMICO", "14",
            ("pratiche SUAP", "mercati settimanali", "autorizzazioni commerciali",
             "controlli sulle attività produttive")),
    Subject("Personale", "ORGANIZZAZIONE", "01",
            ("procedure di assunzione", "piani formativi", "cedolini",
             "valutazioni della performance")),
    Subject("Sistemi Informativi", "INNOVAZIONE DIGITALE", "01",
            ("servizi online", "postazioni di lavoro", "migrazioni al cloud",
             "accessi con SPID")),
    Subject("Patrimonio", "PATRIMONIO E DEMANIO", "01",
            ("alloggi comunali", "locazioni attive", "inventario dei beni",
             "concessioni demaniali")),
    Subject("Mobilità e Trasporti", "MOBILITÀ SOSTENIBILE", "10",
            ("permessi ZTL", "piste ciclabili", "piano della sosta", "segnaletica")),
    Subject("Protezione Civile", "SICUREZZA DEL TERRITORIO", "11",
            ("esercitazioni", "piano di emergenza", "volontari formati",
             "allerte meteo gestite")),
    Subject("Gare e Contratti", "TRASPARENZA E LEGALITÀ", "01",
            ("procedure di gara", "affidamenti diretti", "controlli sui requisiti",
             "contratti stipulati")),
    Subject("Turismo", "PROMOZIONE DEL TERRITORIO", "07",
            ("presenze turistiche", "eventi di promozione", "punti informativi",
             "itinerari")),
    Subject("Avvocatura", "AFFARI LEGALI", "01",
            ("contenziosi", "pareri legali", "transazioni", "recuperi crediti")),
)

ACTIONS = (
    "Semplificazione amministrativa e digitalizzazione dei servizi",
    "Trasparenza e prevenzione della corruzione",
    "Incrementare la qualità dei servizi resi ai cittadini",
    "Contenimento dei tempi dei procedimenti",
    "Attuazione del Piano Nazionale di Ripresa e Resilienza",
    "Miglioramento della comunicazione con l'utenza",
    "Razionalizzazione della spesa e recupero di risorse",
    "Sicurezza e tutela del territorio",
)
OBJECTIVE_PATTERNS = (
    "Digitalizzazione della gestione di {thing}",
    "Riorganizzazione del servizio: {thing}",
    "Monitoraggio e controllo di {thing}",
    "Riduzione dei tempi medi di lavorazione di {thing}",
    "Aggiornamento delle procedure relative a {thing}",
    "Predisposizione e verifica della documentazione su {thing} da pubblicare nel sito internet",
    "Gestione e rendicontazione di {thing}",
    "Mappatura dei processi di lavoro su {thing}",
)
MEASURES = (  # (indicatore, target); {n} a count, {p} a percentage
    ("Numero di {thing} gestiti", "{n}"),
    ("Percentuale di {thing} conclusi nei termini", "{p}%"),
    ("Numero di controlli effettuati su {thing}", "{n} controlli"),
    ("Tempo medio di conclusione per {thing}", "entro {d} giorni"),
    ("Report al Nucleo di Valutazione su {thing}", "{k} report"),
    ("Rendicontazione annuale di {thing}", "1 relazione"),
    ("Numero di {thing} pubblicati sul sito", "almeno {n}"),
)
# As sector heads write them (the sample's phrasings); each is a date in the plan year,
# a period in it, a relative term or a recurrence: with a target, all are measurable.
DEADLINES = (
    "entro 31/12", "Entro fine anno", "entro fine aprile", "Entro giugno",
    "Adempimento entro il 31/03/{year}", "Giugno - settembre", "entro 31/12/{year}",
    "fino al 31/12/{year}", "Entro fine maggio / Periodico", "Costante entro il 31/12",
    "Entro 300 giorni dalla data di avvio del procedimento",
    "entro 1 mese dalla notifica del Decreto", "nell'arco dell'anno {year}", "Entro l'anno",
    "costante", "Monitoraggio costante",
)
OFFICE_KINDS = ("Ufficio", "Servizio")
PART_TIME_HOURS = (18, 24, 30, 32)

# --- planted mistakes ----------------------------------------------------------------------

MISTAKE_CODES = {
    "ref-typo": "staff-ref-typo",
    "unmeasurable": "indicator-not-measurable",
    "deadline-outside-year": "deadline-outside-year",
    "budget-total": "budget-total-mismatch",
    "ref-unknown": "staff-ref-unknown",
    "no-objective": "staff-no-objective",
    "head-variant": "staff-name-variant",
    "weights": "objective-weights-sum",
    "saldo": "context-saldo-mismatch",
}
MISTAKE_KINDS = tuple(MISTAKE_CODES)
DEFAULT_MISTAKES = len(MISTAKE_KINDS)  # one of each
TYPO_MIN = 80  # a planted typo is at least this close to the name it stands for ...
OTHERS_MAX = 70  # ... and at most this close to any other surname of the plan


@dataclass(frozen=True)
class Planted:
    """A planted mistake and the finding that must report it."""

    kind: str
    code: str
    file: str
    sheet: str
    cell: str
    detail: str


@dataclass
class GeneratedPlan:
    folder: Path
    year: int
    files: list[Path]
    sectors: int
    objectives: int
    indicators: int
    staff: int
    seed: int
    planted: list[Planted] = field(default_factory=list)
    arguments: dict[str, Any] = field(default_factory=dict)  # of generate_plan

    def manifest(self) -> dict[str, Any]:
        data = asdict(self)
        data["folder"] = str(self.folder)
        data["files"] = [p.name for p in self.files]
        data["generator"] = GENERATOR_VERSION
        return data


@dataclass
class _Person:
    surname: str
    given: str
    sector: int
    grade: str
    hours: int | None = None
    relation: str = "dipendente"
    office: str | None = None
    profile: str | None = None
    row: int = 0  # zero-based index in the sector's staff list

    @property
    def full(self) -> str:
        return f"{self.surname} {self.given}"


@dataclass
class _Indicator:
    description: str | None
    target: str | None
    deadline: str | None
    people: list[_Person] = field(default_factory=list)
    refs_text: str | None = None  # overrides the references written from ``people``


@dataclass
class _Objective:
    code: str
    area: str | None
    action: str | None
    title: str
    weight: float | None
    mission: str | None
    programme: str | None
    indicators: list[_Indicator] = field(default_factory=list)


@dataclass
class _Sector:
    name: str
    subject: Subject
    file: str
    staff: list[_Person] = field(default_factory=list)
    objectives: list[_Objective] = field(default_factory=list)

    @property
    def head(self) -> _Person:
        return self.staff[0]


# --- the generator ----------------------------------------------------------------------------


def generate_plan(out_dir: str | Path, *, sectors: int, objectives: int,
                  indicators_per_objective: float, staff: int, seed: int,
                  mistakes: int | Mapping[str, int] = DEFAULT_MISTAKES,
                  year: int = DEFAULT_YEAR) -> GeneratedPlan:
    """Write a filled plan into ``out_dir`` (created; existing .xlsx files are replaced).

    ``objectives``, ``staff`` are totals over all sectors; ``indicators_per_objective``
    may be fractional (the total is rounded). ``mistakes``: how many to plant, spread over
    the kinds of ``MISTAKE_KINDS`` in turn, or a count per kind.
    """
    if sectors < 1 or objectives < sectors or staff < 2 * sectors:
        raise ValueError("at least one objective and two people per sector")
    if indicators_per_objective < 1:
        raise ValueError("at least one indicator per objective")
    gen = _Generator(random.Random(seed), year)
    plan = gen.build(sectors, objectives, round(objectives * indicators_per_objective), staff)
    planted = gen.plant(_mistake_counts(mistakes, gen))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.xlsx"):
        old.unlink()
    files = gen.write(out)
    arguments = {"sectors": sectors, "objectives": objectives,
                 "indicators_per_objective": indicators_per_objective, "staff": staff,
                 "seed": seed, "mistakes": mistakes, "year": year}
    result = GeneratedPlan(out, year, files, sectors, objectives,
                           sum(len(o.indicators) for s in plan for o in s.objectives),
                           staff, seed, planted, arguments)
    (out / MANIFEST).write_text(json.dumps(result.manifest(), ensure_ascii=False, indent=1),
                                encoding="utf-8")
    return result


def load_manifest(folder: str | Path) -> dict[str, Any] | None:
    """What ``generate_plan`` wrote into ``folder``, or None."""
    path = Path(folder) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _mistake_counts(mistakes: int | Mapping[str, int], gen: _Generator) -> dict[str, int]:
    if isinstance(mistakes, Mapping):
        unknown = set(mistakes) - set(MISTAKE_KINDS)
        if unknown:
            raise ValueError(f"unknown mistake kinds: {sorted(unknown)}")
        return {kind: mistakes.get(kind, 0) for kind in MISTAKE_KINDS}
    counts = dict.fromkeys(MISTAKE_KINDS, 0)
    capacity = gen.capacity()
    remaining, kinds = mistakes, list(MISTAKE_KINDS)
    while remaining > 0 and kinds:
        for kind in list(kinds):
            if remaining == 0:
                break
            if counts[kind] >= capacity[kind]:
                kinds.remove(kind)
                continue
            counts[kind] += 1
            remaining -= 1
    return counts


class _Generator:
    def __init__(self, rng: random.Random, year: int) -> None:
        self.rng = rng
        self.year = year
        self.sectors: list[_Sector] = []
        grades = [g for g in reference.grades_for_year(year)
                  if g not in ("Dirigente", "Segretario")]
        self.head_grades = [g for g in grades if g.startswith(("D", "Funzionari"))]
        self.staff_grades = [g for g in grades if g not in self.head_grades[1:]]
        self.missions = {c.split(" - ")[0]: c for c in reference.mission_choices()}
        self.programmes = reference.programme_choices()
        self.ente: dict[str, Any] = {}
        self.budget: dict[str, Any] = {}
        self.weighted: list[int] = []  # sectors whose objectives have weights
        self.surname_count: dict[str, int] = {}  # normalised surname -> people having it
        self.untouchable: set[int] = set()  # id() of indicators already used by a mistake
        self.silent: set[int] = set()  # id() of people kept off every objective

    # -- plan ------------------------------------------------------------------------------

    def build(self, n_sectors: int, n_objectives: int, n_indicators: int, n_staff: int
              ) -> list[_Sector]:
        rng = self.rng
        objective_counts = _spread(n_objectives, n_sectors, rng, minimum=1)
        staff_counts = _spread(n_staff, n_sectors, rng, minimum=2)
        indicator_counts = _spread(n_indicators - n_objectives, n_objectives, rng, minimum=0,
                                   cap=4)
        names = self._names(n_staff)
        codes: set[str] = set()
        next_name = 0
        next_objective = 0
        for i in range(n_sectors):
            subject = SUBJECTS[i % len(SUBJECTS)]
            name = f"Settore {subject.name}"
            if i >= len(SUBJECTS):
                name += f" - Municipio {i // len(SUBJECTS) + 1}"
            sector = _Sector(name, subject, f"{name}.xlsx")
            people = names[next_name:next_name + staff_counts[i]]
            next_name += staff_counts[i]
            sector.staff = [self._person(s, g, i, j, subject) for j, (s, g) in enumerate(people)]
            prefix = _prefix(subject.name, i, codes)
            weighted = rng.random() < 0.5
            if weighted:
                self.weighted.append(i)
            weights = _weights(objective_counts[i], rng) if weighted else None
            for k in range(objective_counts[i]):
                extra = indicator_counts[next_objective]
                next_objective += 1
                sector.objectives.append(self._objective(sector, prefix, k, extra,
                                                         weights[k] if weights else None))
            self.sectors.append(sector)
        self._assign_staff()
        self._ente()
        self._budget()
        return self.sectors

    def _names(self, n: int) -> list[tuple[str, str]]:
        """``n`` distinct people; a given name is never a word of the surname ("De Luca
        Luca" reads as any De Luca)."""
        pairs = [(s, g) for s in SURNAMES for g in MALE_NAMES + FEMALE_NAMES
                 if not set(normalize_key(g).split()) & set(normalize_key(s).split())]
        if n > len(pairs):
            raise ValueError(f"at most {len(pairs)} people")
        return self.rng.sample(pairs, n)

    def _person(self, surname: str, given: str, sector: int, row: int, subject: Subject
                ) -> _Person:
        rng = self.rng
        head = row == 0
        grade = rng.choice(self.head_grades if head else self.staff_grades)
        hours = rng.choice(PART_TIME_HOURS) if not head and rng.random() < 0.12 else None
        relation = "esterno" if not head and rng.random() < 0.02 else "dipendente"
        office = f"{rng.choice(OFFICE_KINDS)} {rng.choice(subject.things)}"
        profile = ("Responsabile di settore" if head else
                   rng.choice(("Istruttore amministrativo", "Istruttore tecnico",
                               "Funzionario amministrativo", "Collaboratore amministrativo",
                               "Operatore", "Agente di Polizia Locale" if subject.mission == "03"
                               else "Istruttore contabile")))
        return _Person(surname, given, sector, grade, hours, relation, office, profile, row)

    def _objective(self, sector: _Sector, prefix: str, k: int, extra: int,
                   weight: float | None) -> _Objective:
        rng, subject = self.rng, sector.subject
        thing = rng.choice(subject.things)
        first = k == 0 or rng.random() < 0.3
        mission = self.missions.get(subject.mission)
        programmes = [p for p in self.programmes if p.startswith(subject.mission + ".")]
        objective = _Objective(
            code=f"{prefix}.{k + 1:02d}", area=subject.area if first else None,
            action=rng.choice(ACTIONS), title=rng.choice(OBJECTIVE_PATTERNS).format(thing=thing),
            weight=weight, mission=mission if rng.random() < 0.7 else None,
            programme=rng.choice(programmes) if programmes and rng.random() < 0.4 else None)
        for _ in range(1 + extra):
            description, target = rng.choice(MEASURES)
            objective.indicators.append(_Indicator(
                description.format(thing=thing),
                target.format(n=rng.randint(5, 400), p=rng.choice((80, 90, 95, 100)),
                              d=rng.choice((15, 30, 60)), k=rng.randint(1, 4)),
                rng.choice(DEADLINES).format(year=self.year)))
        return objective

    def _assign_staff(self) -> None:
        """Everyone works on at least one objective of their sector, most on a few; some
        indicators also name a person of another sector."""
        rng = self.rng
        everyone = [p for s in self.sectors for p in s.staff]
        for sector in self.sectors:
            indicators = [i for o in sector.objectives for i in o.indicators]
            people = sector.staff[:]
            rng.shuffle(people)
            for n, person in enumerate(people):
                indicators[n % len(indicators)].people.append(person)
            for indicator in indicators:
                if not indicator.people or rng.random() < 0.4:
                    indicator.people.append(rng.choice(sector.staff))
                if rng.random() < 0.05:
                    indicator.people.append(rng.choice(everyone))
                indicator.people = list({id(p): p for p in indicator.people}.values())
        for person in everyone:
            key = normalize_key(person.surname)
            self.surname_count[key] = self.surname_count.get(key, 0) + 1

    # -- ente ---------------------------------------------------------------------------------

    def _ente(self) -> None:
        rng, year = self.rng, self.year
        employees = sum(1 for s in self.sectors for p in s.staff if p.relation == "dipendente")
        heads = len(self.sectors)
        inhabitants = max(3000, employees * rng.randint(120, 160))
        area = round(max(5.0, inhabitants / rng.uniform(400, 2500)), 2)
        secretary = self._far_from_staff(SECRETARIES)[0]
        organigram = [{"tipo": "Segretario", "struttura": "Segretario generale",
                       "responsabile": f"Dott.ssa {secretary} {rng.choice(FEMALE_NAMES)}"}]
        for sector in self.sectors:
            organigram.append({"tipo": "Settore", "struttura": sector.name,
                               "responsabile": sector.head.full,
                               "email": _email(sector.subject.name)})
        for sector in self.sectors:
            office = sector.staff[1].office or f"Ufficio {sector.subject.name}"
            people = [p for p in sector.staff if p.office == office] or sector.staff[1:3]
            organigram.append({"tipo": "Ufficio" if office.startswith("Ufficio") else "Servizio",
                               "struttura": office, "settore": sector.name,
                               "persone": " – ".join(p.full for p in people[:4])})
        history = self._history(employees, heads, inhabitants)
        population = self._population(inhabitants)
        bodies = [{"ruolo": "Sindaco", "nome": _upper_name(rng),
                   "ricevimento": "Riceve il lunedì e il giovedì su appuntamento",
                   "email": "sindaco@comune.example.it"}]
        for subject in rng.sample(SUBJECTS, 5):
            bodies.append({"ruolo": "Assessore", "nome": _upper_name(rng),
                           "deleghe": subject.area,
                           "ricevimento": "Riceve il giovedì pomeriggio su appuntamento"})
        self.ente = {
            "Ente": {"denominazione": "Comune di Borgo Esempio", "provincia": "BG",
                     "anno": year, "superficie": area, "abitanti": inhabitants,
                     "densita": round(inhabitants / area, 2)},
            "Organi": bodies,
            "Organigramma": organigram,
            "Personale storico": history,
            "Età media": [
                {"gruppo": "Posizioni organizzative",
                 **{str(y): round(rng.uniform(45, 56), 1) for y in specs_history(year)}},
                {"gruppo": "Altre posizioni",
                 **{str(y): round(rng.uniform(40, 50), 2) for y in specs_history(year)}},
            ],
            **population,
        }

    def _history(self, employees: int, heads: int, inhabitants: int) -> list[dict[str, Any]]:
        """Staff by group at 31 December of the nine years before the plan; the last year
        is the staff lists' headcount."""
        rng = self.rng
        rows: dict[str, dict[str, Any]] = {g: {"gruppo": g} for g in (
            "Segretario", "Posizioni organizzative", "Altri dipendenti", "Totale personale",
            "Abitanti", "Abitanti per dipendente")}
        years = list(specs_history(self.year))
        for age, y in enumerate(reversed(years)):
            drift = 1 + rng.uniform(-0.04, 0.04) * (age > 0)
            po = heads if age == 0 else max(1, round(heads * drift))
            others = (employees - heads) if age == 0 else max(1, round((employees - heads)
                                                                     * drift))
            people = inhabitants if age == 0 else round(inhabitants * (1 - 0.003 * age))
            total = 1 + po + others
            key = str(y)
            rows["Segretario"][key] = 1
            rows["Posizioni organizzative"][key] = po
            rows["Altri dipendenti"][key] = others
            rows["Totale personale"][key] = total
            rows["Abitanti"][key] = people
            rows["Abitanti per dipendente"][key] = round(people / total, 2)
        return list(rows.values())

    def _population(self, inhabitants: int) -> dict[str, Any]:
        rng, year = self.rng, self.year
        start = round(inhabitants * rng.uniform(0.99, 1.01))
        births, deaths = round(start * 0.008), round(start * 0.010)
        immigrants, emigrants = round(start * 0.04), round(start * 0.036)
        end = start + births - deaths + immigrants - emigrants
        males = round(end * 0.49)
        bands = _split(end, (0.06, 0.08, 0.15, 0.48, 0.23))
        classes = list(specs.spec_for("ente", year).sheet("Piramide").rows)[:-1]
        shares = [max(0.1, 1.0 - abs(i - 9) / 12) for i in range(len(classes))]
        totals = _split(end, [s / sum(shares) for s in shares])
        pyramid: dict[str, dict[str, Any]] = {}
        sum_m = sum_f = 0
        for row, total in zip(classes, totals):
            m = round(total * rng.uniform(0.46, 0.52))
            f = total - m
            sum_m, sum_f = sum_m + m, sum_f + f
            pyramid[row.code] = {"maschi": m, "femmine": f, "totale": total,
                                 "perc_maschi": m / total if total else 0,
                                 "perc_femmine": f / total if total else 0,
                                 "perc_totale": total / end}
        pyramid["TOT"] = {"maschi": sum_m, "femmine": sum_f, "totale": end,
                          "perc_maschi": sum_m / end, "perc_femmine": sum_f / end,
                          "perc_totale": 1}
        foreigners = round(end * rng.uniform(0.06, 0.18))
        reference_day = dt.date(year, 1, 1)
        return {
            "Popolazione": {
                "popolazione_censimento": round(start * 0.97), "anno_censimento": 2021,
                "anno_bilancio": year - 1, "popolazione_inizio": start, "nati": births,
                "deceduti": deaths, "saldo_naturale": births - deaths,
                "immigrati": immigrants, "emigrati": emigrants,
                "saldo_migratorio": immigrants - emigrants, "popolazione_fine": end,
                "maschi": males, "femmine": end - males,
                "nuclei_familiari": round(end / 2.3), "convivenze": rng.randint(2, 40),
                "eta_0_6": bands[0], "eta_7_14": bands[1], "eta_15_29": bands[2],
                "eta_30_65": bands[3], "eta_oltre_65": bands[4],
                "data_piramide": reference_day, "stranieri": foreigners,
                "stranieri_percentuale": round(foreigners / end, 4),
                "data_stranieri": reference_day,
            },
            "Piramide": pyramid,
        }

    # -- budget -------------------------------------------------------------------------------

    def _budget(self) -> None:
        """Three years that balance: pareggio, partite di giro, anticipazioni, equilibrio di
        parte corrente, missioni = titoli; totals given as values."""
        rng, year = self.rng, self.year
        inhabitants = self.ente["Ente"]["abitanti"]
        revenue: dict[str, dict[str, Any]] = {}
        expense: dict[str, dict[str, Any]] = {"DIS": {}}
        missions: dict[str, dict[str, Any]] = {}
        programmes: dict[str, dict[str, Any]] = {}
        mission_codes = [c for c in reference.missions() if c not in ("02", "50", "60", "99")]
        mission_shares = [rng.uniform(0.2, 1.0) * (4 if c == "01" else 1)
                          for c in mission_codes]
        for offset in range(3):
            y = str(year + offset)
            current = _hundreds(inhabitants * rng.uniform(700, 900))
            capital = _hundreds(inhabitants * rng.uniform(100, 300))
            loans_repaid = _hundreds(current * rng.uniform(0.01, 0.04))
            advances = _hundreds(current * 0.1) if rng.random() < 0.3 else 0
            third_party = _hundreds(current * rng.uniform(0.15, 0.3))
            fpv_current = _hundreds(current * 0.01)
            fpv_capital = _hundreds(capital * 0.2)
            surplus = _hundreds(current * rng.uniform(0.0, 0.01))  # current funding capital
            new_loans = _hundreds(capital * rng.uniform(0.0, 0.2))
            titles_123 = current + loans_repaid - fpv_current + surplus
            r1, r2, r3 = _split(titles_123, (0.6, 0.1, 0.3), step=100)
            r4 = capital - new_loans - fpv_capital - surplus
            values_r = {"FPV-SC": fpv_current, "FPV-SK": fpv_capital, "AVZ-SC": 0, "AVZ-SK": 0,
                        "1": r1, "2": r2, "3": r3, "4": r4, "5": 0, "6": new_loans,
                        "7": advances, "9": third_party}
            values_s = {"DIS": 0, "1": current, "2": capital, "3": 0, "4": loans_repaid,
                        "5": advances, "7": third_party}
            title_codes_r = list(reference.revenue_titles())
            values_r["TOT-TIT"] = sum(values_r[c] for c in title_codes_r)
            values_r["TOT"] = values_r["TOT-TIT"] + fpv_current + fpv_capital
            values_s["TOT-TIT"] = sum(values_s[c] for c in reference.expense_titles())
            values_s["TOT"] = values_s["TOT-TIT"]
            assert values_r["TOT"] == values_s["TOT"], "the budget must balance"
            for code, value in values_r.items():
                revenue.setdefault(code, {})[y] = value
            for code, value in values_s.items():
                expense.setdefault(code, {})[y] = value
            spread = _split(current + capital, [s / sum(mission_shares) for s in mission_shares],
                            step=100)
            values_m = dict(zip(mission_codes, spread))
            values_m.update({"50": loans_repaid, "60": advances, "99": third_party})
            values_m["TOT"] = sum(values_m.values())
            assert values_m["TOT"] == values_s["TOT-TIT"], "missioni = titoli"
            for code, value in values_m.items():
                missions.setdefault(code, {})[y] = value
            for code in ("01", "03", "04", "10", "12"):
                own = [p for p in self.programmes if p.startswith(code + ".")][:3]
                for choice, value in zip(own, _split(values_m[code], (0.5, 0.3, 0.2)[:len(own)],
                                                     step=100)):
                    programmes.setdefault(choice, {"programma": choice})[y] = value
        self.budget = {
            "Bilancio": {"ente": "Comune di Borgo Esempio", "anno": year,
                         "approvazione": f"Delibera C.C. n. 12 del 20/12/{year - 1}"},
            "Entrate": revenue, "Spese": expense, "Missioni": missions,
            "Programmi": list(programmes.values()),
        }

    # -- mistakes -------------------------------------------------------------------------------

    def capacity(self) -> dict[str, int]:
        indicators = sum(len(o.indicators) for s in self.sectors for o in s.objectives)
        return {"ref-typo": indicators // 4, "unmeasurable": indicators // 4,
                "deadline-outside-year": indicators // 4, "budget-total": 3,
                "ref-unknown": indicators // 4,
                "no-objective": sum(max(0, len(s.staff) - 2) for s in self.sectors) // 2,
                "head-variant": len(self.sectors) // 2, "weights": len(self.weighted),
                "saldo": 1}

    def plant(self, counts: Mapping[str, int]) -> list[Planted]:
        """Plant the mistakes; people are taken off objectives first, so that the names
        written by the other mistakes stay as planted."""
        planted: list[Planted] = []
        for kind in sorted(MISTAKE_KINDS, key=lambda k: k != "no-objective"):
            for n in range(counts.get(kind, 0)):
                found = getattr(self, "_plant_" + kind.replace("-", "_"))(n)
                if found is None:
                    raise ValueError(f"cannot plant {counts[kind]} mistakes of kind {kind}")
                planted.append(found)
        return planted

    def _free_indicator(self, need_people: bool = False
                        ) -> tuple[_Sector, int, _Indicator] | None:
        """An indicator no mistake touched yet: its sector and row in the Obiettivi sheet."""
        rng = self.rng
        for _ in range(10_000):
            sector = rng.choice(self.sectors)
            rows = [i for o in sector.objectives for i in o.indicators]
            k = rng.randrange(len(rows))
            indicator = rows[k]
            if id(indicator) in self.untouchable:
                continue
            if need_people and not indicator.people:
                continue
            self.untouchable.add(id(indicator))
            return sector, k, indicator
        return None

    def _objective_cell(self, sector: _Sector, row: int, key: str, kind: str, detail: str
                        ) -> Planted:
        columns = [c.key for c in specs.spec_for("settore", self.year).sheet("Obiettivi").columns]
        cell = f"{xl_col_to_name(columns.index(key))}{FIRST_DATA_ROW + row + 1}"
        return Planted(kind, MISTAKE_CODES[kind], sector.file, "Obiettivi", cell, detail)

    def _surnames(self) -> set[str]:
        return {normalize_key(p.surname) for s in self.sectors for p in s.staff}

    def _misspelled(self, person: _Person) -> str | None:
        """A one-letter slip of the person's surname (Airoldi/Airoidi, Bedolfi/Redolfi)
        close to it and to no other surname of the plan; None when there is none, or when
        "Typo Nome" could also be someone else of that surname ("Rossi Maria" and
        "Rossi Maria Grazia")."""
        surname = person.surname
        key = normalize_key(surname)
        if " " in key or "'" in key or len(key) < 6:
            return None
        given = set(normalize_key(person.given).split())
        if any(p is not person and normalize_key(p.surname) == key
               and given & set(normalize_key(p.given).split())
               for s in self.sectors for p in s.staff):
            return None
        # "Typo Nome" is also read word by word: "Martina" alone is near Martini.
        if any(fuzz.ratio(word, o) > OTHERS_MAX for word in given for o in self._surnames()):
            return None
        others = self._surnames() - {key}
        words = {normalize_key(w) for s in self.sectors for p in s.staff
                 for w in p.given.split()}
        swaps = {"i": "l", "l": "i", "r": "n", "n": "r", "e": "a", "a": "e", "o": "a",
                 "t": "d", "d": "t", "c": "g", "m": "n", "s": "z", "b": "p", "p": "b"}
        positions = list(range(1, len(key) - 1))
        self.rng.shuffle(positions)
        for i in positions:
            if key[i] not in swaps:
                continue
            typo = key[:i] + swaps[key[i]] + key[i + 1:]
            if (typo in others or typo in words or fuzz.ratio(typo, key) < TYPO_MIN
                    or any(fuzz.ratio(typo, o) > OTHERS_MAX for o in others)):
                continue
            return surname[:i] + swaps[key[i]] + surname[i + 1:]
        return None

    def _plant_ref_typo(self, n: int) -> Planted | None:
        for _ in range(1000):
            picked = self._free_indicator(need_people=True)
            if picked is None:
                return None
            sector, row, indicator = picked
            person = indicator.people[0]
            typo = self._misspelled(person)
            if typo is None:
                self.untouchable.discard(id(indicator))
                continue
            wrong = typo if self._by_surname_only(person) else f"{typo} {person.given}"
            refs = [wrong] + [self.ref(p) for p in indicator.people[1:]]
            indicator.refs_text = ", ".join(refs)
            return self._objective_cell(sector, row, "personale", "ref-typo",
                                        f"«{wrong}» for «{person.full}»")
        return None

    def _far_from_staff(self, candidates: Sequence[str]) -> list[str]:
        surnames = self._surnames()
        return [c for c in candidates
                if all(fuzz.ratio(normalize_key(c), s) <= OTHERS_MAX for s in surnames)]

    def _plant_ref_unknown(self, n: int) -> Planted | None:
        outsiders = self._far_from_staff(OUTSIDERS)
        if not outsiders:
            return None
        picked = self._free_indicator(need_people=True)
        if picked is None:
            return None
        sector, row, indicator = picked
        name = outsiders[n % len(outsiders)]  # someone missing from the lists, named again
        indicator.refs_text = ", ".join([self.ref(p) for p in indicator.people] + [name])
        return self._objective_cell(sector, row, "personale", "ref-unknown", f"«{name}»")

    def _plant_unmeasurable(self, n: int) -> Planted | None:
        picked = self._free_indicator()
        if picked is None:
            return None
        sector, row, indicator = picked
        indicator.description = indicator.target = None
        indicator.deadline = self.rng.choice(("costante", "all'occorrenza", "Periodico"))
        return self._objective_cell(sector, row, "scadenza", "unmeasurable",
                                    f"«{indicator.deadline}» without indicator nor target")

    def _plant_deadline_outside_year(self, n: int) -> Planted | None:
        picked = self._free_indicator()
        if picked is None:
            return None
        sector, row, indicator = picked
        indicator.deadline = self.rng.choice(("Adempimento entro il 31/03/{y}",
                                              "entro il 30/06/{y}", "fino al 31/12/{y}"))
        indicator.deadline = indicator.deadline.format(y=self.year + 1)
        return self._objective_cell(sector, row, "scadenza", "deadline-outside-year",
                                    f"«{indicator.deadline}»")

    def _plant_no_objective(self, n: int) -> Planted | None:
        rng = self.rng
        for _ in range(10_000):
            sector = rng.choice(self.sectors)
            if len(sector.staff) < 3:
                continue
            person = rng.choice(sector.staff[1:])
            if id(person) in self.silent:
                continue
            self.silent.add(id(person))
            others = [p for p in sector.staff if id(p) not in self.silent]
            for s in self.sectors:
                for indicator in (i for o in s.objectives for i in o.indicators):
                    if person in indicator.people:
                        indicator.people.remove(person)
                        if not indicator.people:
                            indicator.people.append(others[0])
            cell = f"A{FIRST_DATA_ROW + person.row + 1}"
            return Planted("no-objective", MISTAKE_CODES["no-objective"], sector.file,
                           "Personale", cell, f"«{person.full}» on no objective")
        return None

    def _plant_head_variant(self, n: int) -> Planted | None:
        units = self.ente["Organigramma"]
        candidates = [i for i, u in enumerate(units) if u["tipo"] == "Settore"
                      and u.get("responsabile") == self.sectors[i - 1].head.full]
        self.rng.shuffle(candidates)
        for i in candidates:
            head = self.sectors[i - 1].head
            typo = self._misspelled(head)
            if typo is None:
                continue
            units[i]["responsabile"] = f"{typo} {head.given}"
            columns = [c.key for c in specs.spec_for("ente", self.year)
                       .sheet("Organigramma").columns]
            cell = f"{xl_col_to_name(columns.index('responsabile'))}{FIRST_DATA_ROW + i + 1}"
            return Planted("head-variant", MISTAKE_CODES["head-variant"], "Ente.xlsx",
                           "Organigramma", cell, f"«{typo} {head.given}» for «{head.full}»")
        return None

    def _plant_weights(self, n: int) -> Planted | None:
        if n >= len(self.weighted):
            return None
        sector = self.sectors[self.weighted[n]]
        first = sector.objectives[0]
        first.weight = round((first.weight or 0) + 0.01, 6)
        return self._objective_cell(sector, 0, "peso", "weights",
                                    f"{sector.name}: weights sum to 101%")

    def _plant_budget_total(self, n: int) -> Planted | None:
        if n >= 3:
            return None
        y = str(self.year + n)
        self.budget["Missioni"]["TOT"][y] += 1000
        spec = specs.spec_for("bilancio", self.year).sheet("Missioni")
        row = [r.code for r in spec.rows].index("TOT")
        col = 2 + [c.key for c in spec.value_columns].index(y)
        return Planted("budget-total", MISTAKE_CODES["budget-total"], "Bilancio.xlsx",
                       "Missioni", f"{xl_col_to_name(col)}{FIRST_DATA_ROW + row + 1}",
                       f"Totale missioni {y} off by 1.000,00")

    def _plant_saldo(self, n: int) -> Planted | None:
        if n >= 1:
            return None
        form = self.ente["Popolazione"]
        form["saldo_migratorio"] = -form["saldo_migratorio"] or 12
        fields = [f.key for f in specs.spec_for("ente", self.year).sheet("Popolazione").fields]
        cell = f"B{FIRST_DATA_ROW + fields.index('saldo_migratorio') + 1}"
        return Planted("saldo", MISTAKE_CODES["saldo"], "Ente.xlsx", "Popolazione", cell,
                       "saldo migratorio with the wrong sign")

    # -- writing --------------------------------------------------------------------------------

    def _by_surname_only(self, person: _Person) -> bool:
        return self.surname_count[normalize_key(person.surname)] == 1

    def ref(self, person: _Person) -> str:
        """How a sector head writes a person on an objective: the surname, as in the sample,
        or "Cognome Nome" when someone else has the same surname."""
        return person.surname if self._by_surname_only(person) else person.full

    def _refs(self, indicator: _Indicator) -> str:
        if indicator.refs_text is not None:
            return indicator.refs_text
        separator = ", " if self.rng.random() < 0.85 else " - "
        return separator.join(self.ref(p) for p in indicator.people)

    def write(self, out: Path) -> list[Path]:
        year = self.year
        files = [write_template(specs.spec_for("ente", year), out / "Ente.xlsx", self.ente),
                 write_template(specs.spec_for("bilancio", year), out / "Bilancio.xlsx",
                                self.budget)]
        for sector in self.sectors:
            files.append(write_template(specs.spec_for("settore", year), out / sector.file,
                                        self._sector_fill(sector)))
        return files

    def _sector_fill(self, sector: _Sector) -> dict[str, Any]:
        staff = [{"nome": p.full, "profilo": p.profile, "ufficio": p.office,
                  "categoria": p.grade, "ore": p.hours, "rapporto": p.relation}
                 for p in sector.staff]
        rows = []
        for objective in sector.objectives:
            for k, indicator in enumerate(objective.indicators):
                row = {"indicatore": indicator.description, "target": indicator.target,
                       "scadenza": indicator.deadline, "personale": self._refs(indicator)}
                if k == 0:
                    row.update({"codice": objective.code, "area": objective.area,
                                "azione": objective.action, "obiettivo": objective.title,
                                "peso": objective.weight, "missione": objective.mission,
                                "programma": objective.programme})
                rows.append({key: value for key, value in row.items() if value is not None})
        return {"Settore": {"ente": "Comune di Borgo Esempio", "anno": self.year,
                            "settore": sector.name, "responsabile": sector.head.full,
                            "email": _email(sector.subject.name)},
                "Personale": staff, "Obiettivi": rows}


# --- helpers ----------------------------------------------------------------------------------


def specs_history(year: int) -> range:
    from pianoperf_xl.spec.ente import history_years

    return history_years(year)


def _spread(total: int, parts: int, rng: random.Random, *, minimum: int, cap: int | None = None
            ) -> list[int]:
    """``total`` split into ``parts`` uneven counts (each at least ``minimum``, at most
    ``minimum + cap`` when capped), summing exactly to ``total``."""
    if parts == 0:
        return []
    free = total - minimum * parts
    if free < 0:
        raise ValueError("not enough to go round")
    if cap is not None:
        counts = [minimum] * parts
        slots = [i for i in range(parts) for _ in range(cap)]
        for i in rng.sample(slots, min(free, len(slots))):
            counts[i] += 1
        return counts
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    return [minimum + n for n in _split(free, [w / sum(weights) for w in weights])]


def _split(total: int, shares: Sequence[float], step: int = 1) -> list[int]:
    """``total`` in parts proportional to ``shares`` (multiples of ``step`` but for the
    last), summing exactly to ``total`` (largest remainders)."""
    units = total // step
    raw = [units * s for s in shares]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:units - sum(parts)]:
        parts[i] += 1
    parts = [p * step for p in parts]
    parts[-1] += total - sum(parts)
    return parts


def _weights(n: int, rng: random.Random) -> list[float]:
    """Weights of ``n`` objectives summing to exactly 100% (in hundredths of a percent)."""
    shares = [rng.uniform(0.5, 1.5) for _ in range(n)]
    return [bp / 10_000 for bp in _split(10_000, [s / sum(shares) for s in shares])]


def _hundreds(value: float) -> int:
    return int(round(value / 100.0)) * 100


def _prefix(name: str, index: int, taken: set[str]) -> str:
    words = [w for w in name.replace("'", " ").split() if w[0].isupper()]
    base = "".join(w[0] for w in words)[:3].upper() or "S"
    prefix, n = base, 1
    while prefix in taken:
        n += 1
        prefix = f"{base}{n}"
    taken.add(prefix)
    return prefix


def _email(subject: str) -> str:
    local = normalize_key(subject).replace("'", "").split()[0]
    return f"{local}@comune.example.it"


def _upper_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MALE_NAMES + FEMALE_NAMES)}".upper()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic filled plan.")
    parser.add_argument("out_dir")
    parser.add_argument("--sectors", type=int, default=5)
    parser.add_argument("--objectives", type=int, default=50)
    parser.add_argument("--indicators-per-objective", type=float, default=1.2)
    parser.add_argument("--staff", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mistakes", type=int, default=DEFAULT_MISTAKES)
    parser.add_argument("--year", type=int, default=DEFAULT_YEAR)
    args = parser.parse_args(argv)
    plan = generate_plan(args.out_dir, sectors=args.sectors, objectives=args.objectives,
                         indicators_per_objective=args.indicators_per_objective,
                         staff=args.staff, seed=args.seed, mistakes=args.mistakes,
                         year=args.year)
    print(f"{len(plan.files)} file in {plan.folder}: {plan.sectors} settori, "
          f"{plan.objectives} obiettivi, {plan.indicators} indicatori, {plan.staff} persone, "
          f"{len(plan.planted)} errori inseriti")
    return 0


if __name__ == "__main__":
    sys.exit(main())
