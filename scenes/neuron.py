"""Chapter 2: a biological neuron becomes an artificial one, which then computes z and a for a
real hidden neuron of the lecture's trained network on a real test sample."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UL, UP, Axes, Create, FadeIn, FadeOut, Flash, GrowFromCenter, Indicate,
    MathTex, ReplacementTransform, ShowPassingFlash, Text, Transform, TransformFromCopy, VGroup,
    Write,
)

from nnmath.verdicts import adding_decimals
from scenes import theme
from scenes.base import LectureScene, on
from scenes.biology import BiologicalNeuron
from scenes.mobjects.activation_plot import ActivationPlot
from scenes.mobjects.artificial_neuron import INPUT_RADIUS, ArtificialNeuron
from scenes.mobjects.derivation import Derivation, carry, tex_number
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.notation import ACTIVATION_SYMBOL

LABEL_ROOM = 2.6                           # left of the dendrites, for their label
AXON = 3.2                                 # the biological neuron's axon (it fills the height)
OTHER_SCALE, OTHER_OPACITY = 0.45, 0.45    # the neurons it connects to, drawn faint
TERMINAL_ROOM = 0.6                        # right of the terminals, for half their label
MATH = theme.math_size(theme.TYPE.small)   # numbers on the diagram, the readouts
SUM_SIZE = theme.math_size(theme.TYPE.body)  # the worked sum (scaled to the panel's width)
MAX_SUM_SCALE = 1.35                       # ... at most this much larger
SUM_SPAN, MIN_ROW_GAP, MAX_ROW_GAP = 0.8, 0.5, 1.2   # the sum's rows spread down the panel
READOUT_GAP = 0.12                         # the readouts' margin inside the plot's corner
CAPTION_BAND = 0.55                        # the caption's line at the top of the content
BIG_INPUT = 0.7                            # input radius of the neuron drawn across the frame
BODY_SHARE, MAX_BODY = 0.26, 1.5           # the body's radius: of the region's height, at most


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
        bio = BiologicalNeuron(p.hidden, p.gradient, axon_length=AXON)
        area = theme.CONTENT
        bio.scale(min((area.width - LABEL_ROOM - TERMINAL_ROOM) / bio.width, area.height / bio.height))
        bio.move_to(area.center).align_to([area.right - TERMINAL_ROOM, 0, 0], RIGHT)
        labels = VGroup(
            self._part_label("dendrites", "receive signals").next_to(bio.dendrites, LEFT, 0.2),
            self._part_label("cell body", "adds them up").move_to(bio.soma).shift(DOWN * 1.6),
            self._part_label("axon", "carries the spike").next_to(bio.myelin, UP, 0.35),
            self._part_label("terminals", "pass it on").next_to(bio.terminals, DOWN, 0.3),
        )
        others = self._others(bio, labels)
        self.others = others
        self.narrate("Your brain holds about 86 billion neurons, each connected to thousands of "
                     "others through synapses.",
                     FadeIn(self.heading),
                     on("neurons", GrowFromCenter(bio.soma), GrowFromCenter(bio.nucleus)),
                     on("connected", Create(bio.dendrites)),
                     on("others", *(FadeIn(other, scale=0.8) for other in others), run_time=1.0),
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

    def _others(self, bio: BiologicalNeuron, labels: VGroup) -> VGroup:
        """Two of the thousands of neurons it connects to, faint, above and below its axon: one
        reaching it with its terminals, one its terminals reach; clear of the part labels."""
        area = theme.CONTENT
        axon, terminals, body = labels[2], labels[3], labels[1]
        above = theme.Region(bio.soma.get_right()[0] + 0.3, area.right,
                             axon.get_top()[1] + 0.25, area.top)
        below = theme.Region(body.get_right()[0] + 0.4, terminals.get_left()[0] - 0.3,
                             area.bottom, min(body.get_top()[1], terminals.get_bottom()[1]) - 0.1)
        others = VGroup()
        for region in (above, below):
            if region.width > 1.5 and region.height > 0.8:
                other = region.fit(bio.copy().scale(OTHER_SCALE), buff=0.1)
                others.add(other.set_stroke(opacity=OTHER_OPACITY).set_fill(opacity=0.15))
        return others

    def _part_label(self, name: str, role: str) -> VGroup:
        p = self.palette
        return VGroup(self._text(name, theme.TYPE.small, p.text),
                      self._text(role, theme.TYPE.label, p.muted)).arrange(DOWN, buff=0.08)

    # -- the artificial neuron ----------------------------------------------------------------
    def _morph(self, bio: BiologicalNeuron, labels: VGroup) -> ArtificialNeuron:
        neuron = self._artificial(theme.CONTENT, BIG_INPUT)   # as wide and tall as the bio one
        heading = self.make_heading("The artificial neuron")
        self.narrate("The artificial neuron copies this. Dendrites become inputs, and synapse "
                     "strengths become weights.",
                     FadeOut(labels), FadeOut(self.spike), FadeOut(self.others),
                     on("artificial neuron", ReplacementTransform(self.heading, heading)),
                     on("copies", TransformFromCopy(bio, self._reference(bio, neuron))),
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
                        Create(self._sketch(neuron)[:2]), FadeIn(self.sketch[2])))
        return neuron

    def _reference(self, bio: BiologicalNeuron, neuron: ArtificialNeuron) -> BiologicalNeuron:
        """Where a copy of the biological neuron stays while the artificial one copies it: above
        the output arrow, right of the body (its label clear)."""
        area = theme.CONTENT
        region = theme.Region(neuron.body.get_right()[0] + 0.5, area.right,
                              neuron.a_label.get_top()[1] + 0.3, area.top)
        self.reference = region.fit(bio.copy(), buff=0.1)
        return self.reference

    def _sketch(self, neuron: ArtificialNeuron) -> VGroup:
        """The activation function's shape (axes, curve, its name) below the output arrow, right
        of the body: what decides how strongly the neuron fires."""
        p, ex = self.palette, self.example
        area = theme.CONTENT
        region = theme.Region(neuron.body.get_right()[0] + 0.5, area.right - 0.3, area.bottom,
                              neuron.output.get_bottom()[1] - 0.4)
        low, high = ex.curve_range
        axes = Axes(x_range=[-6, 6, 2], y_range=[low, high + 1e-9, (high - low) / 2],
                    x_length=region.width - 0.8, y_length=region.height - 0.5, tips=False,
                    axis_config={"color": p.muted, "stroke_width": theme.THIN_STROKE,
                                 "include_ticks": False})
        curve = axes.plot(lambda v: float(ex.activation(np.array(v))), x_range=[-6, 6],
                          color=p.hidden, stroke_width=theme.STROKE)
        name = MathTex(f"{self.symbol}(z)", font_size=MATH, color=p.muted)
        name.next_to(axes.c2p(0, high), LEFT, buff=0.15)   # where no rising curve goes
        self.sketch = region.fit(VGroup(axes, curve, name), buff=0.1)
        return self.sketch

    # -- one real neuron, one real sample -----------------------------------------------------
    def _real_values(self, neuron: ArtificialNeuron) -> None:
        """The neuron moves into the left panel, making room for its sum; its names give way to
        the real numbers, and the trained network it belongs to is drawn in the right panel."""
        p = self.palette
        ex = self.example
        area = theme.LEFT_PANEL
        left = self._artificial(theme.Region(area.left, area.right, area.bottom,
                                             area.top - CAPTION_BAND), INPUT_RADIUS)
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
        network = self._network()
        inside = network.neuron(1, ex.neuron)
        self.network = network
        self.narrate(f"Now real numbers: hidden neuron h{ex.neuron + 1} of our trained network, "
                     f"fed test sample number {ex.sample_index}.",
                     ReplacementTransform(self.heading, heading), FadeIn(caption),
                     FadeOut(self.reference), FadeOut(self.sketch),
                     Transform(self._shapes(neuron), self._shapes(left)),
                     on("trained network", ReplacementTransform(neuron.weight_names, self.w_values),
                        FadeIn(bias), FadeIn(VGroup(network.neurons, network.ellipses,
                                                    network.labels, network.braces)),
                        Create(network.edges, lag_ratio=0.02)),
                     on("test sample", ReplacementTransform(neuron.names, self.x_values),
                        *self._into(network, inside)))

    def _network(self) -> NetworkDiagram:
        """The trained network in the right panel, below the caption: where the neuron sits."""
        area = theme.RIGHT_PANEL
        region = theme.Region(area.left, area.right, area.bottom, area.top - CAPTION_BAND)
        diagram = NetworkDiagram(self.data.layer_sizes,
                                 [layer.W for layer in self.data.final_params], labels="names",
                                 palette=self.palette,
                                 width=region.width - 1.0, height=region.height - 0.5)
        return region.fit(diagram, buff=0.15)

    def _into(self, network: NetworkDiagram, neuron) -> list:
        """The example neuron of ``network`` marked, a run of light along the edges into it (the
        whole first hidden layer when it is not drawn)."""
        p = self.palette
        if neuron is None:
            return [Indicate(network.layer_group(1), color=p.gradient)]
        edges = [network.edge(0, i, self.example.neuron) for i in network.drawn_indices(0)]
        return [neuron.animate.set_stroke(p.gradient, width=theme.STROKE + 2),
                *(ShowPassingFlash(edge.copy().set_stroke(p.gradient, width=5, opacity=1),
                                   time_width=0.6) for edge in edges if edge is not None)]

    def _artificial(self, region: theme.Region, input_radius: float) -> ArtificialNeuron:
        """The neuron filling ``region``: its outer inputs at the region's top and bottom, its
        body as large as the height allows."""
        spread = 0.5 - input_radius / region.height
        return ArtificialNeuron(len(self.example.inputs), region, palette=self.palette,
                                input_radius=input_radius,
                                body_radius=min(BODY_SHARE * region.height, MAX_BODY),
                                spread=spread)

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
                          font_size=SUM_SIZE, color=self.palette.text, row_gap=0.8)
        area = theme.RIGHT_PANEL
        region = theme.Region(area.left, area.right, area.bottom, area.top - CAPTION_BAND)
        rows.scale(min(MAX_SUM_SCALE, (region.width - 0.4) / rows.width,
                       (region.height - 0.6) / rows.height)).move_to(region.center)
        self._spread(rows.rows, SUM_SPAN * region.height)
        rows.move_to(region.center)
        self._colour(rows, n)
        slots = {1 + 4 * i: self.w_values[i] for i in range(n)}
        slots.update({3 + 4 * i: self.x_values[i] for i in range(n)})
        self.narrate("First the weighted sum: multiply each input by its weight, then add the "
                     "bias.",
                     FadeOut(self.network),
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

    @staticmethod
    def _spread(rows: list, height: float) -> None:
        """Space ``rows`` evenly down ``height`` (their gaps at most MAX_ROW_GAP), keeping each
        row's x."""
        gap = (height - sum(row.height for row in rows)) / max(len(rows) - 1, 1)
        gap = min(max(gap, MIN_ROW_GAP), MAX_ROW_GAP)
        top = rows[0].get_top()[1]
        for row in rows:
            row.shift(UP * (top - row.get_top()[1]))
            top -= row.height + gap

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
        z_line = VGroup(MathTex("z =", font_size=MATH, color=p.text),
                        self.number("neuron_example.z", ex.z, font_size=MATH, color=p.gradient)
                        ).arrange(RIGHT, buff=0.15)
        a_value = self.number("neuron_example.a", ex.a, font_size=MATH, color=p.output)
        a_line = VGroup(MathTex(f"a = {g}(z) =", font_size=MATH, color=p.text), a_value
                        ).arrange(RIGHT, buff=0.15)
        plot, readouts = self._plot(z_line, a_line)
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

    def _plot(self, z_line: VGroup, a_line: VGroup) -> tuple[ActivationPlot, VGroup]:
        """g's plot filling the right panel below the caption, the readouts z and a stacked in
        its empty upper left (g rises from left to right); where they do not fit there, side by
        side above a shorter plot."""
        p, ex = self.palette, self.example
        panel = theme.RIGHT_PANEL
        region = theme.Region(panel.left, panel.right, panel.bottom, panel.top - CAPTION_BAND)

        def plot(height: float) -> ActivationPlot:
            return ActivationPlot(lambda v: float(ex.activation(np.array(v))), *ex.curve_range,
                                  self.symbol, width=region.width - 0.6, height=height,
                                  curve_color=p.hidden, axis_color=p.muted, accent=p.gradient)

        tall = region.fit(plot(region.height - 0.9), buff=0.1)
        stacked = VGroup(z_line.copy(), a_line.copy()).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        spot = self._free_corner(tall, stacked.width, stacked.height)
        if spot is not None:
            readouts = VGroup(z_line, a_line).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
            return tall, readouts.move_to(spot, aligned_edge=UL)
        readouts = VGroup(z_line, a_line).arrange(RIGHT, buff=0.8)
        readouts.move_to([panel.center[0], region.top - readouts.height / 2, 0])
        short = plot(region.height - 1.5)
        theme.Region(region.left, region.right, region.bottom,
                     readouts.get_bottom()[1] - 0.3).fit(short)
        return short, readouts

    @staticmethod
    def _free_corner(plot: ActivationPlot, width: float, height: float):
        """The highest top-left corner of a ``width`` × ``height`` box in the plot's upper left
        that keeps clear of the y axis, its numbers and the curve; None if there is none."""
        axes = plot.axes
        left = axes.get_left()[0] + READOUT_GAP
        if left + width > axes.y_axis.get_center()[0] - READOUT_GAP:
            return None
        numbers = getattr(axes.y_axis, "numbers", None) or []
        boxes = [(n.get_left()[0], n.get_bottom()[1], n.get_right()[0], n.get_top()[1])
                 for n in numbers]
        curve = [plot.point(z) for z in np.linspace(axes.x_range[0], 0, 121)]
        top = axes.get_top()[1] - 0.05
        while top - height > axes.get_center()[1]:
            x0, y0, x1, y1 = left - 0.1, top - height - 0.15, left + width + 0.1, top + 0.1
            clear = all(bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1 for bx0, by0, bx1, by1 in boxes)
            if clear and all(not (x0 <= x <= x1 and y0 <= y <= y1) for x, y, _ in curve):
                return np.array([left, top, 0.0])
            top -= 0.05
        return None

    def _sign(self, w: float) -> str:
        return self.palette.positive if w >= 0 else self.palette.negative

