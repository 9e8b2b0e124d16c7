"""The comune's evaluation system: the evaluation sheets of the ``smvp`` workbook, or
their documented defaults (``spec/smvp.py``).

A bad value gives a finding at its cell and the default is kept, as for the measurement
rules (:mod:`pianoperf_xl.results.settings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pianoperf_xl.codes import emit
from pianoperf_xl.evaluation.model import RESULTS_BASES, Band, Behaviour, Group
from pianoperf_xl.findings import Finding, Location
from pianoperf_xl.model import Record
from pianoperf_xl.spec.smvp import (
    EVALUATION, EVALUATORS, GROUPS, HEADS, OTHERS, evaluation_fill,
)
from pianoperf_xl.values import clean_text, normalize_key

WEIGHT_TOLERANCE = Decimal("0.0001")
_FORM_LIMITS = {"soglia_riservatezza": (1, 1000), "differenziazione_minima": (0, 100),
                "risorse_totali": (0, Decimal("1e12"))}


@dataclass(frozen=True)
class Membership:
    """Who belongs to a group: the sector heads, or the other staff of some categories."""

    group: Group
    heads: bool
    categories: tuple[str, ...] = ()  # normalised; empty: every category

    def takes(self, is_head: bool, grade: str | None, profile: str | None) -> bool:
        if self.heads != is_head:
            return False
        if not self.categories:
            return True
        grade_key, profile_key = normalize_key(grade or ""), normalize_key(profile or "")
        # «C» takes C1…C6; a longer word is an area or a profile («Istruttori»)
        return any(grade_key.startswith(c) if len(c) <= 2
                   else grade_key.startswith(c) or c in profile_key
                   for c in self.categories)


@dataclass(frozen=True)
class EvaluationSettings:
    memberships: tuple[Membership, ...]
    prorate_hours: bool = True
    prorate_days: bool = True
    privacy_threshold: int = 3
    min_spread: Decimal = Decimal("1")
    total_resources: Decimal | None = None
    source: str | None = None  # the workbook they were read from; None: the defaults
    # where each group's fund is (or should be) typed, and the groups with no fund given
    fund_cells: dict[str, Location] = field(default_factory=dict, compare=False)
    unfunded: frozenset[str] = frozenset()
    total_cell: Location | None = None
    notes: str = ""  # the «Note» of the «Valutazione» sheet

    @property
    def groups(self) -> tuple[Group, ...]:
        return tuple(m.group for m in self.memberships)

    def group_for(self, is_head: bool, grade: str | None, profile: str | None
                  ) -> Group | None:
        return next((m.group for m in self.memberships if m.takes(is_head, grade, profile)),
                    None)


def default_settings(source: str | None = None) -> EvaluationSettings:
    """The documented defaults (no fund: a comune must give its own)."""
    fill = evaluation_fill()
    records = {"Valutazione": Record(source or "", "Valutazione", 0, dict(fill["Valutazione"])),
               "Gruppi": [Record(source or "", "Gruppi", 0, dict(g)) for g in fill["Gruppi"]],
               "Comportamenti": [Record(source or "", "Comportamenti", 0, dict(b))
                                 for b in fill["Comportamenti"]],
               "Fasce": [Record(source or "", "Fasce", 0, dict(b)) for b in fill["Fasce"]]}
    settings, _ = settings_from(records, None)
    return settings


def settings_from(data: dict, source: str | None) -> tuple[EvaluationSettings, list[Finding]]:
    """The settings of a read ``smvp`` workbook (its records by sheet name)."""
    findings: list[Finding] = []
    defaults = evaluation_fill()
    form: Record = data["Valutazione"]
    values = {}
    for key, default in defaults["Valutazione"].items() | {("risorse_totali", None)}:
        value = form.get(key)
        low, high = _FORM_LIMITS.get(key, (None, None))
        if value is not None and low is not None and not low <= value <= high:
            findings.append(_invalid(f"«{EVALUATION.field(key).label}» vale {value}, fuori "
                                     f"dai limiti ({low}–{high}): è stato usato il valore "
                                     "predefinito.", form.at(key), value))
            value = None
        values[key] = default if value is None else value
    rows = [r for r in data["Gruppi"] if not _blank(r, "codice", "nome")]
    if not rows:  # an older workbook, or the sheet emptied: the defaults
        rows = [Record(form.file, "Gruppi", 0, dict(g)) for g in defaults["Gruppi"]]
    behaviours = _behaviours(data["Comportamenti"], rows, defaults, findings)
    bands = _bands(data["Fasce"], defaults, findings)
    memberships, fund_cells, unfunded = [], {}, set()
    seen: set[str] = set()
    for row in rows:
        code = clean_text(row.get("codice") or "")
        if not code or code in seen:
            findings.append(_invalid("Gruppo senza codice o con un codice già usato: la riga "
                                     "non è stata letta.", row.at("codice"), code or None))
            continue
        seen.add(code)
        membership = _membership(row, code, behaviours.get(code, ()),
                                 bands.get(code) or bands[""], findings)
        if not membership.group.behaviours and membership.group.results_weight < 100:
            findings.append(_invalid(f"Il gruppo {code} non ha comportamenti nel foglio "
                                     "«Comportamenti»: le schede del gruppo non possono avere "
                                     "un punteggio totale.", row.at("codice"), code))
        memberships.append(membership)
        fund_cells[code] = row.at("fondo") if row.row else Location(row.file, "Gruppi")
        if row.get("fondo") is None:
            unfunded.add(code)
    return EvaluationSettings(
        tuple(memberships), values["riproporziona_ore"] == "sì",
        values["riproporziona_giorni"] == "sì", int(values["soglia_riservatezza"]),
        Decimal(values["differenziazione_minima"]),
        None if values["risorse_totali"] is None else Decimal(values["risorse_totali"]),
        source, fund_cells, frozenset(unfunded), form.at("risorse_totali"),
        clean_text(form.get("note") or "")), findings


def _membership(row: Record, code: str, behaviours: tuple[Behaviour, ...],
                bands: tuple[Band, ...], findings: list[Finding]) -> Membership:
    members = row.get("membri")
    if members not in (HEADS, OTHERS):
        findings.append(_invalid(f"Gruppo {code}: «Chi ne fa parte» deve essere «{HEADS}» "
                                 f"o «{OTHERS}»: è stato usato «{OTHERS}».", row.at("membri"),
                                 members))
        members = OTHERS
    default = evaluation_fill()["Gruppi"][0 if members == HEADS else 1]
    weight = _checked(row, "peso_risultati", Decimal(0), Decimal(1), default, code, findings)
    basis = _listed(row, "base_risultati", RESULTS_BASES, default, code, findings)
    evaluator = _listed(row, "valutatore", EVALUATORS, default, code, findings)
    scale = _checked(row, "scala", 1, 1000, default, code, findings)
    fund = row.get("fondo")
    if fund is not None and fund < 0:
        findings.append(_invalid(f"Gruppo {code}: il fondo è negativo: il gruppo è trattato "
                                 "come senza fondo.", row.at("fondo"), fund))
        fund = None
    group = Group(code, clean_text(row.get("nome") or "") or code,
                  (Decimal(weight) * 100).quantize(Decimal("0.01")), basis, evaluator,
                  behaviours, Decimal(scale), bands, Decimal(fund or 0).quantize(Decimal("0.01")))
    categories = tuple(normalize_key(c) for c in clean_text(row.get("categorie") or "")
                       .replace(";", ",").split(",") if c.strip())
    return Membership(group, members == HEADS, categories if members == OTHERS else ())


def _checked(row: Record, key: str, low, high, default: dict, code: str,
             findings: list[Finding]):
    value = row.get(key)
    if value is None or not low <= value <= high:
        label = GROUPS.column(key).label
        findings.append(_invalid(f"Gruppo {code}: «{label}» "
                                 f"{'manca' if value is None else f'vale {value}'} (ammessi "
                                 f"{low}–{high}): è stato usato il valore predefinito "
                                 f"{default[key]}.", row.at(key), value))
        return default[key]
    return value


def _listed(row: Record, key: str, allowed: tuple[str, ...], default: dict, code: str,
            findings: list[Finding]) -> str:
    value = row.get(key)
    if value not in allowed:
        findings.append(_invalid(f"Gruppo {code}: «{GROUPS.column(key).label}» deve essere uno tra "
                                 f"{', '.join(allowed)}: è stato usato «{default[key]}».",
                                 row.at(key), value))
        return default[key]
    return value


def _behaviours(rows: list[Record], groups: list[Record], defaults: dict,
                findings: list[Finding]) -> dict[str, tuple[Behaviour, ...]]:
    codes = {clean_text(g.get("codice") or "") for g in groups}
    rows = [r for r in rows if not _blank(r, "gruppo", "codice", "comportamento")]
    if not rows:
        rows = [Record("", "Comportamenti", 0, dict(b)) for b in defaults["Comportamenti"]]
    found: dict[str, list[Behaviour]] = {}
    for row in rows:
        group = clean_text(row.get("gruppo") or "")
        weight = row.get("peso")
        if group not in codes:
            findings.append(_invalid(f"Il comportamento «{row.get('comportamento') or ''}» è "
                                     f"di un gruppo «{group}» che non è nel foglio «Gruppi»: "
                                     "non è stato usato.", row.at("gruppo"), group or None))
            continue
        if weight is None or weight <= 0:
            findings.append(_invalid(f"Il comportamento «{row.get('comportamento') or ''}» "
                                     "non ha un peso: non è stato usato.", row.at("peso"),
                                     weight))
            continue
        name = clean_text(row.get("comportamento") or "")
        found.setdefault(group, []).append(
            Behaviour(clean_text(row.get("codice") or "") or name[:10], name, Decimal(weight)))
    for group, items in found.items():
        total = sum(b.weight for b in items)
        if abs(total - 1) > WEIGHT_TOLERANCE:
            first = next(r for r in rows if clean_text(r.get("gruppo") or "") == group)
            findings.append(_invalid(
                f"I pesi dei comportamenti del gruppo {group} sommano a "
                f"{float(total) * 100:.2f}%, non a 100%: sono stati usati in proporzione."
                .replace(".", ","), first.at("peso"), total))
    return {g: tuple(items) for g, items in found.items()}


def _bands(rows: list[Record], defaults: dict, findings: list[Finding]
           ) -> dict[str, tuple[Band, ...]]:
    rows = [r for r in rows if not _blank(r, "da_punti", "coefficiente")]
    found: dict[str, list[Band]] = {}
    for row in rows:
        lower, coefficient = row.get("da_punti"), row.get("coefficiente")
        if lower is None or not 0 <= lower <= 100 or coefficient is None:
            findings.append(_invalid("Una fascia deve avere «Da punti» tra 0 e 100 e la parte "
                                     "della quota: la riga non è stata usata.",
                                     row.at("da_punti"), lower))
            continue
        group = clean_text(row.get("gruppo") or "")
        label = clean_text(row.get("etichetta") or "") or f"da {lower}"
        found.setdefault(group, []).append(Band(Decimal(lower), Decimal(coefficient), label))
    if not found.get(""):
        found[""] = [Band(Decimal(b["da_punti"]), Decimal(b["coefficiente"]), b["etichetta"])
                     for b in defaults["Fasce"]]
    return {g: tuple(sorted(items, key=lambda b: b.lower)) for g, items in found.items()}


def _blank(row: Record, *keys: str) -> bool:
    return all(row.get(k) in (None, "") for k in keys)


def _invalid(message: str, where: Location, value) -> Finding:
    return emit("evaluation-settings-invalid", message, where, value=value)
