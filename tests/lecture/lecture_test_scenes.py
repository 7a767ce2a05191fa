"""Scenes that exist only for the pipeline's tests: quick ones, one that fails, one that hangs.

They live in a module (not a test function) so that worker processes can import them by name.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from manim import Circle, FadeIn, Square

from scenes.registry import SceneEntry
from scenes.base import LectureScene


class Quick(LectureScene):
    """Two captioned steps, no LaTeX: renders in about a second at the tiny size."""

    def construct(self) -> None:
        square = Square(color=self.palette.input)
        self.narrate("A square appears.", FadeIn(square), run_time=0.6)
        self.narrate("It becomes a circle.", square.animate.become(Circle()), run_time=0.6)


class Boom(LectureScene):
    def construct(self) -> None:
        self.narrate("This scene fails after one step.", FadeIn(Square()), run_time=0.4)
        raise RuntimeError("boom: a test scene that fails on purpose")


class Hang(LectureScene):
    """Plays one step, records its process id, then works long enough to be interrupted.

    It sleeps in short steps, as a scene computing in Python would return to the interpreter:
    a signal caught by one of the worker's other threads does not cut a long sleep short.
    """

    def construct(self) -> None:
        self.narrate("This scene never finishes.", FadeIn(Square()), run_time=0.4)
        Path(os.environ["NNLECTURE_TEST_PID_FILE"]).write_text(str(os.getpid()))
        for _ in range(1200):
            time.sleep(0.1)


QUICK = SceneEntry("quick", "lecture_test_scenes:Quick", "A quick scene", "A square, then a circle.")
QUICK_TOO = SceneEntry("quick_too", "lecture_test_scenes:Quick", "The same, again",
                       "A second chapter for the join.")
BOOM = SceneEntry("boom", "lecture_test_scenes:Boom", "A failing scene", "Raises on purpose.")
HANG = SceneEntry("hang", "lecture_test_scenes:Hang", "A hanging scene", "Sleeps until stopped.")


class Other(LectureScene):
    """Lines of its own (a recorded take for one of them concerns this scene only), one of
    them said differently from how it is shown."""

    def construct(self) -> None:
        self.narrate("A triangle turns.", FadeIn(Square()), run_time=0.6)
        self.narrate("σ(z) = 0.5 here.", spoken="Sigma of z is one half here.")


OTHER = SceneEntry("other", "lecture_test_scenes:Other", "Another scene", "Lines of its own.")


class Gate(LectureScene):
    """Plays one step, records its process id, then waits (at most two minutes) until the file
    $NNLECTURE_TEST_GATE exists, and plays its last step: a render held open at will."""

    def construct(self) -> None:
        self.narrate("This scene waits at the gate.", FadeIn(Square()), run_time=0.4)
        Path(os.environ["NNLECTURE_TEST_PID_FILE"]).write_text(str(os.getpid()))
        gate = Path(os.environ["NNLECTURE_TEST_GATE"])
        for _ in range(1200):
            if gate.exists():
                break
            time.sleep(0.1)
        self.narrate("The gate is open.", FadeIn(Circle()), run_time=0.4)


class Folders(LectureScene):
    """Writes the folders Manim works in for this render (partial movies, LaTeX, Text) to a file
    of its own in $NNLECTURE_TEST_FOLDERS, then plays like Quick."""

    def construct(self) -> None:
        from manim import config

        folders = [str(self.renderer.file_writer.partial_movie_directory), str(config.tex_dir),
                   str(config.text_dir)]
        out = Path(os.environ["NNLECTURE_TEST_FOLDERS"]) / f"{os.getpid()}.txt"
        out.write_text("\n".join(folders))
        Quick.construct(self)


GATE = SceneEntry("gate", "lecture_test_scenes:Gate", "A gated scene", "Waits for a file.")
FOLDERS = SceneEntry("folders", "lecture_test_scenes:Folders", "Where it renders",
                     "Records Manim's folders.")
