"""Samples in and out: 48 kHz mono 16-bit PCM WAV files, decoding any take with PyAV, resampling
and trimming silence. Samples are float64 mono in [-1, 1] throughout."""

from __future__ import annotations

import math
import wave
from pathlib import Path

import av
import numpy as np
from scipy.signal import resample_poly

from scripts.voice.errors import VoiceError

RATE = 48000
TRIM_THRESHOLD_DB = -40.0   # silence: 10 ms windows this far below the take's loudest window
TRIM_KEEP_S = 0.05          # silence kept before the first and after the last sound
TRIM_WINDOW_S = 0.01


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """Samples at ``rate`` brought to RATE with a polyphase filter (exact for any integer rate)."""
    if rate == RATE:
        return samples
    common = math.gcd(rate, RATE)
    return resample_poly(samples, RATE // common, rate // common)


def trim_silence(samples: np.ndarray, rate: int = RATE) -> tuple[np.ndarray, int]:
    """The sound between the first and last 10 ms window above TRIM_THRESHOLD_DB (relative to the
    loudest), with exactly TRIM_KEEP_S of silence before and after it (cut, or padded where the
    take had less): every take starts speaking TRIM_KEEP_S after its start. Also the index in
    ``samples`` of the result's first sample (negative where silence was padded), by which a
    time in the take moves."""
    window = max(1, int(TRIM_WINDOW_S * rate))
    count = samples.size // window
    if count == 0:
        return samples, 0
    rms = np.sqrt(np.mean(samples[: count * window].reshape(count, window) ** 2, axis=1))
    loud = np.flatnonzero(rms > rms.max() * 10 ** (TRIM_THRESHOLD_DB / 20))
    keep = int(TRIM_KEEP_S * rate)
    first, last = loud[0] * window, (loud[-1] + 1) * window
    sound = samples[max(0, first - keep): last + keep]
    padded = np.pad(sound, (max(0, keep - first), max(0, last + keep - samples.size)))
    return padded, int(first - keep)


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """A 16-bit PCM WAV file's samples (mixed to mono) and rate."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise VoiceError(f"{path}: expected 16-bit PCM WAV, got {8 * wav.getsampwidth()}-bit")
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float64)
        channels, rate = wav.getnchannels(), wav.getframerate()
    return data.reshape(-1, channels).mean(axis=1) / 32768.0, rate


def write_wav(path: Path, samples: np.ndarray) -> None:
    """Write samples as a 48 kHz mono 16-bit PCM WAV (rounded, clipped to the 16-bit range)."""
    pcm = np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(pcm.tobytes())


def decode(path: Path) -> np.ndarray:
    """Any audio file PyAV reads (WAV, FLAC, MP3, M4A, Ogg; any rate, any channels) as RATE mono
    samples. A file that is not audio, is empty or is unreadable is one VoiceError naming it."""
    if path.stat().st_size == 0:
        raise VoiceError(f"{path}: the take is empty (0 bytes)")
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise VoiceError(f"{path}: not an audio file (no audio stream)")
            resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
            chunks = []
            for frame in container.decode(container.streams.audio[0]):
                chunks.extend(f.to_ndarray().reshape(-1) for f in resampler.resample(frame))
            chunks.extend(f.to_ndarray().reshape(-1) for f in resampler.resample(None))
    except (av.FFmpegError, UnicodeDecodeError, OSError) as error:
        reason = getattr(error, "strerror", None) or error
        raise VoiceError(f"{path}: not a readable audio file ({reason})") from None
    samples = np.concatenate(chunks).astype(np.float64) if chunks else np.zeros(0)
    if samples.size == 0:
        raise VoiceError(f"{path}: the take is empty (no audio samples)")
    if not np.any(np.abs(samples) > 10 ** (TRIM_THRESHOLD_DB / 20) / 100):
        raise VoiceError(f"{path}: the take is silent")
    return samples
