"""The rounds after the plan (issue 11): monitoring during the year and the year-end
results, through the same Excel round.

``prepare`` writes each sector's ``rendiconto`` pre-filled from the approved plan (and
the ``smvp`` rules workbook); ``read`` reads the returned files; ``settings`` the
measurement rules; ``checks`` compares the returns with the plan; the scores are
:mod:`pianoperf_xl.measure`'s; ``run`` does all of it and writes the outputs.
"""

MONITORING, FINAL = "monitoraggio", "consuntivo"
ROUNDS = (MONITORING, FINAL)
