"""Chapter 2: a biological neuron becomes an artificial one, which then computes z and a for a
real hidden neuron of the lecture's trained network on a real test sample."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Arrow, Axes, Circle, Create, DashedLine, Dot, FadeIn, FadeOut, Flash, Indicate,
    LaggedStart, Line, MathTex, MoveAlongPath, ReplacementTransform, Text,
    VGroup, Write,
)

from scenes import theme
from scenes.base import LectureScene, lecture_data
from scenes.biology import BiologicalNeuron
from scenes.notation import ACTIVATION_SYMBOL


OPERATOR_GAP = 0.2    # around + and − in the written-out sum
A_LINE_ROOM = 0.8     # below the z line, for the a line, within the frame's bottom margin


class NeuronScene(LectureScene):
    def construct(self) -> None:
        data = lecture_data()
        self.example = data.neuron_example
        self.activation_name = data.config.network.activation
        bio = self._biological()
        artificial = self._morph(bio)
        self._compute(artificial)

    # -- the biological neuron -------------------------------------------------------------
    def _biological(self) -> BiologicalNeuron:
        p = self.palette
        heading = self.make_heading("Biological inspiration")
        bio = BiologicalNeuron(p.hidden, p.gradient).scale(0.85).move_to(DOWN * 0.2)
        self.heading = heading
        self.narrate("Your brain holds about 86 billion neurons, each connected to thousands of "
                     "others through synapses.",
                     FadeIn(heading), Create(bio.dendrites), FadeIn(bio.soma), FadeIn(bio.nucleus),
                     Create(bio.axon), FadeIn(bio.myelin), Create(bio.terminals), run_time=3)
        labels = VGroup(
            self._part_label("dendrites", "receive signals", bio.dendrites, LEFT + UP * 0.2),
            self._part_label("cell body", "adds them up", bio.soma, DOWN * 1.4),
            self._part_label("axon", "carries the spike", bio.myelin, UP * 0.9),
            self._part_label("terminals", "pass it on", bio.terminals, DOWN * 1.2),
        )
        self.narrate("Dendrites receive signals, the cell body adds them up, and the axon carries "
                     "the result to the terminals.",
                     LaggedStart(*(FadeIn(label) for label in labels), lag_ratio=0.5), run_time=3)
        spike = Dot(color=p.gradient, radius=0.09)
        self.narrate("When enough signal has accumulated, the neuron fires.",
                     MoveAlongPath(spike, bio.signal_path()), run_time=2)
        self.play(Flash(bio.terminals, color=p.gradient), FadeOut(spike), run_time=0.6)
        self.play(FadeOut(labels), run_time=0.6)
        return bio

    def _part_label(self, name: str, role: str, part, offset: np.ndarray) -> VGroup:
        p = self.palette
        label = VGroup(
            Text(name, font=theme.FONT, font_size=theme.SMALL_SIZE + 2, color=p.text),
            Text(role, font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.muted),
        ).arrange(DOWN, buff=0.08)
        return label.move_to(part.get_center() + offset)

    # -- the artificial neuron ----------------------------------------------------------------
    def _morph(self, bio: BiologicalNeuron) -> VGroup:
        p = self.palette
        n_inputs = len(self.example.inputs)
        ys = np.linspace(1.3, -1.3, n_inputs) if n_inputs > 1 else np.zeros(1)
        inputs = VGroup(*(Circle(radius=0.38, color=p.input, stroke_width=3).move_to([-4.6, y, 0])
                          for y in ys))
        body = Circle(radius=0.75, color=p.hidden, stroke_width=4).move_to(LEFT * 0.8)
        edges = VGroup(*(Line(c.get_right(), body.get_left() + UP * 0.15 * (i - (n_inputs - 1) / 2),
                              color=p.muted, stroke_width=3)
                         for i, c in enumerate(inputs)))
        sigma = MathTex(r"\Sigma", font_size=56, color=p.text).move_to(body)
        output = Arrow(body.get_right(), body.get_right() + RIGHT * 2.4, buff=0.05, color=p.output,
                       stroke_width=5)
        names = VGroup(*(MathTex(f"x_{i + 1}", font_size=40, color=p.input).move_to(c)
                         for i, c in enumerate(inputs)))
        weights = VGroup(*(MathTex(f"w_{i + 1}", font_size=36, color=p.positive)
                           .next_to(e.point_from_proportion(0.45), UP, buff=0.12)
                           for i, e in enumerate(edges)))
        a_label = MathTex("a", font_size=44, color=p.output).next_to(output, UP, buff=0.1)
        self.narrate("The artificial neuron copies this. Dendrites become inputs, and synapse "
                     "strengths become weights.",
                     ReplacementTransform(bio.dendrites, edges), FadeIn(inputs), FadeIn(names),
                     FadeIn(weights), run_time=2)
        self.narrate("The cell body becomes a weighted sum, and the axon carries the output, "
                     "after an activation function decides how strongly to fire.",
                     ReplacementTransform(VGroup(bio.soma, bio.nucleus), body), FadeIn(sigma),
                     ReplacementTransform(VGroup(bio.axon, bio.myelin, bio.terminals), output),
                     FadeIn(a_label), run_time=2)
        return VGroup(inputs, names, edges, weights, body, sigma, output, a_label)

    # -- one real neuron, one real sample -----------------------------------------------------
    def _compute(self, neuron: VGroup) -> None:
        p = self.palette
        ex = self.example
        inputs, names, edges, weights, body, sigma, output, a_label = neuron
        g = ACTIVATION_SYMBOL[self.activation_name]
        caption = Text(f"hidden neuron h{ex.neuron + 1} of the trained network, test sample "
                       f"#{ex.sample_index}", font=theme.FONT, font_size=theme.SMALL_SIZE,
                       color=p.muted).next_to(self.heading, DOWN, buff=0.2)
        new_heading = self.make_heading("One real neuron")
        x_values = VGroup(*(self.number(f"neuron_example.inputs[{i}]", x, font_size=26).move_to(c)
                            for i, (x, c) in enumerate(zip(ex.inputs, inputs))))
        w_values = VGroup(*(self.number(f"neuron_example.weights[{i}]", w, font_size=26, color=self._sign(w))
                            .move_to(label) for i, (w, label) in enumerate(zip(ex.weights, weights))))
        for edge, w in zip(edges, ex.weights):
            edge.set_color(self._sign(w))
        bias = VGroup(MathTex("b =", font_size=32, color=p.text),
                      self.number("neuron_example.bias", ex.bias, font_size=28)).arrange(RIGHT, buff=0.12)
        bias.next_to(body, DOWN, buff=0.25)
        self.narrate(f"Now real numbers: hidden neuron h{ex.neuron + 1} of our trained network, "
                     f"fed test sample number {ex.sample_index}.",
                     ReplacementTransform(self.heading, new_heading), FadeIn(caption),
                     ReplacementTransform(names, x_values), ReplacementTransform(weights, w_values),
                     FadeIn(bias), run_time=2)

        terms = " + ".join(rf"w_{i + 1} x_{i + 1}" for i in range(len(ex.inputs)))
        symbolic = MathTex("z", "=", terms, "+ b", font_size=38, color=p.text)
        numeric = self._sum_line()
        result = VGroup(MathTex("z =", font_size=38, color=p.text),
                        self.number("neuron_example.z", ex.z, font_size=38, color=p.text)
                        ).arrange(RIGHT, buff=0.15)
        for line in (symbolic, numeric, result):
            line.shift(UP * (theme.FRAME.bottom + A_LINE_ROOM - line.get_bottom()[1]))
            line.set_x(-2.2)
        self.narrate("First the weighted sum: multiply each input by its weight and add the bias.",
                     Indicate(sigma, color=p.gradient), Write(symbolic), run_time=2)
        self.narrate("With the real values, the sum comes out as z.",
                     FadeIn(numeric, shift=UP * 0.2), FadeOut(symbolic), run_time=1.5)
        self.play(ReplacementTransform(numeric, result), run_time=1)

        self._activation(body, sigma, output, a_label, result, g)

    def _sum_line(self) -> VGroup:
        """z = (w₁)·(x₁) + (w₂)·(x₂) ± |b|, the operators spaced as in typeset maths."""
        p = self.palette
        ex = self.example
        parts = [MathTex("z =", font_size=38, color=p.text)]
        operators = {id(parts[0])}

        def operator(sign: str) -> MathTex:
            mark = MathTex(sign, font_size=38, color=p.text)
            operators.add(id(mark))
            return mark

        for i, (w, x) in enumerate(zip(ex.weights, ex.inputs)):
            if i:
                parts.append(operator("+"))
            parts += [MathTex("(", font_size=38, color=p.text),
                      self.number(f"neuron_example.weights[{i}]", w, font_size=34, color=self._sign(w)),
                      MathTex(r")\cdot(", font_size=38, color=p.text),
                      self.number(f"neuron_example.inputs[{i}]", x, font_size=34, color=p.input),
                      MathTex(")", font_size=38, color=p.text)]
        bias = self.number("neuron_example.bias", ex.bias, font_size=34)
        parts += [operator("-" if ex.bias < 0 else "+"),
                  bias.set_value(abs(bias.get_value()))]   # the sign is the operator: "− 8.91"
        for before, part in zip(parts, parts[1:]):
            spaced = id(before) in operators or id(part) in operators
            part.next_to(before, RIGHT, buff=OPERATOR_GAP if spaced else 0.08)
        line = VGroup(*parts)
        if line.width > 9:
            line.scale_to_fit_width(9)
        return line

    def _activation(self, body, sigma, output, a_label, result, g: str) -> None:
        p = self.palette
        ex = self.example
        curve_axes = Axes(x_range=[-6, 6, 2], y_range=ex.activation_range + [0.5],
                          x_length=3.8, y_length=2.4, tips=False,
                          axis_config={"color": p.muted, "stroke_width": 2})
        curve_axes.to_edge(RIGHT, buff=0.7).shift(DOWN * 0.4)
        axis_labels = curve_axes.get_axis_labels(MathTex("z", font_size=30, color=p.muted),
                                                 MathTex(f"{g}(z)", font_size=30, color=p.muted))
        curve = curve_axes.plot(lambda z: float(ex.activation(np.array(z))), color=p.hidden,
                                x_range=[-6, 6])
        z_clamped = float(np.clip(ex.z, -6, 6))
        dot = Dot(curve_axes.c2p(z_clamped, ex.a), color=p.gradient, radius=0.08)
        drop = DashedLine(curve_axes.c2p(z_clamped, ex.activation_range[0]), dot.get_center(),
                          color=p.gradient, stroke_width=2)
        g_label = MathTex(g, font_size=56, color=p.text).move_to(body)
        if g_label.width > 1.6 * body.radius:   # ReLU, tanh: inside the neuron, still readable
            g_label.scale(max(1.6 * body.radius / g_label.width, theme.TYPE.label / 56))
        a_line = VGroup(MathTex(f"a = {g}(z) =", font_size=38, color=p.text),
                        self.number("neuron_example.a", ex.a, font_size=38, color=p.output)
                        ).arrange(RIGHT, buff=0.15)
        a_line.next_to(result, DOWN, buff=0.3, aligned_edge=LEFT)
        self.narrate("Then the activation function squashes z into the neuron's output a.",
                     ReplacementTransform(sigma, g_label), Create(curve_axes), FadeIn(axis_labels),
                     Create(curve), run_time=2,
                     spoken="Then the activation function squashes z into the neuron's output, ay.")
        a_value = self.number("neuron_example.a", ex.a, font_size=30, color=p.output).next_to(output, DOWN,
                                                                                 buff=0.15)
        self.narrate("On the curve: our z, and the output it gives.",
                     Create(drop), FadeIn(dot, scale=2), Write(a_line), run_time=1.5)
        fill = float(np.clip(ex.a, 0.08, 1)) if 0 <= ex.a <= 1 else 0.6
        on_fill = p.background if fill > 0.5 else p.text     # g stays legible on the fill
        self.narrate("The neuron fires with that strength and passes a on to the next layer.",
                     body.animate.set_fill(p.hidden, opacity=fill),
                     g_label.animate.set_color(on_fill), FadeIn(a_value),
                     Indicate(a_label, color=p.highlight), run_time=2)

    def _sign(self, w: float) -> str:
        return self.palette.positive if w >= 0 else self.palette.negative
