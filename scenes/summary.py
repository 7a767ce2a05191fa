"""The summary: the lesson's points one at a time, numbered as the title card numbers its
chapters, each a key phrase in a growing list beside its chapter's own picture, drawn from the
same lecture data; each picture becomes the next."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Arrow, Axes, Circumscribe, FadeIn, FadeOut, Group, ImageMobject,
    Indicate, LaggedStart, MathTex, ReplacementTransform, RoundedRectangle, Square, Text, Transform,
    VGroup,
)

from nnmath.activations import get_activation
from nnmath.verdicts import Outcome
from scenes import registry, theme
from scenes.base import LectureScene, on
from scenes.biology import BiologicalNeuron
from scenes.mobjects.artificial_neuron import ArtificialNeuron
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.loss_curves import LossCurves, sampled_epochs
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.narration import summary_result, summary_training
from scenes.notation import DATASET_NAME

CLOSING_SCALE = 1.5         # the closing list, at most this much larger than while it grew
LOSS_SAMPLES = 200          # log-spaced epochs at which the loss curves are drawn
LIST = theme.Region(theme.CONTENT.left, -1.6, theme.CONTENT.bottom, theme.CONTENT.top)
PICTURE = theme.Region(-1.2, theme.CONTENT.right, theme.CONTENT.bottom, theme.CONTENT.top)


class SummaryScene(LectureScene):
    def construct(self) -> None:
        p = self.palette
        heading = self.make_heading("Summary")
        points = self._points()
        entries = self._entries(points)
        numbers = VGroup(*(entry[0] for entry in entries))
        self.narrate(f"Let's gather what we have seen, in {len(points)} points.", FadeIn(heading),
                     on("points", LaggedStart(*(FadeIn(n.set_color(p.muted), shift=RIGHT * 0.2)
                                                for n in numbers), lag_ratio=0.15)))
        previous = None
        for entry, (_, _, sentence, draw, cue, picture_cue) in zip(entries, points):
            picture = PICTURE.fit(draw().scale(10), buff=0.1)
            if previous is None:
                arrive = [FadeIn(picture)]
            elif self._has_image(previous) or self._has_image(picture):   # an image cannot morph
                arrive = [FadeOut(previous), FadeIn(picture)]
            else:
                arrive = [ReplacementTransform(previous, picture)]
            dim = [previous_entry.animate.set_color(p.muted)] if previous else []
            shown = [on(picture_cue, Circumscribe(picture, color=p.highlight, buff=0.03))
                     ] if picture_cue else []
            self.narrate(sentence, *arrive, FadeIn(entry[1], shift=RIGHT * 0.2),
                         entry[0].animate.set_color(p.hidden), *dim, *shown,
                         on(cue, Indicate(entry[1], color=p.highlight, scale_factor=1.1)))
            previous, previous_entry = picture, entry
        self.narrate("And every number along the way was computed, not typed in. Thank you for "
                     "watching.", FadeOut(previous),
                     on("computed", Transform(entries, self._closing(entries))))

    def _closing(self, entries: VGroup) -> VGroup:
        """The whole list in the text colour, as large as its rows' pitch and the content's
        width allow, centred: rows keep their heights, so the list spans the content."""
        closing = entries.copy().set_color(self.palette.text)
        heights = [row.get_y() for row in closing]
        pitch = abs(heights[0] - heights[1]) if len(heights) > 1 else 1.0
        tallest = max(row.height for row in closing)
        scale = min(CLOSING_SCALE, 0.8 * pitch / tallest,
                    0.9 * theme.CONTENT.width / closing.width)
        closing.scale(scale)
        for row, y in zip(closing, heights):
            row.set_y(y)
        return closing.set_x(theme.CONTENT.center[0])

    @staticmethod
    def _has_image(mobject) -> bool:
        return any(isinstance(part, ImageMobject) for part in mobject.get_family())

    def _entries(self, points) -> VGroup:
        """'N  key phrase' per point, numbers right-aligned in their column, filling the list
        region top to bottom."""
        p = self.palette
        rows = VGroup()
        for numbers, phrase, *_ in points:
            number = Text(numbers, font=theme.FONT, font_size=theme.TYPE.body, color=p.hidden)
            text = Text(phrase, font=theme.FONT, font_size=theme.TYPE.body, color=p.text)
            rows.add(VGroup(number, text))
        width = max(row[0].width for row in rows)
        for number, text in rows:
            number.move_to([LIST.left + width - number.width / 2, 0, 0])
            text.next_to(number, RIGHT, buff=0.3)
        widest = max(row.get_right()[0] for row in rows) - LIST.left
        if widest > LIST.width:        # narrower type, rows still spread down the region
            for row in rows:
                row.scale(LIST.width / widest, about_point=[LIST.left, 0, 0])
        pitch = min(LIST.height / len(rows), 0.75)
        for k, row in enumerate(rows):
            row.shift(UP * (LIST.top - pitch * (k + 0.5)))
        return rows

    def _points(self) -> list[tuple]:
        """(chapter numbers, key phrase, spoken sentence, picture, cue word, the word that points
        at the picture or None) per point, in the order of the title card's chapters."""
        data = self.data
        chapter = {entry.slug: k for k, entry in enumerate(registry.chapters(), 1)}
        numbers = lambda *slugs: " · ".join(str(chapter[s]) for s in slugs if s in chapter)  # noqa
        sizes = "-".join(f"{self.show_value(f'network.layer_sizes[{k}]', n, 0):g}"
                         for k, n in enumerate(data.layer_sizes))
        accuracy = self.show_value("training.final_test_accuracy", data.test_accuracy, 1,
                                   percent=True)
        overfitted = data.training_verdict.outcome is Outcome.OVERFITTED   # then train is quoted
        train = self.show_value("training.final_accuracy", data.train_accuracy, 1,
                                percent=True) if overfitted else None
        dataset = DATASET_NAME[data.config.data.name]
        result = summary_result(data.training_verdict, sizes, dataset, train, accuracy)
        return [
            (numbers("black_box"), "data in, prediction out", "A neural network is a function "
             "learned from examples: data goes in, a prediction comes out.", self._box,
             "prediction", None),
            (numbers("neuron"), "weights, a sum, a threshold", "Artificial neurons echo real "
             "ones: weighted inputs, a sum, and a threshold for firing.", self._biology,
             "threshold", None),
            (numbers("architecture"), "layers joined by weights", "Layers of neurons joined by "
             "weights, each neuron with a bias.", self._layers, "bias", None),
            (numbers("activations"), "non-linear bends", "Non-linear activations let a network "
             "bend its decision boundary.", self._activation, "bend", None),
            (numbers("forward_pass"), "z, then a = g(z)", "Data flows layer by layer: a weighted "
             "sum z, then the activation a = g(z).", self._formula, "activation", None),
            (numbers("gradient_descent", "backprop"), "gradients, downhill",
             summary_training(data.training_verdict), self._loss, "gradient descent", None),
            (numbers("training"), f"{accuracy:g}% on new points", result, self._boundary,
             "test" if "test" in result.split() else "chance",
             "overfitted" if overfitted else None),   # the line's long start: the boundary
            (numbers("inside_network"), "weights shape neurons", "Trained weights, positive and "
             "negative, shape what each hidden neuron responds to.", self._weights,
             "hidden neuron", None),
            (numbers("hidden_sizes"), "your turn: the sizes", "Change the hidden layer's size "
             "and watch the boundary change.", self._sizes, "watch", None),
            (numbers("applications"), "images to speech", "Images, language, time series, "
             "recommenders, games and speech.", self._applications, "recommenders", None),
        ]

    # -- pictures: each its chapter's own, from the lecture data --------------------------------
    def _box(self) -> VGroup:
        p, example = self.palette, self.data.forward_example
        x = [self.show_value(f"forward_example.x[{k}]", v, 2) for k, v in enumerate(example.x)]
        y = self.show_value("forward_example.prediction", example.prediction, 2)
        box = RoundedRectangle(width=2.2, height=2.9, corner_radius=0.12, color=p.muted,
                               fill_opacity=0.25)
        size = theme.math_size(theme.TYPE.small)
        vector = MathTex(r"\mathbf{x} = (" + ", ".join(f"{v:.2f}" for v in x) + ")",
                         font_size=size, color=p.input).next_to(box, LEFT, buff=0.7)
        output = MathTex(rf"\hat y = {y:.2f}", font_size=size, color=p.output).next_to(
            box, RIGHT, buff=0.7)
        return VGroup(vector, Arrow(vector.get_right(), box.get_left(), buff=0.1, color=p.input),
                      box, Arrow(box.get_right(), output.get_left(), buff=0.1, color=p.output),
                      output)

    def _biology(self) -> VGroup:
        return BiologicalNeuron(self.palette.hidden, self.palette.gradient, axon_length=2.6)

    def _layers(self) -> VGroup:
        total = self.show_value("network.parameters.total", self.data.parameters.total, 0)
        diagram = NetworkDiagram(self.data.layer_sizes, labels=None, width=4.0, height=2.7,
                                 palette=self.palette)
        count = Text(f"{total:g} parameters", font=theme.FONT, font_size=theme.TYPE.small,
                     color=self.palette.text).next_to(diagram, DOWN, buff=0.3)
        return VGroup(diagram, count)

    def _activation(self) -> VGroup:
        p = self.palette
        activation = get_activation(self.data.config.network.activation,
                                    self.data.config.network.leaky_slope)
        axes = Axes(x_range=[-5, 5, 5], y_range=self.data.neuron_example.activation_range + [1],
                    x_length=4.0, y_length=3.0, tips=False,
                    axis_config={"color": p.muted, "stroke_width": 2})
        return VGroup(axes, axes.plot(lambda z: float(activation.fn(np.array(z))),
                                      color=p.hidden, stroke_width=4))

    def _formula(self) -> VGroup:
        """The forward pass chapter's neuron over its two steps: z = w·x + b, then a = g(z)."""
        p = self.palette
        neuron = ArtificialNeuron(self.data.layer_sizes[0],
                                  theme.Region(0.0, 5.0, 0.0, 2.8), palette=p)
        formula = MathTex("z", "=", r"\mathbf{w}", r"\cdot", r"\mathbf{x}", "+", "b", r",\quad",
                          "a", "=", "g(z)", font_size=theme.math_size(theme.TYPE.body),
                          color=p.text)
        formula[2].set_color(p.positive)
        formula[4].set_color(p.input)
        formula[8].set_color(p.output)
        return VGroup(neuron, formula.next_to(neuron, DOWN, buff=0.45))

    def _map(self, grid, height: float) -> Group:
        p = self.palette
        dmap = DecisionMap(grid.values, (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]),
                           colors=(p.negative, p.positive), background=p.background,
                           frame_color=p.muted, height=height)
        return Group(dmap, dmap.dots(self.data.dataset.X_train, self.data.dataset.y_train,
                                     radius=0.03))

    def _boundary(self) -> Group:
        return self._map(self.data.trained.grid, 2.6)

    def _loss(self) -> VGroup:
        """The training chapter's loss curves on log-log axes, drawn to the end."""
        p, epochs = self.palette, self.data.config.training.epochs
        curves = LossCurves.of_history(self.data.history, sampled_epochs(epochs, LOSS_SAMPLES),
                                       last_epoch=epochs, colors=(p.gradient, p.highlight),
                                       width=PICTURE.width, height=PICTURE.height, color=p.muted)
        curves.draw_to(epochs)
        return curves

    def _weights(self) -> NetworkDiagram:
        return NetworkDiagram(self.data.layer_sizes, [layer.W for layer in self.data.final_params],
                              labels=None, width=4.0, height=3.0, palette=self.palette)

    def _applications(self) -> VGroup:
        p = self.palette
        colors = (p.input, p.hidden, p.output, p.positive, p.negative, p.gradient)
        return VGroup(*(Square(0.8, color=color, fill_opacity=0.35) for color in colors)
                      ).arrange_in_grid(rows=2, cols=3, buff=0.25)

    def _sizes(self) -> Group:
        """The hidden-size maps in the rows that let them be largest in the picture's region,
        a shorter last row centred."""
        maps = [self._map(net.grid, 1.4) for net in self.data.hidden_size_comparison]
        width, height, gap = maps[0].width, maps[0].height, 0.25

        def size_in(rows: int) -> float:
            cols = math.ceil(len(maps) / rows)
            return min(PICTURE.width / (cols * width + (cols - 1) * gap),
                       PICTURE.height / (rows * height + (rows - 1) * gap))

        rows = max(range(1, len(maps) + 1), key=size_in)
        cols = math.ceil(len(maps) / rows)
        lines = [Group(*maps[k:k + cols]).arrange(RIGHT, buff=gap)
                 for k in range(0, len(maps), cols)]
        return Group(*lines).arrange(DOWN, buff=gap)
