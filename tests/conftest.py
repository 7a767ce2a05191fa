"""Shared fixtures: a tiny Manim render set-up so render tests stay fast, and the markers' guard.

A test that renders with Manim in the test process must be marked ``render`` (pyproject.toml
lists the markers): ``pytest -m "not render"`` is the quick part of the suite, and a test that
renders without the mark fails with a line saying so, so the marks stay true.
"""

from __future__ import annotations

import av
import pytest

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5}


@pytest.fixture(autouse=True)
def _render_needs_its_mark(request, monkeypatch):
    """Outside tests marked ``render``, Manim's Scene.render and the pipeline's worker pool
    raise instead of rendering."""
    if request.node.get_closest_marker("render") is not None:
        return
    from manim import Scene

    from scripts import pipeline

    def refuse(*args, **kwargs):
        raise AssertionError(f"{request.node.nodeid} renders: mark it @pytest.mark.render "
                             f"(see tests/conftest.py)")

    monkeypatch.setattr(Scene, "render", refuse)
    monkeypatch.setattr(pipeline, "run_jobs", refuse)


# Fixtures that render (scenes or lectures) once for every test that asks: they run before any
# test's own guard, so a test that uses one must carry the mark itself (checked at collection).
RENDERING_FIXTURES = {"scene_renders", "at_chance", "tiny_lecture", "presented", "course",
                      "narrated", "cluster"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Fail the collection when a test uses a rendering fixture without the ``render`` mark (it
    would render in ``-m "not render"``, the quick part)."""
    unmarked = [item.nodeid for item in items
                if RENDERING_FIXTURES & set(getattr(item, "fixturenames", ()))
                and item.get_closest_marker("render") is None]
    if unmarked:
        raise pytest.UsageError("these tests use a rendering fixture: mark them "
                                "@pytest.mark.render: " + ", ".join(unmarked))


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


def pytest_addoption(parser):
    parser.addoption("--set_test", action="store_true", default=False,
                     help="Write the control data of every golden-frame test that runs "
                          "(tests/mobjects/golden.py) instead of comparing with it.")
