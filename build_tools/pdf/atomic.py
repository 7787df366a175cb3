"""Write files so that a reader never sees half of one: write beside the target, then rename.

A write that cannot finish (a full disk, a read-only folder, a folder where the file should be)
raises :class:`OutputError`, whose message says what happened in one line and that the previous
file is kept. A build killed mid-write leaves its temporary file behind; the next write of the
same target removes it (temporary files carry the writer's process id, so a live writer's file
is never touched).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from sphinx.errors import SphinxError

#: What a failed write means to the person who ran the build, by errno.
_REASONS = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "it is a folder; remove or rename the folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
}

#: Errors that writing itself raises (as opposed to whatever the caller does while writing).
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})


class OutputError(SphinxError, OSError):
    """A file that could not be written; the previous one, if any, is unchanged.

    It is an ``OSError`` (what it is) and a Sphinx error (so Sphinx reports it as a message, not
    as a crash).
    """

    category = "Cannot write output"

    def __init__(self, target: Path, cause: OSError) -> None:
        reason = _REASONS.get(cause.errno or 0, cause.strerror or str(cause))
        kept = "; the previous file is kept" if target.is_file() else ""
        super().__init__(f"cannot write {target}: {reason}{kept}")
        self.target = target
        self.errno = cause.errno


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def temporary_prefix(target: Path) -> str:
    """The start of the name of every temporary file written for ``target``, by this process."""
    return f".{target.name}.{os.getpid()}."


def is_stale_temporary(path: Path) -> bool:
    """True for a temporary file (of any target) whose writer no longer runs."""
    match = re.match(r"^\.+.*?\.(\d+)\..*\.tmp$", path.name)
    return match is not None and not _alive(int(match.group(1)))


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files of ``target`` left by writers that no longer run."""
    # Also the temporary files of a temporary file (a handout drafted beside its target).
    pattern = re.compile(rf"^\.+{re.escape(target.name)}\.(\d+)\..*\.tmp$")
    removed: list[Path] = []
    try:
        candidates = list(target.parent.iterdir())
    except OSError:
        return removed
    for path in candidates:
        match = pattern.match(path.name)
        if match and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextmanager
def atomic_output(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``target`` only if the block finishes without error."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(target)
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        fd, temp_name = tempfile.mkstemp(
            prefix=temporary_prefix(target), suffix=".tmp", dir=target.parent
        )
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(target, exc) from exc
    temp_path = Path(temp_name)
    try:
        # mkstemp makes the file private; give it the permissions any new file would get.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            yield handle
    except OSError as exc:
        temp_path.unlink(missing_ok=True)
        # A full disk while writing; any other error raised in the block is the caller's own.
        if exc.errno in _WRITE_ERRORS and not isinstance(exc, OutputError):
            raise OutputError(target, exc) from exc
        raise
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    try:
        temp_path.replace(target)
    except OSError as exc:
        temp_path.unlink(missing_ok=True)
        raise OutputError(target, exc) from exc


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_output(target) as handle:
        handle.write(data)


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))
