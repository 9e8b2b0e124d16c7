"""``write_annex``: the parts of the annex in order, saved atomically."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex.document import Annex, facts_of
from pianoperf_xl.write.annex.header_footer import footer, has_content, header
from pianoperf_xl.write.annex.parts.external_context import external_context
from pianoperf_xl.write.annex.parts.finances import finances
from pianoperf_xl.write.annex.parts.internal_context import internal_context
from pianoperf_xl.write.annex.parts.introduction import introduction
from pianoperf_xl.write.annex.parts.sectors import sectors
from pianoperf_xl.write.annex.parts.title_page import title_page
from pianoperf_xl.write.annex.styles import open_base
from pianoperf_xl.write.annex.tables import save
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.gcpolicy import quiet_gc

PARTS = (title_page, introduction, internal_context, external_context, finances, sectors)


@quiet_gc
def write_annex(reading: PlanReading, path: str | os.PathLike, *, delibera_numero: str | None = None,
                delibera_data: dt.date | None = None,
                base: str | os.PathLike | None = None, piao: bool = False) -> Path:
    """Write "Allegato A" for the plan ``reading`` reads to ``path`` (.docx); return the path.

    ``delibera_numero`` and ``delibera_data`` default to the ente's deliberation number and
    the plan's approval date; when unknown the annex has blank lines to fill in by hand.
    ``base`` is a .docx whose styles, page setup, header and footer are used (see
    :mod:`pianoperf_xl.write.annex.styles` for the style names). A plan with error
    findings is marked BOZZA. ``piao``: titled and framed as subsection 2.2
    «Performance» of the PIAO, with the same content.
    """
    annex = Annex(open_base(base), reading,
                  facts_of(reading, delibera_numero, delibera_data, piao))
    first = annex.doc.sections[0]
    annex.portrait = (first.page_width, first.page_height)
    annex.keep_header = base is not None and has_content(first.header)
    annex.keep_footer = base is not None and has_content(first.footer)
    _core_properties(annex)
    header(annex, first)
    footer(annex, first)
    for part in PARTS:
        part(annex)
    with atomic_path(path) as tmp:
        save(annex.doc, str(tmp))
    return Path(path)


def _core_properties(annex: Annex) -> None:
    props = annex.doc.core_properties
    props.title = txt.plan_title(annex.facts.year, annex.facts.piao)
    props.subject = txt.allegato_line(annex.facts)
    props.author = annex.facts.ente
    props.last_modified_by = annex.facts.ente
    props.language = "it-IT"
    props.keywords = "Piano della performance; PEG; PDO; PIAO"
    props.comments = ""
    props.created = props.modified = dt.datetime.now().replace(microsecond=0)
