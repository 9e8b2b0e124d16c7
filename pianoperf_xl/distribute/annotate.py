"""``pianoperf annotate``: returned workbooks with their findings written into a copy.

For every workbook of the inbox with findings, a copy in the output folder where:

- every cell named by an error or a warning is highlighted (a conditional format, so the
  cell's own style is left alone and the highlight can be taken away exactly) and carries
  a comment with the finding's message and hint, in Italian, in a box beside the cell
  (``comment_boxes``); information (a number understood from text, a balanced budget) is
  listed in «Verifiche» only, so the copy shows what must be corrected;
- a first sheet «Verifiche» lists all the findings of that file, each linked to its cell.

The original is never written to. The copy is saved by openpyxl, which drops the cached
values of formulas: they are put back from the original (see ``cached_values``), so the
copy reads back as the same template with the same values. The reader ignores the extra
«Verifiche» sheet (it reads the template's sheets by name), and annotating a copy that
comes back annotated first removes the previous annotations.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.findings import ERROR, INFO, SEVERITY_LABELS, WARNING, Finding
from pianoperf_xl.write import style
from pianoperf_xl.write.atomic import atomic_path

SHEET = "Verifiche"
AUTHOR = "pianoperf"
SEPARATOR = "── Verifiche di pianoperf ──"
# Our highlight rule: a formula no user writes, so that it is found and removed again.
MARKER_FORMULA = 'ISTEXT("pianoperf")'
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
# Findings that say the file was not opened, or must not be: no copy of those.
REFUSED = {"file-not-workbook", "file-legacy-xls", "file-unreadable", "file-encrypted",
           "file-too-large", "file-zip-bomb", "file-xml-entities", "sheet-too-large",
           "file-not-regular", "file-link-outside"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
HEADERS = (("N.", 5), ("Gravità", 12), ("Foglio", 16), ("Cella", 8), ("Problema", 70),
           ("Suggerimento", 50), ("Codice", 26))


@dataclass
class Annotated:
    file: str
    path: Path
    findings: int
    cells: int  # cells with a comment


@dataclass
class AnnotateResult:
    errors: bool = False  # some finding is an error
    annotated: list[Annotated] = field(default_factory=list)
    clean: list[str] = field(default_factory=list)  # files without findings: no copy
    refused: list[tuple[str, str]] = field(default_factory=list)  # file, why no copy


def annotate_folder(inbox: str | Path, out_dir: str | Path, *, year: int | None = None,
                    approval_date: dt.date | None = None) -> AnnotateResult:
    from pianoperf_xl.pipeline import check_folder
    from pianoperf_xl.read import UnusableInput

    inbox, out_dir = Path(inbox), Path(out_dir)
    if out_dir.resolve() == inbox.resolve():
        raise DistributionError("La cartella delle copie annotate deve essere diversa da "
                                "quella dei file restituiti, che non vengono mai modificati.")
    try:
        report = check_folder(inbox, year=year, approval_date=approval_date)
    except UnusableInput as exc:
        raise DistributionError(str(exc)) from exc
    plan = report.plan
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in plan.findings:
        by_file[f.file].append(f)
    result = AnnotateResult(errors=not report.valid)
    for source in plan.files:
        findings = by_file.get(source.name, [])
        refusal = next((f for f in findings if f.code in REFUSED), None)
        if not findings:
            result.clean.append(source.name)
        elif refusal is not None or not source.name.lower().endswith(WORKBOOK_SUFFIXES):
            result.refused.append((source.name, refusal.message if refusal else
                                   "non è una cartella di lavoro Excel"))
        else:
            try:
                path, cells = annotate_workbook(source.path or inbox / source.name,
                                                out_dir / source.name, findings)
            except Unfaithful as exc:
                result.refused.append((source.name, str(exc)))
                continue
            result.annotated.append(Annotated(source.name, path, len(findings), cells))
    return result


class Unfaithful(Exception):
    """No copy of this workbook can be written that keeps all of it (Italian reason)."""


def annotate_workbook(source: Path, target: Path, findings: list[Finding]) -> tuple[Path, int]:
    """Write the annotated copy of ``source`` to ``target``; returns it and the number of
    cells commented. ``Unfaithful`` when the copy would lack anything of the original:
    then nothing is written."""
    from pianoperf_xl.distribute import faithful
    from pianoperf_xl.distribute.cached_values import restore_cached_values
    from pianoperf_xl.distribute.comment_boxes import place_comment_boxes

    if faithful.is_strict(source):
        raise Unfaithful("è salvato nel formato «Foglio di calcolo Strict Open XML», che la "
                         "copia annotata non può riprodurre: le verifiche sono nel report. "
                         "Risalvandolo come «Cartella di lavoro di Excel (.xlsx)» si potrà "
                         "annotare.")
    try:
        book = _load(source)
        remove_annotations(book)
        cells = _annotate(book, target.name, findings)
        _mark(book, source)
        with atomic_path(target) as tmp:
            book.save(tmp)
            restore_cached_values(source, tmp)
            place_comment_boxes(tmp)
            faithful.restore_list_validations(source, tmp)
            lost = faithful.losses(source, tmp)
            if lost:
                raise Unfaithful("la copia annotata perderebbe " + ", ".join(lost) + ": "
                                 "non è stata scritta; le verifiche sono nel report.")
    except Unfaithful:
        raise
    except Exception as exc:  # openpyxl refuses what it does not know (zoomScale="auto")
        raise Unfaithful("contiene elementi che la copia annotata non sa riprodurre "
                         f"({exc.__class__.__name__}): non è stata scritta; le verifiche "
                         "sono nel report.") from exc
    return target, len(cells)


def _mark(book, source: Path) -> None:
    """Mark the copy as ours (see ``own_outputs``): until someone saves it, the reader
    knows it is not a returned workbook."""
    from openpyxl.packaging.custom import StringProperty

    from pianoperf_xl import own_outputs

    props = book.custom_doc_props
    for name in (own_outputs.MARK, own_outputs.ORIGINAL):
        if name in props.names:
            del props[name]
    props.append(StringProperty(name=own_outputs.MARK, value=own_outputs.ANNOTATED))
    props.append(StringProperty(name=own_outputs.ORIGINAL, value=own_outputs.sha256(source)))
    book.properties.lastModifiedBy = own_outputs.ANNOTATOR


def _load(source: Path):
    """The workbook through openpyxl, whose English warnings (about what it drops) never
    reach the user: ``faithful.losses`` says in Italian what would be lost."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm",
                                      rich_text=True)


def _annotate(book, file_name: str, findings: list[Finding]) -> dict:
    """Comments, highlights and the «Verifiche» sheet; returns the commented cells."""
    findings = sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
    cells = _cells(book, [f for f in findings if f.severity != INFO])
    for (sheet, cell), items in cells.items():
        _comment(book[sheet][cell], items)
    for sheet in {sheet for sheet, _ in cells}:
        _highlight(book[sheet], {c: items for (s, c), items in cells.items() if s == sheet})
    _findings_sheet(book, file_name, findings, cells)
    return cells


def _cells(book, findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """The findings of each cell that exists in the workbook (a merged area's own cell)."""
    from openpyxl.utils.cell import coordinate_from_string

    cells: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if not f.sheet or not f.cell or f.sheet not in book.sheetnames:
            continue
        try:
            coordinate_from_string(f.cell)
        except ValueError:
            continue
        ws = book[f.sheet]
        cell = f.cell
        for merged in ws.merged_cells.ranges:
            if cell in merged:
                cell = merged.start_cell.coordinate
                break
        cells[(f.sheet, cell)].append(f)
    return dict(cells)


def _comment_text(items: list[Finding]) -> str:
    parts = []
    for f in items:
        text = f"{SEVERITY_LABELS.get(f.severity, f.severity).capitalize()}: {f.message}"
        if f.hint:
            text += f"\nSuggerimento: {f.hint}"
        parts.append(text)
    return "\n\n".join(parts)


def _comment(cell, items: list[Finding]) -> None:
    from openpyxl.comments import Comment

    text = _comment_text(items)
    previous = _foreign_text(cell.comment)
    if previous:
        text = f"{previous}\n\n{SEPARATOR}\n{text}"
    comment = Comment(text, AUTHOR)
    lines = sum(1 + len(line) // 55 for line in text.split("\n"))
    comment.width, comment.height = 340, min(max(60, 15 * lines), 600)
    cell.comment = comment


def _foreign_text(comment) -> str | None:
    """The part of a cell's comment that is not ours."""
    if comment is None:
        return None
    if comment.author == AUTHOR and SEPARATOR not in comment.text:
        return None
    return comment.text.split(f"\n\n{SEPARATOR}\n")[0] or None


def _highlight(ws, cells: dict[str, list[Finding]]) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    by_severity: dict[str, list[str]] = defaultdict(list)
    for cell, items in cells.items():
        by_severity[items[0].severity].append(cell)  # items are sorted: worst first
    for severity, refs in by_severity.items():
        color = style.argb(style.HIGHLIGHT.get(severity, style.HIGHLIGHT[INFO]))
        fill = PatternFill(start_color=color, end_color=color, fill_type="solid")
        ws.conditional_formatting.add(" ".join(refs), FormulaRule(
            formula=[MARKER_FORMULA], fill=fill, stopIfTrue=True))


def remove_annotations(book) -> None:
    """Take away what a previous annotation added: sheet, comments and highlights."""
    from openpyxl.formatting.formatting import ConditionalFormattingList

    if SHEET in book.sheetnames:
        del book[SHEET]
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.comment is not None and (cell.comment.author == AUTHOR
                                                 or SEPARATOR in cell.comment.text):
                    previous = _foreign_text(cell.comment)
                    cell.comment = None
                    if previous:
                        from openpyxl.comments import Comment

                        cell.comment = Comment(previous, "")
        kept = ConditionalFormattingList()
        for formatting in ws.conditional_formatting:
            for rule in formatting.rules:
                if list(rule.formula or []) != [MARKER_FORMULA]:
                    kept.add(str(formatting.sqref), rule)
        ws.conditional_formatting = kept


def _findings_sheet(book, file: str, findings: list[Finding],
                    cells: dict[tuple[str, str], list[Finding]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    from pianoperf_xl.values import format_date
    from pianoperf_xl.write.cells import row_height

    ws = book.create_sheet(SHEET, 0)
    _text(ws, 1, 1, f"Verifiche del {format_date(dt.date.today())} su «{file}»").font = Font(
        bold=True, size=14, color=style.argb(style.BLUE))
    _text(ws, 2, 1, "Correggere le celle evidenziate (il commento su ciascuna dice il "
                    "problema) e restituire il file. Questo foglio si può lasciare: "
                    "non viene letto.").font = Font(italic=True,
                                                    color=style.argb(style.GREY_TEXT))
    header_row = 4
    for col, (title, width) in enumerate(HEADERS, 1):
        cell = _text(ws, header_row, col, title)
        cell.font = Font(bold=True, color=style.argb(style.WHITE))
        cell.fill = PatternFill("solid", start_color=style.argb(style.BLUE))
        ws.column_dimensions[cell.column_letter].width = width
    commented = {id(f): (sheet, cell) for (sheet, cell), items in cells.items() for f in items}
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, f in enumerate(findings, 1):
        row = header_row + i
        sheet, cell = commented.get(id(f), (f.sheet, f.cell))
        values = (str(i), SEVERITY_LABELS.get(f.severity, f.severity), sheet or "",
                  cell or "", f.message, f.hint or "", f.code)
        for col, value in enumerate(values, 1):
            _text(ws, row, col, value).alignment = wrap
        ws.cell(row=row, column=1).value = i  # «N.»: a number, to sort and filter by
        ws.row_dimensions[row].height = row_height(
            [(text, width) for text, (_, width) in zip(values, HEADERS)])
        if id(f) in commented:
            link = ws.cell(row=row, column=4)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!{cell}")
            link.font = Font(color=style.argb(style.LINK), underline="single")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.auto_filter.ref = f"A{header_row}:G{header_row + len(findings)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    book.active = 0
    for other in book.worksheets[1:]:
        other.sheet_view.tabSelected = False


def _text(ws, row: int, col: int, value: str):
    """A cell holding ``value`` as text, never as a formula (messages quote user text)."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"
    return cell


def annotate_lines(result: AnnotateResult) -> list[str]:
    lines = [f"Scritto {a.path} ({a.findings} verifiche, {a.cells} celle commentate)"
             for a in result.annotated]
    lines += [f"Senza verifiche, non serve rimandarlo: «{name}»" for name in result.clean]
    lines += [f"Non annotato: «{name}»: {why}" for name, why in result.refused]
    if result.annotated:
        lines.append("Le copie annotate hanno un primo foglio «Verifiche» e un commento su "
                     "ogni cella da correggere: si possono rimandare così come sono.")
    return lines
