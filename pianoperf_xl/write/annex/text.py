"""The Italian wording of the annex ("Allegato A"): headings, column titles and prose.

Everything a reader of the annex sees as fixed text lives here, parameterised by the
facts of the plan (:class:`AnnexFacts`), so that the layout modules of the package hold
no Italian sentences and the wording can be reviewed in one place.

A block of prose is a list whose items are either a paragraph (``str``) or a lettered
list (a ``tuple`` of items, rendered "a) …", "b) …").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Union

from pianoperf_xl.reference.laws import PIAO, PIAO_CONTENT, in_force, unbreakable
from pianoperf_xl.spec.ente import AGE_BANDS, age_band_label
from pianoperf_xl.values import format_date, format_date_long, format_number

Block = list[Union[str, tuple[str, ...]]]

BLANK_NUMBER = "____"
BLANK_DATE = "________"


@dataclass(frozen=True)
class AnnexFacts:
    """What the prose needs to know about the plan."""

    ente: str  # "Comune di Calcinate"
    province: str | None  # "BG" or a full name
    year: int
    sectors: int
    objectives: int
    indicators: int
    staff: int
    errors: int
    budget_approval: str | None  # "Delibera C.C. n. 5 del 28/02/2022"
    delibera_numero: str | None
    delibera_data: dt.date | None
    laws_day: dt.date  # the laws cited are those in force on this day (see reference.laws)
    piao: bool = False  # framed as subsection 2.2 «Performance» of the PIAO

    @property
    def triennium(self) -> str:
        return f"{self.year}-{self.year + 2}"

    @property
    def draft(self) -> bool:
        return self.errors > 0

    @property
    def delibera(self) -> str:
        return delibera_ref(self.delibera_numero, self.delibera_data)


# --- small grammar helpers -----------------------------------------------------------


def of_ente(name: str) -> str:
    """'del Comune di Calcinate', 'della Città di …', 'dell'Unione …', else 'dell'ente …'."""
    first = name.split(" ", 1)[0].casefold()
    if first == "comune":
        return f"del {name}"
    if first in ("città", "citta"):
        return f"della {name}"
    if first == "unione":
        return f"dell'{name}"
    return f"dell'ente {name}"


def plural(count: int, one: str, many: str) -> str:
    return f"{format_number(count)} {one if count == 1 else many}"


def ente_with_province(name: str, province: str | None) -> str:
    """'Comune di Calcinate (BG)'; a full province name gives '… – Provincia di Bergamo'."""
    if not province or province.casefold() in name.casefold():
        return name
    if len(province) == 2:
        return f"{name} ({province.upper()})"
    return f"{name} – Provincia di {province}"


def delibera_ref(numero: str | None, data: dt.date | None) -> str:
    """'n. 12 del 15/03/2022', with blank lines to fill by hand for what is unknown."""
    return f"n. {numero or BLANK_NUMBER} del {format_date(data) if data else BLANK_DATE}"


# --- title page, header, footer ------------------------------------------------------


def plan_title(year: int, piao: bool = False) -> str:
    if piao:
        return f"PIAO {year}-{year + 2} – Sottosezione 2.2 Performance"
    return f"Piano della Performance – Piano degli Obiettivi {year}"


def allegato_line(facts: AnnexFacts) -> str:
    return f"Allegato A alla deliberazione della Giunta Comunale {facts.delibera}"


def allegato_short(facts: AnnexFacts) -> str:
    return f"Allegato A alla deliberazione G.C. {facts.delibera}"


def title_page_lines(facts: AnnexFacts) -> list[str]:
    """The lines under the plan title on the title page."""
    if facts.piao:
        return [f"Piano integrato di attività e organizzazione {facts.triennium} – Sezione 2 "
                "«Valore pubblico, Performance e Anticorruzione»",
                f"Piano della Performance – Piano degli Obiettivi {facts.year}"]
    return [f"Piano esecutivo di gestione {facts.triennium} – Piano dettagliato degli obiettivi"]


def title_page_references(day: dt.date) -> str:
    """The laws under the title: those in force on ``day``, the plan's approval."""
    references = ["art. 169 del D.Lgs. 18 agosto 2000, n. 267",
                  "artt. 4, 5 e 10 del D.Lgs. 27 ottobre 2009, n. 150"]
    if in_force((PIAO,), day):
        references.append("art. 6 del D.L. 9 giugno 2021, n. 80")
    if in_force((PIAO_CONTENT,), day):
        references.append("D.M. 30 giugno 2022, n. 132")
    return unbreakable(" – ".join(references))


DRAFT_MARK = "BOZZA"
DRAFT_HEADER = "BOZZA – documento non definitivo"


def draft_notice(facts: AnnexFacts) -> str:
    if facts.errors == 1:
        errors, whose = "1 errore non risolto segnalato", "sua"
    else:
        errors, whose = f"{format_number(facts.errors)} errori non risolti segnalati", "loro"
    return (f"Il documento contiene {errors} dalle verifiche: non può essere allegato alla "
            f"deliberazione prima della {whose} correzione.")


PAGE_LABEL = "Pagina "
PAGE_OF = " di "

# --- headings ------------------------------------------------------------------------

H_INTRO = "Il Piano della performance"
H_PRESENTATION = "Presentazione del Piano"
H_STRATEGY = "Gli indirizzi strategici"
H_LAW = "Riferimenti normativi"
H_PROCESS = "La formazione del Piano"
H_INTERNAL = "Il contesto interno"
H_BODIES = "Organi di governo"
H_STRUCTURE = "Struttura organizzativa"
H_STAFF = "Il personale"
H_EXTERNAL = "Il contesto territoriale e demografico"
H_TERRITORY = "Il territorio"
H_POPULATION = "La popolazione"
H_FINANCE = "Le risorse finanziarie"
# A part of the annex whose workbook was not in the folder: said, never left out silently.
MISSING_ENTE = ("Questa parte manca: tra i file raccolti non c'era il file dell'ente, da cui "
                "vengono organizzazione, contesto e popolazione.")
MISSING_BUDGET = ("Questa parte manca: tra i file raccolti non c'era il file del bilancio di "
                  "previsione.")
H_SECTORS = "Gli obiettivi dei settori"
H_SECTOR_STAFF = "Personale assegnato"


def sector_heading(name: str) -> str:
    return name if name.casefold().startswith("settore") else f"Settore {name}"


def sector_objectives_heading(year: int) -> str:
    return f"Obiettivi {year}"


# --- prose ---------------------------------------------------------------------------


def introduction(facts: AnnexFacts) -> Block:
    return [
        f"Il Piano della performance – Piano degli obiettivi {facts.year} è il documento con "
        f"cui l'Amministrazione {of_ente(facts.ente)} traduce gli indirizzi del programma di "
        "mandato e del Documento unico di programmazione (DUP) in obiettivi operativi, li "
        "assegna ai Responsabili di settore insieme alle risorse umane e finanziarie "
        "necessarie e fissa gli indicatori, i valori attesi e le scadenze sui quali sarà "
        "misurata e valutata la performance organizzativa e individuale.",
        "Il Piano apre il ciclo di gestione della performance previsto dall'art. 4 del "
        "D.Lgs. 27 ottobre 2009, n. 150, che comprende:",
        (
            "la definizione e l'assegnazione degli obiettivi, dei valori attesi e dei "
            "relativi indicatori;",
            "il collegamento tra gli obiettivi e l'allocazione delle risorse;",
            "il monitoraggio nel corso dell'esercizio e gli eventuali interventi correttivi;",
            "la misurazione e la valutazione della performance organizzativa e individuale;",
            "l'utilizzo dei sistemi premianti secondo criteri di valorizzazione del merito;",
            "la rendicontazione dei risultati agli organi di indirizzo, agli organi di "
            "controllo, ai cittadini e agli utenti dei servizi.",
        ),
        "Secondo l'art. 5, comma 2, dello stesso decreto gli obiettivi devono essere "
        "rilevanti rispetto ai bisogni della collettività e alle priorità "
        "dell'Amministrazione, specifici e misurabili, riferiti a un arco di tempo "
        "determinato, di norma l'anno, e commisurati alle risorse disponibili. I risultati "
        "raggiunti saranno esposti a consuntivo nella Relazione sulla performance.",
        "Il documento presenta il contesto interno (organi di governo, struttura "
        "organizzativa, personale), il contesto territoriale e demografico, le risorse "
        f"finanziarie del bilancio di previsione {facts.triennium} e, per ciascun settore, "
        "il Responsabile, il personale assegnato e gli obiettivi con i relativi indicatori.",
    ]


def legal_basis(facts: AnnexFacts) -> Block:
    """The laws the plan rests on, as in force on the day of its approval."""
    block: Block = [
        "L'art. 10 del D.Lgs. 150/2009, che disciplina il Piano della performance, non si "
        "applica direttamente agli enti locali: l'art. 16 del decreto chiede loro di "
        "adeguare i propri ordinamenti ai principi del ciclo della performance (tra gli "
        "altri, quelli degli artt. 3, 4, 5, comma 2, 7 e 9), lasciando all'ente la scelta "
        "degli strumenti con cui attuarli.",
        "Lo strumento è indicato dall'art. 169, comma 3-bis, del D.Lgs. 18 agosto 2000, "
        "n. 267 (TUEL): il piano dettagliato degli obiettivi di cui all'art. 108, comma 1, "
        "e il piano della performance di cui all'art. 10 del D.Lgs. 150/2009 sono "
        "unificati organicamente nel Piano esecutivo di gestione (PEG). Il PEG, deliberato "
        "dalla Giunta in coerenza con il bilancio di previsione e con il DUP, individua "
        "gli obiettivi della gestione e li affida, con le dotazioni necessarie, ai "
        "responsabili dei servizi.",
    ]
    if in_force((PIAO,), facts.laws_day):
        block.append(
            "L'art. 6 del D.L. 9 giugno 2021, n. 80, convertito con modificazioni dalla "
            "L. 6 agosto 2021, n. 113, ha istituito il Piano integrato di attività e "
            "organizzazione (PIAO), nel quale confluisce la programmazione della "
            "performance.")
    if in_force((PIAO_CONTENT,), facts.laws_day):
        block.append(
            "Il D.M. 30 giugno 2022, n. 132 colloca gli obiettivi di performance nella "
            "sottosezione 2.2 «Performance» della sezione 2 «Valore pubblico, Performance "
            "e Anticorruzione» e prevede modalità semplificate per le amministrazioni con "
            "meno di cinquanta dipendenti. Gli obiettivi del presente Piano costituiscono "
            f"il contenuto della sottosezione 2.2 del PIAO {facts.triennium} "
            f"{of_ente(facts.ente)} o vi sono richiamati.")
    block.append(
        "La misurazione e la valutazione dei risultati seguono il Sistema di misurazione e "
        "valutazione della performance adottato dall'ente (art. 7 del D.Lgs. 150/2009), "
        "con il supporto dell'organismo di valutazione (Nucleo di valutazione od OIV).")
    return [unbreakable(p) if isinstance(p, str) else p for p in block]


def strategy_intro(facts: AnnexFacts) -> str:
    return (f"Gli obiettivi del Piano discendono dalle linee strategiche e dai programmi del "
            f"Documento unico di programmazione (DUP) {facts.triennium} "
            f"{of_ente(facts.ente)}:")


def heads_title(year: int) -> str:
    # CCNL Funzioni Locali 16 November 2022: posizioni organizzative become incarichi di
    # elevata qualificazione, from the 2023 plans on.
    if year >= 2023:
        return "titolari di incarico di elevata qualificazione"
    return "titolari di posizione organizzativa"


def formation(facts: AnnexFacts) -> Block:
    budget = f" ({facts.budget_approval})" if facts.budget_approval else ""
    block: Block = [
        f"Gli obiettivi sono stati proposti dai Responsabili di settore, "
        f"{heads_title(facts.year)}, sulla base degli indirizzi dell'Amministrazione "
        f"contenuti nel DUP {facts.triennium} e delle risorse stanziate nel bilancio di "
        f"previsione {facts.triennium}{budget}. Ciascun Responsabile ha compilato una scheda "
        "standard con il personale assegnato al settore e, per ogni obiettivo, l'area "
        "strategica e l'azione di riferimento, gli indicatori, i valori attesi, le scadenze "
        "e il personale coinvolto.",
        "Le schede, raccolte sotto il coordinamento della Segreteria, sono state sottoposte "
        "a verifiche di completezza e di coerenza: corrispondenza tra il personale indicato "
        "negli obiettivi e quello assegnato ai settori, misurabilità degli indicatori, "
        "coerenza delle scadenze con l'anno di riferimento, quadratura dei prospetti di "
        "bilancio e dei dati di contesto.",
        f"Il Piano comprende {plural(facts.objectives, 'obiettivo', 'obiettivi')}, misurati "
        f"da {plural(facts.indicators, 'indicatore', 'indicatori')}, assegnati a "
        f"{plural(facts.sectors, 'settore', 'settori')} nei quali operano "
        f"{plural(facts.staff, 'persona', 'persone')}, come riassunto nella tabella "
        "seguente.",
        f"Il Piano è approvato dalla Giunta Comunale con la deliberazione {facts.delibera}, "
        "della quale il presente documento costituisce l'allegato A, ed è pubblicato sul "
        "sito istituzionale nella sezione «Amministrazione trasparente» (art. 10, comma 8, "
        "lett. b, del D.Lgs. 14 marzo 2013, n. 33).",
    ]
    if facts.draft:
        block.append(draft_notice(facts))
    return block


def internal_context(facts: AnnexFacts) -> Block:
    return [f"Gli organi di governo e la struttura organizzativa {of_ente(facts.ente)} alla "
            "data di approvazione del Piano sono i seguenti."]


def staff_history_intro(first: int, last: int) -> str:
    return (f"Personale in servizio al 31 dicembre di ciascun anno dal {first} al {last}, "
            "per gruppo e categoria, e rapporto tra abitanti e dipendenti.")


def average_age_intro() -> str:
    return "Età media del personale nello stesso periodo."


def territory_intro(facts: AnnexFacts) -> str:
    return f"Dati essenziali del territorio {of_ente(facts.ente)}."


def population_intro(year: int | None) -> str:
    return f"Bilancio demografico dell'anno {year}." if year else "Bilancio demografico."


def pyramid_intro(date: dt.date | None) -> str:
    when = f" al {format_date_long(date)}" if date else ""
    return f"Popolazione residente per classi di età e sesso{when}."


def foreigners_sentence(count: int, share: str | None, date: dt.date | None) -> str:
    when = f"Al {format_date_long(date)}" if date else "Alla data di riferimento"
    share_text = f", pari al {share} della popolazione residente" if share else ""
    return (f"{when} i cittadini stranieri residenti sono {format_number(count)}"
            f"{share_text}.")


def finance_intro(facts: AnnexFacts) -> str:
    approval = f", approvato con {facts.budget_approval}" if facts.budget_approval else ""
    return (f"Le tabelle riportano le previsioni di competenza del bilancio di previsione "
            f"{facts.triennium}{approval}, secondo gli schemi del D.Lgs. 23 giugno 2011, "
            "n. 118. Importi in euro.")


def sectors_intro(facts: AnnexFacts) -> Block:
    return [
        f"Per ciascun settore sono riportati il Responsabile, il personale assegnato e gli "
        f"obiettivi {facts.year}. Per ogni obiettivo sono indicati l'area strategica e "
        "l'azione degli strumenti di indirizzo da cui deriva, gli indicatori con il valore "
        "atteso (target) e la scadenza, e il personale coinvolto, sul cui apporto si fonda "
        "anche la valutazione della performance individuale.",
    ]


# --- table captions and column titles ------------------------------------------------

CAPTION_SUMMARY = "Obiettivi, indicatori e personale per settore"
CAPTION_BODIES = "Sindaco e Giunta"
CAPTION_STRUCTURE = "Segretario, settori e uffici"
CAPTION_HISTORY = "Andamento del personale"
CAPTION_AGE = "Età media del personale"
CAPTION_TERRITORY = "Territorio"
CAPTION_POPULATION = "Bilancio demografico"
CAPTION_AGE_GROUPS = "Popolazione per fasce di età"
CAPTION_PYRAMID = "Popolazione per classi di età e sesso"
CAPTION_REVENUE = "Entrate per titoli"
FIGURE_PYRAMID = "Piramide delle età: residenti per classe di età e sesso"
FIGURE_STRUCTURE = ("Struttura della popolazione: giovani, adulti e anziani sul totale dei "
                    "residenti")
FIGURE_STAFF = "Andamento del personale e abitanti per dipendente"
CAPTION_EXPENSE = "Spese per titoli"
CAPTION_MISSIONS = "Spese per missioni"
CAPTION_PROGRAMMES = "Spese per programmi"

COLS_SUMMARY = ("Settore", "Responsabile", "Personale", "Obiettivi", "Indicatori")
SUMMARY_TOTAL = "Totale"
COLS_BODIES = ("Carica", "Cognome e nome", "Deleghe", "Ricevimento e contatti")
COLS_STRUCTURE = ("Struttura", "Responsabile / personale", "Email")
STRUCTURE_OTHER = "Altri uffici e servizi"
COL_HISTORY = "Personale al 31 dicembre"
COL_AGE = "Gruppo"
COLS_TERRITORY = ("Voce", "Valore")
COLS_POPULATION = ("Voce", "Numero")
COLS_PYRAMID = ("Età", "Maschi", "%", "Femmine", "%", "Totale", "% sul totale")
COL_CODE_TITLE = "Titolo"
COL_CODE_MISSION = "Missione"
COL_CODE_PROGRAMME = "Programma"
COL_LABEL = "Denominazione"


def col_forecast(year: int) -> str:
    return f"Previsione {year}"


COLS_STAFF = ("N.", "Cognome e nome", "Profilo professionale", "Ufficio / servizio",
              "Categoria", "Part-time (ore sett.)")
EXTERNAL_STAFF = "personale esterno all'ente"
COLS_OBJECTIVES = ("Cod.", "Area strategica", "Azione da strumento di indirizzi di governo",
                   "Obiettivo specifico", "Indicatore / target / scadenza", "Personale")
COL_WEIGHT = "Peso"
LABEL_TARGET = "Target: "
LABEL_DEADLINE = "Scadenza: "
LABEL_HEAD = "Responsabile: "
LABEL_EMAIL = "Email: "
NO_OBJECTIVES = "Il settore non ha indicato obiettivi."
NO_STAFF = "Il settore non ha indicato personale."


def part_time(hours: int) -> str:
    return f"{hours} ore"


def mission_programme(mission: str | None, programme: str | None) -> str:
    parts = ([f"Missione {mission}"] if mission else []) + (
        [f"Programma {programme}"] if programme else [])
    return " · ".join(parts)


TERRITORY_ROWS = {
    "superficie": "Superficie",
    "abitanti": "Abitanti",
}


def territory_value(key: str, value: str) -> str:
    return {"superficie": f"{value} km²", "abitanti": value}[key]


def density_rows(declared: str | None, computed: str | None) -> list[tuple[str, str]]:
    """The density the ente declares, and beside it the one computed from inhabitants and
    area when they differ (or when none is declared), each said for what it is."""
    rows = []
    if declared:
        label = "Densità demografica dichiarata dall'ente" if computed and computed != declared \
            else "Densità demografica"
        rows.append((label, f"{declared} ab./km²"))
    if computed and computed != declared:
        rows.append(("Densità calcolata da abitanti e superficie", f"{computed} ab./km²"))
    return rows


def inhabitants_label(year: int) -> str:
    return f"Abitanti al 31 dicembre {year - 1}"


def population_rows(census_year: int | None, year: int | None) -> list[tuple[str, str, str]]:
    """(key of the Popolazione form, label, emphasis: '' | 'sub' | 'total')."""
    census = f" ({census_year})" if census_year else ""
    start = f" {year}" if year else ""
    return [
        ("popolazione_censimento", f"Popolazione legale all'ultimo censimento{census}", ""),
        ("popolazione_inizio", f"Popolazione al 1° gennaio{start}", "total"),
        ("nati", "Nati nell'anno", "sub"),
        ("deceduti", "Deceduti nell'anno", "sub"),
        ("saldo_naturale", "Saldo naturale", ""),
        ("immigrati", "Immigrati nell'anno", "sub"),
        ("emigrati", "Emigrati nell'anno", "sub"),
        ("saldo_migratorio", "Saldo migratorio", ""),
        ("popolazione_fine", f"Popolazione al 31 dicembre{start}", "total"),
        ("maschi", "di cui maschi", "sub"),
        ("femmine", "di cui femmine", "sub"),
        ("nuclei_familiari", "Nuclei familiari", ""),
        ("convivenze", "Comunità / convivenze", ""),
    ]


AGE_GROUP_ROWS = tuple((key, age_band_label(key)) for key, _, _ in AGE_BANDS)
