"""A recorded take's word timings, carried across from the synthetic take of the same line:
both are described every 10 ms by the log energies of 8 broad mel bands and their deltas (at
16 kHz, normalised per band, so that voice, pitch and level matter less than what is said),
aligned by dynamic time warping (librosa), and each synthetic word's start and end goes through
the warping path.

An alignment is poor, and the take falls back to times in proportion to characters, when its
cost per step is above MAX_RATIO of the cost of aligning the recording to the synthetic take
played backwards (the same sounds in the wrong order), or the recording's length against the
synthetic take's is outside RATIO. Measured on Piper's takes: the same line at another speed,
pitch or formants 0.10-0.28, in espeak-ng's voice 0.50-0.54; another line 0.63-0.72."""

from __future__ import annotations

import numpy as np
from scipy.signal import resample_poly

from scripts.voice.audio import RATE
from scripts.voice.timing import Words

FEATURE_RATE = 16000
HOP = 160                    # 10 ms
BANDS = 8
MAX_RATIO = 0.58
RATIO = (0.4, 2.5)           # recording length over synthetic length


def features(samples: np.ndarray) -> np.ndarray:
    """Log mel band energies and their deltas of RATE samples, one column per 10 ms,
    normalised per row."""
    import librosa
    audio = resample_poly(samples, FEATURE_RATE, RATE).astype(np.float32)
    mel = librosa.feature.melspectrogram(y=audio, sr=FEATURE_RATE, n_fft=512, hop_length=HOP,
                                         n_mels=BANDS, fmin=80, fmax=7600)
    energies = np.log(mel + 1e-6)
    rows = np.vstack([energies, librosa.feature.delta(energies)])
    return (rows - rows.mean(axis=1, keepdims=True)) / (rows.std(axis=1, keepdims=True) + 1e-8)


def _dtw(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """librosa's DTW path (start to end) and its cost per step."""
    import librosa
    cost, path = librosa.sequence.dtw(X=x, Y=y, metric="euclidean")
    return path[::-1], float(cost[-1, -1] / len(path))


def warp(recording: np.ndarray, synthetic: np.ndarray) -> tuple[np.ndarray, float]:
    """For each 10 ms frame of the synthetic take, the recording's matching frame (fractional,
    non-decreasing), and the alignment's cost against the backwards baseline."""
    x, y = features(synthetic), features(recording)
    path, cost = _dtw(x, y)
    _, baseline = _dtw(x[:, ::-1], y)
    frames = np.zeros(x.shape[1])
    counts = np.zeros(x.shape[1])
    np.add.at(frames, path[:, 0], path[:, 1])
    np.add.at(counts, path[:, 0], 1)
    return np.maximum.accumulate(frames / np.maximum(counts, 1)), cost / max(baseline, 1e-9)


def carried(words: Words, mapped: np.ndarray) -> Words:
    """Synthetic word times moved along the warping path to the recording's times."""
    grid = np.arange(mapped.size)

    def moved(t: float) -> float:
        return float(np.interp(t * FEATURE_RATE / HOP, grid, mapped)) * HOP / FEATURE_RATE
    return [(word, moved(start), moved(end)) for word, start, end in words]


def align(recording: np.ndarray, synthetic: np.ndarray, words: Words) -> tuple[Words | None, float]:
    """The recording's word times from the synthetic take's ``words`` (None when the alignment
    is poor), and the alignment's cost against its baseline."""
    ratio = recording.size / max(1, synthetic.size)
    if not RATIO[0] <= ratio <= RATIO[1]:
        return None, float("inf")
    mapped, cost = warp(recording, synthetic)
    return (carried(words, mapped) if cost <= MAX_RATIO else None), cost
