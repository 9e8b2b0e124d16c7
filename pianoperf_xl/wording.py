"""Italian wording that messages of more than one part of the tool share."""

from __future__ import annotations

from pianoperf_xl.findings import Location


def describe(where: Location) -> str:
    """Where a value is, as a message says it: "Settore X.xlsx, foglio «Personale», cella A5"
    (the parts not known left out)."""
    return ", ".join(filter(None, (where.file, where.sheet and f"foglio «{where.sheet}»",
                                   where.cell and f"cella {where.cell}")))
