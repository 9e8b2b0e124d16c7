"""Numbers in table cells, in Italian format ("1.042", "14,72", "54,2%"); blank when unknown."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable

from pianoperf_xl.values import format_number


def decimals(values: Iterable[Any]) -> int:
    """Decimals needed to show every value of a row alike (at most two)."""
    places = 0
    for value in values:
        if isinstance(value, Decimal) and value != value.to_integral_value():
            places = max(places, -value.normalize().as_tuple().exponent)
    return min(places, 2)


def number(value: Any, places: int = 0) -> str:
    return "" if value is None else format_number(value, places)


def percent(fraction: Any) -> str:
    return "" if fraction is None else f"{format_number(Decimal(fraction) * 100, 1)}%"
