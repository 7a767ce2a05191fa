"""Takes on disk: ``<cache_dir>/<key>.wav`` and ``<key>.json`` (duration, words, source, timing), each
written under a temporary name and renamed when complete, so an interrupted synthesis never
leaves a half-written take. The key is the sha256 of everything the audio depends on."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scripts.files import writing
from scripts.voice.audio import RATE, TRIM_KEEP_S, TRIM_THRESHOLD_DB, write_wav
from scripts.voice.loudness import LIMITER_WINDOW_S, PEAK_CEILING_DBTP, PEAK_MARGIN_DB, TARGET_LUFS
from scripts.voice.timing import Words

# Part of every key: the processing of a take. The version is bumped when its code changes
# (v4: every take carries its word timings).
PROCESSING = (f"takes v4: {RATE} Hz mono s16, trim {TRIM_THRESHOLD_DB} dB keep {TRIM_KEEP_S} s, "
              f"{TARGET_LUFS} LUFS, {PEAK_CEILING_DBTP} dBTP (margin {PEAK_MARGIN_DB} dB), "
              f"limiter {LIMITER_WINDOW_S} s")

@dataclass(frozen=True)
class Take:
    """One spoken line, ready to mix: a 48 kHz mono 16-bit WAV and what it says when: ``words``
    is one (word, start, end) per whitespace-separated word of the spoken text, in seconds.
    ``timing`` says where those times come from: the engine's own ("piper", "espeak"), a
    recording aligned to its synthetic take ("aligned"), or characters ("proportional")."""
    wav: Path
    duration: float
    words: Words
    key: str
    source: str
    timing: str


def take_key(**parts) -> str:
    """sha256 over the named parts (spoken text, engine, voice, settings, a take's bytes...)."""
    blob = json.dumps({"processing": PROCESSING, **parts}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes (a recorded take's part of its key)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class TakeCache:
    """The folder of finished takes."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def paths(self, key: str) -> tuple[Path, Path]:
        """The take's audio and its facts."""
        return self.folder / f"{key}.wav", self.folder / f"{key}.json"

    def load(self, key: str) -> Take | None:
        """The stored take, or None when it is not (completely) there."""
        wav, facts = self.paths(key)
        if not (wav.exists() and facts.exists()):
            return None
        data = json.loads(facts.read_text(encoding="utf-8"))
        words = [tuple(word) for word in data["words"]]
        return Take(wav, data["duration"], words, key, data["source"], data["timing"])

    def store(self, key: str, samples: np.ndarray, words: Words, source: str,
              timing: str) -> Take:
        """Write a take atomically: the audio first, then its facts, which mark it complete."""
        self.folder.mkdir(parents=True, exist_ok=True)
        wav, facts = self.paths(key)
        duration = samples.size / RATE
        with writing(wav) as partial:
            write_wav(partial, samples)
        text = json.dumps({"duration": duration, "words": words, "source": source,
                           "timing": timing})
        with writing(facts) as partial:
            partial.write_text(text, encoding="utf-8")
        return Take(wav, duration, words, key, source, timing)


