"""Find the version a reviewer approved, in git, so that a packet shows what changed since.

A clinical review names git's blob id of the English source, which ``git cat-file`` finds
directly. A translation review names a hash of the page's messages, which git does not know: the
catalogue's history is walked, newest first, until a version with that hash turns up. When the
project is not a git repository, or the version is not in it, the answer is ``None`` and the
packet says so.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from build_tools.reviews.records import messages_version_of

#: How far back the catalogue's history is searched (commits that touched it).
MAX_COMMITS = 500


def _git(root: Path, *args: str) -> bytes | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def reviewed_source(root: Path, blob_id: str) -> bytes | None:
    """The bytes of the English source with git blob id ``blob_id``, if git has them."""
    return _git(root, "cat-file", "blob", blob_id)


def reviewed_catalogue(root: Path, po_file: Path, wanted: str) -> bytes | None:
    """The catalogue as it was when its messages had version ``wanted``, if git has it."""
    try:
        relative = po_file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    log = _git(root, "log", f"--max-count={MAX_COMMITS}", "--format=%H", "--", relative)
    if log is None:
        return None
    for commit in log.decode("ascii", "replace").split():
        data = _git(root, "show", f"{commit}:{relative}")
        if data is not None and messages_version_of(data) == wanted:
            return data
    return None
