"""The lesson's numbered phases ("Phase 3: ...") as a subtitle under a scene's heading."""

from __future__ import annotations

from manim import DOWN, Animation, FadeIn, Mobject, Text, Transform

from scenes import theme


class PhaseTitles:
    """Counts the phases and turns the subtitle from one into the next."""

    def __init__(self, heading: Mobject, color: str) -> None:
        self.heading = heading
        self.color = color
        self.count = 0
        self.title: Text | None = None

    def next(self, text: str) -> Animation:
        """The animation that shows the next phase's title."""
        self.count += 1
        title = Text(f"Phase {self.count}: {text}", font=theme.FONT, font_size=theme.BODY_SIZE,
                     color=self.color).next_to(self.heading, DOWN, buff=0.2)
        if self.title is None:
            self.title = title
            return FadeIn(title)
        return Transform(self.title, title)
