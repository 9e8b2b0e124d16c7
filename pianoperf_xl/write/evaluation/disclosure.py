"""Which lines of the public tables must be left out so that no published figure
describes fewer people than the threshold, directly or by difference.

The tables are additive: the lines of a group's bands add up to the group's line, the
groups' lines to the ente's. A line of fewer people than the threshold is left out
(*primary*). Then, where a total and all its parts but one are shown, the hidden part is
their difference: one more line is left out (*secondary*), the smallest shown part, or
the total when no part is left, until every relation hides either nothing or at least
two members whose people together reach the threshold. Under a total of too few people
every line is left out, empty ones too: «nobody below the threshold» is news about them.

This is the classic cell-suppression rule of statistical offices, applied to whole lines:
a line is shown whole or not at all, so no column of a hidden line can be worked out from
the others.
"""

from __future__ import annotations

from typing import Hashable, Mapping, Sequence, TypeVar

K = TypeVar("K", bound=Hashable)

PRIMARY, SECONDARY = "primary", "secondary"


def hidden_lines(people: Mapping[K, int], relations: Sequence[tuple[Sequence[K], K]],
                 threshold: int) -> dict[K, str]:
    """The lines to leave out, each with why (PRIMARY or SECONDARY); ``people``: how many
    people each line describes; ``relations``: (parts, total), the parts adding up to the
    total."""
    hidden: dict[K, str] = {k: PRIMARY for k, n in people.items() if 0 < n < threshold}
    changed = True
    while changed:
        changed = False
        for parts, total in relations:
            shown = [k for k in parts if k not in hidden and people[k] > 0]
            inside = [k for k in parts if k in hidden]
            if total in hidden:
                if inside or not shown:
                    continue  # the total is not the sum of what is shown
                extra = min(shown, key=lambda k: people[k])
            else:
                if not inside or (len(inside) >= 2
                                  and sum(people[k] for k in inside) >= threshold):
                    continue
                extra = min(shown, key=lambda k: people[k]) if shown else total
            hidden[extra] = SECONDARY
            changed = True
    small = True
    while small:  # even a line of nobody tells about the few of its total
        small = False
        for parts, total in relations:
            if hidden.get(total) == PRIMARY and any(hidden.get(k) != PRIMARY for k in parts):
                hidden.update({k: PRIMARY for k in parts})
                small = True
    return hidden
