"""Chapter 1: a neural network as a black box (a real sample in, its real prediction out), then
the box opens onto the lecture's trained network computing that prediction."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, AnimationGroup, Arrow, Create, DrawBorderThenFill, FadeIn, FadeOut,
    GrowArrow, Indicate, LaggedStart, MathTex, ReplacementTransform, RoundedRectangle,
    ShowPassingFlash, Succession, Text, VGroup, Wait, Write,
)

from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.derivation import carry, tex_number
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.mobjects.sample_plane import SamplePlane
from scenes.notation import DATASET_NAME

MATH = theme.math_size(theme.TYPE.body)
SIDE = 3.3          # width of the input column (left) and the output column (right)
ARROW = 0.95        # room for each arrow between a column and the box
DIAGRAM = (8.0, 4.9)  # the opened network's neuron box
SHRUNK = theme.TYPE.small / theme.TYPE.body   # the vector beside the opened network


class BlackBoxScene(LectureScene):
    def construct(self) -> None:
        self.example = self.data.forward_example
        p = self.palette
        area = theme.CONTENT
        box = RoundedRectangle(width=area.width - 2 * (SIDE + ARROW), height=4.4,
                               corner_radius=0.2, color=p.muted, fill_color=p.muted,
                               fill_opacity=0.25, stroke_width=3).move_to(area.center)
        label = Text("neural network", font=theme.FONT, font_size=theme.TYPE.body,
                     color=p.text).move_to(box)
        in_arrow = Arrow(box.get_left() + LEFT * ARROW, box.get_left(), buff=0.1, color=p.input)
        out_arrow = Arrow(box.get_right(), box.get_right() + RIGHT * ARROW, buff=0.1,
                          color=p.output)
        heading = self.make_heading("A network is a function")
        self.narrate("Think of a neural network as a black box: data goes in, a prediction "
                     "comes out.", FadeIn(heading),
                     on("black box", DrawBorderThenFill(box), Write(label)),
                     on("goes in", GrowArrow(in_arrow)), on("comes out", GrowArrow(out_arrow)))
        plane, vector = self._input(box)
        output = self._output(box, label, vector, in_arrow, out_arrow)
        diagram, labels = self._open(box, label, plane, vector, output, (in_arrow, out_arrow))
        self._forward(diagram, labels, vector, output)

    def _input(self, box) -> tuple[VGroup, MathTex]:
        p = self.palette
        ex, data = self.example, self.data
        x = [self.show_value(f"forward_example.x[{i}]", v) for i, v in enumerate(ex.x)]
        vector = MathTex(r"\mathbf{x} = \begin{pmatrix}", tex_number(x[0], 2), r"\\",
                         tex_number(x[1], 2), r"\end{pmatrix}", font_size=MATH, color=p.text)
        for entry in (vector[1], vector[3]):
            entry.set_color(p.input).set_z_index(1)
        name = DATASET_NAME[data.config.data.name]
        caption = VGroup(*(Text(line, font=theme.FONT, font_size=theme.TYPE.label, color=p.muted)
                           for line in ("test points of the", f"{name} data"))
                         ).arrange(DOWN, buff=0.1)
        room = theme.CONTENT.height - vector.height - caption.height - 0.6
        plane = SamplePlane(data.dataset.X_test, data.dataset.y_test, data.bounds, ex.x,
                            height=room, palette=self.palette)
        if plane.width > SIDE:
            plane.scale(SIDE / plane.width)
        column = VGroup(plane, caption, vector).arrange(DOWN, buff=0.2)
        column.move_to([theme.CONTENT.left + SIDE / 2, theme.CONTENT.center[1], 0])
        self.narrate(f"The input is raw data: here, one test point of the {name} data, given by "
                     "its two coordinates.",
                     on("raw data", Create(plane.frame), FadeIn(caption),
                        LaggedStart(*(FadeIn(dot) for dot in plane.dots), lag_ratio=0.01)),
                     on("one test point", FadeIn(plane.sample, scale=2), Create(plane.ring)),
                     on("two coordinates", carry(plane.sample, vector)))
        return VGroup(plane, caption), vector

    def _output(self, box, label, vector, in_arrow, out_arrow) -> VGroup:
        p = self.palette
        ex = self.example
        prediction = VGroup(MathTex(r"\hat{y} =", font_size=MATH, color=p.output),
                            self.number("forward_example.prediction", ex.prediction,
                                        font_size=MATH, color=p.output)).arrange(RIGHT, buff=0.15)
        meaning = Text("P(class 1)", font=theme.FONT, font_size=theme.TYPE.small, color=p.muted)
        predicted = self.show_value("forward_example.predicted_class", ex.predicted_class, 0)
        verdict = Text(f"class {predicted:g}", font=theme.FONT, font_size=theme.TYPE.body,
                       color=p.text)
        truth = Text(f"true label: {self.show_value('forward_example.label', ex.label, 0):g}",
                     font=theme.FONT, font_size=theme.TYPE.small, color=p.muted)
        output = VGroup(prediction, meaning, verdict, truth).arrange(DOWN, buff=0.3)
        output.move_to([theme.CONTENT.right - SIDE / 2, box.get_y(), 0])
        entering = vector.copy()
        self.narrate("Inside the box, the network processes it.",
                     on("Inside", FadeOut(entering, target_position=box, scale=0.2), run_time=1.2),
                     on("processes", Indicate(label, color=p.gradient, scale_factor=1.1)))
        self.narrate("Out comes a prediction: the probability that the point belongs to class "
                     "one.",
                     on("prediction", FadeIn(prediction, shift=RIGHT * 0.8)),
                     on("probability", Write(meaning)))
        self.narrate("Rounded, that is the network's answer; the data's true label is below it.",
                     on("Rounded", carry(prediction[1], verdict)),
                     on("true label", FadeIn(truth, shift=UP * 0.2)))
        return output

    def _open(self, box, label, plane, vector, output, arrows) -> tuple[NetworkDiagram, dict]:
        ex = self.example
        weights = [layer.W for layer in ex.params]
        width, height = DIAGRAM
        diagram = NetworkDiagram(self.data.layer_sizes, weights, ex.activations, labels=None,
                                 width=width, height=height, palette=self.palette)
        labelled = NetworkDiagram(self.data.layer_sizes, weights, ex.activations,
                                  labels="values", width=width, height=height, palette=self.palette)
        area = theme.CONTENT
        room = theme.Region(area.left + 3.0, area.right - 2.6, area.bottom, area.top)
        for drawn in (diagram, labelled):
            room.fit(drawn)
        self.record_diagram("forward_example.activations", labelled)
        labels = {(layer, i): labelled.label(layer, i) for layer in range(len(diagram.layer_sizes))
                  for i in diagram.drawn_indices(layer) if labelled.label(layer, i) is not None}
        diagram.neurons.set_fill(opacity=0.08)   # dark until the forward pass lights them up
        for number in labels.values():
            number.set_z_index(1)                # over the neurons they arrive in
        outline = diagram.neurons.copy().add(diagram.ellipses.copy())
        self.narrate("But what is inside? Open the box.",
                     FadeOut(plane, shift=LEFT * 0.5),
                     vector.animate.scale(SHRUNK).next_to(diagram, LEFT, buff=0.65),
                     output.animate.next_to(diagram, RIGHT, buff=0.5),
                     on("Open the box", Succession(
                         AnimationGroup(FadeOut(label, shift=UP * 0.4), *map(FadeOut, arrows),
                                        run_time=0.5),
                         box.animate(run_time=1.5).stretch_to_fit_width(outline.width + 0.8)
                         .stretch_to_fit_height(outline.height + 0.8).move_to(outline))))
        positive = VGroup(*(diagram.edge(l, i, j) for l, w in enumerate(weights)
                            for i, j in zip(*np.nonzero(w >= 0)) if diagram.edge(l, i, j)))
        negative = VGroup(*(diagram.edge(l, i, j) for l, w in enumerate(weights)
                            for i, j in zip(*np.nonzero(w < 0)) if diagram.edge(l, i, j)))
        flash = {"time_width": 0.6}
        self.narrate("Layers of neurons, joined by weights set by training on data. "
                     "Blue weights are positive, orange negative; thicker means stronger.",
                     on("Layers", box.animate.set_fill(opacity=0.05),
                        LaggedStart(*(FadeIn(layer, scale=0.6) for layer in diagram.neurons),
                                    lag_ratio=0.4), FadeIn(diagram.ellipses), FadeIn(diagram.braces)),
                     on("joined by weights", Create(diagram.edges)),
                     on("Blue", FadeOut(box), *self._flashes(positive, flash)),
                     on("orange", *self._flashes(negative, flash)),
                     on("thicker", *self._flashes(self._strongest(diagram), flash)))
        return diagram, labels

    @staticmethod
    def _strongest(diagram: NetworkDiagram) -> VGroup:
        """The widest quarter of the drawn edges (at least one)."""
        edges = sorted((edge for group in diagram.edges for edge in group),
                       key=lambda edge: -edge.get_stroke_width())
        return VGroup(*edges[:max(1, len(edges) // 4)])

    def _flashes(self, edges: VGroup, options: dict) -> list:
        """A bright run along each edge in its own colour, so a group of edges is pointed at
        without changing what their colours mean; a harmless wait when the group is empty."""
        runs = [ShowPassingFlash(edge.copy().set_stroke(width=edge.get_stroke_width() + 4,
                                                        opacity=1), **options)
                for edge in edges]
        return runs or [Wait(0.5)]

    def _forward(self, diagram: NetworkDiagram, labels: dict, vector: MathTex,
                 output: VGroup) -> None:
        sizes = diagram.layer_sizes
        last = len(sizes) - 1
        enter = []
        for i, entry in zip(range(sizes[0]), (vector[1], vector[3])):
            target = labels.get((0, i))
            enter.append(ReplacementTransform(entry, target) if target is not None else
                         FadeOut(entry, target_position=diagram.neuron(0, i)))
        flow = []
        for layer in range(1, len(sizes)):
            shown = VGroup(*(labels[layer, i] for i in diagram.drawn_indices(layer)
                             if (layer, i) in labels))
            flow += [diagram.send_pulses(layer - 1, run_time=0.9),
                     diagram.light_up(layer, run_time=0.5)]
            if len(shown):
                flow.append(FadeIn(shown, scale=0.7, run_time=0.4))
        source = labels.get((last, 0), diagram.neuron(last, 0))
        value = output[0][1]
        again = value.copy()
        self.narrate("The point's coordinates enter on the left, signals flow through the layers, "
                     "and the output neuron's brightness is the prediction.",
                     on("coordinates enter", *enter, FadeOut(VGroup(vector[0], vector[2],
                                                                    vector[4])),
                        diagram.light_up(0, run_time=1.0)),
                     on("signals flow", Succession(*flow)),
                     on("the prediction", FadeOut(value), carry(source, again)))
        numbers = [label for _, label in sorted(labels.items())] + [again]
        self.narrate("Every number inside is real: this is the network the lecture trains.",
                     on("Every number", LaggedStart(*(Indicate(number, color=self.palette.gradient)
                                                      for number in numbers), lag_ratio=0.15),
                        run_time=2.0))
