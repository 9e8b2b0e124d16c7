"""The measurement rules (the ``smvp`` workbook, or its documented defaults)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import Finding
from pianoperf_xl.model import Record
from pianoperf_xl.spec.smvp import DEFAULTS

_LIMITS = {"ritardo_giorni": (1, 366), "ritardo_riduzione": (0, 1), "tolleranza": (0, 1),
           "soglia_verde": (0, 1), "soglia_gialla": (0, 1)}


@dataclass(frozen=True)
class Settings:
    delay_days: int = DEFAULTS["ritardo_giorni"]
    delay_reduction: Decimal = DEFAULTS["ritardo_riduzione"]
    bands: bool = DEFAULTS["fasce"] == "sì"
    evidence_required: bool = DEFAULTS["evidenze"] == "sì"
    state_without_target: bool = DEFAULTS["stato_senza_target"] == "sì"
    tolerance: Decimal = DEFAULTS["tolleranza"]
    green: Decimal = DEFAULTS["soglia_verde"]
    yellow: Decimal = DEFAULTS["soglia_gialla"]
    source: str | None = None  # the workbook they were read from; None: the defaults

    def light(self, percent: float | Decimal | None) -> str:
        """«verde», «giallo», «rosso», or '' for no percentage."""
        if percent is None or percent != percent:  # None or NaN: not measured
            return ""
        if float(percent) >= float(self.green):
            return "verde"
        return "giallo" if float(percent) >= float(self.yellow) else "rosso"


def settings_from(record: Record) -> tuple[Settings, list[Finding]]:
    """The rules of a filled ``smvp`` workbook; a value out of bounds keeps the default."""
    values, findings = dict(DEFAULTS), []
    for key, default in DEFAULTS.items():
        value = record.get(key)
        if value is None:
            continue
        low, high = _LIMITS.get(key, (None, None))
        if low is not None and not low <= value <= high:
            findings.append(emit("results-settings-invalid",
                                 f"La regola «{key}» vale {value}, fuori dai limiti "
                                 f"({low}–{high}): è stato usato il valore predefinito.",
                                 record.at(key), value=value))
            continue
        values[key] = value
    if values["soglia_gialla"] > values["soglia_verde"]:
        findings.append(emit("results-settings-invalid",
                             "La soglia del giallo è sopra quella del verde: sono state "
                             "usate le soglie predefinite.", record.at("soglia_gialla")))
        values["soglia_gialla"], values["soglia_verde"] = (DEFAULTS["soglia_gialla"],
                                                           DEFAULTS["soglia_verde"])
    return Settings(int(values["ritardo_giorni"]), Decimal(values["ritardo_riduzione"]),
                    values["fasce"] == "sì", values["evidenze"] == "sì",
                    values["stato_senza_target"] == "sì", Decimal(values["tolleranza"]),
                    Decimal(values["soglia_verde"]), Decimal(values["soglia_gialla"]),
                    record.file), findings
