"""The template contract: what each template holds, for the writer and the reader alike."""

from __future__ import annotations

from functools import lru_cache

from pianoperf_xl.spec.base import (  # noqa: F401  (re-exported for callers)
    FixedRow, FixedTable, Field, FormSheet, Sheet, TableRow, TableSheet, TemplateSpec,
)

TEMPLATE_VERSION = "1"
KINDS = ("ente", "bilancio", "settore")
# The templates of the rounds after the plan (issue 11): results of a sector and the
# comune's measurement rules. Not plan kinds: the plan reader refuses them.
ROUND_KINDS = ("rendiconto", "smvp", "scheda")
KIND_LABELS = {"ente": "dati dell'ente", "bilancio": "bilancio", "settore": "scheda del settore",
               "rendiconto": "rendiconto dei risultati", "smvp": "regole di misurazione (SMVP)",
               "scheda": "schede di valutazione individuale"}
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
    from pianoperf_xl.spec.rendiconto import rendiconto_spec
    from pianoperf_xl.spec.scheda import scheda_spec
    from pianoperf_xl.spec.settore import settore_spec
    from pianoperf_xl.spec.smvp import smvp_spec

    builders = {"ente": ente_spec, "bilancio": bilancio_spec, "settore": settore_spec,
                "rendiconto": rendiconto_spec, "smvp": smvp_spec,
                "scheda": scheda_spec}
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
    if name == "gruppo_personale":
        return staff_groups(year) + STAFF_HISTORY_ROWS
    if name == "missione":
        return tuple(reference.mission_choices())
    if name == "programma":
        return tuple(reference.programme_choices())
    return FIXED_CHOICES[name]


# Groups of the staff history. From the 2023 plans on (CCNL 16/11/2022) the sector heads'
# positions are «Elevata Qualificazione», formerly «Posizioni organizzative»: the years
# before stay under the old name, so both are listed.
EQ_FROM_YEAR = 2023
STAFF_HISTORY_ROWS = ("Totale personale", "Abitanti", "Abitanti per dipendente")


def staff_groups(year: int) -> tuple[str, ...]:
    """The staff history's groups for a plan year."""
    heads = ("Posizioni organizzative",) + (("Elevata Qualificazione",)
                                            if year >= EQ_FROM_YEAR else ())
    return ("Dirigenti", "Segretario") + heads + ("Altri dipendenti",)


FIXED_CHOICES: dict[str, tuple[str, ...]] = {
    "rapporto": ("dipendente", "esterno"),
    "ruolo": ("Sindaco", "Vicesindaco", "Assessore", "Consigliere delegato",
              "Presidente del Consiglio"),
    "struttura": ("Segretario", "Settore", "Ufficio", "Servizio"),
    "stato_risultato": ("in corso", "raggiunto", "parzialmente raggiunto", "non raggiunto",
                        "non più pertinente"),
    "turno": ("monitoraggio", "consuntivo"),
    "si_no": ("sì", "no"),
    # individual evaluation (spec/smvp.py, evaluation/model.py's RESULTS_BASES)
    "membri_gruppo": ("responsabili di settore", "altro personale"),
    "base_risultati": ("obiettivi propri", "settore", "ente"),
    "valutatore": ("segretario", "nucleo", "responsabile"),
    "parte_testo": ("Presentazione", "Linea strategica"),
}
