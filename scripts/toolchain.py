"""Checks of the system tools Manim needs, each with the command that installs what is missing.

Used by ``nnlecture doctor`` (all checks, as a table) and before every render (the cheap ones),
so a missing piece gives one line that names it instead of a traceback deep inside Manim.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
from dataclasses import dataclass
from typing import Callable

APT = "sudo apt-get install --no-install-recommends"
TEX_PACKAGES = "texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm cm-super-minimal"
CAIRO_FIX = f"{APT} pkg-config libcairo2-dev libpango1.0-dev, then reinstall: make setup"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def problem(self) -> str:
        """One line naming what is missing and how to install it."""
        return f"{self.name} is missing ({self.detail}); install it with: {self.fix}"


def _python_module(name: str, module: str, version_attr: str, fix: str) -> Check:
    try:
        mod = importlib.import_module(module)
    except ImportError as err:
        return Check(name, False, f"cannot import {module}: {err}", fix)
    version = getattr(mod, version_attr, "")
    return Check(name, True, str(version() if callable(version) else version))


def check_cairo() -> Check:
    return _python_module("cairo", "cairo", "cairo_version_string", CAIRO_FIX)


def check_pango() -> Check:
    return _python_module("pango", "manimpango", "pango_version", CAIRO_FIX)


def _program(name: str, program: str, fix: str) -> Check:
    path = shutil.which(program)
    if path is None:
        return Check(name, False, f"no `{program}` on PATH", fix)
    try:
        first = subprocess.run([program, "--version"], capture_output=True, text=True,
                               timeout=20).stdout.splitlines()
    except (OSError, subprocess.TimeoutExpired) as err:
        return Check(name, False, f"`{program} --version` failed: {err}", fix)
    return Check(name, True, first[0] if first else path)


def check_latex() -> Check:
    return _program("LaTeX", "latex", f"{APT} {TEX_PACKAGES}")


def check_dvisvgm() -> Check:
    return _program("dvisvgm", "dvisvgm", f"{APT} dvisvgm")


def check_h264() -> Check:
    """Encode a few frames with PyAV's libx264, as Manim will."""
    fix = "pip install --force-reinstall av (the wheel ships FFmpeg with libx264)"
    try:
        import io

        import av
        import numpy as np

        buffer = io.BytesIO()
        with av.open(buffer, mode="w", format="mp4") as container:
            stream = container.add_stream("libx264", rate=5)
            stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
            for i in range(3):
                frame = av.VideoFrame.from_ndarray(np.full((64, 64, 3), 80 * i, np.uint8), "rgb24")
                container.mux(stream.encode(frame))
            container.mux(stream.encode())
        return Check("H.264 encoding", True, f"PyAV {av.__version__}, {buffer.tell()} bytes test clip")
    except Exception as err:  # any failure here means videos cannot be written
        return Check("H.264 encoding", False, f"{type(err).__name__}: {err}", fix)


def check_manim() -> Check:
    return _python_module("Manim", "manim", "__version__", "make setup")


RENDER_CHECKS: tuple[Callable[[], Check], ...] = (check_cairo, check_pango, check_latex, check_dvisvgm)
ALL_CHECKS: tuple[Callable[[], Check], ...] = RENDER_CHECKS + (check_h264, check_manim)


def run(checks: tuple[Callable[[], Check], ...] = ALL_CHECKS) -> list[Check]:
    return [check() for check in checks]
