"""Work in another process, where it pays: a big plan and more than one core.

A comune's office PC has two cores. On a big plan the build has two long jobs that need
nothing from each other, the consolidated workbook and the documents (annex, draft
deliberation, open data): :class:`Beside` runs one of them in a child process while this
one does the other. The child is forked, so it starts with the plan already in memory and
nothing is pickled but its result; where processes cannot be forked (Windows), callers do
the work here instead. A forked child shares the parent's pages only until either process
writes to them, and Python writes to every object it reads (reference counts): the pages
of the plan both processes read are counted twice.
"""

from __future__ import annotations

import os
from typing import Any, Callable


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def worth_it() -> bool:
    """Whether a second process can run at the same time as this one."""
    return cores() >= 2 and can_fork()


class Beside:
    """``func(*args, **kwargs)`` running in a forked child process; :meth:`result` waits
    for it and returns what it returned, or raises what it raised."""

    def __init__(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        import multiprocessing

        from pianoperf_xl.gcpolicy import hand_back_memory

        hand_back_memory()  # the child inherits only pages in use
        context = multiprocessing.get_context("fork")
        self._answer, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, daemon=True,
                                        args=(send, func, args, kwargs, os.getpid()))
        self._process.start()
        send.close()  # the child holds the other end

    def stop(self) -> None:
        """End the child if it still runs (the parent is giving up: Ctrl-C, an error)."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._answer.close()

    def result(self) -> Any:
        try:
            done, value = self._answer.recv()
        except EOFError:  # the child ended without answering (killed, out of memory)
            self._process.join()
            raise RuntimeError(f"Il processo di lavoro è terminato senza risultato "
                               f"(codice {self._process.exitcode}).") from None
        finally:
            self._answer.close()
        self._process.join()
        if done:
            return value
        raise value


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child when its parent dies (even by kill -9): a forked
    worker must never go on writing for a run that was stopped."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's stop() still ends it
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _run(send: Any, func: Callable[..., Any], args: tuple, kwargs: dict,
         parent: int) -> None:
    _die_with_parent(parent)
    try:
        answer = (True, func(*args, **kwargs))
    except BaseException as exc:  # handed to the parent, which raises it
        answer = (False, exc)
    try:
        send.send(answer)
    except Exception:  # a result or exception that cannot be pickled
        send.send((False, RuntimeError(repr(answer[1]))))
    send.close()
