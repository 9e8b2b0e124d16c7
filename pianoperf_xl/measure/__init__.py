"""Measured achievement: each indicator's percentage by the rule that fits what it
measures (``rules``), and the weighted roll-ups per objective, sector, strategic area,
person and ente (``tables``, with pandas, imported only there)."""

from pianoperf_xl.measure.rules import (
    IN_PROGRESS, MEASURED, MISSING, NOT_MEASURABLE, NOT_PERTINENT, Score, measure_row,
)

__all__ = ["IN_PROGRESS", "MEASURED", "MISSING", "NOT_MEASURABLE", "NOT_PERTINENT", "Score",
           "measure_row"]
