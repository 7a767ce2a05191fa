"""Writing under a temporary name and renaming when complete, for every file the lecture makes.

A reader (a browser, a course platform, the next run's cache check) sees either the previous
file or the finished new one, never half of one. The temporary name keeps the extension, because
PyAV and Pillow choose the format from it.
"""

from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def partial_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.partial{path.suffix}")


@contextmanager
def writing(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it to ``path`` if the block succeeds."""
    partial = partial_path(path)
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    with writing(path) as partial:
        partial.write_text(text, encoding="utf-8")


def write_json(path: Path, data) -> None:
    write_text(path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def place(source: Path, target: Path) -> None:
    """Put a copy of ``source`` at ``target``: a hard link when possible (no bytes copied).

    Safe because nothing in the pipeline ever rewrites a file in place; every write is a rename.
    """
    with writing(target) as partial:
        try:
            os.link(source, partial)
        except OSError:
            shutil.copyfile(source, partial)
