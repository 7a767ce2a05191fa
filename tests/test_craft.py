"""The craft measurement (scripts/dev/craft.py) on clips whose answer is known."""

from __future__ import annotations

import av
import numpy as np
import pytest

from scenes import theme
from scripts.dev import craft

BACKGROUND = "#0E1116"
W, H, FPS = 426, 240, 10


def write_clip(path, frames):
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        for rgb in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def blank():
    frame = np.zeros((H, W, 3), dtype=np.uint8)
    frame[:] = [0x0E, 0x11, 0x16]
    return frame


def content_box():
    """Pixel bounds of theme.CONTENT at this size."""
    per_unit = W / theme.FRAME_WIDTH
    c = theme.CONTENT
    return (round((c.left + theme.FRAME_WIDTH / 2) * per_unit), round((c.right + theme.FRAME_WIDTH / 2) * per_unit),
            round((theme.FRAME_HEIGHT / 2 - c.top) * per_unit), round((theme.FRAME_HEIGHT / 2 - c.bottom) * per_unit))


def test_a_still_clip_is_all_still_and_a_moving_one_never(tmp_path):
    still = blank()
    still[100:140, 100:200] = 230
    held = craft.measure_clip(write_clip(tmp_path / "still.mp4", [still] * 60), BACKGROUND)
    moving = []
    for k in range(60):
        frame = blank()
        frame[100:140, 20 + 5 * k:60 + 5 * k] = 230
        moving.append(frame)
    moved = craft.measure_clip(write_clip(tmp_path / "moving.mp4", moving), BACKGROUND)
    assert held.duration == pytest.approx(6.0)
    assert held.still_share == pytest.approx(1.0)
    assert held.longest_still == pytest.approx(3.0)     # 6 s still, less the last 3 s
    assert moved.still_share == 0.0 and moved.longest_still == 0.0


def test_a_half_filled_content_area_reads_about_half(tmp_path):
    x0, x1, y0, y1 = content_box()
    half = blank()
    half[y0:y1, x0:(x0 + x1) // 2] = 200
    measured = craft.measure_clip(write_clip(tmp_path / "half.mp4", [half] * 10), BACKGROUND)
    empty = craft.measure_clip(write_clip(tmp_path / "empty.mp4", [blank()] * 10), BACKGROUND)
    assert measured.fill == pytest.approx(0.5, abs=0.05)
    assert empty.fill == 0.0


def test_a_still_shorter_than_three_seconds_does_not_count():
    changes = [1.0] + [0.0] * 24 + [1.0] * 5 + [0.0] * 40   # 2.5 s still, moves, 4 s still
    runs = craft.still_runs(changes, 10)
    assert runs == [(0.0, 2.5), (2.9, 7.0)]
    assert craft.long_still_share(runs, 7.0) == pytest.approx(4.1 / 7.0)
    assert craft.longest_still(runs, 7.0) == pytest.approx(2.5)   # the second is cut at 7 - 3 s
    assert craft.longest_still(runs, 12.0) == pytest.approx(4.1)
