"""What a voice is made from: the engine, the teacher's takes, the cache, and the speaking rate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class VoiceSettings:
    """``engine``: piper, espeak, recorded or none. ``fallback``: the synthetic engine that speaks
    the lines a recording folder has no take for. ``rate``: speaking speed, 1 = the voice's own."""
    engine: str = "piper"
    recordings: Path = Path("narration")
    cache_dir: Path = Path("media/.manim/voice")
    fallback: str = "piper"
    rate: float = 1.0
