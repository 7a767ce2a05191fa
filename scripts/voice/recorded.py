"""The teacher's takes: how a line's take is named, where it is found, and how it is prepared
(decoded, mixed to mono at 48 kHz, trimmed of silence, loudness-normalised)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np

from scripts.voice.audio import RATE, decode, trim_silence
from scripts.voice.errors import VoiceError
from scripts.voice.loudness import normalise

AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".m4a", ".ogg")
NAME_WORDS = 5
NAME_CHARS = 40


def take_name(spoken: str) -> str:
    """The file name (without extension) of a line's take: its first words and 8 hex digits of
    the spoken text's sha256, so an edited line asks for a new take.
    'sigma of z is zero point nine nine' -> 'sigma-of-z-is-zero-<8 hex>'."""
    words = re.findall(r"[a-z0-9]+", spoken.lower())[:NAME_WORDS]
    slug = "-".join(words)[:NAME_CHARS].strip("-") or "line"
    return f"{slug}-{hashlib.sha256(spoken.encode('utf-8')).hexdigest()[:8]}"


def takes_in(folder: Path) -> dict[str, list[Path]]:
    """Audio files in the recordings folder by name (without extension)."""
    if not folder.is_dir():
        return {}
    found: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in AUDIO_SUFFIXES:
            found.setdefault(path.stem, []).append(path)
    return found


def find_take(folder: Path, spoken: str) -> Path | None:
    """The take recorded for a line, or None; two files for one line is an error naming both."""
    paths = takes_in(folder).get(take_name(spoken), [])
    if len(paths) > 1:
        raise VoiceError(f"two takes for one line, keep one: {', '.join(str(p) for p in paths)}")
    return paths[0] if paths else None


def prepare_take(path: Path) -> np.ndarray:
    """A take ready to mix: RATE mono, silence trimmed, at the lecture's loudness."""
    samples, _ = trim_silence(decode(path), RATE)
    return normalise(samples, RATE)
