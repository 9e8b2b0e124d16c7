"""A run's outputs, published as one set.

Every output is first written into a private staging folder inside the output folder
(hidden, «.pianoperf-in-corso-PID-…»); only when all are written are they renamed into
place — the record of the inputs (the JSON report, which ``status --build`` reads) last,
so that no record ever says «current» beside older documents. An interrupted or failed
run (Ctrl-C, kill -9, a full disk) leaves the previous set as it was, plus at most its
staging folder, which the next run removes. A folder that cannot be written becomes one
Italian line (``OutputUnwritable``), never a traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from pianoperf_xl.errors import Unusable

STAGING_PREFIX = ".pianoperf-in-corso-"


class OutputUnwritable(Unusable):
    """The output folder cannot be written (read-only, full, not a folder)."""


DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EACCES, errno.EPERM,
               errno.EROFS, errno.ENOTDIR, errno.EEXIST, errno.EISDIR}


def unwritable(exc: BaseException, folder: Path | None = None) -> OutputUnwritable | None:
    """The Italian line for a disk problem met writing (into ``folder``, or the file the
    error names); None when ``exc`` is not one (a bug, which must not be dressed up as a
    disk problem)."""
    cause = exc if isinstance(exc, OSError) else next(
        (a for a in getattr(exc, "args", ()) if isinstance(a, OSError)), None)
    if cause is None or (folder is None and cause.errno not in DISK_ERRORS):
        return None
    where = f"«{folder or cause.filename or 'la cartella di uscita'}»"
    code = cause.errno
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return OutputUnwritable(f"Spazio su disco esaurito scrivendo in {where}: liberare "
                                "spazio (o scegliere un altro disco con -o) e rilanciare. I "
                                "documenti della volta precedente sono rimasti com'erano.")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        if folder is None:
            return OutputUnwritable(f"Accesso negato a {where} (permessi o disco di sola "
                                    "lettura): scegliere un'altra cartella.")
        return OutputUnwritable(f"La cartella {where} non si può scrivere (permessi o disco "
                                "di sola lettura): scegliere un'altra cartella con -o.")
    if code in (errno.ENOTDIR, errno.EEXIST):
        return OutputUnwritable(f"{where} non è una cartella (c'è un file con quel nome, o "
                                "nel percorso): scegliere un'altra cartella con -o.")
    return OutputUnwritable(f"Impossibile scrivere in {where}: "
                            f"{cause.strerror or cause}. Controllare la cartella indicata con -o.")


class OutputSet:
    """The staging folder of one run; use as a context manager: on any exception the
    staged files are thrown away and the previous set stays in place."""

    def __init__(self, out_dir: str | os.PathLike) -> None:
        self.out_dir = Path(out_dir)
        self._names: list[str] = []
        try:
            if self.out_dir.exists() and not self.out_dir.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "non è una cartella", str(out_dir))
            self.out_dir.mkdir(parents=True, exist_ok=True)
            remove_stale_staging(self.out_dir)
            self.staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-",
                                                 dir=self.out_dir))
        except OSError as exc:
            raise unwritable(exc, self.out_dir) from None

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, kind: type | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> bool:
        if exc is not None:
            self.discard()
            problem = unwritable(exc, self.out_dir)
            if problem is not None:
                raise problem from None
        return False

    def path(self, name: str) -> Path:
        """Where to write the output ``name`` (a file name) of this run."""
        self._names.append(name)
        return self.staging / name

    def publish(self, *, last: str, drop: tuple[str, ...] = ()) -> list[Path]:
        """Rename every staged output into the output folder, ``last`` after the others,
        and remove the previous run's outputs named in ``drop`` that this run did not
        make (they would look current); returns the outputs in the order they were
        staged."""
        written = [n for n in self._names if (self.staging / n).exists()]
        order = [n for n in written if n != last] + [n for n in written if n == last]
        try:
            for name in drop:
                if name not in written:
                    (self.out_dir / name).unlink(missing_ok=True)
            for name in order:
                os.replace(self.staging / name, self.out_dir / name)
        except OSError as exc:
            raise unwritable(exc, self.out_dir) from None
        self.discard()
        return [self.out_dir / n for n in written]

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def remove_stale_staging(out_dir: Path) -> None:
    """Remove the staging folders of runs that are no longer running (killed)."""
    for path in out_dir.glob(f"{STAGING_PREFIX}*"):
        pid = path.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if path.is_dir() and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of ours from before is stale too: ours is made after
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
