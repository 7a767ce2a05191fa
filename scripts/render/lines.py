"""The lecture's narration as text, without rendering video: each scene is run with its
animations skipped (as for a last-frame preview) and its narrate calls are read back."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

from scripts.render.scene import render_scene

SKETCH = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5,   # no pixels are kept
          "verbosity": "ERROR"}   # nor warnings about waits too short for 5 fps


def narration_lines(entries, media_dir: Path, context=None,
                    report: Callable[[str], None] = lambda text: None) -> list[tuple]:
    """(slug, title, lines) per scene in order; a line is its caption, or (caption, spoken)
    where the scene says it differently from how it shows it. ``context``: the scenes'
    ``LectureContext`` (None: the default lecture)."""
    from scenes.base import LectureContext

    context = context if context is not None else LectureContext.build()   # once for all scenes
    work = Path(media_dir) / ".manim" / "script"
    scenes = []
    try:
        for number, entry in enumerate(entries, start=1):
            report(f"reading the narration of {entry.slug} ({number}/{len(entries)})")
            result = render_scene(entry, work, frame_only=True, overrides=dict(SKETCH),
                                  progress=False, out_dir=work / "frames", context=context)
            scenes.append((entry.slug, entry.title,
                           [(step.text, step.say) if step.say else step.text
                            for step in result.steps]))
    finally:
        shutil.rmtree(work / "frames", ignore_errors=True)
    return scenes
