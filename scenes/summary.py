"""The summary: the lesson's ten points one at a time, each with a small picture of its chapter
drawn from the same lecture data, collecting into a list that ends the lecture."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Arrow, Axes, FadeIn, FadeOut, Group, MathTex, Paragraph, RoundedRectangle,
    Square,
    Text, VGroup, VMobject,
)

from nnmath.activations import get_activation
from nnmath.verdicts import Outcome
from scenes import theme
from scenes.base import LectureScene, lecture_data
from scenes.biology import BiologicalNeuron
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.narration import summary_result, summary_training
from scenes.notation import DATASET_NAME

ICON_CENTER = np.array([3.3, 0.7, 0])
ICON_SIZE = (5.0, 2.9)


class SummaryScene(LectureScene):
    def construct(self) -> None:
        self.data = lecture_data()
        p = self.palette
        heading = Text("Summary", font=theme.FONT, font_size=theme.HEADING_SIZE,
                       color=p.text).to_edge(UP, buff=0.3)
        self.narrate("Let's gather what we have seen, in ten points.", FadeIn(heading))
        titles = Paragraph(*(f"{n}. {title}" for n, (title, _, _) in enumerate(self._points(), 1)),
                           font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.muted,
                           alignment="left", line_spacing=1.0)
        titles.to_edge(LEFT, buff=0.5).shift(DOWN * 0.3)
        previous = None
        for title, (_, sentence, icon) in zip(titles, self._points()):
            icon = icon().move_to(ICON_CENTER)
            scale = min(ICON_SIZE[0] / max(icon.width, 1e-6), ICON_SIZE[1] / max(icon.height, 1e-6))
            icon.scale(min(scale, 1.0))
            words = self._wrap(sentence).next_to(ICON_CENTER + DOWN * ICON_SIZE[1] / 2, DOWN,
                                                 buff=0.35)
            leaving = [FadeOut(previous)] if previous else []
            self.narrate(sentence, *leaving, FadeIn(title, shift=RIGHT * 0.2),
                         title.animate.set_color(p.text), FadeIn(icon), FadeIn(words),
                         run_time=1.5)
            self.play(title.animate.set_color(p.muted), run_time=0.4)
            previous = Group(icon, words)
        self.narrate("And every number along the way was computed, not typed in. Thank you for "
                     "watching.", FadeOut(previous),
                     titles.animate.set_color(p.text).scale(1.25).move_to(DOWN * 0.3), run_time=2)

    def _wrap(self, sentence: str, width: int = 38) -> VGroup:
        lines, line = [], ""
        for word in sentence.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        return VGroup(*(Text(text, font=theme.FONT, font_size=theme.SMALL_SIZE + 2,
                             color=self.palette.text) for text in lines)).arrange(DOWN, buff=0.12)

    def _points(self) -> list[tuple]:
        data = self.data
        sizes = "-".join(f"{self.show_value(f'network.layer_sizes[{k}]', n, 0):g}"
                         for k, n in enumerate(data.layer_sizes))
        accuracy = self.show_value("training.final_test_accuracy", data.test_accuracy, 1,
                                   percent=True)
        overfitted = data.training_verdict.outcome is Outcome.OVERFITTED   # then train is quoted
        train = self.show_value("training.final_accuracy", data.train_accuracy, 1,
                                percent=True) if overfitted else None
        dataset = DATASET_NAME[data.config.data.name]
        return [
            ("A function learned from data", "A neural network is a function learned from "
             "examples: data goes in, a prediction comes out.", self._box),
            ("Biological inspiration", "Artificial neurons echo real ones: weighted inputs, a "
             "sum, and a threshold for firing.", self._biology),
            ("Neurons, layers, weights", "Layers of neurons joined by weights, each neuron with "
             "a bias.", self._layers),
            ("Activation functions", "Non-linear activations let a network bend its decision "
             "boundary.", self._activation),
            ("Forward propagation", "Data flows layer by layer: a weighted sum z, then the "
             "activation a = g(z).", self._formula),
            ("A network from scratch", summary_result(data.training_verdict, sizes, dataset,
                                                      train, accuracy), self._boundary),
            ("Training", summary_training(data.training_verdict), self._loss),
            ("Inside the network", "Trained weights, positive and negative, shape what each "
             "hidden neuron responds to.", self._weights),
            ("Applications", "Images, language, time series, recommenders, games and speech.",
             self._applications),
            ("Your turn", "Change the hidden layer's size and watch the boundary change.",
             self._sizes),
        ]

    # -- icons: each a small picture of its chapter, from the lecture data -------------------
    def _box(self) -> VGroup:
        p = self.palette
        box = RoundedRectangle(width=1.6, height=1.1, corner_radius=0.12, color=p.muted,
                               fill_opacity=0.25)
        return VGroup(Arrow(LEFT * 2.2, box.get_left(), buff=0.1, color=p.input), box,
                      Arrow(box.get_right(), RIGHT * 2.2, buff=0.1, color=p.output))

    def _biology(self) -> VGroup:
        return BiologicalNeuron(self.palette.hidden, self.palette.gradient)

    def _layers(self) -> NetworkDiagram:
        return NetworkDiagram(self.data.layer_sizes, labels=None, width=4.0, height=2.6)

    def _activation(self) -> VGroup:
        p = self.palette
        activation = get_activation(self.data.config.network.activation,
                                    self.data.config.network.leaky_slope)
        axes = Axes(x_range=[-5, 5, 5], y_range=self.data.neuron_example.activation_range + [1],
                    x_length=4.0, y_length=2.2, tips=False,
                    axis_config={"color": p.muted, "stroke_width": 2})
        return VGroup(axes, axes.plot(lambda z: float(activation.fn(np.array(z))),
                                      color=p.hidden, stroke_width=4))

    def _formula(self) -> MathTex:
        p = self.palette
        formula = MathTex("z", "=", r"\mathbf{w}", r"\cdot", r"\mathbf{x}", "+", "b", r",\quad",
                          "a", "=", "g(z)", font_size=48, color=p.text)
        formula[2].set_color(p.positive)
        formula[4].set_color(p.input)
        formula[8].set_color(p.output)
        return formula

    def _map(self, grid, height: float) -> Group:
        p = self.palette
        dmap = DecisionMap(grid.values, (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]),
                           colors=(p.negative, p.positive), background=p.background,
                           frame_color=p.muted, height=height)
        return Group(dmap, dmap.dots(self.data.dataset.X_train, self.data.dataset.y_train,
                                     radius=0.03))

    def _boundary(self) -> Group:
        return self._map(self.data.boundary.grids[-1], 2.6)

    def _loss(self) -> VGroup:
        p = self.palette
        loss = self.data.history.loss
        axes = Axes(x_range=[0, len(loss), len(loss)], y_range=[0, float(loss.max()), 1],
                    x_length=4.2, y_length=2.4, tips=False,
                    axis_config={"color": p.muted, "stroke_width": 2})
        epochs = np.arange(0, len(loss), max(1, len(loss) // 200))
        curve = VMobject(color=p.gradient, stroke_width=3).set_points_as_corners(
            [axes.c2p(epoch, loss[epoch]) for epoch in epochs])
        return VGroup(axes, curve)

    def _weights(self) -> NetworkDiagram:
        return NetworkDiagram(self.data.layer_sizes, [layer.W for layer in self.data.final_params],
                              labels=None, width=4.0, height=2.6)

    def _applications(self) -> VGroup:
        p = self.palette
        colors = (p.input, p.hidden, p.output, p.positive, p.negative, p.gradient)
        return VGroup(*(Square(0.8, color=color, fill_opacity=0.35) for color in colors)
                      ).arrange_in_grid(rows=2, cols=3, buff=0.25)

    def _sizes(self) -> Group:
        maps = Group(*(self._map(net.grid, 1.4) for net in self.data.hidden_size_comparison))
        return maps.arrange(RIGHT, buff=0.25)
