"""Writing under a temporary name and renaming when complete, for every file the lecture makes.

A reader (a browser, a course platform, the next run's cache check) sees either the previous
file or the finished new one, never half of one. The temporary name keeps the extension, because
PyAV and Pillow choose the format from it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from nnmath.errors import NNLectureError


def partial_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.partial{path.suffix}")


@contextmanager
def writing(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it to ``path`` if the block succeeds.

    The temporary name is unique (``.STEM.XXXX.partial.SUFFIX``), so processes writing the same
    file at once (two workers storing one take) never write into each other's partial file; it
    keeps the suffix, from which PyAV and Pillow choose the format."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.",
                                    suffix=f".partial{path.suffix}")
    os.close(handle)
    partial = Path(name)
    os.chmod(partial, 0o666 & ~_umask())   # as a plain open() would create it, not mkstemp's 0600
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def log_path(media_dir: Path, slug: str) -> Path:
    """Where a failed scene's traceback and Manim's output are kept."""
    return Path(media_dir) / "logs" / f"{slug}.log"


def write_text(path: Path, text: str) -> None:
    with writing(path) as partial:
        partial.write_text(text, encoding="utf-8")


def write_json(path: Path, data) -> None:
    write_text(path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def place(source: Path, target: Path) -> None:
    """Put a copy of ``source`` at ``target`` that shares no inode with it, so that damage to one
    (a cache entry cut short) cannot reach the other (the published lecture): a reflink where
    the file system has them (no bytes copied until one is written), else a copy in the kernel."""
    with writing(target) as partial:
        with open(source, "rb") as src, open(partial, "wb") as dst:
            try:
                fcntl.ioctl(dst.fileno(), FICLONE, src.fileno())
                return
            except OSError:   # no reflinks here (ext4, tmpfs) or across file systems
                pass
        shutil.copyfile(source, partial)


FICLONE = 0x40049409   # Linux ioctl: make a file share another's extents, copy on write


class FolderBusy(NNLectureError):
    """Another render holds the media folder; the message is one line naming its pid."""


_held: set[Path] = set()   # render locks this process holds (a render's steps nest)


@contextmanager
def render_lock(media_dir: Path) -> Iterator[None]:
    """Hold ``media_dir`` for this render, or raise FolderBusy at once if another render does.

    The lock is an ``flock`` on ``.manim/render.lock``: the kernel releases it however its
    holder ends, so a lock file left by a killed render is stale and simply taken over (the pid
    written inside only names the holder in the message)."""
    path = Path(media_dir).resolve() / ".manim" / "render.lock"
    if path in _held:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = (os.pread(fd, 32, 0).decode(errors="replace").split() or ["?"])[0]
            raise FolderBusy(f"a render (pid {holder}) is already writing {media_dir}; wait for "
                             f"it to finish or give this one another --media-dir") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _held.add(path)
        try:
            yield
        finally:
            _held.discard(path)
    finally:
        os.close(fd)   # releases the flock
