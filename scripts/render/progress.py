"""The render's progress, one row per scene: its state, frames done of total, and time left.

On a terminal it is one ``rich`` live table (Manim ships rich), redrawn in place, with a last row
for the whole render; otherwise (a log, CI, a pipe) each change of state is printed once as a
plain line, without frames or times, so the log reads top to bottom. ``render`` and ``preview``
both use it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REFRESH_PER_SECOND = 4


@dataclass
class _Row:
    state: str = "queued"
    seconds: float = 0.0              # scene time reached
    estimate: float | None = None     # the scene's length from an earlier render
    started: float | None = None      # when it started rendering (monotonic)
    finished: bool = False


class Board:
    """``labels`` in lecture order; ``write`` receives the plain lines; ``live`` draws the table
    instead (``console``: a rich Console, default standard output); ``fps`` turns scene seconds
    into frames."""

    def __init__(self, labels: list[str], write: Callable[[str], None], live: bool,
                 fps: float = 0.0, console=None) -> None:
        self.rows = {label: _Row() for label in labels}
        self.write = write
        self.fps = fps
        self.width = max((len(label) for label in labels), default=0)
        self.live = None
        if live:
            from rich.console import Console
            from rich.live import Live

            self.live = Live(console=console or Console(), auto_refresh=True,
                             refresh_per_second=REFRESH_PER_SECOND, transient=False,
                             get_renderable=self._table)

    def known(self, label: str, state: str, seconds: float | None = None) -> None:
        """Before ``start``: ``label``'s first state; ``seconds`` (its length) when it needs
        no work (cached)."""
        self.rows[label] = _Row(state, seconds or 0.0, seconds, finished=seconds is not None)

    def start(self) -> None:
        """Show every scene once, in lecture order."""
        if self.live is not None:
            self.live.start()
        else:
            for label in self.rows:
                self.write(self._line(label) + "\n")

    def stop(self) -> None:
        """Draw the table a last time and leave it on the screen."""
        if self.live is not None and self.live.is_started:
            self.live.refresh()
            self.live.stop()

    def set(self, label: str, state: str, *, estimate: float | None = None,
            done: bool = False) -> None:
        """Show ``state`` as ``label``'s; ``estimate`` (seconds of video) when it starts
        rendering; ``done`` when it has finished, one way or another."""
        row = self.rows[label]
        if row.state == state and not done:
            return
        if row.started is None and not done and state.startswith(("rendering", "encoding")):
            row.started = time.monotonic()
        row.estimate = estimate if estimate is not None else row.estimate
        row.finished = row.finished or done
        row.state = state
        if self.live is None:
            self.write(self._line(label) + "\n")

    def progress(self, label: str, seconds: float) -> None:
        """The scene's render has reached ``seconds`` of video (the table only)."""
        self.rows[label].seconds = seconds

    def _line(self, label: str) -> str:
        return f"  {label:<{self.width}}  {self.rows[label].state}"

    def _table(self):
        from rich.table import Table

        table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
        for name, justify in (("scene", "left"), ("state", "left"), ("frames", "right"),
                              ("left", "right")):
            table.add_column(name, justify=justify, no_wrap=True)
        now = time.monotonic()
        for label, row in self.rows.items():
            table.add_row(label, row.state, self._frames(row), _clock(self._left(row, now)))
        done = sum(row.finished for row in self.rows.values())
        table.add_row("", f"{done} of {len(self.rows)} scenes", "", _clock(self._total(now)),
                      style="dim")
        return table

    def _frames(self, row: _Row) -> str:
        if not self.fps or (row.started is None and not row.finished):
            return ""
        seconds = row.estimate if row.finished and row.estimate else row.seconds
        done = round(seconds * self.fps)
        total = f"/{round(row.estimate * self.fps)}" if row.estimate else ""
        return f"{done}{total}"

    @staticmethod
    def _left(row: _Row, now: float) -> float | None:
        """Seconds until the scene is done, at the rate it has rendered so far."""
        if row.finished or row.started is None or not row.estimate or row.seconds <= 0:
            return None
        rate = (now - row.started) / row.seconds
        return max(0.0, (row.estimate - row.seconds) * rate)

    def _total(self, now: float) -> float | None:
        """Seconds until every scene is done: what the running scenes have left, plus the
        queued scenes' known lengths at the rate of the scenes so far, shared by the running."""
        rows = list(self.rows.values())
        running = [row for row in rows if row.started is not None and not row.finished]
        timed = [row for row in rows if row.started is not None and row.seconds > 0]
        if not running:
            return None
        rate = sum(now - row.started for row in timed) / max(sum(r.seconds for r in timed), 1e-9)
        queued = sum(row.estimate or 0.0 for row in rows if row.started is None
                     and not row.finished)
        left = [self._left(row, now) or 0.0 for row in running]
        return max(left) + queued * rate / len(running)


class RenderLog:
    """A render's log, ``render.log`` in the lecture folder: a header, then each scene's outcome
    and timings with Manim's and LaTeX's own output as it finishes, flushed at once, so a
    failed, interrupted or killed render leaves it readable."""

    def __init__(self, path: Path, header: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.handle = path.open("w", encoding="utf-8")
        self.write(header.rstrip() + "\n")

    def scene(self, label: str, summary: str, output: str = "") -> None:
        self.write(f"\n== {label}: {summary}\n"
                   + (f"-- output of Manim and LaTeX --\n{output.rstrip()}\n" if output else ""))

    def write(self, text: str) -> None:
        self.handle.write(text)
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d}"
