"""Golden frames of our own: a scene's last frame against control data made on this machine.

A test builds a scene (``construct(scene)``); it is rendered with its animations skipped (each
jumps to its end, as Manim's ``-s``) and its last frame is compared with
``control_data/network_diagram/NAME.npz`` (NAME: the test's name without ``test_``). A frame
matches when at most MISMATCH_SHARE of its channel values differ by more than TOLERANCE, which
absorbs anti-aliasing noise and nothing a person would see. ``pytest --set_test`` writes the
control data of the golden tests that run instead of comparing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
from manim import Scene, tempconfig
from PIL import Image

CONTROL = Path(__file__).parent / "control_data" / "network_diagram"
SIZE = (320, 180)
TOLERANCE = 1            # of 255, per channel
MISMATCH_SHARE = 1e-5    # share of channel values allowed beyond the tolerance


def last_frame(construct: Callable[[Scene], None], media_dir: Path) -> np.ndarray:
    """The RGBA last frame of a scene built by ``construct``, at SIZE."""
    class Golden(Scene):
        def construct(self) -> None:
            construct(self)

    width, height = SIZE
    settings = {"pixel_width": width, "pixel_height": height, "frame_rate": 6,
                "disable_caching": True, "write_to_movie": False, "media_dir": str(media_dir),
                "verbosity": "WARNING", "progress_bar": "none"}
    with tempconfig(settings):
        scene = Golden(skip_animations=True)
        scene.render()
        scene.renderer.update_frame(scene, ignore_skipping=True)
        return scene.renderer.get_frame().copy()


def check(name: str, frame: np.ndarray, *, write: bool, out_dir: Path) -> None:
    """Compare ``frame`` with the control data ``name`` (or write it); on a mismatch, the frame,
    the control and their difference are saved in ``out_dir`` and named in the message."""
    path = CONTROL / f"{name}.npz"
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, frame_data=frame[None])
        return
    assert path.is_file(), f"no control data {path}: make it with `pytest --set_test`"
    with np.load(path) as data:
        want = data["frame_data"][-1]
    assert frame.shape == want.shape, f"frame {frame.shape} against control {want.shape}"
    off = np.abs(frame.astype(np.int16) - want.astype(np.int16)) > TOLERANCE
    if off.mean() <= MISMATCH_SHARE:
        return
    for label, pixels in (("got", frame), ("want", want),
                          ("diff", np.repeat(off.any(axis=2, keepdims=True), 3, axis=2) * 255)):
        Image.fromarray(pixels[:, :, :3].astype(np.uint8)).save(out_dir / f"{name}.{label}.png")
    raise AssertionError(f"{name}: {off.sum()} of {off.size} channel values differ from {path} "
                         f"by more than {TOLERANCE}; see {out_dir}/{name}.{{got,want,diff}}.png")
