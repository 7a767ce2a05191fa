"""Chapter 2: a biological neuron becomes an artificial one, which then computes z and a for a
real hidden neuron of the lecture's trained network on a real test sample."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Flash, GrowFromCenter, Indicate,
    MathTex, ReplacementTransform, Text, Transform, VGroup, Write,
)

from nnmath.verdicts import adding_decimals
from scenes import theme
from scenes.base import LectureScene, on
from scenes.biology import BiologicalNeuron
from scenes.mobjects.activation_plot import ActivationPlot
from scenes.mobjects.artificial_neuron import ArtificialNeuron
from scenes.mobjects.derivation import Derivation, carry, tex_number
from scenes.notation import ACTIVATION_SYMBOL

LABEL_ROOM = 2.6                           # left of the dendrites, for their label
TERMINAL_ROOM = 0.6                        # right of the terminals, for half their label
MATH = theme.math_size(theme.TYPE.small)   # numbers on the diagram, the readouts
SUM_SIZE = theme.math_size(theme.TYPE.body)  # the worked sum (scaled down if too wide)
CAPTION_BAND = 0.55                        # the caption's line at the top of the content


class NeuronScene(LectureScene):
    def construct(self) -> None:
        data = self.data
        self.example = data.neuron_example
        self.symbol = ACTIVATION_SYMBOL[data.config.network.activation]
        bio, labels = self._biological()
        neuron = self._morph(bio, labels)
        self._real_values(neuron)
        derivation = self._weighted_sum(neuron)
        self._activation(neuron, derivation)

    def _text(self, text: str, size: float, color: str) -> Text:
        return Text(text, font=theme.FONT, font_size=size, color=color)

    # -- the biological neuron -------------------------------------------------------------
    def _biological(self) -> tuple[BiologicalNeuron, VGroup]:
        p = self.palette
        self.heading = self.make_heading("Biological inspiration")
        bio = BiologicalNeuron(p.hidden, p.gradient)
        area = theme.CONTENT
        bio.scale(min((area.width - LABEL_ROOM - TERMINAL_ROOM) / bio.width, area.height / bio.height))
        bio.move_to(area.center).align_to([area.right - TERMINAL_ROOM, 0, 0], RIGHT)
        labels = VGroup(
            self._part_label("dendrites", "receive signals").next_to(bio.dendrites, LEFT, 0.2),
            self._part_label("cell body", "adds them up").move_to(bio.soma).shift(DOWN * 1.6),
            self._part_label("axon", "carries the spike").next_to(bio.myelin, UP, 0.35),
            self._part_label("terminals", "pass it on").next_to(bio.terminals, DOWN, 0.3),
        )
        self.narrate("Your brain holds about 86 billion neurons, each connected to thousands of "
                     "others through synapses.",
                     FadeIn(self.heading),
                     on("neurons", GrowFromCenter(bio.soma), GrowFromCenter(bio.nucleus)),
                     on("connected", Create(bio.dendrites)),
                     on("synapses", Create(bio.axon), FadeIn(bio.myelin), Create(bio.terminals)))
        self.narrate("Dendrites receive signals, the cell body adds them up, and the axon carries "
                     "the result to the terminals.",
                     *(on(word, FadeIn(label, shift=UP * 0.15), Indicate(part, color=p.gradient, scale_factor=1.04))
                       for word, label, part in zip(("Dendrites", "cell body", "axon", "terminals"),
                                                    labels, (bio.dendrites, bio.soma, bio.myelin,
                                                             bio.terminals))))
        spike = bio.signal_path()
        self.spike = spike.copy().set_stroke(p.gradient, width=6)
        self.narrate("When enough signal has accumulated, the neuron fires.",
                     on("signal", Create(self.spike), run_time=1.6),
                     on("fires", Flash(bio.terminals, color=p.gradient, line_length=0.3),
                        bio.soma.animate.set_fill(p.gradient, opacity=0.6)))
        return bio, labels

    def _part_label(self, name: str, role: str) -> VGroup:
        p = self.palette
        return VGroup(self._text(name, theme.TYPE.small, p.text),
                      self._text(role, theme.TYPE.label, p.muted)).arrange(DOWN, buff=0.08)

    # -- the artificial neuron ----------------------------------------------------------------
    def _morph(self, bio: BiologicalNeuron, labels: VGroup) -> ArtificialNeuron:
        neuron = ArtificialNeuron(len(self.example.inputs), theme.CONTENT, palette=self.palette)   # as wide as the bio one
        heading = self.make_heading("The artificial neuron")
        self.narrate("The artificial neuron copies this. Dendrites become inputs, and synapse "
                     "strengths become weights.",
                     FadeOut(labels), FadeOut(self.spike),
                     on("artificial neuron", ReplacementTransform(self.heading, heading)),
                     on("Dendrites", ReplacementTransform(bio.dendrites,
                                                          VGroup(neuron.edges, neuron.inputs))),
                     on("inputs", Write(neuron.names)),
                     on("weights", Write(neuron.weight_names)))
        self.heading = heading
        self.narrate("The cell body becomes a weighted sum, and the axon carries the output, "
                     "after an activation function decides how strongly to fire.",
                     on("cell body", ReplacementTransform(VGroup(bio.soma, bio.nucleus), neuron.body),
                        FadeIn(neuron.sigma, scale=0.5)),
                     on("axon", ReplacementTransform(VGroup(bio.axon, bio.myelin, bio.terminals),
                                                     neuron.output), FadeIn(neuron.a_label)),
                     on("activation function", Indicate(neuron.body, color=self.palette.gradient)))
        return neuron

    # -- one real neuron, one real sample -----------------------------------------------------
    def _real_values(self, neuron: ArtificialNeuron) -> None:
        """The neuron moves into the left panel, making room for its sum; its names give way to
        the real numbers."""
        p = self.palette
        ex = self.example
        area = theme.LEFT_PANEL
        left = ArtificialNeuron(len(ex.inputs), theme.Region(area.left, area.right, area.bottom,
                                                             area.top - CAPTION_BAND), palette=self.palette)
        for edge, w in zip(left.edges, ex.weights):
            edge.set_color(self._sign(w))
        self.places = adding_decimals([*ex.terms, ex.bias], ex.z)
        self.x_values = VGroup(*(self.number(f"neuron_example.inputs[{i}]", x, font_size=MATH,
                                             color=p.input).move_to(circle)
                                 for i, (x, circle) in enumerate(zip(ex.inputs, left.inputs))))
        self.w_values = VGroup(*(left.beside_edge(i, self.number(
            f"neuron_example.weights[{i}]", w, font_size=MATH, color=self._sign(w)))
            for i, w in enumerate(ex.weights)))
        self.b_value = self.number("neuron_example.bias", ex.bias, self.places, font_size=MATH)
        bias = left.below_body(VGroup(MathTex("b =", font_size=MATH, color=p.text),
                                        self.b_value).arrange(RIGHT, buff=0.15))
        caption = self._text(f"hidden neuron h{ex.neuron + 1} of the trained network, test "
                             f"sample #{ex.sample_index}", theme.TYPE.label, p.muted)
        caption.move_to([0, theme.CONTENT.top - CAPTION_BAND / 2, 0])
        heading = self.make_heading("One real neuron")
        self.narrate(f"Now real numbers: hidden neuron h{ex.neuron + 1} of our trained network, "
                     f"fed test sample number {ex.sample_index}.",
                     ReplacementTransform(self.heading, heading), FadeIn(caption),
                     Transform(self._shapes(neuron), self._shapes(left)),
                     on("trained network", ReplacementTransform(neuron.weight_names, self.w_values),
                        FadeIn(bias)),
                     on("test sample", ReplacementTransform(neuron.names, self.x_values)))

    @staticmethod
    def _shapes(neuron: ArtificialNeuron) -> VGroup:
        """What the neuron keeps when its names give way to numbers."""
        return VGroup(neuron.edges, neuron.inputs, neuron.body, neuron.sigma, neuron.output,
                      neuron.a_label)

    def _weighted_sum(self, neuron: ArtificialNeuron) -> Derivation:
        """z = w₁x₁ + w₂x₂ + b, then the shown numbers, the products and their sum."""
        ex = self.example
        n, places = len(ex.inputs), self.places
        w = [self.show_value(f"neuron_example.weights[{i}]", v) for i, v in enumerate(ex.weights)]
        x = [self.show_value(f"neuron_example.inputs[{i}]", v) for i, v in enumerate(ex.inputs)]
        terms = [self.show_value(f"neuron_example.terms[{i}]", t, places)
                 for i, t in enumerate(ex.terms)]
        b = self.show_value("neuron_example.bias", ex.bias, places)
        z = self.show_value("neuron_example.z", ex.z)
        symbolic, numeric, products = ["z", "="], ["="], [r"\approx"]
        for i in range(n):
            plus = ["+"] if i else []
            symbolic += plus + [f"w_{i + 1}", f"x_{i + 1}"]
            numeric += plus + [tex_number(w[i], 2, bracket=True), r"\cdot",
                               tex_number(x[i], 2, bracket=True)]
            products += ([] if not i else ["-" if terms[i] < 0 else "+"]) + \
                [tex_number(abs(terms[i]) if i else terms[i], places)]
            self.record_arithmetic("product", [w[i], x[i]], terms[i], places, approximate=True)
        symbolic += ["+", "b"]
        numeric += ["+", tex_number(b, places, bracket=True)]
        products += ["-" if b < 0 else "+", tex_number(abs(b), places)]
        self.record_arithmetic("sum", [*terms, b], z, 2)
        rows = Derivation([symbolic, numeric, products, ["=", tex_number(z, 2)]],
                          font_size=SUM_SIZE, color=self.palette.text, row_gap=0.9)
        theme.RIGHT_PANEL.fit(rows, buff=0.2)
        self._colour(rows, n)
        slots = {1 + 4 * i: self.w_values[i] for i in range(n)}
        slots.update({3 + 4 * i: self.x_values[i] for i in range(n)})
        self.narrate("First the weighted sum: multiply each input by its weight, then add the "
                     "bias.",
                     on("weighted sum", Write(rows.rows[0]), Indicate(neuron.sigma)),
                     on("multiply", rows.write_row(1, slots, exclude=(4 * n, 4 * n + 1)),
                        run_time=2.0),
                     on("add the bias", Write(rows.part(1, 4 * n)),
                        carry(self.b_value, rows.part(1, 4 * n + 1))))
        pairs = {1 + 2 * i: [rows.part(1, j) for j in range(4 * i + 1, 4 * i + 4)]
                 for i in range(n)}
        pairs[2 * n + 1] = rows.part(1, 4 * n + 1)
        self.narrate("Work out each product; with the bias, they add up to z.",
                     on("each product", rows.write_row(2, pairs)),
                     on("add up", rows.write_row(3, {1: rows.rows[2][1:]})))
        return rows

    def _colour(self, rows: Derivation, n: int) -> None:
        p = self.palette
        for i in range(n):
            rows.part(0, 2 + 3 * i).set_color(p.positive)
            rows.part(0, 3 + 3 * i).set_color(p.input)
            rows.part(1, 1 + 4 * i).set_color(self._sign(self.example.weights[i]))
            rows.part(1, 3 + 4 * i).set_color(p.input)
        rows.part(3, 1).set_color(p.gradient)

    def _activation(self, neuron: ArtificialNeuron, rows: Derivation) -> None:
        p = self.palette
        ex = self.example
        g = self.symbol
        panel = theme.RIGHT_PANEL
        z_line = VGroup(MathTex("z =", font_size=MATH, color=p.text),
                        self.number("neuron_example.z", ex.z, font_size=MATH, color=p.gradient)
                        ).arrange(RIGHT, buff=0.15)
        a_value = self.number("neuron_example.a", ex.a, font_size=MATH, color=p.output)
        a_line = VGroup(MathTex(f"a = {g}(z) =", font_size=MATH, color=p.text), a_value
                        ).arrange(RIGHT, buff=0.15)
        readouts = VGroup(z_line, a_line).arrange(RIGHT, buff=0.8)
        readouts.move_to([panel.center[0], panel.top - CAPTION_BAND - readouts.height / 2, 0])
        plot = ActivationPlot(lambda v: float(ex.activation(np.array(v))), *ex.curve_range, g,
                              width=panel.width - 0.6, height=panel.height - CAPTION_BAND - 1.5,
                              curve_color=p.hidden, axis_color=p.muted,
                              accent=p.gradient)
        theme.Region(panel.left, panel.right, panel.bottom, readouts.get_bottom()[1] - 0.3).fit(plot)
        g_label = MathTex(g, font_size=theme.math_size(theme.TYPE.heading), color=p.text)
        g_label.scale(min(1.0, 1.6 * neuron.body.radius / g_label.width)).move_to(neuron.body)
        self.narrate("Then the activation function squashes z into the neuron's output a.",
                     ReplacementTransform(VGroup(rows.rows[0][0], rows.rows[3]), z_line),
                     FadeOut(VGroup(rows.rows[0][1:], *rows.rows[1:3])),
                     on("activation function", ReplacementTransform(neuron.sigma, g_label)),
                     on("squashes", Create(plot.axes), Create(plot.curve), FadeIn(plot.z_label),
                        FadeIn(plot.g_label), run_time=2.0),
                     spoken="Then the activation function squashes z into the neuron's output, ay.")
        a_value.add_updater(lambda m: m.set_value(float(ex.activation(np.array(plot.z.get_value())))))
        a_value.update()
        self.narrate("On the curve: our z, and the output it gives.",
                     plot.show_rider(), FadeIn(a_line),
                     on("our z", plot.ride(ex.z), run_time=2.0),
                     on("output", Create(plot.across)))
        a_value.clear_updaters()
        fill = float(np.clip(abs(ex.a) / max(map(abs, ex.curve_range)), 0.08, 1))   # |a| on g's scale
        ink = p.background if fill > 0.5 else p.text      # g stays legible on the fill
        passed = self.number("neuron_example.a", ex.a, font_size=MATH, color=p.output)
        neuron.below_output(passed)
        self.narrate("The neuron fires with that strength and passes a on to the next layer.",
                     on("fires", neuron.body.animate.set_fill(p.hidden, opacity=fill),
                        g_label.animate.set_color(ink)),
                     on("passes", carry(a_value, passed)),
                     spoken="The neuron fires with that strength and passes ay on to the next "
                            "layer.")

    def _sign(self, w: float) -> str:
        return self.palette.positive if w >= 0 else self.palette.negative

