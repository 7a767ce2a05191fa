"""Synthesis of a whole lecture's lines before rendering, on all cores: one process per core, each
loading its engine once, the longest lines first so the cores finish together."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from scripts.voice.cache import Take
from scripts.voice.engines import make_voice
from scripts.voice.settings import VoiceSettings

_WORKER_VOICE = {}


def synthesize_all(voice, texts: list[str], jobs: int | None = None) -> list[Take | None]:
    """Every line's take, in the order of ``texts``; the lines not cached yet are made in a pool
    of ``jobs`` processes (default: one per core). A second call synthesises nothing. The workers
    are spawned, not forked, so a program run as a script calls this under
    ``if __name__ == "__main__"`` (as console entry points do)."""
    jobs = jobs or os.cpu_count() or 1
    todo = sorted({text for text in texts if voice.engine != "none" and not _cached(voice, text)},
                  key=lambda text: (-len(text), text))
    if jobs > 1 and len(todo) > 1:
        spawn = multiprocessing.get_context("spawn")   # no fork of a process holding ONNX threads
        pool = ProcessPoolExecutor(min(jobs, len(todo)), mp_context=spawn, initializer=_start,
                                   initargs=(voice.settings,))
        try:
            for _ in pool.map(_speak, todo):
                pass
        finally:
            pool.shutdown(cancel_futures=True)    # a bad take stops the rest at once
    return [voice.speak(text) for text in texts]


def _cached(voice, text: str) -> bool:
    """Whether the line's take is already in the cache."""
    return voice.cache.load(voice.key(text)) is not None


def _start(settings: VoiceSettings) -> None:
    """A worker's voice, made once per process."""
    _WORKER_VOICE["voice"] = make_voice(settings)


def _speak(text: str) -> None:
    """Synthesise (and store) one line in a worker."""
    _WORKER_VOICE["voice"].speak(text)
