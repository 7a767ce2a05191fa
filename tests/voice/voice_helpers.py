"""Helpers of the voice tests: settings, synthetic tones and takes encoded with PyAV."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import av
import numpy as np

from scripts.voice import VoiceSettings

# Codec and container of a take per file extension, as a teacher's audio editor would write them.
CODECS = {".wav": "pcm_s16le", ".flac": "flac", ".mp3": "libmp3lame", ".m4a": "aac"}


def espeak_settings(tmp_path: Path, **changes) -> VoiceSettings:
    """Settings speaking with espeak (also as the fallback), in folders under tmp_path."""
    base = VoiceSettings(engine="espeak", recordings=tmp_path / "narration",
                         cache_dir=tmp_path / "cache", fallback="espeak")
    return dataclasses.replace(base, **changes)


def tone(seconds: float, rate: int, freq: float = 440.0, level: float = 0.5) -> np.ndarray:
    """A sine tone whose loudness rises and falls like a spoken phrase (mono float)."""
    t = np.arange(int(seconds * rate)) / rate
    envelope = 0.6 + 0.4 * np.sin(2 * np.pi * 3 * t)
    return level * envelope * np.sin(2 * np.pi * freq * t)


def stereo_take(path: Path, lead_s: float = 1.0, speech_s: float = 1.5, tail_s: float = 0.5,
                rate: int = 44100) -> Path:
    """A take as recorded: ``lead_s`` of silence, a phrase, ``tail_s`` of silence; stereo at
    ``rate``, encoded by the codec its extension names."""
    phrase = np.concatenate([np.zeros(int(lead_s * rate)), tone(speech_s, rate),
                             np.zeros(int(tail_s * rate))])
    stereo = np.stack([phrase, 0.8 * phrase]).astype(np.float32)
    codec = CODECS[path.suffix]
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout="stereo")
        fmt = stream.codec_context.codec.audio_formats[0].name
        if fmt in ("s16", "s16p"):
            frames_data = (stereo * 32767).astype(np.int16)
        elif fmt == "s32p":
            frames_data = (stereo * 2147483647).astype(np.int32)
        else:
            frames_data = stereo
        packed = not fmt.endswith("p")
        block = 1024
        for start in range(0, frames_data.shape[1], block):
            chunk = frames_data[:, start:start + block]
            array = chunk.T.reshape(1, -1) if packed else np.ascontiguousarray(chunk)
            frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(array), format=fmt,
                                               layout="stereo")
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def cache_files(folder: Path) -> list[str]:
    """Names of everything in a cache folder (temporary files included)."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []
