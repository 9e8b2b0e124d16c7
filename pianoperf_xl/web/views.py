"""What the pages show, taken from the library's results: the findings table with its
filters, the outputs of a build. Computed from the ``Report``, never re-derived."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pianoperf_xl.codes import CODES, FAMILIES
from pianoperf_xl.findings import SEVERITIES, SEVERITY_LABELS, Finding
from pianoperf_xl.report import Report

SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
FILTERS = ("gravita", "settore", "file", "famiglia")
OUTPUT_LABELS = {".xlsx": "Cartella di lavoro consolidata (Excel)",
                 ".docx": "Documento Word",
                 ".pdf": "Allegato A in PDF/A", ".json": "Report delle verifiche (JSON)",
                 ".html": "Report delle verifiche (pagina web)"}


@dataclass(frozen=True)
class Row:
    finding: Finding
    severity: str  # Italian label
    sector: str
    family: str  # Italian label

    @property
    def where(self) -> str:
        return " · ".join(x for x in (self.finding.sheet, self.finding.cell) if x)


def sector_by_file(report: Report) -> dict[str, str]:
    plan = report.plan
    return {s.file: s.name for s in plan.sectors} if plan is not None else {}


def rows(report: Report, files: set[str] | None = None) -> list[Row]:
    """Every finding (of ``files`` only, when given), errors first, by file and sheet."""
    sectors = sector_by_file(report)
    chosen = [f for f in report.findings if files is None or f.file in files]
    chosen.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.file.casefold(),
                               f.sheet or ""))
    return [Row(f, SEVERITY_LABELS.get(f.severity, f.severity), sectors.get(f.file, ""),
                FAMILIES.get(CODES[f.code].family, "") if f.code in CODES else "")
            for f in chosen]


def choices(all_rows: list[Row]) -> dict[str, list[str]]:
    """The values each filter offers, from the findings there are."""
    present = {r.finding.severity for r in all_rows}
    return {"gravita": [SEVERITY_LABELS[s] for s in SEVERITIES if s in present],
            "settore": sorted({r.sector for r in all_rows if r.sector}, key=str.casefold),
            "file": sorted({r.finding.file for r in all_rows}, key=str.casefold),
            "famiglia": [label for label in FAMILIES.values()
                         if any(r.family == label for r in all_rows)]}


def filtered(all_rows: list[Row], chosen: dict[str, str]) -> list[Row]:
    def keep(r: Row) -> bool:
        values = {"gravita": r.severity, "settore": r.sector, "file": r.finding.file,
                  "famiglia": r.family}
        return all(not chosen.get(k) or values[k] == chosen[k] for k in FILTERS)
    return [r for r in all_rows if keep(r)]


def output_label(path: Path) -> str:
    if path.name.endswith("-allegato-A.docx"):
        return "Allegato A alla delibera (Word)"
    return OUTPUT_LABELS.get(path.suffix.lower(), path.name)
