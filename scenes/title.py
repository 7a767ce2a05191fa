"""The title card: the lecture's name, its one formula, and the chapter list from the registry."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, UP, UR, Circumscribe, FadeIn, FadeOut, LaggedStart, MathTex, Text, VGroup, Write,
)

from scenes import registry, theme
from scenes.base import LectureScene


class TitleCard(LectureScene):
    def construct(self) -> None:
        p = self.palette
        title = Text("Neural Networks", font=theme.FONT, font_size=theme.TITLE_SIZE, color=p.text)
        subtitle = Text("an intuitive guide, from one neuron to a trained network",
                        font=theme.FONT, font_size=theme.BODY_SIZE, color=p.muted)
        VGroup(title, subtitle).arrange(DOWN, buff=0.4).shift(UP * 0.6)
        self.narrate("Welcome. This lecture builds a neural network from a single neuron "
                     "up to a trained classifier.", Write(title), FadeIn(subtitle, shift=UP * 0.2))

        formula = self._formula().next_to(subtitle, DOWN, buff=0.9)
        self.narrate("Everything rests on one small formula: a neuron weighs its inputs, "
                     "adds a bias, and squashes the sum.", Write(formula), run_time=2)

        chapters = self._chapter_list()
        if chapters:
            self.play(FadeOut(subtitle), title.animate.scale(0.6).to_edge(UP, buff=0.5),
                      formula.animate.scale(0.7).to_corner(UR, buff=0.5), run_time=1)
            chapters.next_to(title, DOWN, buff=0.7)
            self.narrate("Here is the plan, chapter by chapter.",
                         LaggedStart(*(FadeIn(c, shift=LEFT * 0.2) for c in chapters),
                                     lag_ratio=0.15), run_time=2)
        self.narrate("Every number you will see is computed by the lecture's own engine, "
                     "not typed in by hand.",
                     Circumscribe(formula, color=self.palette.gradient, fade_out=True), run_time=2)

    def _formula(self) -> MathTex:
        p = self.palette
        formula = MathTex("a", "=", r"\sigma", r"\big(", r"\mathbf{w}", r"\cdot", r"\mathbf{x}",
                          "+", "b", r"\big)", font_size=72, color=p.text)
        formula[2].set_color(p.hidden)
        formula[4].set_color(p.positive)
        formula[6].set_color(p.input)
        formula[8].set_color(p.negative)
        formula[0].set_color(p.output)
        return formula

    def _chapter_list(self) -> VGroup:
        p = self.palette
        entries = registry.chapters()
        if not entries:
            return VGroup()
        items = VGroup(*(
            Text(f"{number}.  {entry.title}", font=theme.FONT, font_size=theme.SMALL_SIZE + 4,
                 color=p.text)
            for number, entry in enumerate(entries, start=1)
        ))
        columns = 2 if len(items) > 6 else 1
        items.arrange_in_grid(cols=columns, col_alignments="l" * columns, buff=(1.2, 0.32),
                              flow_order="dr")
        if items.width > 12.5:
            items.scale_to_fit_width(12.5)
        return items
