"""The findings report: the JSON contract of ``check --json`` and the terminal view."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

from pianoperf_xl.findings import ERROR, INFO, SEVERITIES, SEVERITY_LABELS, WARNING
from pianoperf_xl.model import Plan

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_STYLES = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}


def report_dict(plan: Plan) -> dict[str, Any]:
    return {
        "valid": not any(f.severity == ERROR for f in plan.findings),
        "stats": plan.stats(),
        "findings": [_finding_json(f) for f in plan.findings],
    }


def _finding_json(finding) -> dict[str, Any]:
    """A finding as JSON, strictly: a value no JSON number can be (an infinite or NaN
    float read from a file) as its text."""
    data = finding.to_json()
    value = data.get("value")
    if isinstance(value, float) and not math.isfinite(value):
        data["value"] = str(value)
    return data


def report_json(plan: Plan) -> str:
    return json.dumps(report_dict(plan), ensure_ascii=False, indent=2)


def exit_code(plan: Plan) -> int:
    if not any(source.used for source in plan.files):
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if any(f.severity == ERROR for f in plan.findings) else EXIT_CLEAN


def summary_line(plan: Plan) -> str:
    stats = plan.stats()
    counts = Counter(f.severity for f in plan.findings)
    year = f"Piano {plan.year}" if plan.year else "Piano"
    return (f"{year} — file: {stats['files']}, settori: {stats['sectors']}, "
            f"obiettivi: {stats['objectives']}, indicatori: {stats['indicators']}, "
            f"persone: {stats['staff']}. Errori: {counts[ERROR]}, avvisi: {counts[WARNING]}, "
            f"informazioni: {counts[INFO]}.")


def print_report(plan: Plan, *, quiet: bool = False) -> None:
    """Findings grouped by file and sheet, errors first, as readable tables."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    console.print(summary_line(plan))
    shown = [f for f in plan.findings if not quiet or f.severity == ERROR]
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

    from pianoperf_xl.checks import load_checks
    from pianoperf_xl.codes import CODES, FAMILIES

    load_checks()
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


def write_json_report(plan: Plan, path, *, inputs: dict[str, str] | None = None) -> Path:
    """The report as ``check --json`` prints it; ``inputs`` (file name -> SHA-256 of the
    files read) is added under "inputs", so that ``status`` can tell what changed since."""
    from pianoperf_xl.write.atomic import atomic_path

    text = report_json(plan)
    if inputs is not None:
        text = json.dumps({**report_dict(plan), "inputs": inputs}, ensure_ascii=False,
                          indent=2)
    with atomic_path(path) as tmp:
        tmp.write_text(text + "\n", encoding="utf-8")
    return path


def write_html_report(plan: Plan, path) -> Path:
    """A readable page of the findings, grouped by file, to open in a browser or send."""
    from html import escape

    from pianoperf_xl.write.atomic import atomic_path

    by_file: dict[str, list] = {}
    for f in sorted(plan.findings, key=lambda f: (f.file, SEVERITY_ORDER[f.severity],
                                                  f.sheet or "", f.cell or "")):
        by_file.setdefault(f.file, []).append(f)
    parts = [f"<h1>Verifiche del piano {escape(str(plan.year or ''))}</h1>",
             f"<p>{escape(summary_line(plan))}</p>"]
    if not plan.findings:
        parts.append("<p>Nessun problema trovato.</p>")
    for file, findings in by_file.items():
        rows = "".join(
            f"<tr class='{f.severity}'><td>{escape(f.sheet or '')}</td>"
            f"<td>{escape(f.cell or '')}</td><td>{escape(SEVERITY_LABELS[f.severity])}</td>"
            f"<td>{escape(f.message)}{'<br><i>' + escape(f.hint) + '</i>' if f.hint else ''}"
            f"</td><td><code>{escape(f.code)}</code></td></tr>" for f in findings)
        parts.append(f"<h2>{escape(file)}</h2><table><tr><th>Foglio</th><th>Cella</th>"
                     f"<th>Gravità</th><th>Problema</th><th>Codice</th></tr>{rows}</table>")
    page = ("<!DOCTYPE html><html lang='it'><head><meta charset='utf-8'>"
            f"<title>Verifiche del piano {escape(str(plan.year or ''))}</title><style>"
            "body{font-family:Arial,sans-serif;margin:2em;color:#222}"
            "table{border-collapse:collapse;width:100%;margin-bottom:2em}"
            "th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}"
            "th{background:#1f4e78;color:#fff}tr.error td{background:#fde2e1}"
            "tr.warning td{background:#fff4ce}tr.info td{background:#e8f1fb}"
            "</style></head><body>" + "".join(parts) + "</body></html>\n")
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
