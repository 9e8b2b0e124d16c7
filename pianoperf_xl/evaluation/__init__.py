"""Individual evaluation and merit pay (issue 12): the schede di valutazione of every
person, scored on the objectives measured by the results round (:mod:`pianoperf_xl.results`)
and on behaviours, and the bonus split within each group's fund.

``model`` holds the data the computation hands to the writers (``write/evaluation/``):
one shape, so that the Word schede, the private workbook and the public tables all show
the same figures.
"""
