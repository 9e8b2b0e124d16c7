"""The outputs of a results round: the consolidated results workbook (``workbook``) and
the Word document (``document``: the Relazione sulla performance at year end, the Report
di monitoraggio during the year, with the annex's styles and helpers)."""
