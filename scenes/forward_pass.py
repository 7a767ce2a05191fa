"""Chapter 5: forward propagation in the lesson's seven phases, on the trained network and one
real test sample. The sample's coordinates fly into the input neurons; pulses carry them on; the
camera goes close on the neuron that fires hardest while its sum z fills in, number by number,
under it; the other sums count up, the activation lights each neuron, and the output neuron's
sum and sigmoid give the prediction, set against the true label."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, RIGHT, UP, AnimationGroup, ChangeDecimalToValue, Create, FadeIn, FadeOut,
    Indicate, LaggedStart, MathTex, Rectangle, ReplacementTransform, ShowPassingFlash, Text,
    TransformFromCopy, TransformMatchingTex, VGroup, Write,
)

from nnmath.verdicts import adding_decimals
from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.camera_view import look_at, look_back, texts_in
from scenes.mobjects.fitted_diagram import diagram_in
from scenes.mobjects.weighted_sum import WeightedSum
from scenes.notation import ACTIVATION_SYMBOL
from scenes.phases import PhaseTitles

PHASE_ROOM = 0.6            # the phase title under the heading
BAND = theme.Region(theme.CONTENT.left, theme.CONTENT.right, theme.CONTENT.bottom,
                    theme.CONTENT.bottom + 0.8)       # the formulas, under the diagram
LABEL_ROOM = 0.32           # the gap between neurons a z label above one needs
# The diagram spans the content's width (a z label above the output is kept inside the frame).
DIAGRAM = theme.Region(theme.CONTENT.left + 0.1, theme.CONTENT.right - 0.1, BAND.top + 0.1,
                       theme.CONTENT.top - PHASE_ROOM - 0.1)   # a z label fits above the top
MOST_TERMS = 4              # a longer sum is written as Σ w a + b
FORMULA_SIZE = theme.math_size(theme.TYPE.body)
LABEL_SIZE = theme.math_size(theme.TYPE.label)
DIM = 0.12                  # opacity of the edges that do not feed the neuron computed


class ForwardPassScene(LectureScene):
    def construct(self) -> None:
        self.example = self.data.forward_example
        self.sizes = self.data.layer_sizes
        self.heading = self.make_heading("Forward propagation")
        self.phases = PhaseTitles(self.heading, self.palette.muted)
        self._draw()
        self._inputs()
        last = len(self.sizes) - 1
        self._travel(1)
        self._compute(1)
        self._others(1)
        self._activate(1)
        for layer in range(2, last):
            self._middle(layer)
        self._travel(last)
        self._compute(last)
        self._predict()
        self._verdict()

    # ------------------------------------------------------------------------------ helpers

    def _where(self, layer: int) -> str:
        if layer == len(self.sizes) - 1:
            return "the output neuron"
        return "the hidden layer" if len(self.sizes) == 3 else f"hidden layer {layer}"

    def _followed(self, layer: int) -> int:
        """The neuron of ``layer`` to compute: nnmath's firing order's first that is drawn."""
        drawn = set(self.diagram.drawn_indices(layer))
        return next(i for i in self.example.firing[layer - 1] if i in drawn)

    def _labels_fit(self, layer: int) -> bool:
        """Whether a z label fits above every drawn neuron of ``layer`` (no brace above it)."""
        d = self.diagram
        neurons = d.layer_group(layer)
        if self.sizes[layer] > len(neurons):
            return False
        if len(neurons) < 2:
            return True
        pitch = abs(neurons[0].get_center()[1] - neurons[1].get_center()[1])
        return pitch - 2 * d.radius >= LABEL_ROOM

    def _z_label(self, layer: int, i: int, start: float | None = None) -> VGroup:
        """z = value just above neuron i (counting from ``start`` if given)."""
        z = self.example.zs[layer - 1][i]
        number = self.number(f"forward_example.zs[{layer - 1}][{i}]", z, font_size=LABEL_SIZE,
                             color=self.palette.highlight)
        label = VGroup(MathTex("z =", font_size=LABEL_SIZE, color=self.palette.highlight), number)
        label.arrange(RIGHT, buff=0.08).next_to(self.diagram.neuron(layer, i), UP, buff=0.05)
        theme.FRAME.clamp(label)          # a long value above the output stays on screen
        if start is not None:
            number.set_value(start)
        return label

    def _strongest(self, layer: int, count: int = 2) -> list:
        """The drawn edges out of ``layer`` with the largest |w|."""
        W = self.example.params[layer].W
        edges = [(abs(W[i, j]), self.diagram.edge(layer, i, j))
                 for i in self.diagram.drawn_indices(layer)
                 for j in self.diagram.drawn_indices(layer + 1)]
        return [edge for _, edge in sorted(edges, key=lambda e: -e[0])[:count]]

    # ------------------------------------------------------------------------------ beats

    def _draw(self) -> None:
        p, ex = self.palette, self.example
        self.diagram = diagram_in(DIAGRAM, self.sizes, [layer.W for layer in ex.params],
                                  ex.activations, labels="values", palette=self.palette)
        self.record_diagram("forward_example.activations", self.diagram)
        self.input_fills = [n.get_fill_opacity() for n in self.diagram.layer_group(0)]
        self.diagram.neurons.set_fill(opacity=0.08)
        self.diagram.labels.set_opacity(0).set_z_index(1)   # over neurons re-added later
        x = [self.show_value(f"forward_example.x[{k}]", v) for k, v in enumerate(ex.x)]
        self.vector = MathTex("x", "=", "(", f"{x[0]:.2f}", ",", f"{x[1]:.2f}", ")",
                              font_size=theme.math_size(theme.TYPE.body), color=p.input)
        self.vector.move_to([BAND.left + self.vector.width / 2, BAND.center[1], 0])
        d = self.diagram
        self.narrate("Forward propagation passes one input through the network, layer by layer, "
                     "to a prediction.", FadeIn(self.heading),
                     FadeIn(d.neurons), FadeIn(d.ellipses), FadeIn(d.braces),
                     on("one input", Write(self.vector)),
                     on("layer by layer", LaggedStart(*(Create(g) for g in d.edges),
                                                      lag_ratio=0.5)),
                     on("prediction", Indicate(d.neuron(len(self.sizes) - 1, 0),
                                               color=p.highlight)))

    def _inputs(self) -> None:
        """The vector's numbers become the input neurons' values (copies of the diagram's
        labels, in the ink of the lit neurons) while the neurons light up."""
        d = self.diagram
        self.input_values = [d.label(0, i).copy().set_opacity(1).set_z_index(1)
                             if d.label(0, i) else None for i in range(2)]
        self.narrate("Phase one: the input neurons take the sample's features, the coordinates of "
                     "a test point.", self.phases.next("input neurons activate"),
                     on("features", *(ReplacementTransform(self.vector[3 + 2 * i], value) if value
                                      else FadeOut(self.vector[3 + 2 * i],
                                                   target_position=d.neuron(0, i))
                                      for i, value in enumerate(self.input_values)),
                        FadeOut(VGroup(*(self.vector[k] for k in (0, 1, 2, 4, 6))))),
                     on("coordinates", *(n.animate.set_fill(opacity=f) for n, f in
                                         zip(d.layer_group(0), self.input_fills))))

    def _travel(self, layer: int) -> None:
        flashes = [ShowPassingFlash(edge.copy().set_stroke(self.palette.highlight, width=6),
                                    time_width=0.5)
                   for edge in self._strongest(layer - 1)]
        pulses = self.diagram.send_pulses(layer - 1)
        if layer == 1:
            self.narrate(f"Signals travel along the weighted connections to {self._where(1)}; "
                         "strong weights carry bright signals.",
                         self.phases.next(f"signals travel to {self._where(1)}"),
                         on("travel", pulses), on("strong weights", *flashes))
            return
        before = "the hidden layer's" if len(self.sizes) == 3 else "the last hidden layer's"
        self.narrate(f"Then {before} outputs travel on to the output neuron, each along its own "
                     "weight.", self.phases.next("signals travel to the output layer"),
                     on("travel on", pulses), on("its own weight", *flashes))

    def _sum(self, layer: int, i: int) -> WeightedSum:
        """The sum of neuron i of ``layer``, laid out in the band under its incoming edges."""
        p, ex = self.palette, self.example
        d = self.diagram
        sources = d.drawn_indices(layer - 1)
        params = ex.params[layer - 1]
        b = self.show_value(f"network.final[{layer - 1}].b[0][{i}]", params.b[0, i])
        target = "z" if layer == len(self.sizes) - 1 else f"z_{{{i + 1}}}"
        kind = "x" if layer == 1 else "a"
        common = dict(z=self.example.zs[layer - 1][i], font_size=FORMULA_SIZE, color=p.text)
        if len(sources) != self.sizes[layer - 1] or len(sources) > MOST_TERMS:
            formula = WeightedSum(target, None, rf"\textstyle\sum_j w_j {kind}_j + b",
                                  colors={"result": p.highlight}, **common)
        else:
            w = [self.show_value(f"network.final[{layer - 1}].W[{j}][{i}]", params.W[j, i])
                 for j in sources]
            a = [self.show_value(f"forward_example.activations[{layer - 1}][{j}]",
                                 ex.activations[layer - 1][j]) for j in sources]
            terms = [ex.terms[layer - 1][i][j] for j in sources]
            decimals = adding_decimals([*terms, params.b[0, i]], common["z"])
            shown = [self.show_value(f"forward_example.terms[{layer - 1}][{i}][{j}]", t, decimals)
                     for j, t in zip(sources, terms)]
            bias = round(float(params.b[0, i]), decimals)
            for wk, ak, tk in zip(w, a, shown):
                self.record_arithmetic("product", [wk, ak], tk, decimals, approximate=True)
            self.record_arithmetic("sum", [*shown, bias], round(common["z"], 2), 2)
            hue = [p.of_weight(v) for v in w]
            formula = WeightedSum(target, [(f"w_{{{j + 1}}}", f"{kind}_{{{j + 1}}}")
                                           for j in sources], "b",
                                  weights=w, inputs=a, bias=b, products=shown,
                                  product_decimals=decimals,
                                  colors={"weight": hue, "input": p.input if layer == 1
                                          else p.hidden, "result": p.highlight}, **common)
        below = (d.neuron(layer, i).get_x() + d.layer_group(layer - 1).get_x()) / 2
        formula.move_to([below, BAND.center[1], 0])
        return BAND.clamp(formula)

    def _compute(self, layer: int) -> None:
        """The camera goes close on one neuron while its sum fills in, then z lands above it."""
        p, d = self.palette, self.diagram
        i = self._followed(layer)
        self.computed = (layer, i)
        formula = self._sum(layer, i)
        self.formula = formula
        label = self._z_label(layer, i)
        neuron = d.neuron(layer, i)
        incoming = [d.edge(layer - 1, j, i) for j in d.drawn_indices(layer - 1)]
        others = [edge for edge in d.edges_group(layer - 1) if edge not in incoming]
        self.dimmed = [(edge, edge.get_stroke_opacity()) for edge in others]
        titles = Rectangle(width=theme.FRAME_WIDTH, height=theme.FRAME.top - DIAGRAM.top)
        titles.move_to([0, (theme.FRAME.top + DIAGRAM.top) / 2, 0])   # any phase title's room
        view = look_at(self.camera.frame, [neuron, d.layer_group(layer - 1), formula, label],
                       [*texts_in(*self.mobjects), titles])
        name = "output neuron sums its" if layer == len(self.sizes) - 1 else \
            "hidden neurons sum their"
        sources = {("term", k, "a"): d.label(layer - 1, j)
                   for k, j in enumerate(d.drawn_indices(layer - 1)) if d.label(layer - 1, j)}
        if layer == 1:
            sources = {("term", k, "a"): value for k, value in enumerate(self.input_values)
                       if value}
        sources.update({("term", k, "w"): edge for k, edge in enumerate(incoming)})
        if layer == 1:
            line = ("Take one hidden neuron: each input times its weight, plus the neuron's "
                    "bias, gives its sum z.")
            cues = ("one hidden neuron", "each input", "its weight")
        else:
            line = ("The output neuron sums the same way: each activation times its weight, "
                    "plus its bias.")
            cues = ("sums", "each activation", "its weight")
        filling = formula.fill_in(sources) if formula.expanded else \
            Indicate(VGroup(*incoming), color=p.highlight)
        self.narrate(line, self.phases.next(f"{name} inputs"),
                     on(cues[0], view, *(e.animate.set_stroke(opacity=DIM) for e in others)),
                     on(cues[1], formula.write()), on(cues[2], filling))
        multiply = [on("Multiply", formula.multiply())] if formula.expanded else []
        self.narrate("Multiply each pair, add them up, and that one number is the neuron's z.",
                     *multiply, on("add them up", formula.add_up()),
                     on("one number", TransformFromCopy(formula.part("result", "z"), label[1]),
                        FadeIn(label[0]), Indicate(neuron, color=p.highlight)))

    def _others(self, layer: int) -> None:
        d = self.diagram
        rest = [i for i in d.drawn_indices(layer) if i != self.computed[1]]
        restore = [look_back(self.camera.frame),
                   *(edge.animate.set_stroke(opacity=o) for edge, o in self.dimmed)]
        if not rest:
            self.pending = restore
            return
        self.pending = []
        labels = [self._z_label(layer, i, start=0.0) for i in rest] if self._labels_fit(layer) \
            else []
        counts = [self._count(layer, i, label) for label, i in zip(labels, rest)]
        pulses = [Indicate(d.neuron(layer, i), color=self.palette.highlight) for i in rest]
        self.narrate("The other hidden neurons do the same, each with its own weights.",
                     *restore, on("do the same", LaggedStart(*(counts or pulses), lag_ratio=0.3)))

    def _count(self, layer: int, i: int, label: VGroup) -> AnimationGroup:
        """A z label appearing and counting up to its value (an introducer, so it is not on
        screen before its cue)."""
        return AnimationGroup(FadeIn(label[0]), ChangeDecimalToValue(
            label[1], self.example.zs[layer - 1][i], introducer=True))

    def _glyphs(self, layer: int, tex: str) -> VGroup:
        size = max(LABEL_SIZE, 100 * self.diagram.radius)
        return VGroup(*(MathTex(tex, font_size=size, color=self.palette.text)
                        .move_to(self.diagram.neuron(layer, i))
                        for i in self.diagram.drawn_indices(layer)))

    def _activate(self, layer: int) -> None:
        symbol = ACTIVATION_SYMBOL[self.data.config.network.activation]
        sums, gs = self._glyphs(layer, r"\Sigma"), self._glyphs(layer, symbol)
        for g in gs:      # fit the neuron, never below the smallest size
            if g.width > 1.6 * self.diagram.radius:
                g.scale(max(1.6 * self.diagram.radius / g.width, LABEL_SIZE / g.font_size))
        self.narrate("Then the activation function turns each z into the neuron's output a, "
                     "shown as its brightness.", *self.pending,
                     self.phases.next("hidden neurons apply the activation"),
                     FadeOut(self.formula.shown), FadeIn(sums),
                     on("activation function", FadeOut(sums, scale=0.6, introducer=True),
                        FadeIn(gs, scale=1.4)),
                     on("turns each z", FadeOut(gs, introducer=True),
                        self.diagram.light_up(layer, show_labels=True)),
                     spoken="Then the activation function turns each z into the neuron's output, "
                            "ay, shown as its brightness.")

    def _middle(self, layer: int) -> None:
        d = self.diagram
        labels = [self._z_label(layer, i, start=0.0) for i in d.drawn_indices(layer)] \
            if self._labels_fit(layer) else []
        counts = [self._count(layer, i, label) for label, i in zip(labels, d.drawn_indices(layer))]
        self.narrate(f"Hidden layer {layer} does the same with these outputs: its sums, then its "
                     "activations.", self.phases.next(f"signals travel to hidden layer {layer}"),
                     on("does the same", d.send_pulses(layer - 1)),
                     *([on("its sums", *counts)] if counts else []),
                     on("activations", d.light_up(layer, show_labels=True)))

    def _predict(self) -> None:
        p, ex = self.palette, self.example
        last = len(self.sizes) - 1
        z = self.formula.part("result", "z")
        prediction = self.show_value("forward_example.prediction", ex.prediction)
        squash = VGroup(MathTex(r"\hat{y}", "=", r"\sigma(", z.get_tex_string(), ")",
                                font_size=FORMULA_SIZE, color=p.text),
                        MathTex("=", f"{prediction:.2f}", font_size=FORMULA_SIZE, color=p.text))
        squash.arrange(RIGHT, buff=0.15)
        squash[0][0].set_color(p.output)
        squash[0][3].set_color(p.highlight)
        squash[1][1].set_color(p.output)
        BAND.clamp(squash.move_to(self.formula.states["result"], aligned_edge=LEFT))
        self.squash = squash
        self.narrate("The sigmoid squashes z into a probability between zero and one: the "
                     "prediction.", self.phases.next("the output neuron gives the prediction"),
                     on("squashes", TransformMatchingTex(self.formula.shown, squash[0])),
                     on("probability", Write(squash[1]),
                        self.diagram.light_up(last, show_labels=True)))

    def _verdict(self) -> None:
        p, ex = self.palette, self.example
        predicted = self.show_value("forward_example.predicted_class", ex.predicted_class, 0)
        truth = self.show_value("forward_example.label", ex.label, 0)
        correct = ex.predicted_class == ex.label
        size = theme.TYPE.body
        words = VGroup(Text(f"class {predicted:g}", font=theme.FONT, font_size=size, color=p.text),
                       Text(f"true label {truth:g}", font=theme.FONT, font_size=size,
                            color=p.muted),
                       Text("correct" if correct else "wrong", font=theme.FONT, font_size=size,
                            color=p.hidden if correct else p.negative))
        words.arrange(RIGHT, buff=0.6).next_to(self.squash, RIGHT, buff=0.8)
        room = min(0.0, BAND.right - words.get_right()[0])    # slide the line left to fit
        words.shift(RIGHT * room)
        outcome = "matches" if correct else "misses"
        self.narrate(f"Rounded, it gives a class, which here {outcome} the true label.",
                     look_back(self.camera.frame), self.squash.animate.shift(RIGHT * room),
                     *(edge.animate.set_stroke(opacity=o) for edge, o in self.dimmed),
                     on("gives a class", TransformFromCopy(self.squash[1][1], words[0])),
                     on("true label", FadeIn(words[1], shift=LEFT * 0.2),
                        FadeIn(words[2], scale=1.2)))
