"""One line per scene while the lecture renders: queued, rendering 42 %, cached, done, failed.

On a terminal the lines are redrawn in place; otherwise (a log, CI, a pipe) each change of state
is printed once, without the percentages, so the log reads top to bottom.
"""

from __future__ import annotations

import time
from typing import Callable

REDRAW_INTERVAL = 0.2  # seconds between redraws for progress alone


class Board:
    def __init__(self, slugs: list[str], write: Callable[[str], None], live: bool) -> None:
        self.slugs = list(slugs)
        self.write = write
        self.live = live
        self.width = max((len(slug) for slug in self.slugs), default=0)
        self.lines = {slug: "queued" for slug in self.slugs}
        self.drawn = False
        self.last_draw = 0.0

    def set(self, slug: str, text: str, *, progress: bool = False) -> None:
        """Show ``text`` as ``slug``'s state; ``progress`` marks an update of a percentage."""
        if self.lines.get(slug) == text:
            return
        self.lines[slug] = text
        if not self.live:
            if not progress:
                self.write(self._line(slug) + "\n")
            return
        if progress and time.monotonic() - self.last_draw < REDRAW_INTERVAL:
            return
        self.draw()

    def start(self) -> None:
        """Show every scene once, in lecture order."""
        if self.live:
            self.draw()
        else:
            for slug in self.slugs:
                self.write(self._line(slug) + "\n")

    def draw(self) -> None:
        up = f"\x1b[{len(self.slugs)}F" if self.drawn else ""
        self.write(up + "".join(f"\x1b[2K{self._line(slug)}\n" for slug in self.slugs))
        self.drawn = True
        self.last_draw = time.monotonic()

    def _line(self, slug: str) -> str:
        return f"  {slug:<{self.width}}  {self.lines[slug]}"


def rendering_text(seconds: float, estimate: float | None) -> str:
    """'rendering 42 %' against the length of an earlier render, else the seconds made so far."""
    if estimate:
        return f"rendering {min(99, int(100 * seconds / estimate)):3d} %"
    return f"rendering {seconds:5.1f} s of video"
