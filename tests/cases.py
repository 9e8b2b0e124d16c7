"""Test data shared by several test modules: hypothesis strategies for any cell value and
for deadline texts, and what the reader finds in each folder of the broken-input corpus."""

from __future__ import annotations

from hypothesis import strategies as st

# Anything a cell may hold, and text that looks like a number or an amount.
ANY_RAW = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.,- €()%n°/\u00a0–"),
    st.floats(),
    st.integers(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
    st.none(),
)

DEADLINE_FRAGMENTS = [
    "entro", "il", "fine", "dal", "al", "-", "/", "e", "poi", "costante", "anno", "l'anno",
    "31/12", "29/02", "1/3", "31/12/2023", "15", "marzo", "giugno", "settembre", "dic.",
    "primo", "semestre", "trimestre", "2022", "giorni", "30", "dalla richiesta",
    "all'occorrenza", "in caso di", "Numero di", "settimanale", "nell'arco dell'", "mese di",
    "°", "non", "12.5", "99999", "0000", "00/00"]
# Any text, and texts made of the words deadlines are written with.
DEADLINE_TEXTS = st.one_of(
    st.text(), st.lists(st.sampled_from(DEADLINE_FRAGMENTS), max_size=8).map(" ".join))

# tests/data/broken/: folder -> the codes of the reader's findings (in any order, with
# repeats)
BROKEN_READER_CODES = {
    "not-a-workbook": ["file-not-workbook", "file-unreadable"],
    "legacy-xls": ["file-legacy-xls", "file-legacy-xls"],
    "encrypted": ["file-encrypted"],
    "truncated": ["file-unreadable"],
    "corrupt-zip": ["file-unreadable"],
    "zip-bomb": ["file-zip-bomb"],
    "billion-laughs": ["file-xml-entities"],
    "external-entity": ["file-xml-entities"],
    "million-rows": [],
    "far-cell": ["sheet-too-large"],
    "formula-not-computed": ["cell-formula-not-computed"],
    "formula-error": ["cell-error-value"],
    "merged-cells": [],
    "hidden-rows": ["cell-hidden", "cell-hidden"],
    "hidden-sheet": ["sheet-hidden-content", "sheet-hidden-content"],
    "duplicate-sector": ["sector-duplicate"],
    "duplicate-odd-dates": ["sector-duplicate"] * 2,
    "wrong-version": ["template-wrong-version"],
    "wrong-year": ["template-wrong-year"],
    "no-template": ["template-unknown"],
    "text-numbers": ["cell-text-as-number"] * 5 + ["cell-wrong-type"],
    "text-dates": ["cell-text-as-date"] * 2,
    "date1904": [],
    "lock-file": [],
    "empty": ["folder-empty"],
    "macro-enabled": ["file-macro-enabled"],
    "long-text": ["cell-too-long"],
    "control-chars": ["cell-control-chars"],
    "invisible-names": ["cell-control-chars"] * 3 + ["cell-line-break"],
    "absurd-year": ["template-year-invalid"] * 2,
    "annotate-cannot-copy": [],
}


# -- an evaluation round, computed by hand (write/evaluation) ---------------------------
#
# Three groups: two E.Q. (fewer than the privacy threshold of 3), eight employees of the
# technical area, four of the administrative area. Totals: results × weight + behaviours ×
# (100 − weight). Each fund is split by the quota coefficient × FTE × days / 365, every
# bonus rounded down to the cent, the cents left over are the remainder:
#   E.Q.: 6.000 / (1 + 0,8) = 3.333,33 per quota -> 3.333,33 and 2.666,66; remainder 0,01.
#   Tecnica: 9.000 / (1 + 0,5 + 0,8 + 0,75 + 3 × 0,8) = 9.000 / 5,45 = 1.651,376… ->
#     1.651,37, 825,68, 1.321,10, 1.238,53, 3 × 1.321,10, 0; paid 8.999,98, remainder 0,02.
#   Amministrativa: 4.000 / (1 + 0,6 + 1) = 1.538,46… -> 1.538,46, 923,07, 1.538,46, 0;
#     paid 3.999,99, remainder 0,01.

def evaluation_case(*, invented: bool = False, findings=()):
    """The hand-computed round above, as ``evaluation.model.Evaluation``."""
    import datetime as dt
    from decimal import Decimal as D

    from pianoperf_xl.evaluation import model as m

    def bands(*spec):
        return tuple(m.Band(D(lower), D(coefficient), label) for lower, coefficient, label in spec)

    organisation = (m.Behaviour("C1", "Capacità organizzativa", D("0.5")),
                    m.Behaviour("C2", "Relazioni con colleghi e utenti", D("0.5")))
    work = (m.Behaviour("D1", "Qualità del lavoro", D("0.4")),
            m.Behaviour("D2", "Collaborazione", D("0.3")),
            m.Behaviour("D3", "Flessibilità", D("0.3")))
    staff_bands = bands(("90", "1", "da 90 a 100"), ("75", "0.8", "da 75 a 89,99"),
                        ("60", "0.5", "da 60 a 74,99"))
    eq = m.Group("EQ", "Titolari di E.Q.", D(60), m.OWN_OBJECTIVES, "nucleo", organisation,
                 D(10), bands(("90", "1", "da 90 a 100"), ("60", "0.8", "da 60 a 89,99")),
                 D("6000"))
    tech = m.Group("TEC", "Dipendenti area tecnica", D(40), m.SECTOR, "responsabile", work,
                   D(10), staff_bands, D("9000"))
    admin = m.Group("AMM", "Dipendenti area amministrativa", D(40), m.SECTOR, "responsabile",
                    work, D(10), staff_bands, D("4000"))
    top, mid = staff_bands[0], staff_bands[1]
    general, finance, technical = ("Settore Affari Generali", "Settore Finanziario",
                                   "Settore Tecnico")
    lavori = m.ObjectiveShare(technical, "3.1", "Manutenzione delle strade comunali", 0.5, 0.9)
    bando = m.ObjectiveShare(technical, "3.2", "Bando per il nuovo magazzino", 0.5, 0.9)
    digital = m.ObjectiveShare(general, "1.1", "Digitalizzazione del protocollo", 0.6, 0.95)
    archive = m.ObjectiveShare(general, "1.2", "Riordino dell'archivio storico", 0.4, None)
    budget = m.ObjectiveShare(finance, "2.1", "Riduzione dei tempi di pagamento", 1.0, 0.8)

    def person(name, sector, group, scores, results, behaviours, total, band, weight, bonus,
               *, fte="1", days=365, objectives=(), evaluator="Cairo Micaela", comment="",
               interview=dt.date(2023, 3, 15)):
        return m.PersonEvaluation(
            name=name, sector=sector, group=group, profile="Istruttore", evaluator=evaluator,
            fte=D(fte), days_served=days, year_days=365, objectives=tuple(objectives),
            behaviours=tuple(m.BehaviourScore(b, None if s is None else D(s))
                             for b, s in zip(group.behaviours, scores)),
            results_score=None if results is None else D(results),
            behaviours_score=None if behaviours is None else D(behaviours),
            total=None if total is None else D(total), band=band, weight=D(weight),
            bonus=D(bonus), comment=comment, interview_date=interview,
            source=f"{name}.xlsx" if total is not None else "")

    people = [
        # E.Q.: 60 × results + 40 × behaviours; behaviours 9 and 9 out of 10 -> 90.
        person("Cairo Micaela", general, eq, ("9", "9"), "95.00", "90.00", "93.00",
               eq.bands[0], "1", "3333.33", objectives=(digital, archive),
               evaluator="Segretario comunale Rossi Franco",
               comment="Ottimo coordinamento del settore."),
        person("Bianchi Luigi", finance, eq, ("7", "7"), "80.00", "70.00", "76.00",
               eq.bands[1], "0.8", "2666.66", objectives=(budget,),
               evaluator="Segretario comunale Rossi Franco"),
        # Technical area: results 90 (the sector), 40 × 90 = 36 + 60 × behaviours.
        person("Verdi Anna", technical, tech, ("10", "10", "10"), "90.00", "100.00", "96.00",
               top, "1", "1651.37", objectives=(lavori, bando)),
        person("Neri Paolo", technical, tech, ("9.5", "9.5", "9.5"), "90.00", "95.00",
               "93.00", top, "0.5", "825.68", fte="0.5", objectives=(lavori, bando)),
        person("Russo Giulia", technical, tech, ("9", "9", "9"), "90.00", "90.00", "90.00",
               top, "0.8", "1321.10", days=292, objectives=(lavori, bando)),
        person("Gallo Marco", technical, tech, ("10", "10", "10"), "90.00", "100.00",
               "96.00", top, "0.75", "1238.53", fte="0.75", objectives=(lavori, bando)),
        person("Costa Elena", technical, tech, ("8", "8", "8"), "90.00", "80.00", "84.00",
               mid, "0.8", "1321.10", objectives=(lavori, bando)),
        person("Ricci Sara", technical, tech, ("8.5", "8.5", "8.5"), "90.00", "85.00",
               "87.00", mid, "0.8", "1321.10", objectives=(lavori, bando)),
        person("Marino Davide", technical, tech, ("8.25", "8.25", "8.25"), "90.00", "82.50",
               "85.50", mid, "0.8", "1321.10", objectives=(lavori, bando)),
        person("Fontana Luca", technical, tech, ("3", "3", "3"), "90.00", "30.00", "54.00",
               None, "0", "0.00", objectives=(lavori, bando),
               comment="Obiettivi individuali da rivedere al colloquio."),
        # Administrative area: results 95 (general affairs) or 80 (finance).
        person("Greco Chiara", general, admin, ("9", "9", "9"), "95.00", "90.00", "92.00",
               top, "1", "1538.46", objectives=(digital, archive)),
        person("Bruno Stefano", finance, admin, ("10", "10", "10"), "80.00", "100.00",
               "92.00", top, "0.6", "923.07", days=219, objectives=(budget,),
               evaluator="Bianchi Luigi"),
        person("Conti Federica", general, admin, ("9.5", "9.5", "9.5"), "95.00", "95.00",
               "95.00", top, "1", "1538.46", objectives=(digital, archive)),
        person("De Luca Giorgio", general, admin, (None, None, None), "95.00", None, None,
               None, "0", "0.00", objectives=(digital, archive), interview=None),
    ]
    funds = [m.GroupFund(eq, D("6000"), D("5999.99"), D("0.01")),
             m.GroupFund(tech, D("9000"), D("8999.98"), D("0.02")),
             m.GroupFund(admin, D("4000"), D("3999.99"), D("0.01"))]
    return m.Evaluation(2022, "Comune di Prova", (eq, tech, admin), people, funds,
                        findings=list(findings), privacy_threshold=3, invented=invented)


# (surname, given name) of every person of ``evaluation_case``, and the evaluators.
EVALUATION_NAMES = (("Cairo", "Micaela"), ("Bianchi", "Luigi"), ("Verdi", "Anna"),
                    ("Neri", "Paolo"), ("Russo", "Giulia"), ("Gallo", "Marco"),
                    ("Costa", "Elena"), ("Ricci", "Sara"), ("Marino", "Davide"),
                    ("Fontana", "Luca"), ("Greco", "Chiara"), ("Bruno", "Stefano"),
                    ("Conti", "Federica"), ("De Luca", "Giorgio"), ("Rossi", "Franco"))
