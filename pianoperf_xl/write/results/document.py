"""The round's Word document, with the annex's styles and helpers: at year end the
Relazione sulla performance (art. 10 D.Lgs. 150/2009) with the Nucleo's validation
checklist as its last section; during the year the Report di monitoraggio for the Giunta.
Marked BOZZA while the round has error findings."""

from __future__ import annotations

import dataclasses
import math
import os
from pathlib import Path

from docx.shared import RGBColor

from pianoperf_xl.findings import ERROR
from pianoperf_xl.measure.rules import NOT_REACHED, PARTIAL
from pianoperf_xl.results import FINAL
from pianoperf_xl.results.run import RoundResult
from pianoperf_xl.values import format_date, format_number
from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex.document import Annex, caption, facts_of, heading, paragraph
from pianoperf_xl.write.annex.header_footer import document_header, footer, has_content
from pianoperf_xl.write.annex.styles import CELL_CENTER, CELL_NUMBER, RED, open_base
from pianoperf_xl.write.annex.tables import Col, Row, add_table, save
from pianoperf_xl.write.atomic import atomic_path

CHECKLIST = (
    ("Conformità", "La Relazione è redatta secondo le linee guida e il sistema di misurazione "
     "e valutazione dell'ente."),
    ("Conformità", "Rendiconta tutti gli obiettivi del Piano della performance approvato e "
     "le variazioni approvate dalla Giunta."),
    ("Attendibilità", "I valori raggiunti sono sostenuti da evidenze verificabili (atti, "
     "documenti, dati)."),
    ("Attendibilità", "Le percentuali di raggiungimento sono calcolate con le regole dichiarate."),
    ("Attendibilità", "Gli scostamenti sono motivati e le cause sono indicate."),
    ("Comprensibilità", "La sintesi per i cittadini è chiara e leggibile."),
    ("Comprensibilità", "Le tabelle dei risultati sono complete e coerenti con il testo."),
)


# The states with which a sector declares an objective in difficulty.
DECLARED_AT_RISK = (PARTIAL, NOT_REACHED)


def percent(value) -> str:
    """«87,5%», «90%» (no «,0»), or «–» for no percentage."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    shown = round(float(value) * 100, 1)
    return f"{format_number(shown, 0 if shown == int(shown) else 1)}%"


def write_round_document(outcome: RoundResult, path: str | os.PathLike, *,
                         base: str | os.PathLike | None = None) -> Path:
    errors = sum(1 for f in outcome.findings if f.severity == ERROR)
    facts = dataclasses.replace(facts_of(outcome.reading, None, None), errors=errors)
    annex = Annex(open_base(base), outcome.reading, facts)
    first = annex.doc.sections[0]
    annex.keep_header = base is not None and has_content(first.header)
    annex.keep_footer = base is not None and has_content(first.footer)
    final = outcome.returns.round_kind == FINAL
    title = (f"Relazione sulla performance {outcome.year}" if final else
             f"Report di monitoraggio del Piano della performance {outcome.year}")
    _header(annex, title)
    footer(annex, first)
    props = annex.doc.core_properties
    props.title, props.author, props.language = title, facts.ente, "it-IT"
    _title_page(annex, outcome, title)
    if final:
        for part in (_presentation, _context, _results, _resources, _equal_opportunities,
                     _process, _validation):
            part(annex, outcome)
    else:
        for part in (_presentation, _at_risk, _variations, _results, _process):
            part(annex, outcome)
    with atomic_path(path) as tmp:
        save(annex.doc, str(tmp))
    return Path(path)


def _header(annex: Annex, title: str) -> None:
    if not annex.keep_header:
        document_header(annex, title)


def _title_page(annex: Annex, outcome: RoundResult, title: str) -> None:
    r = outcome.returns
    paragraph(annex, annex.facts.ente, "Title")
    paragraph(annex, title, "Subtitle")
    paragraph(annex, f"Rilevazione: {r.round_kind}, dati al {format_date(r.reference_date)}.")
    if annex.facts.draft:
        notice = paragraph(annex, txt.draft_notice(annex.facts))
        for run in notice.runs:
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(RED)


def _presentation(annex: Annex, outcome: RoundResult) -> None:
    t = outcome.tables
    ind, obj = t["indicatori"], t["obiettivi"]
    final = outcome.returns.round_kind == FINAL
    heading(annex, 1, "Presentazione e sintesi per i cittadini" if final else "Sintesi")
    sectors = len(outcome.reading.plan.sectors)
    measured = int(obj["percentuale"].notna().sum())
    if final:
        paragraph(annex, (
            f"Nel {outcome.year} l'ente ha lavorato su {len(obj)} obiettivi, misurati da "
            f"{len(ind)} indicatori, affidati a {sectors} settori. Il grado di "
            f"raggiungimento complessivo degli obiettivi misurati è {percent(t['ente'])}."))
    else:
        paragraph(annex, (
            f"Il Piano della performance {outcome.year} conta {len(obj)} obiettivi, "
            f"misurati da {len(ind)} indicatori, affidati a {sectors} settori. Al "
            f"{format_date(outcome.returns.reference_date)} gli obiettivi con almeno un "
            f"indicatore già misurato sono {measured}, con un grado di raggiungimento "
            f"medio di {percent(t['ente'])}; gli altri non hanno ancora una percentuale "
            "(indicatori in corso, o non misurabili: il dettaglio è qui sotto)."))
    counts = {s: int((ind["esito"] == s).sum()) for s in
              ("misurato", "non misurabile", "non pertinente", "dati mancanti", "in corso")}
    paragraph(annex, (
        f"Indicatori misurati: {counts['misurato']}; non misurabili perché il piano non "
        f"fissava un target né una scadenza datata: {counts['non misurabile']}; non più "
        f"pertinenti: {counts['non pertinente']}; in corso: {counts['in corso']}; senza "
        f"dati: {counts['dati mancanti']}. Gli indicatori non misurabili non concorrono "
        "alla percentuale e sono indicati come tali."))
    caption(annex, "Raggiungimento degli obiettivi per settore")
    add_table(annex.doc, [Col("Settore", 5), Col("Obiettivi", 1.5, CELL_NUMBER),
                          Col("Misurati", 1.5, CELL_NUMBER), Col("Raggiungimento", 2, CELL_NUMBER)],
              [Row([row.settore, str(row.obiettivi), str(row.misurati),
                    percent(row.percentuale)]) for row in t["settori"].itertuples()]
              + [Row(["Ente", str(len(obj)), str(int(obj["percentuale"].notna().sum())),
                      percent(t["ente"])], bold=True, shaded=True)])


def _context(annex: Annex, outcome: RoundResult) -> None:
    plan = outcome.reading.plan
    heading(annex, 1, "Il contesto")
    ente = plan.ente
    parts = [f"La Relazione rendiconta il Piano della performance {outcome.year} "
             f"{txt.of_ente(annex.facts.ente)}"]
    if ente is not None and ente.inhabitants:
        parts.append(f", che conta {format_number(ente.inhabitants)} abitanti")
    parts.append(f". L'ente opera con {len(plan.staff)} persone assegnate a "
                 f"{len(plan.sectors)} settori.")
    paragraph(annex, "".join(parts))
    caption(annex, "Aree strategiche")
    add_table(annex.doc, [Col("Area strategica", 6), Col("Obiettivi", 1.5, CELL_NUMBER),
                          Col("Raggiungimento", 2, CELL_NUMBER)],
              [Row([row.area or "(senza area)", str(row.obiettivi), percent(row.percentuale)])
               for row in sorted(outcome.tables["aree"].itertuples(), key=lambda r: not r.area)])


def _results(annex: Annex, outcome: RoundResult) -> None:
    heading(annex, 1, "I risultati per settore e obiettivo", page_break=True)
    paragraph(annex, "Per ogni obiettivo: gli indicatori con target, valore raggiunto, "
                     "stato e percentuale di raggiungimento; sotto, le cause degli "
                     "scostamenti e le azioni correttive indicate dai settori.")
    indicators: dict[tuple[str, str], list[dict]] = {}
    for i in outcome.tables["indicatori"].to_dict("records"):
        indicators.setdefault((i["settore"], i["obiettivo_rif"]), []).append(i)
    objectives: dict[str, list[dict]] = {}
    for o in outcome.tables["obiettivi"].to_dict("records"):
        objectives.setdefault(o["settore"], []).append(o)
    for sector_row in outcome.tables["settori"].to_dict("records"):
        sector = sector_row["settore"]
        shown = sector_row["percentuale"]
        heading(annex, 2, f"{sector} – {percent(shown)}" if percent(shown) != "–"
                else f"{sector} (nessun obiettivo ancora misurato)")
        rows, gaps = [], []
        for o in objectives.get(sector, []):
            rows.append(Row([f"{o['rif']} {o['obiettivo']}", "", "", "", "",
                             percent(o["percentuale"])], bold=True, shaded=True))
            for i in indicators.get((sector, o["rif"]), []):
                rows.append(Row([i["indicatore"] or "–", _target(i), _reached(i),
                                 i["stato"] or "–", i["esito"], percent(i["percentuale"])],
                                indent=True))
                if i["cause"] or i["azioni"]:
                    gaps.append(i)
        caption(annex, f"Obiettivi del {sector}")
        add_table(annex.doc, [Col("Obiettivo / indicatore", 5.6), Col("Target o scadenza", 1.9),
                              Col("Valore o data", 1.7), Col("Stato", 1.8), Col("Esito", 1.8),
                              Col("%", 1.3, CELL_NUMBER)], rows, keep=False)
        for g in gaps:
            paragraph(annex, f"{g['rif']} – {gap_text(g['cause'], g['azioni'])}")


def _target(indicator: dict) -> str:
    """The target, or the deadline when it is not already the indicator's own text."""
    if indicator["target"]:
        return indicator["target"]
    deadline = indicator["scadenza"]
    return deadline if deadline and deadline != indicator["indicatore"] else "–"


def _reached(indicator: dict) -> str:
    """The value reached, or the completion date."""
    if indicator["valore"]:
        return str(indicator["valore"])
    done = indicator["data_completamento"]
    return format_date(done) if hasattr(done, "year") else "–"


def _resources(annex: Annex, outcome: RoundResult) -> None:
    heading(annex, 1, "Le risorse impiegate")
    reading = outcome.reading
    paragraph(annex, "Il personale assegnato ai settori, in unità equivalenti a tempo pieno "
                     "(36 ore settimanali).")
    caption(annex, "Personale per settore")
    rows = [Row([s.name, str(len(s.staff)), format_number(reading.fte(s.staff), 2)])
            for s in reading.plan.sectors]
    rows.append(Row(["Totale", str(len(reading.plan.staff)),
                     format_number(reading.fte(reading.plan.staff), 2)], bold=True, shaded=True))
    add_table(annex.doc, [Col("Settore", 6), Col("Persone", 2, CELL_NUMBER),
                          Col("Tempo pieno equivalente", 2.5, CELL_NUMBER)], rows)


def _equal_opportunities(annex: Annex, outcome: RoundResult) -> None:
    heading(annex, 1, "Pari opportunità e benessere organizzativo")
    staff = outcome.reading.plan.staff
    part_time = sum(1 for m in staff if m.weekly_hours)
    external = sum(1 for m in staff if m.relation == "esterno")
    works = "lavora" if part_time == 1 else "lavorano"
    outside = "non è dipendente" if external == 1 else "non sono dipendenti"
    paragraph(annex, (
        f"Delle {len(staff)} persone assegnate ai settori, {part_time} {works} a tempo "
        f"parziale e {external} {outside} dell'ente. Le azioni positive per le pari "
        "opportunità e il benessere organizzativo sono quelle del Piano triennale delle "
        "azioni positive dell'ente, al quale si rinvia per la rendicontazione."))


def _process(annex: Annex, outcome: RoundResult) -> None:
    r, s = outcome.returns, outcome.returns.settings
    heading(annex, 1, "Il processo di redazione")
    paragraph(annex, (
        f"Ogni settore ha ricevuto un rendiconto precompilato con gli obiettivi approvati e "
        f"lo ha restituito con i valori al {format_date(r.reference_date)}: sono stati "
        f"letti {len(r.returns)} rendiconti su {len(outcome.reading.plan.sectors)} settori. "
        "I valori sono stati confrontati con il piano approvato e verificati in automatico; "
        f"le verifiche hanno segnalato {annex.facts.errors} errori."))
    paragraph(annex, (
        "Regole di misurazione: target numerico raggiunto in proporzione, fino al 100% "
        "(inverso per i target «al massimo»); obiettivo a scadenza 100% se completato in "
        f"tempo, con una riduzione di {percent(s.delay_reduction)} per ogni periodo di "
        f"{s.delay_days} giorni di ritardo; sì/no 100% o 0%"
        + ("; indicatori senza target né scadenza datata misurati dallo stato dichiarato "
           "(raggiunto 100%, parzialmente raggiunto 50%, non raggiunto 0%)"
           if s.state_without_target else
           "; indicatori senza target né scadenza datata riportati come non misurabili")
        + "; indicatori che il piano non rende misurabili riportati come tali, senza "
          "percentuale"
        + ("; punteggio per fasce 0/50/75/100%" if s.bands else "")
        + f". Semaforo verde da {percent(s.green)}, giallo da {percent(s.yellow)}."))


def _validation(annex: Annex, outcome: RoundResult) -> None:
    heading(annex, 1, "Validazione del Nucleo di valutazione", page_break=True)
    paragraph(annex, "Scheda di validazione della Relazione sulla performance (art. 14, "
                     "comma 4, lett. c, D.Lgs. 150/2009), da compilare e sottoscrivere a cura "
                     "del Nucleo di valutazione.")
    caption(annex, "Verifiche per la validazione")
    add_table(annex.doc, [Col("Ambito", 2), Col("Verifica", 7), Col("Sì", 0.8, CELL_CENTER),
                          Col("No", 0.8, CELL_CENTER), Col("Note", 3)],
              [Row([area, text, "☐", "☐", ""]) for area, text in CHECKLIST])
    paragraph(annex, "Esito:  ☐ validata    ☐ validata con osservazioni    ☐ non validata")
    paragraph(annex, "Data ____________________    Il Nucleo di valutazione "
                     "______________________________")


def _at_risk(annex: Annex, outcome: RoundResult) -> None:
    """Objectives below the green threshold or with an indicator the sector declares
    «parzialmente raggiunto» or «non raggiunto» (measured or not), and indicators still
    «in corso» whose deadline has passed at the reference date."""
    heading(annex, 1, "Obiettivi a rischio")
    obj, ind = outcome.tables["obiettivi"], outcome.tables["indicatori"]
    s, day = outcome.returns.settings, outcome.returns.reference_date
    declared = ind[ind["stato"].isin(DECLARED_AT_RISK)]
    flagged = set(zip(declared["settore"], declared["obiettivo_rif"]))
    below = obj["percentuale"].notna() & (obj["percentuale"] < float(s.green))
    declared_here = obj.apply(lambda o: (o["settore"], o["rif"]) in flagged, axis=1)
    risky = obj[below | declared_here.astype(bool)]
    paragraph(annex, f"Obiettivi con raggiungimento sotto {percent(s.green)} alla data di "
                     "riferimento, o che il settore dichiara parzialmente raggiunti o non "
                     f"raggiunti: {len(risky)}.")
    if len(risky):
        caption(annex, "Obiettivi a rischio")
        add_table(annex.doc, [Col("Settore", 2.5), Col("Obiettivo", 4.8),
                              Col("%", 1.3, CELL_NUMBER), Col("Semaforo", 1.6),
                              Col("Cause e azioni correttive", 4.3)],
                  [Row([o.settore, f"{o.rif} {o.obiettivo}", percent(o.percentuale),
                        s.light(o.percentuale) or "–", _gaps(ind, o.settore, o.rif)])
                   for o in risky.itertuples()])
    overdue = [i for i in ind.itertuples()
               if i.esito == "in corso" and i.termine is not None and i.termine < day]
    paragraph(annex, f"Indicatori ancora in corso con la scadenza già passata: {len(overdue)}.")
    if overdue:
        caption(annex, "Indicatori in ritardo")
        add_table(annex.doc, [Col("Rif.", 1.5), Col("Obiettivo", 6), Col("Scadenza", 2),
                              Col("Cause e azioni correttive", 5)],
                  [Row([i.rif, i.obiettivo, format_date(i.termine),
                        gap_text(i.cause, i.azioni) or "non indicate dal settore"])
                   for i in overdue])


def gap_text(cause: str, actions: str) -> str:
    """«Cause: …. Azioni correttive: ….», as the sector wrote them ('' for neither)."""
    return " ".join(f"{label}: {text.strip().rstrip('.')}." for label, text in
                    (("Cause", cause), ("Azioni correttive", actions)) if text and text.strip())


def _gaps(indicators, sector: str, objective: str) -> str:
    """The causes and corrective actions of an objective's indicators («PL.04/1: …»)."""
    rows = indicators[(indicators["settore"] == sector)
                      & (indicators["obiettivo_rif"] == objective)]
    texts = [(i.rif, gap_text(i.cause, i.azioni)) for i in rows.itertuples()]
    texts = [(rif, text) for rif, text in texts if text]
    if len(texts) == 1:
        return texts[0][1]
    return " ".join(f"{rif}: {text}" for rif, text in texts) or "non indicate dal settore"


def _variations(annex: Annex, outcome: RoundResult) -> None:
    heading(annex, 1, "Variazioni da sottoporre alla Giunta")
    ind = outcome.tables["indicatori"]
    dropped = ind[ind["stato"] == "non più pertinente"]
    approved = int((dropped["atto_giunta"] != "").sum())
    paragraph(annex, f"Indicatori che i settori dichiarano non più pertinenti: {len(dropped)}; "
                     f"per {approved} la Giunta ha già approvato la variazione (la delibera è "
                     f"indicata), {len(dropped) - approved} sono da approvare.")
    if len(dropped):
        caption(annex, "Variazioni proposte")
        add_table(annex.doc, [Col("Rif.", 1.5), Col("Obiettivo", 6), Col("Motivo", 4),
                              Col("Atto di Giunta", 2.5)],
                  [Row([d.rif, d.obiettivo, d.cause or "–", d.atto_giunta or "da approvare"])
                   for d in dropped.itertuples()])
