"""Build the ``Budget`` from the records of a ``bilancio`` workbook."""

from __future__ import annotations

from pianoperf_xl import reference
from pianoperf_xl.model import Budget, BudgetLine, Record
from pianoperf_xl.spec.base import FixedTable


def build_budget(form: Record, fixed: dict[str, list[Record]], sheets: dict[str, FixedTable],
                 programme_rows: list[Record], file: str) -> Budget:
    def lines(name: str) -> list[BudgetLine]:
        table = sheets[name]
        printed = {row.code: row for row in table.rows}
        result = []
        for record in fixed.get(name, []):
            code = record.get("code") or ""
            if name == "Missioni" and code not in printed:
                code = reference.normalize_mission_code(code) or code
            row = printed.get(code)
            result.append(BudgetLine(
                section=name, code=code, label=record.get("label"),
                official_label=row.label if row else None,
                amounts=_amounts(record, table), sum_of=row.sum_of if row else (),
                record=record))
        return result

    programmes = [BudgetLine(
        section="Programmi", code=record.get("programma") or "",
        label=reference.programmes().get(record.get("programma") or ""),
        official_label=reference.programmes().get(record.get("programma") or ""),
        amounts={int(k): v for k, v in record.values.items() if k.isdigit()},
        sum_of=(), record=record) for record in programme_rows]
    return Budget(ente=form.get("ente"), first_year=form.get("anno"),
                  approval=form.get("approvazione"), revenue=lines("Entrate"),
                  expense=lines("Spese"), missions=lines("Missioni"), programmes=programmes,
                  file=file, record=form)


def _amounts(record: Record, table: FixedTable) -> dict[int, object]:
    return {int(c.key): record.get(c.key) for c in table.value_columns}
