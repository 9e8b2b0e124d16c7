"""The Word annex ("Allegato A") attached to the Giunta's deliberation, with python-docx.

``write_annex(reading, path)`` builds the whole document from the plan as interpreted
(:mod:`pianoperf_xl.interpret`): a portrait part
(title page, introduction, internal and external context, budget) and one landscape
section per sector (head, staff, objectives). ``annex_to_pdf`` turns it into PDF/A with
LibreOffice headless. ``base_document()`` is the default look, which a comune may restyle
(style names in :mod:`.styles`).

Modules: ``build`` (write_annex, the parts in order), ``parts/`` (one module per part of
the document), ``document`` (the annex being written and its paragraphs), ``tables``
(fast tables), ``header_footer``, ``styles``, ``formats`` (numbers in cells), ``ooxml``
(low-level XML), ``text`` (all the Italian wording), ``pdf`` (PDF/A).
"""

from pianoperf_xl.write.annex.build import write_annex
from pianoperf_xl.write.annex.pdf import annex_to_pdf, pdfa_part
from pianoperf_xl.write.annex.styles import STYLE_NAMES, UnusableBase, base_document

__all__ = ["write_annex", "annex_to_pdf", "base_document", "pdfa_part", "STYLE_NAMES",
           "UnusableBase"]
