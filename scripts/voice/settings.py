"""What a voice is made from: the engine, the teacher's takes, the cache, and the speaking rate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.voice.errors import VoiceError

RATES = (0.5, 2.0)


@dataclass(frozen=True)
class VoiceSettings:
    """``engine``: piper, espeak, recorded or none. ``fallback``: the synthetic engine that speaks
    the lines a recording folder has no take for. ``rate``: speaking speed, 1 = the voice's own."""
    engine: str = "piper"
    recordings: Path = Path("narration")
    cache_dir: Path = Path("media/.manim/voice")
    fallback: str = "piper"
    rate: float = 1.0

    def __post_init__(self):
        object.__setattr__(self, "recordings", Path(self.recordings))
        object.__setattr__(self, "cache_dir", Path(self.cache_dir))
        if not RATES[0] <= self.rate <= RATES[1]:
            raise VoiceError(f"voice rate {self.rate} is out of range: choose {RATES[0]} to "
                             f"{RATES[1]} (1 is the voice's own speed)")
