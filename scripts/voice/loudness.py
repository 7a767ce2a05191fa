"""Loudness of takes: every take at -16 LUFS integrated (ITU-R BS.1770, via pyloudnorm) with a true
peak of at most -1 dBTP, so synthetic and recorded lines sit at one level, the common target for
online lectures."""

from __future__ import annotations

import numpy as np
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

TARGET_LUFS = -16.0
PEAK_CEILING_DBTP = -1.0
GATE_BLOCK_S = 0.4        # BS.1770 measures 400 ms blocks: shorter takes are measured padded
LIMITER_WINDOW_S = 0.02   # the limiter's gain glides over 20-60 ms: slow against a pitch period (no
                          # distortion), quick against a syllable
PEAK_MARGIN_DB = 1.0      # aim below the ceiling so that 16-bit rounding and the AAC/Opus encoders'
                          # overshoot (0.4 dB measured on the lecture at 96 kb/s) cannot cross it
LIMITER_PASSES = 4        # level, limit, measure: each pass loses less level than the one before
SETTLED_LU = 0.3          # close enough to the target to stop limiting


def _oversampled_peaks(samples: np.ndarray) -> np.ndarray:
    """Per sample, the largest magnitude among its 4x oversampled values (BS.1770's true peak)."""
    upsampled = np.abs(resample_poly(samples, 4, 1))
    return np.maximum(np.maximum(upsampled[0::4], upsampled[1::4]),
                      np.maximum(upsampled[2::4], upsampled[3::4]))


def true_peak_dbtp(samples: np.ndarray) -> float:
    """True peak (dBTP): the largest magnitude after 4x oversampling."""
    if samples.size == 0:
        return -np.inf
    peak = float(np.abs(resample_poly(samples, 4, 1)).max())
    return 20 * np.log10(peak) if peak > 0 else -np.inf


def integrated_lufs(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness (LUFS) by BS.1770; a take shorter than one gating block is measured
    padded with silence (the silent blocks fall under the absolute gate)."""
    block = int(np.ceil(GATE_BLOCK_S * rate)) + 1
    if samples.size < block:
        samples = np.pad(samples, (0, block - samples.size))
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)))


def measure(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """(integrated loudness in LUFS, true peak in dBTP) of mono float samples in [-1, 1]."""
    return integrated_lufs(samples, rate), true_peak_dbtp(samples)


def _limiter_gain(peaks: np.ndarray, rate: int, ceiling: float) -> np.ndarray:
    """The gain that brings every peak above ``ceiling`` (linear) down to it: the needed gain,
    held and smoothed over LIMITER_WINDOW_S so that it never adds a click or a buzz."""
    window = max(3, int(LIMITER_WINDOW_S * rate) | 1)
    needed = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    held = minimum_filter1d(needed, size=2 * window + 1, mode="nearest")
    return np.minimum(uniform_filter1d(held, size=window, mode="nearest"), needed)


def normalise(samples: np.ndarray, rate: int) -> np.ndarray:
    """The take at TARGET_LUFS (within SETTLED_LU) with its true peak at most PEAK_CEILING_DBTP.
    Speech at -16 LUFS can peak above the ceiling: a limiter takes those peaks down to a margin
    below it, the level lost is made up, and again while that pushes peaks over. The gain glides
    slowly, so the take's oversampled peaks, found once, scale with it; the result's true peak is
    measured at the end."""
    samples = samples.astype(np.float64)
    lufs = integrated_lufs(samples, rate)
    if not np.isfinite(lufs):
        return samples
    peaks = _oversampled_peaks(samples)
    ceiling = 10 ** ((PEAK_CEILING_DBTP - PEAK_MARGIN_DB) / 20)
    level, gain = 10 ** ((TARGET_LUFS - lufs) / 20), np.ones_like(samples)
    for _ in range(LIMITER_PASSES):
        if (level * gain * peaks).max() <= ceiling:
            break
        gain *= _limiter_gain(level * gain * peaks, rate, ceiling)
        lufs = integrated_lufs(samples * level * gain, rate)
        if abs(lufs - TARGET_LUFS) < SETTLED_LU:
            break
        level *= 10 ** ((TARGET_LUFS - lufs) / 20)
    out = samples * level * gain
    return out * min(1.0, 10 ** ((PEAK_CEILING_DBTP - PEAK_MARGIN_DB - true_peak_dbtp(out)) / 20))
