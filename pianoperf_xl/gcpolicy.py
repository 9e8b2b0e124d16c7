"""The garbage collector's policy for the long stages (read, interpret, checks, writers).

A plan is hundreds of thousands of small objects that live until the program ends, and the
stages make millions more that reference counting frees on its own. With the default
thresholds the collector runs every 700 allocations and, now and then, walks every object
alive: on a 10,000-objective plan a third of the consolidated workbook's time went there.
So, for the duration of a stage, what already exists is frozen (``gc.freeze``: moved where
the collector no longer looks; it is still freed normally) and the young generation is
collected every 50,000 allocations instead of 700. Cycles made meanwhile are still
collected, later; the stage's peak memory is measured by ``benchmarks/run.py``.

Memory freed by Python is not always handed back to the system: glibc's allocator keeps
free pages in its heap, counted to the process and inherited by a child it forks.
:func:`hand_back_memory` returns them (on L, about 20 MB after the checks).
"""

from __future__ import annotations

import functools
import gc
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator, TypeVar

YOUNG_THRESHOLD = 50_000
_depth = 0

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def few_collections() -> Iterator[None]:
    """Freeze what exists and collect rarely until the block ends (nested blocks share
    the outermost one's policy)."""
    global _depth
    _depth += 1
    if _depth > 1:
        try:
            yield
        finally:
            _depth -= 1
        return
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, thresholds[1], thresholds[2])
    try:
        yield
    finally:
        _depth -= 1
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def quiet_gc(func: F) -> F:
    """``func`` run under :func:`few_collections`."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with few_collections():
            return func(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


def hand_back_memory() -> None:
    """Return the free pages of the C heap to the system (glibc's ``malloc_trim``; nothing
    on other systems)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        pass
