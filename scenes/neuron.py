"""Chapter 2: a biological neuron becomes an artificial one, which then computes z and a for a
real hidden neuron of the lecture's trained network on a real test sample."""

from __future__ import annotations

import numpy as np
from manim import (
    RIGHT, UP, Create, FadeIn, FadeOut, Flash, GrowFromCenter, Indicate, MathTex,
    ReplacementTransform, ShowPassingFlash, Text, Transform, TransformFromCopy, VGroup, Write,
)

from nnmath.verdicts import adding_decimals
from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.activation_plot import activation_sketch, plot_with_readouts
from scenes.mobjects.anatomy import Anatomy
from scenes.mobjects.artificial_neuron import INPUT_RADIUS, ArtificialNeuron
from scenes.mobjects.derivation import carry
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.mobjects.neuron_sum import NeuronSum
from scenes.notation import ACTIVATION_SYMBOL

MATH = theme.math_size(theme.TYPE.small)   # numbers on the diagram, the readouts
CAPTION_BAND = 0.55                        # the caption's line at the top of the content
BIG_INPUT = 0.7                            # input radius of the neuron drawn across the frame
LEFT_BELOW_CAPTION, RIGHT_BELOW_CAPTION = (
    theme.Region(area.left, area.right, area.bottom, area.top - CAPTION_BAND)
    for area in (theme.LEFT_PANEL, theme.RIGHT_PANEL))


class NeuronScene(LectureScene):
    def construct(self) -> None:
        data = self.data
        self.example = data.neuron_example
        self.symbol = ACTIVATION_SYMBOL[data.config.network.activation]
        anatomy = self._biological()
        neuron = self._morph(anatomy)
        self._real_values(neuron)
        derivation = self._weighted_sum(neuron)
        self._activation(neuron, derivation)

    def _g(self, z: float) -> float:
        """The neuron's activation g at ``z``, from nnmath."""
        return float(self.example.activation(np.array(z)))

    def _biological(self) -> Anatomy:
        p = self.palette
        self.heading = self.make_heading("Biological inspiration")
        anatomy = Anatomy(theme.CONTENT, palette=p)
        bio = anatomy.neuron
        self.narrate("Your brain holds about 86 billion neurons, each connected to thousands of "
                     "others through synapses.",
                     FadeIn(self.heading),
                     on("neurons", GrowFromCenter(bio.soma), GrowFromCenter(bio.nucleus)),
                     on("connected", Create(bio.dendrites)),
                     on("others", *(FadeIn(other, scale=0.8) for other in anatomy.others),
                        run_time=1.0),
                     on("synapses", Create(bio.axon), FadeIn(bio.myelin), Create(bio.terminals)))
        self.narrate("Dendrites receive signals, the cell body adds them up, and the axon carries "
                     "the result to the terminals.",
                     *(on(word, FadeIn(label, shift=UP * 0.15),
                          Indicate(part, color=p.gradient, scale_factor=1.04))
                       for word, label, part in zip(("Dendrites", "cell body", "axon", "terminals"),
                                                    anatomy.labels, anatomy.parts)))
        self.spike = bio.signal_path().set_stroke(p.gradient, width=6)
        self.narrate("When enough signal has accumulated, the neuron fires.",
                     on("signal", Create(self.spike), run_time=1.6),
                     on("fires", Flash(bio.terminals, color=p.gradient, line_length=0.3),
                        bio.soma.animate.set_fill(p.gradient, opacity=0.6)))
        return anatomy

    def _morph(self, anatomy: Anatomy) -> ArtificialNeuron:
        bio = anatomy.neuron
        neuron = ArtificialNeuron.filling(len(self.example.inputs), theme.CONTENT,
                                          palette=self.palette, input_radius=BIG_INPUT)
        heading = self.make_heading("The artificial neuron")
        right = neuron.body.get_right()[0] + 0.5
        above = theme.Region(right, theme.CONTENT.right, neuron.a_label.get_top()[1] + 0.3,
                             theme.CONTENT.top)
        self.reference = above.fit(bio.copy(), buff=0.1)   # stays while the neuron copies it
        below = theme.Region(right, theme.CONTENT.right - 0.3, theme.CONTENT.bottom,
                             neuron.output.get_bottom()[1] - 0.4)
        self.sketch = activation_sketch(self._g, self.example.curve_range, self.symbol, below,
                                        palette=self.palette)
        self.narrate("The artificial neuron copies this. Dendrites become inputs, and synapse "
                     "strengths become weights.",
                     FadeOut(anatomy.labels), FadeOut(self.spike), FadeOut(anatomy.others),
                     on("artificial neuron", ReplacementTransform(self.heading, heading)),
                     on("copies", TransformFromCopy(bio, self.reference)),
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
                     on("activation function", Indicate(neuron.body, color=self.palette.gradient),
                        Create(self.sketch[:2]), FadeIn(self.sketch[2])))
        return neuron

    def _real_values(self, neuron: ArtificialNeuron) -> None:
        """The neuron moves into the left panel, making room for its sum; its names give way to
        the real numbers, and the trained network it belongs to is drawn in the right panel."""
        p, ex = self.palette, self.example
        left = ArtificialNeuron.filling(len(ex.inputs), LEFT_BELOW_CAPTION, palette=p,
                                        input_radius=INPUT_RADIUS)
        for edge, w in zip(left.edges, ex.weights):
            edge.set_color(p.of_weight(w))
        self.places = adding_decimals([*ex.terms, ex.bias], ex.z)
        self.x_values = VGroup(*(self.number(f"neuron_example.inputs[{i}]", x, font_size=MATH,
                                             color=p.input).move_to(circle)
                                 for i, (x, circle) in enumerate(zip(ex.inputs, left.inputs))))
        self.w_values = VGroup(*(left.beside_edge(i, self.number(
            f"neuron_example.weights[{i}]", w, font_size=MATH, color=p.of_weight(w)))
            for i, w in enumerate(ex.weights)))
        self.b_value = self.number("neuron_example.bias", ex.bias, self.places, font_size=MATH)
        bias = left.below_body(VGroup(MathTex("b =", font_size=MATH, color=p.text),
                                      self.b_value).arrange(RIGHT, buff=0.15))
        caption = Text(f"hidden neuron h{ex.neuron + 1} of the trained network, test sample "
                       f"#{ex.sample_index}", font=theme.FONT, font_size=theme.TYPE.label,
                       color=p.muted).move_to([0, theme.CONTENT.top - CAPTION_BAND / 2, 0])
        heading = self.make_heading("One real neuron")
        region = RIGHT_BELOW_CAPTION
        network = self.network = region.fit(NetworkDiagram(
            self.data.layer_sizes, [layer.W for layer in self.data.final_params],
            labels="names", palette=p, width=region.width - 1.0, height=region.height - 0.5),
            buff=0.15)
        self.narrate(f"Now real numbers: hidden neuron h{ex.neuron + 1} of our trained network, "
                     f"fed test sample number {ex.sample_index}.",
                     ReplacementTransform(self.heading, heading), FadeIn(caption),
                     FadeOut(self.reference), FadeOut(self.sketch),
                     Transform(neuron.shapes(), left.shapes()),
                     on("trained network", ReplacementTransform(neuron.weight_names, self.w_values),
                        FadeIn(bias), FadeIn(VGroup(network.neurons, network.ellipses,
                                                    network.labels, network.braces)),
                        Create(network.edges, lag_ratio=0.02)),
                     on("test sample", ReplacementTransform(neuron.names, self.x_values),
                        *self._into(network)))

    def _into(self, network: NetworkDiagram) -> list:
        """The example neuron of ``network`` marked, a run of light along the edges into it (the
        whole first hidden layer when it is not drawn)."""
        p = self.palette
        neuron = network.neuron(1, self.example.neuron)
        if neuron is None:
            return [Indicate(network.layer_group(1), color=p.gradient)]
        edges = [network.edge(0, i, self.example.neuron) for i in network.drawn_indices(0)]
        return [neuron.animate.set_stroke(p.gradient, width=theme.STROKE + 2),
                *(ShowPassingFlash(edge.copy().set_stroke(p.gradient, width=5, opacity=1),
                                   time_width=0.6) for edge in edges if edge is not None)]

    def _weighted_sum(self, neuron: ArtificialNeuron) -> NeuronSum:
        """z = w₁x₁ + w₂x₂ + b, then the shown numbers, the products and their sum."""
        ex, places = self.example, self.places
        w = [self.show_value(f"neuron_example.weights[{i}]", v) for i, v in enumerate(ex.weights)]
        x = [self.show_value(f"neuron_example.inputs[{i}]", v) for i, v in enumerate(ex.inputs)]
        terms = [self.show_value(f"neuron_example.terms[{i}]", t, places)
                 for i, t in enumerate(ex.terms)]
        b = self.show_value("neuron_example.bias", ex.bias, places)
        z = self.show_value("neuron_example.z", ex.z)
        for wi, xi, term in zip(w, x, terms):
            self.record_arithmetic("product", [wi, xi], term, places, approximate=True)
        self.record_arithmetic("sum", [*terms, b], z, 2)
        rows = NeuronSum(w, x, terms, b, z, places, RIGHT_BELOW_CAPTION, signs=ex.weights,
                         palette=self.palette)
        self.narrate("First the weighted sum: multiply each input by its weight, then add the "
                     "bias.",
                     FadeOut(self.network),
                     on("weighted sum", Write(rows.rows[0]), Indicate(neuron.sigma)),
                     on("multiply", rows.fill_in(self.w_values, self.x_values), run_time=2.0),
                     on("add the bias", *rows.add_bias(self.b_value)))
        self.narrate("Work out each product; with the bias, they add up to z.",
                     on("each product", rows.multiply()),
                     on("add up", rows.add_up()))
        return rows

    def _activation(self, neuron: ArtificialNeuron, rows: NeuronSum) -> None:
        p, ex, g = self.palette, self.example, self.symbol
        z_line = VGroup(MathTex("z =", font_size=MATH, color=p.text),
                        self.number("neuron_example.z", ex.z, font_size=MATH, color=p.gradient)
                        ).arrange(RIGHT, buff=0.15)
        a_value = self.number("neuron_example.a", ex.a, font_size=MATH, color=p.output)
        a_line = VGroup(MathTex(f"a = {g}(z) =", font_size=MATH, color=p.text), a_value
                        ).arrange(RIGHT, buff=0.15)
        plot, readouts = plot_with_readouts(self._g, ex.curve_range, g, RIGHT_BELOW_CAPTION,
                                            z_line, a_line, palette=p)
        g_label = neuron.in_body(MathTex(g, font_size=theme.math_size(theme.TYPE.heading),
                                         color=p.text))
        self.narrate("Then the activation function squashes z into the neuron's output a.",
                     ReplacementTransform(rows.result(), z_line), FadeOut(rows.working()),
                     on("activation function", ReplacementTransform(neuron.sigma, g_label)),
                     on("squashes", Create(plot.axes), Create(plot.curve), FadeIn(plot.z_label),
                        FadeIn(plot.g_label), run_time=2.0),
                     spoken="Then the activation function squashes z into the neuron's output, ay.")
        a_value.add_updater(lambda m: m.set_value(self._g(plot.z.get_value())))
        a_value.update()
        self.narrate("On the curve: our z, and the output it gives.",
                     plot.show_rider(), FadeIn(a_line),
                     on("our z", plot.ride(ex.z), run_time=2.0),
                     on("output", Create(plot.across)))
        a_value.clear_updaters()
        passed = neuron.below_output(self.number("neuron_example.a", ex.a, font_size=MATH,
                                                 color=p.output))
        self.narrate("The neuron fires with that strength and passes a on to the next layer.",
                     on("fires", *neuron.fire(ex.firing_share, g_label)),
                     on("passes", carry(a_value, passed)),
                     spoken="The neuron fires with that strength and passes ay on to the next "
                            "layer.")
