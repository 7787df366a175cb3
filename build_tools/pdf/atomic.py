"""Write a file so that a reader never sees half of one: write beside the target, then rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextmanager
def atomic_output(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``target`` only if the block finishes without error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp_path = Path(temp_name)
    try:
        # mkstemp makes the file private; give it the permissions any new file would get.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            yield handle
        temp_path.replace(target)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
