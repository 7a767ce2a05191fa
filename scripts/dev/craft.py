"""How a rendered clip moves with its words, measured from its frames and captions.

- Stills: a frame is still when fewer than 0.02 % of its pixels changed from the frame before
  (a pixel changed when a channel moved more than x264's noise on a still picture); the share
  of a clip spent in stills of 3 s or more, and the longest still outside the clip's last 3 s.
- Fill: the content area (everything below the heading band, ``theme.CONTENT``) is cut into a
  grid of cells a unit square; a cell is filled when some of its pixels differ from
  the background. Fill is the share of filled cells, averaged over the clip's frames.
- Cues: how many of a clip's caption cues are timed from the voice's word timings, and how many
  are shown faster than the subtitle standard's characters per second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scenes import theme

STILL_SHARE = 0.0002       # a still frame changes fewer than this share of its pixels
NOISE_LEVELS = 6           # a pixel changed when a channel moved more than this (x264: up to 3)
LONG_STILL_S = 3.0
TAIL_S = 3.0               # a scene's last seconds: a still there is its closing picture
CELL_UNITS = 1.0           # fill grid cell, frame units (a unit square: about a word of body text)
CELL_INK = 0.005           # a cell is filled when this share of its pixels is not background
INK_LEVELS = 48            # ... a pixel is not background when its channels differ by this in all


@dataclass(frozen=True)
class ClipCraft:
    duration: float
    still_share: float       # of the clip's time, in stills of LONG_STILL_S or more
    longest_still: float     # seconds, outside the last TAIL_S
    fill: float              # mean share of content cells filled


def frames(video: Path, step: int = 1):
    """(time, RGB array) of every ``step``-th frame of ``video``, and the frame rate."""
    import av

    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        rate = float(stream.average_rate)
        for index, frame in enumerate(container.decode(stream)):
            if index % step == 0:
                yield float(frame.pts * stream.time_base), frame.to_ndarray(format="rgb24")


def changed_share(previous: np.ndarray, current: np.ndarray) -> float:
    """The share of pixels that changed between two frames."""
    moved = np.abs(current.astype(np.int16) - previous.astype(np.int16)).max(axis=2)
    return float((moved > NOISE_LEVELS).mean())


def still_runs(changes: list[float], fps: float) -> list[tuple[float, float]]:
    """(start, end) seconds of each run of still frames; ``changes[k]`` is frame k's changed
    share against frame k - 1 (the first frame's is taken as moving)."""
    runs, start = [], None
    for index, change in enumerate(changes + [1.0]):
        still = index > 0 and change < STILL_SHARE
        if still and start is None:
            start = index - 1          # the frame before the first unchanged one is still too
        elif not still and start is not None:
            runs.append((start / fps, index / fps))
            start = None
    return runs


def long_still_share(runs: list[tuple[float, float]], duration: float) -> float:
    """The share of ``duration`` spent in stills of LONG_STILL_S or more."""
    held = sum(end - start for start, end in runs if end - start >= LONG_STILL_S - 1e-9)
    return held / duration if duration else 0.0


def longest_still(runs: list[tuple[float, float]], duration: float) -> float:
    """The longest still that lies before the clip's last TAIL_S (cut off there)."""
    limit = duration - TAIL_S
    return max((min(end, limit) - start for start, end in runs if start < limit), default=0.0)


def fill(frame: np.ndarray, background: np.ndarray) -> float:
    """The share of the content area's grid cells in which the frame shows something."""
    height, width, _ = frame.shape
    per_unit = width / theme.FRAME_WIDTH
    region = theme.CONTENT
    x0, x1 = (int(round((x + theme.FRAME_WIDTH / 2) * per_unit)) for x in (region.left, region.right))
    y0, y1 = (int(round((theme.FRAME_HEIGHT / 2 - y) * per_unit)) for y in (region.top, region.bottom))
    ink = (np.abs(frame[y0:y1, x0:x1].astype(np.int16) - background.astype(np.int16)).sum(axis=2)
           > INK_LEVELS)
    rows = max(1, round(region.height / CELL_UNITS))
    cols = max(1, round(region.width / CELL_UNITS))
    filled = 0
    for band in np.array_split(ink, rows, axis=0):
        for cell in np.array_split(band, cols, axis=1):
            filled += cell.size > 0 and cell.mean() >= CELL_INK
    return filled / (rows * cols)


def measure_clip(video: Path, background: str) -> ClipCraft:
    """Stills and fill of one clip (``background``: the theme's background colour, #RRGGBB)."""
    back = np.array([int(background[k:k + 2], 16) for k in (1, 3, 5)], dtype=np.uint8)
    changes, fills, previous, fps, count = [], [], None, None, 0
    for t, rgb in frames(video):
        count += 1
        changes.append(1.0 if previous is None else changed_share(previous, rgb))
        fills.append(fill(rgb, back))
        previous = rgb
        if fps is None:
            fps = _rate(video)
    duration = count / fps if fps else 0.0
    runs = still_runs(changes, fps or 1.0)
    return ClipCraft(duration, long_still_share(runs, duration), longest_still(runs, duration),
                     float(np.mean(fills)) if fills else 0.0)


def _rate(video: Path) -> float:
    import av

    with av.open(str(video)) as container:
        return float(container.streams.video[0].average_rate)


def cue_rates(cues) -> list[float]:
    """Characters per second of each cue (its text without line breaks)."""
    return [len(cue.text.replace("\n", " ")) / max(cue.end - cue.start, 1e-9) for cue in cues]
