"""The title card: the lecture's name, its one formula, and the chapter list from the registry."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, RIGHT, UP, Circumscribe, FadeIn, FadeOut, LaggedStart, MathTex, Paragraph, Text, VGroup,
    Write,
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
            self.play(FadeOut(subtitle), title.animate.scale(0.6).to_edge(UP, buff=0.4),
                      formula.animate.scale(0.6).move_to(UP * 2.3), run_time=1)
            space_top, space_bottom = formula.get_bottom()[1] - 0.4, -3.6
            chapters.move_to([0, (space_top + space_bottom) / 2, 0])
            lines = [VGroup(number, title) for numbers, titles in chapters
                     for number, title in zip(numbers, titles)]
            self.narrate("Here is the plan, chapter by chapter.",
                         LaggedStart(*(FadeIn(line, shift=LEFT * 0.2) for line in lines),
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
        formula[0].set_color(p.output)
        return formula

    def _chapter_list(self) -> VGroup:
        """The chapters in one or two columns; each column is a right-aligned Paragraph of
        numbers beside a left-aligned Paragraph of titles, so rows share baselines."""
        entries = registry.chapters()
        if not entries:
            return VGroup()
        per_column = -(-len(entries) // 2) if len(entries) > 6 else len(entries)
        columns = VGroup()
        for first in range(0, len(entries), per_column):
            chunk = entries[first:first + per_column]
            numbers, titles = (
                Paragraph(*texts, font=theme.FONT, alignment=alignment, line_spacing=1.1,
                          font_size=theme.SMALL_SIZE + 4, color=color)
                for texts, alignment, color in (
                    ([f"{first + i + 1}." for i in range(len(chunk))], "right", self.palette.muted),
                    ([entry.title for entry in chunk], "left", self.palette.text),
                )
            )
            columns.add(VGroup(numbers, titles).arrange(RIGHT, buff=0.25, aligned_edge=UP))
        columns.arrange(RIGHT, buff=1.0, aligned_edge=UP)
        if columns.width > 12.5:
            columns.scale_to_fit_width(12.5)
        return columns
