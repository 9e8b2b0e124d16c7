"""Test data shared by several test modules: hypothesis strategies for any cell value and
for deadline texts, and what the reader finds in each folder of the broken-input corpus."""

from __future__ import annotations

from hypothesis import strategies as st

# Anything a cell may hold, and text that looks like a number or an amount.
ANY_RAW = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.,- €()%n°/\u00a0–"),
    st.floats(),
    st.integers(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
    st.none(),
)

DEADLINE_FRAGMENTS = [
    "entro", "il", "fine", "dal", "al", "-", "/", "e", "poi", "costante", "anno", "l'anno",
    "31/12", "29/02", "1/3", "31/12/2023", "15", "marzo", "giugno", "settembre", "dic.",
    "primo", "semestre", "trimestre", "2022", "giorni", "30", "dalla richiesta",
    "all'occorrenza", "in caso di", "Numero di", "settimanale", "nell'arco dell'", "mese di",
    "°", "non", "12.5", "99999", "0000", "00/00"]
# Any text, and texts made of the words deadlines are written with.
DEADLINE_TEXTS = st.one_of(
    st.text(), st.lists(st.sampled_from(DEADLINE_FRAGMENTS), max_size=8).map(" ".join))

# tests/data/broken/: folder -> the codes of the reader's findings (in any order, with
# repeats)
BROKEN_READER_CODES = {
    "not-a-workbook": ["file-not-workbook", "file-unreadable"],
    "legacy-xls": ["file-legacy-xls", "file-legacy-xls"],
    "encrypted": ["file-encrypted"],
    "truncated": ["file-unreadable"],
    "corrupt-zip": ["file-unreadable"],
    "zip-bomb": ["file-zip-bomb"],
    "billion-laughs": ["file-xml-entities"],
    "external-entity": ["file-xml-entities"],
    "million-rows": [],
    "far-cell": ["sheet-too-large"],
    "formula-not-computed": ["cell-formula-not-computed"],
    "formula-error": ["cell-error-value"],
    "merged-cells": [],
    "hidden-rows": ["cell-hidden", "cell-hidden"],
    "hidden-sheet": ["sheet-hidden-content", "sheet-hidden-content"],
    "duplicate-sector": ["sector-duplicate"],
    "duplicate-odd-dates": ["sector-duplicate"] * 2,
    "wrong-version": ["template-wrong-version"],
    "wrong-year": ["template-wrong-year"],
    "no-template": ["template-unknown"],
    "text-numbers": ["cell-text-as-number"] * 5 + ["cell-wrong-type"],
    "text-dates": ["cell-text-as-date"] * 2,
    "date1904": [],
    "lock-file": [],
    "empty": ["folder-empty"],
    "macro-enabled": ["file-macro-enabled"],
    "long-text": ["cell-too-long"],
    "control-chars": ["cell-control-chars"],
    "invisible-names": ["cell-control-chars"] * 3 + ["cell-line-break"],
    "absurd-year": ["template-year-invalid"] * 2,
    "annotate-cannot-copy": [],
}
