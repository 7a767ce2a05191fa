"""Chapter 1: a neural network as a black box (a real sample in, its real prediction out), then
the box opens onto the lecture's trained network computing that prediction."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, RIGHT, Arrow, Create, FadeIn, FadeOut, GrowArrow, Indicate, MathTex,
    RoundedRectangle, Text, VGroup,
)

from scenes import theme
from scenes.base import LectureScene, lecture_data
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.notation import DATASET_NAME


class BlackBoxScene(LectureScene):
    def construct(self) -> None:
        self.data = lecture_data()
        self.example = self.data.forward_example
        heading = self.make_heading("A network is a function")
        self.narrate("Think of a neural network as a black box: data goes in, a prediction "
                     "comes out.", FadeIn(heading))
        box, inputs, output = self._black_box()
        self._open(box, inputs, output)

    def _black_box(self) -> tuple[VGroup, VGroup, VGroup]:
        p = self.palette
        ex = self.example
        box = RoundedRectangle(width=3.6, height=2.4, corner_radius=0.2, color=p.muted,
                               fill_color=p.muted, fill_opacity=0.25, stroke_width=3)
        box_label = Text("neural network", font=theme.FONT, font_size=theme.BODY_SIZE,
                         color=p.text).move_to(box)
        box_group = VGroup(box, box_label)
        x_vector = VGroup(
            MathTex(r"\mathbf{x} =", font_size=40, color=p.input),
            MathTex("(", font_size=40, color=p.text),
            self.number("forward_example.x[0]", ex.x[0], font_size=36, color=p.input),
            MathTex(",", font_size=40, color=p.text),
            self.number("forward_example.x[1]", ex.x[1], font_size=36, color=p.input),
            MathTex(")", font_size=40, color=p.text),
        ).arrange(RIGHT, buff=0.1)
        caption = Text(f"a test point of the {DATASET_NAME[self.data.config.data.name]} data",
                       font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.muted)
        inputs = VGroup(x_vector, caption).arrange(DOWN, buff=0.2)
        inputs.next_to(box, LEFT, buff=1.2)
        in_arrow = Arrow(inputs.get_right(), box.get_left(), buff=0.15, color=p.input)
        prediction = VGroup(MathTex(r"\hat{y} =", font_size=40, color=p.output),
                            self.number("forward_example.prediction", ex.prediction, font_size=36,
                                        color=p.output)).arrange(RIGHT, buff=0.12)
        verdict = Text(f"class {self.show_value('forward_example.predicted_class', ex.predicted_class, 0):g}",
                       font=theme.FONT, font_size=theme.BODY_SIZE, color=p.text)
        label = self.show_value("forward_example.label", ex.label, 0)
        truth = Text(f"true label: {label:g}", font=theme.FONT,
                     font_size=theme.SMALL_SIZE, color=p.muted)
        output = VGroup(prediction, verdict, truth).arrange(DOWN, buff=0.2)
        output.next_to(box, RIGHT, buff=1.2)
        out_arrow = Arrow(box.get_right(), output.get_left(), buff=0.15, color=p.output)
        everything = VGroup(inputs, in_arrow, box_group, out_arrow, output)
        if everything.width > 13:
            everything.scale_to_fit_width(13)
        everything.move_to(DOWN * 0.3)

        self.narrate("The input is raw data: here, the two coordinates of one point.",
                     FadeIn(inputs, shift=RIGHT * 0.3), run_time=1.5)
        self.narrate("Inside the box, the network processes it.", GrowArrow(in_arrow),
                     FadeIn(box_group), run_time=1.5)
        self.narrate("Out comes a prediction: the probability that the point belongs to class "
                     "one.", GrowArrow(out_arrow), FadeIn(prediction), run_time=1.5)
        self.narrate("Rounded, that is the network's answer; the data's true label is below it.",
                     FadeIn(verdict, scale=1.2), FadeIn(truth), run_time=1.5)
        return box_group, VGroup(inputs, in_arrow), VGroup(out_arrow, output)

    def _open(self, box: VGroup, inputs: VGroup, output: VGroup) -> None:
        p = self.palette
        ex = self.example
        weights = [layer.W for layer in ex.params]
        diagram = NetworkDiagram(self.data.layer_sizes, weights, ex.activations, labels="values",
                                 width=6.0, height=4.4)
        diagram.move_to(DOWN * 0.3 + LEFT * 1.2)
        self.record_diagram("forward_example.activations", diagram)
        diagram.neurons.set_fill(opacity=0.08)  # dark until the forward pass lights them up
        self.narrate("But what is inside? Open the box.",
                     FadeOut(inputs, shift=LEFT * 0.5), FadeOut(output[0]),
                     output[1].animate.to_edge(RIGHT, buff=0.6),
                     box.animate.scale(1.9).set_opacity(0.12).move_to(diagram), run_time=2)
        self.narrate("Layers of neurons, joined by weights set by training on data. "
                     "Blue weights are positive, orange negative; thicker means stronger.",
                     FadeOut(box), Create(diagram.edges), FadeIn(diagram.neurons),
                     FadeIn(diagram.ellipses), FadeIn(diagram.braces), run_time=2.5)
        forward = diagram.animate_forward(ex.activations, layer_time=1.6)
        self.narrate("The point's coordinates enter on the left, signals flow through the layers, "
                     "and the output neuron's brightness is the prediction.",
                     forward, run_time=forward.get_run_time())
        self.narrate("Every number inside is real: this is the network the lecture trains.",
                     FadeIn(diagram.labels), Indicate(output[1][0], color=p.highlight), run_time=2)
