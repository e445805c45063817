"""Files of a backfill: folders and archives (.zip, .tar.gz) walked into a plan of files, each known by
the SHA-256 of its content. Pure file handling: nothing here touches the database.

The plan is independent of the order the paths are given in: files are sorted by their base name (day
files ``china_sites_YYYYMMDD.csv`` and per-hour files named by their hour sort by time), then by where
they were found; a file whose content was already planned (the same file in a folder and an archive) is
listed as a duplicate and not planned twice. ``national_station_list_*.csv`` files are the station list
(the newest name), not data.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

ARCHIVES = (".zip", ".tar.gz", ".tgz", ".tar")
STATION_LIST_PREFIX = "national_station_list_"


@dataclass(frozen=True)
class Entry:
    """One file: on disk (``member`` empty) or inside the archive ``path``."""

    path: str
    member: str = ""
    sha256: str = ""
    size: int = 0

    @property
    def name(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path

    @property
    def base(self) -> str:
        return os.path.basename(self.member or self.path)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Plan:
    files: list[Entry] = field(default_factory=list)
    duplicates: list[tuple[Entry, Entry]] = field(default_factory=list)  # (duplicate, the planned file)
    station_list: Entry | None = None

    @property
    def size(self) -> int:
        return sum(e.size for e in self.files)


def is_archive(path: str) -> bool:
    return path.lower().endswith(ARCHIVES)


def plan(paths: list[str]) -> Plan:
    """Walk ``paths`` (files, folders, archives) into a :class:`Plan`; ``OSError`` for a missing path."""
    found: list[Entry] = []
    for path in paths:
        found.extend(_walk(os.path.abspath(path)))
    lists = sorted((e for e in found if e.base.startswith(STATION_LIST_PREFIX)), key=lambda e: (e.base, e.name))
    out = Plan(station_list=lists[-1] if lists else None)
    planned: dict[str, Entry] = {}
    for entry in sorted((e for e in found if not e.base.startswith(STATION_LIST_PREFIX)),
                        key=lambda e: (e.base, e.name)):
        if entry.sha256 in planned:
            out.duplicates.append((entry, planned[entry.sha256]))
            continue
        planned[entry.sha256] = entry
        out.files.append(entry)
    return out


def _walk(path: str) -> Iterator[Entry]:
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                yield from _walk(os.path.join(root, name))
    elif is_archive(path):
        yield from _archive_members(path)
    elif not os.path.exists(path):
        raise FileNotFoundError(path)
    elif path.lower().endswith(".csv"):
        with open(path, "rb") as fh:
            yield Entry(path=path, sha256=_digest(fh), size=os.path.getsize(path))


def _archive_members(path: str) -> Iterator[Entry]:
    if path.lower().endswith(".zip"):
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if not info.is_dir() and info.filename.lower().endswith(".csv"):
                    with zf.open(info) as fh:
                        yield Entry(path=path, member=info.filename, sha256=_digest(fh), size=info.file_size)
        return
    with tarfile.open(path) as tf:
        for info in tf:
            if info.isfile() and info.name.lower().endswith(".csv"):
                fh = tf.extractfile(info)
                assert fh is not None
                yield Entry(path=path, member=info.name, sha256=_digest(fh), size=info.size)


def _digest(fh) -> str:
    h = hashlib.sha256()
    for chunk in iter(lambda: fh.read(1 << 20), b""):
        h.update(chunk)
    return h.hexdigest()


@contextlib.contextmanager
def local_copy(entry: Entry) -> Iterator[str]:
    """A path to the entry's content: the file itself, or the archive member extracted to a temporary file
    (same base name) removed afterwards."""
    if not entry.member:
        yield entry.path
        return
    folder = tempfile.mkdtemp(prefix="ecogov-backfill-")
    target = os.path.join(folder, entry.base)
    try:
        with _open_member(entry) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _open_member(entry: Entry):
    if entry.path.lower().endswith(".zip"):
        with zipfile.ZipFile(entry.path) as zf, zf.open(entry.member) as fh:
            yield fh
        return
    with tarfile.open(entry.path) as tf:
        fh = tf.extractfile(entry.member)
        if fh is None:
            raise FileNotFoundError(entry.name)
        with fh:
            yield fh
