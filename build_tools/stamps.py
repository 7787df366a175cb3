"""Content-hash stamps: an output is rebuilt only when something it is made from has changed.

An output's key is a SHA-256 over everything that can change it:

- the sources (``source/``) and ``conf.py``;
- its language's folder under ``locale/`` (catalogues, glossary, review records; not the ``.mo``
  files, which Sphinx compiles from the catalogues) and the list of languages (the HTML
  language switcher names them all);
- our code, with the themes, templates and stylesheets (``build_tools/``);
- the builder, the language and the full ``sphinx-build`` command (every flag);
- the versions of Python and of every installed distribution, and the system's packages and
  fonts as far as a cheap look can tell (the mtime and size of dpkg's status file and of the font
  folders), so an upgrade of Pango, a font or WeasyPrint rebuilds.

The key comes in two parts: the documents and their own catalogues, whose changes Sphinx tracks
itself (it re-reads and rewrites only what they affect), and everything else, which Sphinx cannot
see (our extension's code, ``theme.po``, the tool versions): a change there runs Sphinx with a
fresh environment (``-E``), so every page is read and written again.

The stamp (``build/cache/stamps/<builder>-<language>.json``) stores the key and a fingerprint of
the output as it was written (size, mtime and, for files, a hash). A build is skipped only when
both match: an output deleted, touched or replaced by hand is rebuilt, never served stale. The
stamp is removed before Sphinx starts and written only after it succeeded.
"""

from __future__ import annotations

import enum
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path

from build_tools.atomic import write_text_atomic

#: Files that say whether system libraries or fonts have changed (cheap to stat).
SYSTEM_MARKERS = (
    Path("/var/lib/dpkg/status"),
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
)


def _files(folder: Path, skip_suffixes: tuple[str, ...] = ()) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in skip_suffixes
    )


def _digest_files(digest: hashlib._Hash, root: Path, files: Iterable[Path]) -> None:
    for path in files:
        digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
        digest.update(path.read_bytes())


@dataclass(frozen=True)
class Keys:
    """What Sphinx tracks itself (documents and their catalogues), and everything else."""

    documents: str
    rest: str


class Inputs:
    """The inputs of the project at ``root``, hashed once and shared by every job of a run."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @cached_property
    def sources(self) -> str:
        digest = hashlib.sha256(b"stamps/1")
        _digest_files(digest, self.root, _files(self.root / "source"))
        return digest.hexdigest()

    @cached_property
    def common(self) -> str:
        digest = hashlib.sha256(b"stamps/1")
        root = self.root
        _digest_files(digest, root, [root / "conf.py"])
        _digest_files(digest, root, _files(root / "build_tools", (".pyc",)))
        languages = sorted(p.name for p in (root / "locale").iterdir() if p.is_dir())
        digest.update(f"\0languages={','.join(languages)}\0".encode())
        digest.update(sys.version.encode())
        digest.update(sys.executable.encode())
        versions = sorted(
            f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()
        )
        digest.update("\n".join(versions).encode())
        for marker in SYSTEM_MARKERS:
            try:
                stat = marker.stat()
            except OSError:
                digest.update(f"\0{marker}:absent".encode())
                continue
            digest.update(f"\0{marker}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        return digest.hexdigest()

    def keys(self, builder: str, language: str, command: Sequence[str]) -> Keys:
        documents = hashlib.sha256(self.sources.encode())
        rest = hashlib.sha256(self.common.encode())
        rest.update(f"\0{builder}\0{language}\0".encode())
        rest.update("\0".join(command).encode())
        folder = self.root / "locale" / language
        if folder.is_dir():
            for path in _files(folder, (".mo",)):
                # Sphinx re-reads a document when its own catalogue changes; theme.po, the
                # glossary and the review records it does not know about.
                tracked = "LC_MESSAGES" in path.parts and path.name != "theme.po"
                _digest_files(documents if tracked else rest, self.root, [path])
        return Keys(documents.hexdigest(), rest.hexdigest())


#: A folder of the site that other jobs fill (html_site.DOWNLOADS): not part of the HTML's own
#: fingerprint, or a PDF finishing after the site would make the site look edited by hand.
DERIVED_FOLDER = "downloads/"


def fingerprint(output: Path) -> str | None:
    """What the output looks like now: None when it is not there."""
    if output.is_file():
        stat = output.stat()
        content = hashlib.sha256(output.read_bytes()).hexdigest()
        return f"{stat.st_size}:{stat.st_mtime_ns}:{content}"
    if output.is_dir():
        digest = hashlib.sha256()
        for path in _files(output):
            relative = path.relative_to(output).as_posix()
            if relative.startswith(DERIVED_FOLDER):
                continue  # the site's copies of the PDF and ePub, refreshed after every format
            stat = path.stat()
            digest.update(f"{relative}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()
    return None


class Plan(enum.Enum):
    """What a job needs, from its stamp."""

    CURRENT = "current"  # nothing changed: no Sphinx at all
    INCREMENTAL = "incremental"  # only documents or their catalogues: Sphinx's own bookkeeping
    FULL = "full"  # anything else: a fresh environment, every page written (sphinx-build -E)


class Stamp:
    """What an output was last built from, and what it looked like then."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def plan(self, keys: Keys, output: Path) -> Plan:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Plan.FULL
        if not isinstance(stored, dict) or stored.get("rest") != keys.rest:
            return Plan.FULL
        now = fingerprint(output)
        if now is None or stored.get("output") != now:
            # Removed or edited by hand: Sphinx would not notice, so write everything again.
            return Plan.FULL
        return Plan.CURRENT if stored.get("documents") == keys.documents else Plan.INCREMENTAL

    def record(self, keys: Keys, output: Path) -> None:
        stored = {"documents": keys.documents, "rest": keys.rest, "output": fingerprint(output)}
        write_text_atomic(self.path, json.dumps(stored, indent=1) + "\n")

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
