"""The template contract: what each template holds, for the writer and the reader alike."""

from __future__ import annotations

from functools import lru_cache

from pianoperf_xl.spec.base import (  # noqa: F401  (re-exported for callers)
    FixedRow, FixedTable, Field, FormSheet, Sheet, TableSheet, TemplateSpec,
)

TEMPLATE_VERSION = "1"
KINDS = ("ente", "bilancio", "settore")
KIND_LABELS = {"ente": "dati dell'ente", "bilancio": "bilancio", "settore": "scheda del settore"}
META_SHEET = "_meta"
# The plan years the program accepts, wherever a year comes from (--year, a template's
# metadata): a year outside is a typing or tampering mistake, never a plan.
FIRST_PLAN_YEAR, LAST_PLAN_YEAR = 2000, 2100
META_CARRIED = "carried"  # _meta rows: fingerprints of carried-over objectives
LISTS_SHEET = "_liste"
INSTRUCTIONS_SHEET = "Istruzioni"


@lru_cache(maxsize=None)
def spec_for(kind: str, year: int) -> TemplateSpec:
    from pianoperf_xl.spec.bilancio import bilancio_spec
    from pianoperf_xl.spec.ente import ente_spec
    from pianoperf_xl.spec.settore import settore_spec

    builders = {"ente": ente_spec, "bilancio": bilancio_spec, "settore": settore_spec}
    return builders[kind](year, TEMPLATE_VERSION)


@lru_cache(maxsize=None)
def choices(name: str, year: int) -> tuple[str, ...]:
    """The values of a closed list for a plan year (grades change with the CCNL)."""
    from pianoperf_xl import reference

    if name == "categoria":
        return reference.grades_for_year(year)
    if name == "categoria_storica":
        return tuple(dict.fromkeys(reference.grades_for_year(2022)
                                   + reference.grades_for_year(2024)))
    if name == "missione":
        return tuple(reference.mission_choices())
    if name == "programma":
        return tuple(reference.programme_choices())
    return FIXED_CHOICES[name]


FIXED_CHOICES: dict[str, tuple[str, ...]] = {
    "rapporto": ("dipendente", "esterno"),
    "ruolo": ("Sindaco", "Vicesindaco", "Assessore", "Consigliere delegato",
              "Presidente del Consiglio"),
    "struttura": ("Segretario", "Settore", "Ufficio", "Servizio"),
    "parte_testo": ("Presentazione", "Linea strategica"),
    "gruppo_personale": ("Dirigenti", "Segretario", "Posizioni organizzative",
                         "Altri dipendenti", "Totale personale", "Abitanti",
                         "Abitanti per dipendente"),
}
