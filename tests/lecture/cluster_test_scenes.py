"""A scene for the cluster's tests: it hangs on its first attempt only, so that the test can
kill the Dask worker rendering it and see the scene finish on a retry.

Its attempts are counted in $NNLECTURE_TEST_DIR (set for the test's workers).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from manim import FadeIn, Square

from scenes.base import LectureScene
from scenes.registry import SceneEntry


class HangOnce(LectureScene):
    def construct(self) -> None:
        folder = Path(os.environ["NNLECTURE_TEST_DIR"])
        with (folder / "hang_once.attempts").open("a") as attempts:
            attempts.write(f"{os.getpid()}\n")
        first = len((folder / "hang_once.attempts").read_text().split()) == 1
        self.narrate("A square, on the second try.", FadeIn(Square()), run_time=0.4)
        if first:
            (folder / "hang_once.pid").write_text(str(os.getpid()))
            for _ in range(1200):
                time.sleep(0.1)


HANG_ONCE = SceneEntry("hang_once", "cluster_test_scenes:HangOnce", "Hangs once",
                       "Hangs on its first attempt, renders on the next.")
