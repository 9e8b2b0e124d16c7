"""The views of a ``Report``: the JSON of ``check --json``, the terminal tables, the HTML
page of ``build``. They render what the report says and compute nothing of it."""

from __future__ import annotations

import json
from pathlib import Path

from pianoperf_xl.findings import ERROR, INFO, SEVERITIES, SEVERITY_LABELS, WARNING
from pianoperf_xl.own_outputs import HTML_GENERATOR
from pianoperf_xl.report import Report

SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_STYLES = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}


def report_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def summary_line(report: Report) -> str:
    stats, counts = report.stats, report.counts()
    year = f"Piano {report.year}" if report.year else "Piano"
    return (f"{year} — file: {stats['files']}, settori: {stats['sectors']}, "
            f"obiettivi: {stats['objectives']}, indicatori: {stats['indicators']}, "
            f"persone: {stats['staff']}. Errori: {counts[ERROR]}, avvisi: {counts[WARNING]}, "
            f"informazioni: {counts[INFO]}.")


def file_problem_lines(report: Report) -> list[str]:
    """The errors about whole files (not read, not usable, missing), one line each: what
    the commands that write documents show under their summary, so that a document made
    without a file never passes unnoticed."""
    from pianoperf_xl.codes import CODES

    return [f"Attenzione: {f.message}" for f in report.findings
            if f.severity == ERROR and f.code in CODES and CODES[f.code].family == "file"]


def print_report(report: Report, *, quiet: bool = False) -> None:
    """Findings grouped by file and sheet, errors first, as readable tables."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    console.print(summary_line(report))
    shown = [f for f in report.findings if not quiet or f.severity == ERROR]
    groups: dict[tuple[str, str], list] = {}
    for f in sorted(shown, key=lambda f: (f.file, f.sheet or "", SEVERITY_ORDER[f.severity])):
        groups.setdefault((f.file, f.sheet or ""), []).append(f)
    for (file, sheet), findings in groups.items():
        table = Table(title=f"{file}" + (f" — foglio «{sheet}»" if sheet else ""),
                      title_justify="left", show_lines=False, expand=True)
        table.add_column("Cella", no_wrap=True)
        table.add_column("Gravità", no_wrap=True)
        table.add_column("Problema", ratio=1)
        table.add_column("Codice", style="dim", overflow="fold")
        for f in sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity]):
            message = f.message + (f"\n[italic]{f.hint}[/italic]" if f.hint else "")
            table.add_row(f.cell or "", f"[{SEVERITY_STYLES[f.severity]}]"
                          f"{SEVERITY_LABELS[f.severity]}[/]", message, f.code)
        console.print(table)


def print_codes() -> None:
    """The registry of finding codes, by family, as a readable table."""
    from rich.console import Console
    from rich.table import Table

    from pianoperf_xl.codes import CODES, FAMILIES

    table = Table(title="Codici delle verifiche", title_justify="left", expand=True)
    table.add_column("Codice", no_wrap=True)
    table.add_column("Gravità", no_wrap=True)
    table.add_column("Famiglia", no_wrap=True)
    table.add_column("Descrizione", ratio=1)
    family_order = list(FAMILIES)
    for code in sorted(CODES.values(), key=lambda c: (family_order.index(c.family), c.code)):
        table.add_row(code.code, SEVERITY_LABELS[code.severity], FAMILIES[code.family],
                      f"[bold]{code.title}[/bold]. {code.description}")
    Console(highlight=False).print(table)


def write_json_report(report: Report, path, *, inputs: dict[str, str] | None = None
                      ) -> Path:
    """The report as ``check --json`` prints it; ``inputs`` (file name -> SHA-256 of the
    files read) is added under "inputs", so that ``status`` can tell what changed since."""
    from pianoperf_xl.write.atomic import atomic_path

    text = report_json(report)
    if inputs is not None:
        text = json.dumps({**report.to_dict(), "inputs": inputs}, ensure_ascii=False,
                          indent=2)
    with atomic_path(path) as tmp:
        tmp.write_text(text + "\n", encoding="utf-8")
    return path


def cell_order(cell: str | None) -> tuple[int, int]:
    """A cell's place in a sheet, column then row: B9 before B13 before C2."""
    from pianoperf_xl.read.sheetscan import parse_ref

    where = parse_ref(cell) if cell else None
    return (where[1], where[0]) if where else (-1, -1)


def _sheet_order(report: Report) -> dict[str, int]:
    """The sheets in the templates' order (a sheet of no template after them)."""
    from pianoperf_xl import spec as specs

    year = report.year or specs.FIRST_PLAN_YEAR
    names = [sheet.name for kind in specs.KINDS for sheet in specs.spec_for(kind, year).sheets]
    return {name: i for i, name in reversed(list(enumerate(names)))}


def html_order(report: Report) -> list[tuple[str, list]]:
    """The findings by file, as the HTML page shows them: files with errors first, and in
    each file errors, then warnings, then information, each in sheet and cell order."""
    sheets = _sheet_order(report)
    by_file: dict[str, list] = {}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    for findings in by_file.values():
        findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.sheet is not None,
                                     sheets.get(f.sheet or "", len(sheets)), f.sheet or "",
                                     cell_order(f.cell)))
    return sorted(by_file.items(), key=lambda item: (
        min(SEVERITY_ORDER[f.severity] for f in item[1]), item[0].casefold()))


def _files_table(report: Report) -> str:
    """Every file of the folder: what it is, whether it was used, how many findings."""
    from html import escape

    from pianoperf_xl import spec as specs

    plan = report.plan
    files = plan.files if plan is not None else []
    counts: dict[str, dict[str, int]] = {}
    for f in report.findings:
        counts.setdefault(f.file, {s: 0 for s in SEVERITIES})[f.severity] += 1
    rows = []
    for source in files:
        found = counts.get(source.name, {s: 0 for s in SEVERITIES})
        kind = specs.KIND_LABELS.get(source.kind or "", "—")
        rows.append(f"<tr><td>{escape(source.name)}</td><td>{escape(kind)}</td>"
                    f"<td>{'sì' if source.used else 'no'}</td>"
                    + "".join(f"<td class='n'>{found[s]}</td>" for s in SEVERITIES)
                    + "</tr>")
    return ("<h2>File letti</h2><table><tr><th>File</th><th>Modello</th><th>Usato</th>"
            + "".join(f"<th>{escape(SEVERITY_LABELS[s].capitalize())}</th>"
                      for s in SEVERITIES) + "</tr>" + "".join(rows) + "</table>")


def write_html_report(report: Report, path, *, today=None) -> Path:
    """A readable page of the findings, to open in a browser or send: a header (ente,
    year, date, the files read, with or without findings), then the findings by file."""
    import datetime as dt
    from html import escape

    from pianoperf_xl.values import format_date
    from pianoperf_xl.write.atomic import atomic_path

    plan = report.plan
    ente = plan.ente.name if plan is not None and plan.ente and plan.ente.name else None
    year = escape(str(report.year or ""))
    title = f"Verifiche del piano {year}" + (f" — {escape(ente)}" if ente else "")
    parts = [f"<h1>{title}</h1>",
             f"<p class='meta'>Verifiche del {format_date(today or dt.date.today())}. "
             f"{escape(summary_line(report))}</p>", _files_table(report)]
    if not report.findings:
        parts.append("<p>Nessun problema trovato.</p>")
    for file, findings in html_order(report):
        rows = "".join(
            f"<tr class='{f.severity}'><td>{escape(f.sheet or '')}</td>"
            f"<td>{escape(f.cell or '')}</td><td>{escape(SEVERITY_LABELS[f.severity])}</td>"
            f"<td>{escape(f.message)}{'<br><i>' + escape(f.hint) + '</i>' if f.hint else ''}"
            f"</td><td><code>{escape(f.code)}</code></td></tr>" for f in findings)
        parts.append(f"<h2>{escape(file)}</h2><table><tr><th>Foglio</th><th>Cella</th>"
                     f"<th>Gravità</th><th>Problema</th><th>Codice</th></tr>{rows}</table>")
    page = ("<!DOCTYPE html><html lang='it'><head><meta charset='utf-8'>"
            f"{HTML_GENERATOR}<title>{title}</title><style>"
            "body{font-family:Arial,sans-serif;margin:2em;color:#222}"
            "table{border-collapse:collapse;width:100%;margin-bottom:2em}"
            "th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}"
            "td.n{text-align:right}p.meta{color:#555}"
            "th{background:#1f4e78;color:#fff}tr.error td{background:#fde2e1}"
            "tr.warning td{background:#fff4ce}tr.info td{background:#e8f1fb}"
            "</style></head><body>" + "".join(parts) + "</body></html>\n")
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
