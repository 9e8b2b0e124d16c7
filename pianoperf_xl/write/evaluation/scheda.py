"""One person's scheda di valutazione as a Word document, ready to be signed at the
interview: who is evaluated and by whom, each objective with its share and measured
achievement, each behaviour with its weight and score, the scores, the band, the bonus,
the evaluator's comment, the interview date and the two signatures.

Written with the annex's machinery (styles, ``--modello-word``, running header, BOZZA
while the round has error findings); every figure is taken as the computation gave it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from docx.shared import Pt, RGBColor

from pianoperf_xl.evaluation.model import ENTE, SECTOR, Evaluation, PersonEvaluation
from pianoperf_xl.values import format_date, format_number
from pianoperf_xl.write.annex import text as annex_text
from pianoperf_xl.write.annex.document import Annex, heading, paragraph
from pianoperf_xl.write.annex.header_footer import document_header, footer, has_content
from pianoperf_xl.write.annex.ooxml import clean
from pianoperf_xl.write.annex.styles import (CELL_NUMBER, LEFT, NOTE, NOTICE, RED,
                                             open_base)
from pianoperf_xl.write.annex.tables import Col, Row, add_table, save
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.write.evaluation import text as txt

KEYWORDS = "Valutazione individuale; scheda di valutazione; riservato"
BLANK_LINE = "_" * 78  # a line to write on, as wide as the text
BASIS = {
    SECTOR: "Il punteggio dei risultati è il raggiungimento complessivo del settore: "
            "sono elencati gli obiettivi del settore con la loro quota.",
    ENTE: "Il punteggio dei risultati è il raggiungimento complessivo dell'ente: sono "
          "elencati gli obiettivi dell'ente con la loro quota.",
}


def title(year: int) -> str:
    return f"Valutazione della performance individuale {year}"


def facts(evaluation: Evaluation) -> annex_text.AnnexFacts:
    """What the annex's header and BOZZA rules need to know: the ente, the year, the
    errors of the round."""
    return annex_text.AnnexFacts(
        ente=evaluation.ente, province=None, year=evaluation.year, sectors=0, objectives=0,
        indicators=0, staff=len(evaluation.people), errors=txt.errors(evaluation),
        budget_approval=None, delibera_numero=None, delibera_data=None,
        laws_day=dt.date(evaluation.year, 12, 31))


def write_scheda(person: PersonEvaluation, evaluation: Evaluation, path: str | os.PathLike,
                 *, base: str | os.PathLike | None = None) -> Path:
    """Write ``person``'s scheda to ``path`` (.docx); ``base`` is the comune's Word model."""
    # The scheda is not about a plan: the annex's helpers use only the document, its
    # facts and its running numbers, never ``reading``.
    annex = Annex(open_base(base), None, facts(evaluation))  # type: ignore[arg-type]
    first = annex.doc.sections[0]
    annex.keep_header = base is not None and has_content(first.header)
    annex.keep_footer = base is not None and has_content(first.footer)
    if not annex.keep_header:
        document_header(annex, f"Scheda di valutazione individuale {evaluation.year} · "
                               "RISERVATO")
        if evaluation.invented:
            _red(first.header.paragraphs[0].add_run(f" · {txt.INVENTED_SHORT}"))
    footer(annex, first)
    _properties(annex, person, evaluation)
    _opening(annex, person, evaluation)
    _who(annex, person, evaluation)
    _results(annex, person)
    _behaviours(annex, person)
    _outcome(annex, person)
    _interview(annex, person)
    with atomic_path(path) as tmp:
        save(annex.doc, str(tmp))
    return Path(path)


def _red(run) -> None:
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(RED)


def _properties(annex: Annex, person: PersonEvaluation, evaluation: Evaluation) -> None:
    props = annex.doc.core_properties
    props.title = f"{title(evaluation.year)} – {clean(person.name)}"
    props.subject = txt.PRIVATE_MARK
    props.author = props.last_modified_by = evaluation.ente
    props.language = "it-IT"
    props.keywords = KEYWORDS
    props.comments = txt.INVENTED if evaluation.invented else ""
    props.category = "Valutazione individuale"
    props.created = props.modified = dt.datetime(evaluation.year + 1, 1, 1)


def _opening(annex: Annex, person: PersonEvaluation, evaluation: Evaluation) -> None:
    name = paragraph(annex, "", "Subtitle")
    name.paragraph_format.space_before = Pt(0)
    name.add_run(title(evaluation.year))
    if evaluation.invented:
        _red(paragraph(annex, txt.INVENTED, NOTICE).runs[0])
    if annex.facts.draft:
        _red(paragraph(annex, txt.draft_note(annex.facts.errors)).runs[0])


def _who(annex: Annex, person: PersonEvaluation, evaluation: Evaluation) -> None:
    group = person.group
    days = f"{person.days_served} su {person.year_days}"
    evaluator = person.evaluator or txt.EVALUATORS.get(group.evaluator, group.evaluator)
    rows = [("Ente", evaluation.ente), ("Anno", str(evaluation.year)),
            ("Profilo / categoria", person.profile or "–"), ("Settore", person.sector),
            ("Gruppo di valutazione", group.name), ("Valutatore", evaluator),
            ("Tempo di lavoro (rispetto al tempo pieno)", txt.fte(person.fte)),
            ("Giorni di servizio nell'anno", days)]
    add_table(annex.doc, [Col("Dipendente valutato", 5), Col(clean(person.name), 9)],
              [Row([label, clean(value)]) for label, value in rows])


def _results(annex: Annex, person: PersonEvaluation) -> None:
    group = person.group
    heading(annex, 1, f"Risultati (peso {format_number(group.results_weight)} su 100)")
    if group.results_basis in BASIS:
        paragraph(annex, BASIS[group.results_basis])
    if not person.objectives:
        paragraph(annex, "Nessun obiettivo su cui valutare i risultati.")
    rows = [Row([o.ref, clean(o.title), clean(o.sector), txt.percent(o.share, missing="–"),
                 txt.percent(o.percent)]) for o in person.objectives]
    rows.append(Row(["", "Punteggio dei risultati (su 100)", "", "",
                     txt.score(person.results_score)], bold=True, shaded=True))
    add_table(annex.doc, [Col("Rif.", 1.2), Col("Obiettivo", 6.6), Col("Settore", 3),
                          Col("Quota", 1.5, CELL_NUMBER),
                          Col("Raggiungimento", 2.7, CELL_NUMBER)], rows)
    if any(o.percent is None for o in person.objectives):
        paragraph(annex, "«Non misurato»: l'obiettivo non ha indicatori misurabili a fine "
                         "anno e non concorre al punteggio dei risultati.", NOTE)


def _behaviours(annex: Annex, person: PersonEvaluation) -> None:
    group = person.group
    heading(annex, 1, "Comportamenti organizzativi (peso "
                      f"{format_number(100 - group.results_weight)} su 100)")
    scale = format_number(group.scale_max)
    rows = [Row([clean(b.behaviour.name), txt.percent(b.behaviour.weight),
                 "non valutato" if b.score is None else format_number(b.score)])
            for b in person.behaviours]
    rows.append(Row(["Punteggio dei comportamenti (su 100)", "",
                     txt.score(person.behaviours_score)], bold=True, shaded=True))
    add_table(annex.doc, [Col("Comportamento", 9), Col("Peso", 1.5, CELL_NUMBER),
                          Col(f"Punteggio (da 0 a {scale})", 2.8, CELL_NUMBER)], rows)


def _outcome(annex: Annex, person: PersonEvaluation) -> None:
    group = person.group
    heading(annex, 1, "Valutazione complessiva e premio")
    if person.total is None:
        band = "non valutato: nessun premio"
    elif person.band is None:
        band = "sotto la soglia minima: nessun premio"
    else:
        band = clean(person.band.label)
    coefficient = "–" if person.band is None else format_number(person.band.coefficient, 2)
    rows = [
        ("Punteggio dei risultati", txt.score(person.results_score)),
        ("Punteggio dei comportamenti", txt.score(person.behaviours_score)),
        (f"Punteggio totale (risultati {format_number(group.results_weight)}%, "
         f"comportamenti {format_number(100 - group.results_weight)}%)",
         txt.score(person.total)),
        ("Fascia", band),
        ("Coefficiente della fascia", coefficient),
        ("Quota: coefficiente × tempo di lavoro × giorni di servizio / giorni dell'anno",
         format_number(person.weight, 4)),
        ("Premio", txt.amount(person.bonus)),
    ]
    add_table(annex.doc, [Col("Voce", 10), Col("Valore", 4, CELL_NUMBER)],
              [Row([label, value], bold=label == "Premio", shaded=label == "Premio")
               for label, value in rows])
    paragraph(annex, f"Il premio è la parte del fondo del gruppo «{clean(group.name)}» "
                     "che spetta alla quota della persona; il fondo non è mai superato.", NOTE)


def _interview(annex: Annex, person: PersonEvaluation) -> None:
    heading(annex, 1, "Osservazioni del valutatore")
    if person.comment.strip():
        paragraph(annex, person.comment)
    else:
        for _ in range(3):
            paragraph(annex, BLANK_LINE)
    heading(annex, 1, "Colloquio di valutazione")
    when = format_date(person.interview_date) if person.interview_date else "____________"
    paragraph(annex, f"Data del colloquio: {when}")
    paragraph(annex, "Osservazioni del dipendente:")
    for _ in range(2):
        paragraph(annex, BLANK_LINE)
    evaluator = person.evaluator or "________________________"
    for label, who in (("Il valutatore", evaluator),
                       ("Per presa visione, il dipendente", person.name)):
        line = paragraph(annex)
        line.paragraph_format.alignment = LEFT
        line.paragraph_format.space_before = Pt(18)
        line.paragraph_format.keep_with_next = True
        line.add_run(f"{label}: ").bold = True
        line.add_run(clean(who))
        sign = paragraph(annex, "Firma ________________________________    "
                                "Data ______________")
        sign.paragraph_format.alignment = LEFT
        sign.paragraph_format.space_before = Pt(14)
    paragraph(annex, "La firma per presa visione non significa accettazione della "
                     "valutazione: il dipendente può chiederne il riesame secondo il sistema "
                     "di misurazione e valutazione dell'ente.", NOTE)
