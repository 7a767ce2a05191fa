"""Seeded toy data for the applications scene's panels: the lesson's section 9 figures (a noisy
time series, a user-item rating matrix, a maze, a speech-like waveform, a tiny image). They
illustrate, they are not results; nnmath makes them so scenes draw and never compute."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Illustrations:
    """``series_t``/``series`` a noisy sine and ``series_clean`` its signal, ``forecast_t``/
    ``forecast`` the signal continued (what a time-series model predicts); ``ratings`` users ×
    items with 0 for unrated, ``predicted`` the cells a recommender fills in; ``maze`` 0 free /
    1 wall with ``maze_path`` (row, col) cells from start to goal; ``wave_t``/``wave`` a sum of
    sines plus noise; ``image`` a small grey-level picture (a ring) for the image classifier."""

    series_t: np.ndarray
    series: np.ndarray
    series_clean: np.ndarray
    forecast_t: np.ndarray
    forecast: np.ndarray
    ratings: np.ndarray
    predicted: np.ndarray
    maze: np.ndarray
    maze_path: tuple
    wave_t: np.ndarray
    wave: np.ndarray
    image: np.ndarray


# The lesson's maze: corridors along a square ring with a spur inside, walls elsewhere;
# the agent goes from the start (2, 2) to the goal (7, 7) along the ring.
_MAZE_CORRIDORS = ((slice(2, 8), 2), (2, slice(2, 8)), (slice(2, 8), 7), (7, slice(2, 8)),
                   (4, slice(4, 7)), (5, 4))
_MAZE_PATH = tuple((2, c) for c in range(2, 8)) + tuple((r, 7) for r in range(3, 8))


def make_illustrations(seed):
    """The panels' data, drawn from ``np.random.default_rng(seed)`` (never the global RNG)."""
    rng = np.random.default_rng(seed)
    series_t = np.linspace(0, 10, 100)
    series_clean = np.sin(series_t)
    forecast_t = np.linspace(10, 13, 30)
    ratings = rng.integers(0, 5, size=(6, 9))
    predicted = (ratings == 0) & (rng.random(ratings.shape) < 0.5)
    maze = np.ones((10, 10), dtype=int)
    for rows, cols in _MAZE_CORRIDORS:
        maze[rows, cols] = 0
    wave_t = np.linspace(0, 10, 400)
    wave = (np.sin(2 * np.pi * wave_t) + 0.5 * np.sin(4 * np.pi * wave_t)
            + 0.2 * np.sin(8 * np.pi * wave_t) + rng.normal(0, 0.1, wave_t.size))
    yy, xx = np.mgrid[-1:1:12j, -1:1:12j]
    image = np.clip(1 - np.abs(np.hypot(xx, yy) - 0.6) * 4, 0, 1)
    return Illustrations(series_t, series_clean + rng.normal(0, 0.1, series_t.size), series_clean,
                         forecast_t, np.sin(forecast_t), ratings, predicted, maze, _MAZE_PATH,
                         wave_t, wave, image)
