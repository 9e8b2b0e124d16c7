"""The Italian wording shared by the evaluation's outputs: the folders' and files' names,
the marks of invented data and drafts, how a score, a share or an amount is written."""

from __future__ import annotations

from decimal import Decimal

from pianoperf_xl.evaluation.model import Evaluation
from pianoperf_xl.findings import ERROR
from pianoperf_xl.values import format_amount, format_number


def private_folder(year: int) -> str:
    """The folder of the personal data: its name says so before anyone opens it."""
    return f"RISERVATO-valutazioni-{year}"


def public_folder(year: int) -> str:
    """The folder of what may be published in «Amministrazione trasparente»."""
    return f"PUBBLICO-trasparenza-premi-{year}"


def private_workbook(year: int) -> str:
    return f"RISERVATO-valutazioni-{year}.xlsx"


def findings_report(year: int, suffix: str) -> str:
    """The round's findings name people: their report belongs to the private folder."""
    return f"RISERVATO-verifiche-valutazione-{year}.{suffix}"


def scheda_stem(year: int, person: str) -> str:
    return f"scheda-{year}-{person}"


def public_stem(year: int) -> str:
    return f"trasparenza-premi-{year}"


# Who evaluates a group, as the settings name it.
EVALUATORS = {"segretario": "Segretario comunale", "nucleo": "Nucleo di valutazione",
              "responsabile": "Responsabile del settore"}

PRIVATE_MARK = "RISERVATO – contiene dati personali, non pubblicare"
INVENTED = ("DATI INVENTATI – esempio dimostrativo: punteggi, fondi e premi non sono reali")
INVENTED_SHORT = "DATI INVENTATI"


def errors(evaluation: Evaluation) -> int:
    return sum(1 for f in evaluation.findings if f.severity == ERROR)


def draft_note(count: int) -> str:
    """Why the outputs are a draft: the errors the checks found are still there."""
    which, until = (("1 errore non risolto", "non è corretto") if count == 1 else
                    (f"{count} errori non risolti", "non sono corretti"))
    return (f"BOZZA: le verifiche hanno segnalato {which}; i punteggi e i premi non sono "
            f"definitivi finché {until}.")


def score(value: Decimal | None) -> str:
    """«72,50» points out of 100; «non valutato» when there is none."""
    return "non valutato" if value is None else format_number(value, 2)


def amount(value: Decimal) -> str:
    """«1.234,56 €»."""
    return f"{format_amount(value)} €"


def percent(fraction: float | Decimal | None, *, missing: str = "non misurato") -> str:
    """A 0–1 fraction as «87,5%»; ``missing`` when there is none (never 0 or 100)."""
    if fraction is None:
        return missing
    return f"{format_number(round(Decimal(str(fraction)) * 100, 2), None)}%"


def fte(value: Decimal) -> str:
    """Weekly hours over full time: «100%», «83,33%»."""
    return percent(value, missing="")
