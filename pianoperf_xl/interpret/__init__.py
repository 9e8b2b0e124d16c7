"""The plan's meaning — people resolved, deadlines read, sector matches, FTE — computed
once per plan by :func:`interpret`; checks, writers and the round read it from there.

``names`` (spellings of one person), ``people`` (the staff index, resolution,
workloads), ``deadlines`` (the Italian deadline language), ``indicators`` (each row of
an objective read), ``sectors`` (sector names matched), ``reading`` (all of it, once).
"""

from pianoperf_xl.interpret.reading import PlanReading, interpret

__all__ = ["PlanReading", "interpret"]
