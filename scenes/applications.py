"""Chapter: where neural networks are used. The lesson's six areas as six small animated panels,
drawn with Manim shapes from nnmath's seeded toy data (illustrations, not results)."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, RIGHT, UP, Arrow, Axes, Create, DashedVMobject, Dot, FadeIn, LaggedStart,
    MoveAlongPath, RoundedRectangle, Square, Text, VGroup, VMobject, Write,
)

from scenes import theme
from scenes.base import LectureScene, lecture_data

PANEL_WIDTH, PANEL_HEIGHT = 4.3, 3.1
# The panels' grid fills the frame below the heading, within the frame's margins.
GRID = theme.Region(theme.FRAME.left, theme.FRAME.right, theme.FRAME.bottom, theme.HEADING.bottom)
ART_WIDTH, ART_HEIGHT = 3.7, 1.55


class ApplicationsScene(LectureScene):
    def construct(self) -> None:
        self.art = lecture_data().illustrations
        p = self.palette
        heading = self.make_heading("Where neural networks work")
        self.narrate("Neural networks are used wherever there are patterns to learn from "
                     "examples.", FadeIn(heading))
        panels = [
            ("Image classification", "digits, medical scans,\nfaces, self-driving cars",
             self._images, "Image classification: pixels go in, a label comes out, whether a "
                           "digit, a tumour on a scan, or a pedestrian."),
            ("Language", "translation, sentiment,\nchatbots",
             self._language, "Language: words go in, meaning comes out, for translation, "
                             "sentiment or chatbots."),
            ("Time series", "stock prices, weather,\nenergy demand",
             self._series, "Time series: the network learns the signal in noisy history and "
                           "continues it into the future."),
            ("Recommender systems", "products, films,\nmusic",
             self._recommender, "Recommenders fill in the ratings you have not given yet, "
                                "from the ratings of people like you."),
            ("Game playing", "chess and Go,\nvideo games",
             self._game, "Game playing: an agent learns which moves lead to the goal, in "
                         "mazes, chess and Go."),
            ("Speech recognition", "voice assistants,\ntranscription",
             self._speech, "Speech recognition: a sound wave goes in, text comes out."),
        ]
        frames = VGroup(*(self._frame() for _ in panels)).arrange_in_grid(
            rows=2, cols=3, buff=(0.3, 0.35))
        GRID.fit(frames)
        for frame, (title, examples, draw, line) in zip(frames, panels):
            header = Text(title, font=theme.FONT, font_size=theme.SMALL_SIZE + 2, color=p.text)
            header.next_to(frame.get_top(), DOWN, buff=0.15)
            notes = VGroup(*(Text(text, font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.muted)
                             for text in examples.split("\n"))).arrange(DOWN, buff=0.08)
            notes.next_to(frame.get_bottom(), UP, buff=0.12)
            art, animate = draw()
            art.move_to(frame.get_center() + UP * 0.05)
            self.narrate(line, FadeIn(frame), FadeIn(header), FadeIn(notes), animate(),
                         run_time=3)
        self.narrate("Under all of them is the same idea: layers of neurons, trained by gradient "
                     "descent.", *(frame.animate.set_stroke(p.hidden) for frame in frames),
                     run_time=2)

    def _frame(self) -> RoundedRectangle:
        return RoundedRectangle(width=PANEL_WIDTH, height=PANEL_HEIGHT, corner_radius=0.15,
                                color=self.palette.muted, stroke_width=1.5)

    def _pipeline(self, source: VGroup, target: VGroup) -> VGroup:
        """source → network box → target, fitted into the panel's drawing area."""
        p = self.palette
        box = RoundedRectangle(width=0.7, height=0.6, corner_radius=0.08, color=p.hidden,
                               fill_opacity=0.25, stroke_width=2)
        row = VGroup(source, box, target).arrange(RIGHT, buff=0.5)
        arrows = VGroup(Arrow(source.get_right(), box.get_left(), buff=0.08, color=p.muted,
                              stroke_width=3, max_tip_length_to_length_ratio=0.3),
                        Arrow(box.get_right(), target.get_left(), buff=0.08, color=p.muted,
                              stroke_width=3, max_tip_length_to_length_ratio=0.3))
        group = VGroup(row, arrows)
        return group.scale_to_fit_width(min(group.width, ART_WIDTH))

    def _images(self):
        p = self.palette
        image = self.art.image
        pixel = 1.2 / image.shape[0]
        pixels = VGroup(*(Square(pixel, stroke_width=0, fill_color=p.input,
                                 fill_opacity=0.08 + 0.92 * value)
                          for value in image.ravel())).arrange_in_grid(*image.shape, buff=0)
        labels = VGroup(*(Text(str(d), font=theme.FONT, font_size=theme.SMALL_SIZE,
                               color=p.output if d == 0 else p.muted) for d in range(4)),
                        Text("…", font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.muted))
        labels.arrange(DOWN, buff=0.05)
        group = self._pipeline(pixels, labels)
        return group, lambda: LaggedStart(FadeIn(pixels, lag_ratio=0.01), Create(group[1]),
                                  FadeIn(group[0][1]), FadeIn(labels), lag_ratio=0.4)

    def _language(self):
        p = self.palette
        words = VGroup(*(Text(word, font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.input)
                         for word in ("the", "film", "was", "great"))).arrange(DOWN, buff=0.06)
        verdict = Text("positive", font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.output)
        group = self._pipeline(words, verdict)
        return group, lambda: LaggedStart(LaggedStart(*(FadeIn(w, shift=RIGHT * 0.1) for w in words),
                                              lag_ratio=0.3),
                                  Create(group[1]), FadeIn(group[0][1]), Write(verdict),
                                  lag_ratio=0.4)

    def _axes(self, t_range: tuple, y_range: tuple) -> Axes:
        return Axes(x_range=[*t_range, t_range[1] - t_range[0]], y_range=[*y_range, 1],
                    x_length=ART_WIDTH, y_length=ART_HEIGHT, tips=False,
                    axis_config={"color": self.palette.muted, "stroke_width": 1.5})

    def _line(self, axes: Axes, xs: np.ndarray, ys: np.ndarray, color: str, width: float = 2):
        line = VMobject(color=color, stroke_width=width)
        line.set_points_as_corners([axes.c2p(x, y) for x, y in zip(xs, ys)])
        return line

    def _series(self):
        p = self.palette
        a = self.art
        low, high = float(a.series.min()) - 0.2, float(a.series.max()) + 0.2
        axes = self._axes((float(a.series_t[0]), float(a.forecast_t[-1])), (low, high))
        history = self._line(axes, a.series_t, a.series, p.input)
        forecast = DashedVMobject(self._line(axes, a.forecast_t, a.forecast, p.output, 3),
                                  num_dashes=12)
        return VGroup(axes, history, forecast), lambda: LaggedStart(Create(axes), Create(history),
                                                            Create(forecast), lag_ratio=0.5)

    def _recommender(self):
        p = self.palette
        ratings, predicted = self.art.ratings, self.art.predicted
        cell = min(ART_WIDTH / ratings.shape[1], ART_HEIGHT / ratings.shape[0])
        cells = VGroup(*(Square(cell * 0.9, stroke_width=1, stroke_color=p.muted,
                                fill_color=p.input, fill_opacity=0.2 * value)
                         for value in ratings.ravel())).arrange_in_grid(*ratings.shape, buff=cell * 0.1)
        return cells, lambda: LaggedStart(
            FadeIn(cells, lag_ratio=0.01),
            LaggedStart(*(cells[k].animate.set_fill(p.output, opacity=0.85)
                          for k in np.flatnonzero(predicted.ravel())), lag_ratio=0.2),
            lag_ratio=0.5)

    def _game(self):
        p = self.palette
        maze = self.art.maze
        cell = ART_HEIGHT / maze.shape[0]
        cells = VGroup(*(Square(cell, stroke_width=0, fill_color=p.muted if wall else p.background,
                                fill_opacity=0.6 if wall else 1) for wall in maze.ravel()))
        cells.arrange_in_grid(*maze.shape, buff=0)
        at = lambda rc: cells[rc[0] * maze.shape[1] + rc[1]].get_center()  # noqa: E731
        start, goal = self.art.maze_path[0], self.art.maze_path[-1]
        marks = VGroup(Square(cell * 0.8, stroke_width=0, fill_color=p.hidden, fill_opacity=1)
                       .move_to(at(start)),
                       Square(cell * 0.8, stroke_width=0, fill_color=p.negative, fill_opacity=1)
                       .move_to(at(goal)))
        agent = Dot(at(start), radius=cell * 0.3, color=p.gradient)

        def animate():
            route = VMobject().set_points_as_corners([at(rc) for rc in self.art.maze_path])
            return LaggedStart(FadeIn(cells), FadeIn(marks), MoveAlongPath(agent, route),
                               lag_ratio=0.4)
        return VGroup(cells, marks, agent), animate

    def _speech(self):
        p = self.palette
        a = self.art
        axes = self._axes((float(a.wave_t[0]), float(a.wave_t[-1])),
                          (float(a.wave.min()), float(a.wave.max())))
        axes.scale_to_fit_width(1.6)
        wave = self._line(axes, a.wave_t, a.wave, p.input, 1.2)
        text = Text("“hello”", font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.output)
        wave_group = VGroup(wave)
        group = self._pipeline(wave_group, text)
        return group, lambda: LaggedStart(Create(wave), Create(group[1]), FadeIn(group[0][1]),
                                  Write(text), lag_ratio=0.4)
