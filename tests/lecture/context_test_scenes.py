"""A scene that says a value of the lecture data it was handed (for test_lecture_context)."""

from __future__ import annotations

from manim import FadeIn, Square

from scenes.base import LectureScene


class SaysMarker(LectureScene):
    def construct(self) -> None:
        self.narrate(f"The data says: {self.data.marker}.", FadeIn(Square()), run_time=0.4)
