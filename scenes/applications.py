"""Chapter: where neural networks are used. The lesson's six areas as six small animated panels,
drawn with Manim shapes from nnmath's seeded toy data (illustrations, not results). The lecture's
own network shrinks into each pipeline's box, and the camera goes close on each panel while its
pipeline runs as its line is read."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, RIGHT, UP, Arrow, Axes, Create, DashedVMobject, Dot, FadeIn, FadeOut, LaggedStart,
    MoveAlongPath, ReplacementTransform, Restore, RoundedRectangle, Square, Succession, Text,
    TransformFromCopy, VGroup, VMobject, Write,
)

from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.network_diagram import NetworkDiagram

PANEL_WIDTH, PANEL_HEIGHT = 4.3, 3.1
# The panels' grid fills the frame below the heading, within the frame's margins.
GRID = theme.Region(theme.FRAME.left, theme.FRAME.right, theme.FRAME.bottom, theme.HEADING.bottom)
ART_WIDTH, ART_HEIGHT = 3.9, 1.9
BOX = (1.1, 0.9)          # the network's box in a pipeline
MARGIN = 0.12             # above and below a panel in the camera's close view of it

class ApplicationsScene(LectureScene):
    def construct(self) -> None:
        data = self.data
        self.art = data.illustrations
        p = self.palette
        heading = self.make_heading("Where neural networks work")
        self.net = NetworkDiagram(data.layer_sizes, [layer.W for layer in data.final_params],
                                  labels=None, width=5.0, height=3.2, palette=self.palette)
        self.nets: list[NetworkDiagram] = []     # the lecture's network in each pipeline's box
        self.narrate("Neural networks are used wherever there are patterns to learn from "
                     "examples.", FadeIn(heading), on("patterns", Create(self.net, lag_ratio=0.05)))
        panels = [
            ("Image classification", "digits, medical scans,\nfaces, self-driving cars",
             self._images, "Image classification: pixels go in, a label comes out, whether a "
                           "digit, a tumour on a scan, or a pedestrian.",
             ("pixels go in", "a label comes out")),
            ("Language", "translation, sentiment,\nchatbots",
             self._language, "Language: words go in, meaning comes out, for translation, "
                             "sentiment or chatbots.", ("words go in", "meaning comes out")),
            ("Time series", "stock prices, weather,\nenergy demand",
             self._series, "Time series: the network learns the signal in noisy history and "
                           "continues it into the future.", ("noisy history", "continues it")),
            ("Recommender systems", "products, films,\nmusic",
             self._recommender, "Recommenders fill in the ratings you have not given yet, "
                                "from the ratings of people like you.",
             ("fill in", "people like you")),
            ("Game playing", "chess and Go,\nvideo games",
             self._game, "Game playing: an agent learns which moves lead to the goal, in "
                         "mazes, chess and Go.", ("an agent", "lead to the goal")),
            ("Speech recognition", "voice assistants,\ntranscription",
             self._speech, "Speech recognition: a sound wave goes in, text comes out.",
             ("a sound wave", "text comes out")),
        ]
        frames = VGroup(*(self._frame() for _ in panels)).arrange_in_grid(
            rows=2, cols=3, buff=(0.3, 0.35))
        GRID.fit(frames)
        view = self.camera.frame
        view.save_state()
        for frame, (title, examples, draw, line, (first, second)) in zip(frames, panels):
            header = Text(title, font=theme.FONT, font_size=theme.TYPE.small, color=p.text)
            header.next_to(frame.get_top(), DOWN, buff=0.15)
            notes = VGroup(*(Text(text, font=theme.FONT, font_size=theme.TYPE.label,
                                  color=p.muted)
                             for text in examples.split("\n"))).arrange(DOWN, buff=0.08)
            notes.next_to(frame.get_bottom(), UP, buff=0.12)
            art, coming_in, going_out = draw(frame.get_center() + UP * 0.05)
            close = self._close_on(frame)
            ending = " ".join(line.split()[-2:])
            # the camera goes close as the pipeline starts (a cue after the line's start runs
            # once, so the pull back at its end is where the step leaves the camera)
            self.narrate(line, FadeIn(frame), FadeIn(header), FadeIn(notes),
                         on(first, close, *coming_in), on(second, *going_out),
                         on(ending, Restore(view), run_time=1.0))
        self.narrate("Under all of them is the same idea: layers of neurons, trained by gradient "
                     "descent.", on("the same idea", *(frame.animate.set_stroke(p.hidden)
                                                       for frame in frames)),
                     on("layers of neurons", *(net.send_pulses(0, run_time=1.5)
                                               for net in self.nets)))

    def _close_on(self, frame: RoundedRectangle):
        """The camera onto one panel: the panel and a margin, kept below the heading."""
        view = self.camera.frame
        height = frame.height + 2 * MARGIN
        centre = frame.get_center()
        centre[1] = min(centre[1], theme.HEADING.bottom - 0.02 - height / 2)
        return view.animate.scale(height / view.height).move_to(centre)

    def _frame(self) -> RoundedRectangle:
        return RoundedRectangle(width=PANEL_WIDTH, height=PANEL_HEIGHT, corner_radius=0.15,
                                color=self.palette.muted, stroke_width=1.5)

    def _pipeline(self, source, target, at) -> tuple[VGroup, list, list]:
        """source → the lecture's network in a box → target, fitted into the panel's drawing
        area at ``at``; the animations that bring the source in (and the network into its box,
        from the last place it was) and that run the network and bring the target out."""
        p = self.palette
        box = RoundedRectangle(width=BOX[0], height=BOX[1], corner_radius=0.08, color=p.hidden,
                               fill_opacity=0.15, stroke_width=2)
        row = VGroup(source, box, target).arrange(RIGHT, buff=0.45)
        arrows = VGroup(*(Arrow(a.get_right(), b.get_left(), buff=0.08, color=p.muted,
                                stroke_width=3, max_tip_length_to_length_ratio=0.3)
                          for a, b in ((source, box), (box, target))))
        group = VGroup(row, arrows)
        group.scale_to_fit_width(min(group.width, ART_WIDTH)).move_to(at)
        net = self.net.copy()
        net.remove(net.braces)   # a wide layer's size would be too small to read in the box
        net.scale_to_fit_height(box.height * 0.8).move_to(box)
        if net.width > box.width * 0.85:
            net.scale_to_fit_width(box.width * 0.85).move_to(box)
        arriving = ReplacementTransform(self.net, net) if not self.nets else \
            TransformFromCopy(self.nets[-1], net)
        self.nets.append(net)
        layers = len(net.layer_sizes) - 1
        running = Succession(*(net.send_pulses(k, run_time=0.6) for k in range(layers)))
        return group, [FadeIn(source, shift=RIGHT * 0.2), Create(box), arriving, Create(arrows[0])], \
            [running, Create(arrows[1]), FadeIn(target, shift=RIGHT * 0.2)]

    def _images(self, at):
        p = self.palette
        image = self.art.image
        pixel = 1.2 / image.shape[0]
        pixels = VGroup(*(Square(pixel, stroke_width=0, fill_color=p.input,
                                 fill_opacity=0.08 + 0.92 * value)
                          for value in image.ravel())).arrange_in_grid(*image.shape, buff=0)
        labels = VGroup(*(Text(str(d), font=theme.FONT, font_size=theme.TYPE.label,
                               color=p.output if d == 0 else p.muted) for d in range(4)),
                        Text("…", font=theme.FONT, font_size=theme.TYPE.label, color=p.muted))
        labels.arrange(DOWN, buff=0.05)
        group, coming_in, going_out = self._pipeline(pixels, labels, at)
        coming_in[0] = FadeIn(pixels, lag_ratio=0.01)
        return group, coming_in, going_out

    def _language(self, at):
        p = self.palette
        words = VGroup(*(Text(word, font=theme.FONT, font_size=theme.TYPE.label, color=p.input)
                         for word in ("the", "film", "was", "great"))).arrange(DOWN, buff=0.06)
        verdict = Text("positive", font=theme.FONT, font_size=theme.TYPE.label, color=p.output)
        group, coming_in, going_out = self._pipeline(words, verdict, at)
        coming_in[0] = LaggedStart(*(FadeIn(w, shift=RIGHT * 0.1) for w in words), lag_ratio=0.3)
        going_out[-1] = Write(verdict)
        return group, coming_in, going_out

    def _axes(self, t_range: tuple, y_range: tuple) -> Axes:
        return Axes(x_range=[*t_range, t_range[1] - t_range[0]], y_range=[*y_range, 1],
                    x_length=ART_WIDTH, y_length=ART_HEIGHT, tips=False,
                    axis_config={"color": self.palette.muted, "stroke_width": 1.5})

    def _line(self, axes: Axes, xs: np.ndarray, ys: np.ndarray, color: str, width: float = 2):
        line = VMobject(color=color, stroke_width=width)
        line.set_points_as_corners([axes.c2p(x, y) for x, y in zip(xs, ys)])
        return line

    def _series(self, at):
        p = self.palette
        a = self.art
        low, high = float(a.series.min()) - 0.2, float(a.series.max()) + 0.2
        axes = self._axes((float(a.series_t[0]), float(a.forecast_t[-1])), (low, high))
        history = self._line(axes, a.series_t, a.series, p.input)
        forecast = DashedVMobject(self._line(axes, a.forecast_t, a.forecast, p.output, 3),
                                  num_dashes=12)
        art = VGroup(axes, history, forecast).move_to(at)
        return art, [Create(axes), Create(history)], [Create(forecast)]

    def _recommender(self, at):
        p = self.palette
        ratings, predicted = self.art.ratings, self.art.predicted
        cell = min(ART_WIDTH / ratings.shape[1], ART_HEIGHT / ratings.shape[0])
        cells = VGroup(*(Square(cell * 0.9, stroke_width=1, stroke_color=p.muted,
                                fill_color=p.input, fill_opacity=0.2 * value)
                         for value in ratings.ravel())).arrange_in_grid(*ratings.shape,
                                                                        buff=cell * 0.1)
        cells.move_to(at)
        filled = [cells[k].animate.set_fill(p.output, opacity=0.85)
                  for k in np.flatnonzero(predicted.ravel())]
        return cells, [FadeIn(cells, lag_ratio=0.01)], [LaggedStart(*filled, lag_ratio=0.2)]

    def _game(self, at):
        p = self.palette
        maze = self.art.maze
        cell = ART_HEIGHT / maze.shape[0]
        cells = VGroup(*(Square(cell, stroke_width=0, fill_color=p.muted if wall else p.background,
                                fill_opacity=0.6 if wall else 1) for wall in maze.ravel()))
        cells.arrange_in_grid(*maze.shape, buff=0).move_to(at)
        spot = lambda rc: cells[rc[0] * maze.shape[1] + rc[1]].get_center()  # noqa: E731
        start, goal = self.art.maze_path[0], self.art.maze_path[-1]
        marks = VGroup(Square(cell * 0.8, stroke_width=0, fill_color=p.hidden, fill_opacity=1)
                       .move_to(spot(start)),
                       Square(cell * 0.8, stroke_width=0, fill_color=p.negative, fill_opacity=1)
                       .move_to(spot(goal)))
        agent = Dot(spot(start), radius=cell * 0.3, color=p.gradient)
        route = VMobject().set_points_as_corners([spot(rc) for rc in self.art.maze_path])
        return VGroup(cells, marks, agent), [FadeIn(cells), FadeIn(marks), FadeIn(agent)], \
            [MoveAlongPath(agent, route, run_time=2.5)]

    def _speech(self, at):
        p = self.palette
        a = self.art
        axes = self._axes((float(a.wave_t[0]), float(a.wave_t[-1])),
                          (float(a.wave.min()), float(a.wave.max())))
        axes.scale_to_fit_width(1.6)
        wave = VGroup(self._line(axes, a.wave_t, a.wave, p.input, 1.2))
        text = Text("“hello”", font=theme.FONT, font_size=theme.TYPE.label, color=p.output)
        group, coming_in, going_out = self._pipeline(wave, text, at)
        coming_in[0] = Create(wave)
        going_out[-1] = Write(text)
        return group, coming_in, going_out
