"""Small helpers shared by every workbook we write (templates, consolidated workbook)."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell


def row_height(texts: list[tuple[str, float]], line_height: float = 15) -> float:
    """A row height that shows wrapped text whole: spreadsheets do not grow rows written
    by a library, so estimate the lines from the text length and the column width."""
    lines = 1
    for text, width in texts:
        chars_per_line = max(int(width * 1.15), 1)
        wrapped = sum(max(1, -(-len(part) // chars_per_line)) for part in text.split("\n"))
        lines = max(lines, wrapped)
    return lines * line_height


def sum_formula(rows: list[int], col: int) -> str:
    """SUM over zero-based ``rows`` of column ``col``, contiguous rows as one range:
    rows 4, 5, 6, 9 of column 2 give SUM(C5:C7,C10); no rows give 0."""
    if not rows:
        return "0"
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    parts = [xl_rowcol_to_cell(run[0], col)
             + (":" + xl_rowcol_to_cell(run[-1], col) if len(run) > 1 else "") for run in runs]
    return f"SUM({','.join(parts)})"
