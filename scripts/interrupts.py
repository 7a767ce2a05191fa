"""Ctrl-C held back while a block must finish: renaming a lecture into place, stopping workers."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def holding_ctrl_c(*, then_raise: bool) -> Iterator[None]:
    """Let the block finish whatever Ctrl-C does meanwhile; after it, raise KeyboardInterrupt
    for a Ctrl-C held back if ``then_raise`` (a caller that is already stopping passes False).
    Outside the main thread (which alone receives signals and may set handlers) it holds
    nothing."""
    caught = []
    try:
        previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and then_raise:
        raise KeyboardInterrupt
