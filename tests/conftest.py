"""Shared fixtures: a tiny Manim render set-up so render tests stay fast."""

from __future__ import annotations

import av
import pytest

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5}


@pytest.fixture
def tiny_render():
    """Manim config overrides for a 160x90, 5 fps render (set through config, not a preset)."""
    return dict(TINY)


@pytest.fixture
def video_facts():
    """A reader of an MP4's duration, size and frames (PyAV)."""
    return read_video


def read_video(path) -> dict:
    """Duration, size, frame rate and every frame of an MP4, read with PyAV."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(stream)]
        duration = float(stream.duration * stream.time_base) if stream.duration else float(
            container.duration / av.time_base)
        return {"duration": duration, "width": stream.width, "height": stream.height,
                "frames": frames, "fps": float(stream.average_rate)}


# ---- golden frames (Manim's frames_comparison); owned by tests/mobjects ----------------------
# Control data is made on this machine, so the golden tests must run here: Manim skips them below
# cairo 1.18 (Debian 12 has 1.16), and any golden test that is still skipped is reported failed.
# They render at GOLDEN_SIZE: Manim 0.22 sizes the --set_test buffer from its own test config,
# not from the decorator's overrides, so the size is set in that config.
from manim.utils.testing import frames_comparison as _frames_comparison  # noqa: E402

GOLDEN_SIZE = (320, 180)
_frames_comparison.MIN_CAIRO_VERSION = 0
_manim_golden_config = _frames_comparison._config_test


def _golden_config(last_frame: bool):
    golden = _manim_golden_config(last_frame)
    golden.pixel_width, golden.pixel_height = GOLDEN_SIZE
    return golden


_frames_comparison._config_test = _golden_config


def pytest_addoption(parser):
    parser.addoption("--set_test", action="store_true", default=False,
                     help="Write the control data of every golden-frame test that runs.")
    parser.addoption("--show_diff", action="store_true", default=False,
                     help="Show a visual comparison when a golden-frame test fails.")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    code = getattr(getattr(item, "obj", None), "__code__", None)
    if report.skipped and code is not None and code.co_filename == _frames_comparison.__file__:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"golden-frame test was skipped ({reason}); it must run here"
# ---- end golden frames ------------------------------------------------------------------------
