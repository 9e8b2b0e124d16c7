"""The Italian wording of the draft deliberation: heading, premises, opinions, operative
part, immediate execution. Parameterised by :class:`DeliberationFacts`; the laws cited
are those in force on the approval day (:mod:`pianoperf_xl.reference.laws`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pianoperf_xl.reference.laws import PIAO, PIAO_CONTENT, PIAO_REPEALS, in_force, unbreakable
from pianoperf_xl.values import format_date, format_number
from pianoperf_xl.write.annex.text import (BLANK_DATE, BLANK_NUMBER, AnnexFacts, heads_title,
                                           of_ente, plan_title, plural)

PIAO_THRESHOLD = 50  # employees: at least this many, the full PIAO (D.M. 132/2022, art. 6)


@dataclass(frozen=True)
class CouncilAct:
    numero: str | None
    data: dt.date | None

    def ref(self) -> str:
        return (f"n. {self.numero or BLANK_NUMBER} del "
                f"{format_date(self.data) if self.data else BLANK_DATE}")


@dataclass(frozen=True)
class DeliberationFacts:
    annex: AnnexFacts
    dup: CouncilAct
    budget: CouncilAct
    budget_total: str | None  # "5.115.600,00", total revenue of the first year
    heads: tuple[tuple[str, str | None], ...]  # (sector, head) in the organigram's order
    secretary: str | None
    employees: int | None


TITLE = "PROPOSTA DI DELIBERAZIONE DELLA GIUNTA COMUNALE"
HEADER_LINE = "Proposta di deliberazione della Giunta Comunale"
DRAFT_NOTE = ("Bozza predisposta dagli uffici sulla base dei dati del Piano: da verificare e "
              "completare prima della presentazione alla Giunta.")
THE_BOARD = "LA GIUNTA COMUNALE"
DELIBERA = "DELIBERA"
VOTE = "Con voti unanimi e favorevoli, espressi nelle forme di legge,"
SEPARATE_VOTE = "Inoltre, con separata votazione unanime e favorevole,"
SIGNATURES = ("Il Sindaco", "Il Segretario comunale")
OPINIONS_TITLE = "PARERI (art. 49, comma 1, del D.Lgs. 18 agosto 2000, n. 267)"


def number_line(facts: DeliberationFacts) -> str:
    return f"Deliberazione della Giunta Comunale {facts.annex.delibera}"


def document_title(facts: AnnexFacts) -> str:
    return f"Proposta di deliberazione – {plan_title(facts.year, facts.piao)}"


def subject(facts: DeliberationFacts) -> str:
    a = facts.annex
    if a.piao:
        return (f"OGGETTO: APPROVAZIONE DELLA SOTTOSEZIONE 2.2 «PERFORMANCE» DEL PIANO "
                f"INTEGRATO DI ATTIVITÀ E ORGANIZZAZIONE (PIAO) {a.triennium} – PIANO DEGLI "
                f"OBIETTIVI {a.year}")
    return (f"OGGETTO: APPROVAZIONE DEL PIANO DELLA PERFORMANCE – PIANO DEGLI OBIETTIVI "
            f"{a.year} (PIANO ESECUTIVO DI GESTIONE {a.triennium} – PIANO DETTAGLIATO DEGLI "
            "OBIETTIVI)")


def premises(facts: DeliberationFacts) -> list[str]:
    """The «Visti», «Richiamati» and «Dato atto» paragraphs, each one a paragraph."""
    a, day = facts.annex, facts.annex.laws_day
    lines = [
        "Visto l'art. 169 del D.Lgs. 18 agosto 2000, n. 267 (TUEL), e in particolare il comma "
        "3-bis, secondo il quale il piano dettagliato degli obiettivi di cui all'art. 108, "
        "comma 1, e il piano della performance di cui all'art. 10 del D.Lgs. 27 ottobre 2009, "
        "n. 150 sono unificati organicamente nel Piano esecutivo di gestione (PEG);",
        "Visti gli artt. 4, 5, comma 2, 7 e 16 del D.Lgs. 27 ottobre 2009, n. 150, sul ciclo di "
        "gestione della performance, sugli obiettivi e sul sistema di misurazione e "
        "valutazione, ai cui principi gli enti locali adeguano i propri ordinamenti;",
    ]
    for law in in_force((PIAO, PIAO_REPEALS, PIAO_CONTENT), day):
        lines.append(f"Visto il {law.citation}, che {law.about};" if law.citation[:1].isupper()
                     else f"Visto l'{law.citation}, che {law.about};")
    if a.piao:
        lines.append(_piao_form(facts))
    lines += [
        f"Richiamata la deliberazione del Consiglio Comunale {facts.dup.ref()}, con la quale è "
        f"stato approvato il Documento unico di programmazione (DUP) {a.triennium};",
        f"Richiamata la deliberazione del Consiglio Comunale {facts.budget.ref()}, con la "
        f"quale è stato approvato il bilancio di previsione {a.triennium}"
        + (f", che pareggia per l'esercizio {a.year} in euro {facts.budget_total}"
           if facts.budget_total else "") + ";",
        "Dato atto che i Responsabili di settore, "
        f"{heads_title(a.year)}, hanno proposto gli obiettivi del proprio settore con le "
        "schede standard raccolte dalla Segreteria, e che le schede sono state sottoposte a "
        "verifiche di completezza e di coerenza;",
        f"Dato atto che il Piano, allegato alla presente deliberazione quale parte integrante "
        f"e sostanziale (Allegato A), comprende "
        f"{plural(a.objectives, 'obiettivo', 'obiettivi')} misurati da "
        f"{plural(a.indicators, 'indicatore', 'indicatori')}, assegnati a "
        f"{plural(a.sectors, 'settore', 'settori')} nei quali operano "
        f"{plural(a.staff, 'persona', 'persone')};",
        "Ritenuto di approvare il Piano e di assegnare ai Responsabili di settore gli "
        "obiettivi, gli indicatori e le risorse in esso indicati;",
    ]
    return [unbreakable(line) for line in lines]


def _piao_form(facts: DeliberationFacts) -> str:
    if facts.employees is None:
        return ("Dato atto che il Piano costituisce la sottosezione 2.2 «Performance» del "
                "PIAO dell'ente, nella forma prevista per il numero dei suoi dipendenti "
                "(art. 6 del D.M. 30 giugno 2022, n. 132);")
    simplified = facts.employees < PIAO_THRESHOLD
    form = ("in forma semplificata, avendo l'ente meno di cinquanta dipendenti"
            if simplified else "avendo l'ente almeno cinquanta dipendenti")
    return (f"Dato atto che l'ente ha {format_number(facts.employees)} dipendenti e che il "
            f"Piano costituisce la sottosezione 2.2 «Performance» del PIAO, {form} "
            "(art. 6 del D.M. 30 giugno 2022, n. 132);")


def opinions(facts: DeliberationFacts) -> list[str]:
    return [unbreakable(line) for line in (
        "Acquisito il parere favorevole di regolarità tecnica espresso dal Segretario "
        "comunale" + (f", {facts.secretary}," if facts.secretary else "")
        + " ai sensi dell'art. 49, comma 1, del D.Lgs. 18 agosto 2000, n. 267;",
        "Acquisito il parere favorevole di regolarità contabile espresso dal Responsabile "
        "del Settore finanziario ai sensi dell'art. 49, comma 1, del D.Lgs. 18 agosto 2000, "
        "n. 267, comportando il Piano l'assegnazione delle risorse del bilancio;",
    )]


def operative(facts: DeliberationFacts) -> list[str]:
    a = facts.annex
    what = (f"la sottosezione 2.2 «Performance» del PIAO {a.triennium}" if a.piao
            else f"il Piano della Performance – Piano degli obiettivi {a.year}")
    heads = "; ".join(f"{sector}: {head}" for sector, head in facts.heads if head)
    points = [
        f"di approvare {what} {of_ente(a.ente)}, che si allega alla presente deliberazione "
        "quale parte integrante e sostanziale (Allegato A);",
        "di assegnare ai Responsabili di settore gli obiettivi, gli indicatori, i valori "
        "attesi e le scadenze riportati nell'Allegato A, con le risorse umane e finanziarie "
        "ivi indicate" + (f" ({heads})" if heads else "") + ";",
        "di dare atto che gli obiettivi costituiscono riferimento per la misurazione e la "
        "valutazione della performance organizzativa e individuale secondo il Sistema di "
        "misurazione e valutazione della performance dell'ente;",
        "di trasmettere copia della presente deliberazione ai Responsabili di settore e al "
        "Nucleo di valutazione;",
        "di pubblicare il Piano sul sito istituzionale nella sezione «Amministrazione "
        "trasparente» ai sensi dell'art. 10, comma 8, lett. b, del D.Lgs. 14 marzo 2013, "
        "n. 33" + (", e di trasmetterlo al Dipartimento della funzione pubblica per la "
                   "pubblicazione sul relativo portale" if a.piao else "") + ".",
    ]
    return [unbreakable(p) for p in points]


IMMEDIATE = unbreakable(
    "di dichiarare la presente deliberazione immediatamente eseguibile ai sensi dell'art. "
    "134, comma 4, del D.Lgs. 18 agosto 2000, n. 267, per consentire ai Responsabili di "
    "settore di operare fin da subito sulla base degli obiettivi assegnati.")
