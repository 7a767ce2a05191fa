"""Chapter 6b: backpropagation in the lesson's six phases, on the untrained network and one real
sample: the forward pass, the loss, the chain rule in colour, the deltas and gradients flowing
right to left with their values, and one gradient-descent step with the weights before and after.

Every number is nnmath's ``backprop_example``. The gradients of an untrained network are small,
so numbers are written to two significant digits rather than two decimals, and a before → after
pair gets enough decimals for its change to show.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Animation, AnimationGroup, Brace, Create, DecimalNumber, FadeIn, FadeOut,
    Indicate, MathTex, ReplacementTransform, Succession, SurroundingRectangle, Text, TransformFromCopy, VGroup, Write,
)

from scenes import theme
from scenes.base import LectureScene, on
from scenes.decimals import change_decimals, significant_decimals
from scenes.phases import PhaseTitles
from scenes.mobjects.edge_labels import place_on_edges
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.notation import ACTIVATION_SYMBOL
from nnmath.verdicts import gradients_shrink, step_helped

# The diagram's neurons fill the left of the content area, up to a δ label's height under the
# phase title; the formulas fill the right. While no formula is shown (the first two phases) the
# diagram spans the whole content width, then narrows to its side.
DIAGRAM = theme.Region(theme.CONTENT.left, 0.8, theme.CONTENT.bottom + 0.1, 2.05)
WIDE_DIAGRAM = theme.Region(theme.CONTENT.left, theme.CONTENT.right, DIAGRAM.bottom, DIAGRAM.top)
PANEL = theme.Region(1.2, theme.CONTENT.right, theme.CONTENT.bottom, 2.35)
PANEL_CENTER = np.array(PANEL.center)
PANEL_WIDTH = PANEL.width
BRACE_ROOM = 0.6          # a brace with the true size above an elided hidden column
TEX_SIZE = 48
ROW_GAP = 0.9             # between the rows of a formula table
DELTA_ROOM = 1.5          # under the chain rule: the brace and the output delta
RULE_ROOM = 1.5           # over the hidden delta rule: the output weights' rule
NUMBER_SIZE = 24          # numbers beside neurons and on edges
MIN_LABEL_RADIUS = 0.18   # below this neuron radius, numbers beside every neuron would crowd

LOSS_TEX = {"mse": r"\tfrac{1}{2}(\hat{y} - y)^2",
            "bce": r"-\left[\,y \log \hat{y} + (1 - y) \log(1 - \hat{y})\,\right]"}
LOSS_SLOPE_TEX = {"mse": r"\hat{y} - y", "bce": r"\frac{\hat{y} - y}{\hat{y}(1 - \hat{y})}"}
REDUCTION_NOTE = {"sum": "in training: summed over all samples",
                  "mean": "in training: averaged over all samples"}


class BackpropScene(LectureScene):
    def construct(self) -> None:
        self.example = self.data.backprop_example
        self.out = len(self.data.layer_sizes) - 1          # the output layer, in diagram layers
        self.heading = Text("Backpropagation", font=theme.FONT, font_size=theme.HEADING_SIZE,
                            color=self.palette.text).to_edge(UP, buff=0.35)
        self.phases = PhaseTitles(self.heading, self.palette.muted)
        self.on_diagram: dict[tuple, VGroup] = {}    # numbers shown on the diagram, by what they are
        self._introduce()
        self._forward()
        self._loss()
        self._chain_rule()
        self._to_hidden()
        self._to_inputs()
        self._update()

    # ------------------------------------------------------------------------------ helpers

    def _text(self, key: str, value: float, decimals: int) -> str:
        """A value of the backprop example (``key``: its path in the example's facts) as text
        for a MathTex, to ``decimals`` places, recorded as shown."""
        return f"{self.show_value(f'backprop_example.{key}', value, decimals):.{decimals}f}"

    def _followed(self, ranking: Sequence[int], layer: int) -> int:
        """The neuron of ``layer`` to follow: nnmath's ranking's first that the diagram draws."""
        drawn = set(self.diagram.drawn_indices(layer))
        return next(i for i in ranking if i in drawn)

    def _factor(self, key: str, value: float, decimals: int | None = None) -> str:
        """A recorded value as a factor in a product: negative numbers in parentheses."""
        text = self._text(key, value, significant_decimals(value) if decimals is None else decimals)
        return f"({text})" if value < 0 else text

    def _table(self, rows: Sequence[Sequence[str | None]], colors: Sequence[str],
               region: theme.Region = PANEL) -> list[list]:
        """MathTex cells in aligned columns, one colour per column, so that symbols, formulas and
        numbers stand under each other; centred in ``region`` (the panel by default), shrunk to
        fit it if needed.
        Returns the cells (None where a row leaves a column empty); ``VGroup(*cells[r])`` minus
        the Nones is row r."""
        cells = [[MathTex(tex, font_size=TEX_SIZE, color=colors[c]) if tex else None
                  for c, tex in enumerate(row)] for row in rows]
        columns = len(colors)
        widths = [max(row[c].width for row in cells if row[c] is not None) for c in range(columns)]
        heights = [max(cell.height for cell in row if cell is not None) for row in cells]
        x = 0.0
        for c in range(columns):
            for r, row in enumerate(cells):
                if row[c] is not None:
                    row[c].move_to([x + widths[c] / 2, -sum(heights[:r]) - ROW_GAP * r, 0])
            x += widths[c] + 0.18
        region.fit(VGroup(*(cell for row in cells for cell in row if cell is not None)))
        return cells

    @staticmethod
    def _row(cells: list, r: int) -> VGroup:
        return VGroup(*(cell for cell in cells[r] if cell is not None))

    def _plated(self, mobject) -> VGroup:
        """``mobject`` on a plate of the background colour, to read over the edges and neurons
        (drawn above them even after they are animated again)."""
        plate = SurroundingRectangle(mobject, color=self.palette.background,
                                     fill_color=self.palette.background, fill_opacity=0.85,
                                     stroke_width=0, buff=0.04, corner_radius=0.04)
        return VGroup(plate, mobject).set_z_index(1)

    def _show_labels(self, labels: dict[tuple, VGroup]) -> list[Animation]:
        """Fade in numbers on the diagram, remembering them to avoid and to fade later."""
        self.on_diagram.update(labels)
        return [FadeIn(label) for label in labels.values()]

    def _hide_labels(self, keys: Sequence[tuple] | None = None) -> list[Animation]:
        """Fade out the numbers with these keys (all of them by default)."""
        keys = list(self.on_diagram) if keys is None else keys
        return [FadeOut(self.on_diagram.pop(key)) for key in keys]

    def _numbers_fit_beside(self, layer: int) -> bool:
        """Whether a number fits beside every drawn neuron of ``layer``: neurons large enough
        and a gap between them for one line of text."""
        neurons = self.diagram.layer_group(layer)
        if self.diagram.radius < MIN_LABEL_RADIUS:
            return False
        if len(neurons) < 2:
            return True
        pitch = abs(neurons[0].get_center()[1] - neurons[1].get_center()[1])
        return pitch - 2 * self.diagram.radius >= 0.36

    def _delta_label(self, layer: int, i: int) -> VGroup:
        """δ = value just above neuron i of ``layer`` (diagram layers): in the strip between a
        column's neurons that no edge crosses, clear of the numbers on the edges."""
        value = self.example.deltas[layer - 1][i]
        label = VGroup(MathTex(r"\delta =", font_size=NUMBER_SIZE + 2, color=self.palette.gradient),
                       self.number(f"backprop_example.deltas[{layer - 1}][{i}]", value,
                                   significant_decimals(value), font_size=NUMBER_SIZE,
                                   color=self.palette.gradient))
        label.arrange(RIGHT, buff=0.06)
        return self._plated(label).next_to(self.diagram.neuron(layer, i), UP, buff=0.04)

    def _delta_labels(self, layer: int, always: Sequence[int] = ()) -> dict[tuple, VGroup]:
        """Deltas beside the drawn neurons of ``layer`` where they fit, else only ``always``."""
        shown = self.diagram.drawn_indices(layer) if self._numbers_fit_beside(layer) else always
        return {("delta", layer, i): self._delta_label(layer, i) for i in shown}

    def _gradient_labels(self, edges: Sequence[tuple[int, int, int]]) -> dict[tuple, VGroup] | None:
        """dL/dw on the given edges (nnmath layer, i, j), clear of the numbers already on the
        diagram; None if they would not all fit (then nothing is recorded as shown)."""
        values = {edge: self.example.dW[edge[0]][edge[1], edge[2]] for edge in edges}
        numbers = {edge: DecimalNumber(round(value, significant_decimals(value)),
                                       num_decimal_places=significant_decimals(value),
                                       font_size=NUMBER_SIZE, color=self.palette.gradient)
                   for edge, value in values.items()}
        placed = place_on_edges(self.diagram, numbers, background=self.palette.background,
                                avoid=list(self.on_diagram.values()))
        if placed is None:
            return None
        for (layer, i, j), value in values.items():
            self.show_value(f"backprop_example.dW[{layer}][{i}][{j}]", value, significant_decimals(value))
        return {("dW", *edge): label for edge, label in zip(edges, placed)}

    def _tint(self, edges: Sequence[tuple[int, int, int]]) -> list[Animation]:
        """The given edges turn the gradient colour: gradients are flowing through them."""
        return [self.diagram.edge(*edge).animate.set_stroke(color=self.palette.gradient)
                for edge in edges]

    # ------------------------------------------------------------------------------ phases

    def _introduce(self) -> None:
        ex = self.example
        self.diagram = self._diagram(DIAGRAM)
        self.record_diagram("backprop_example.forward.activations", self.diagram)
        self.wide = self._diagram(WIDE_DIAGRAM)     # the first two phases; narrows into diagram
        self.wide.neurons.set_fill(opacity=0.08)
        self.wide.labels.set_opacity(0)
        last_hidden = self.out - 1
        self.j = self._followed(ex.followed_neurons, last_hidden)
        self.narrate("Backpropagation: how a network learns from a mistake, here before training.",
                     FadeIn(self.heading), FadeIn(self.wide.neurons),
                     FadeIn(self.wide.ellipses), FadeIn(self.wide.braces),
                     on("learns", Create(self.wide.edges)),
                     on("mistake", Indicate(self.wide.neuron(self.out, 0),
                                            color=self.palette.highlight)))

    def _diagram(self, region: theme.Region) -> NetworkDiagram:
        """The untrained network with this sample's activations, its neurons filling
        ``region`` (less a brace's room above an elided hidden column)."""
        ex = self.example
        elided = any(size > 8 for size in self.data.layer_sizes[1:-1])
        diagram = NetworkDiagram(self.data.layer_sizes, [layer.W for layer in ex.params_before],
                                 ex.forward.activations, labels="values", width=region.width,
                                 height=region.height - (BRACE_ROOM if elided else 0),
                                 palette=self.palette)
        return region.clamp(diagram.move_to(region.center))

    def _forward(self) -> None:
        forward = self.wide.animate_forward(self.example.forward.activations, layer_time=1.2)
        self.narrate("Phase one: a sample goes forward to a prediction.",
                     self.phases.next("forward pass"), forward,
                     run_time=forward.get_run_time())
        self.play(self.wide.labels.animate.set_opacity(1), run_time=0.6)

    def _loss(self) -> None:
        p = self.palette
        ex = self.example
        loss = self.data.config.training.loss
        label = ex.forward.label
        d_pred = change_decimals(ex.forward.prediction, ex.prediction_after)
        d_loss = change_decimals(ex.loss, ex.loss_after)
        prediction = MathTex(r"\hat{y} = " + self._text("forward.prediction", ex.forward.prediction, d_pred),
                             font_size=TEX_SIZE, color=p.output)
        shown_label = self.show_value("backprop_example.forward.label", label, 0)
        truth = MathTex(f"y = {shown_label:g}", font_size=TEX_SIZE,
                        color=p.positive if label == 1 else p.negative)
        value = MathTex("L", "=", LOSS_TEX[loss], "=", self._text("loss", ex.loss, d_loss),
                        font_size=TEX_SIZE, color=p.text)
        value[0].set_color(p.gradient)
        value[4].set_color(p.gradient)
        note = Text(REDUCTION_NOTE[self.data.config.training.reduction], font=theme.FONT,
                    font_size=theme.SMALL_SIZE, color=p.muted)
        formulas = VGroup(VGroup(prediction, truth).arrange(RIGHT, buff=0.8), value)
        formulas.arrange(DOWN, buff=0.8)
        if formulas.width > PANEL_WIDTH:
            formulas.scale_to_fit_width(PANEL_WIDTH)
        panel = VGroup(*formulas, note).arrange(DOWN, buff=0.8).move_to(PANEL_CENTER)
        output = self.diagram.neuron(self.out, 0)
        self.narrate("Phase two: the loss measures how far the prediction is from the label.",
                     self.phases.next("calculate the loss"),
                     ReplacementTransform(self.wide, self.diagram),
                     FadeIn(panel[0]), Indicate(output, color=p.output),
                     on("how far", Write(value)), on("label", FadeIn(note)))
        self.panel = panel

    def _chain_rule(self) -> None:
        p = self.palette
        ex = self.example
        loss = self.data.config.training.loss
        j = self.j
        hidden = self.out - 1
        w = rf"w_{{{j + 1}}}"
        h = rf"h_{{{j + 1}}}"
        slope = ex.output_slope
        gradient = ex.dW[hidden][j, 0]
        cells = self._table(
            [[rf"\frac{{\partial L}}{{\partial {w}}}", "=", r"\frac{\partial L}{\partial \hat{y}}",
              r"\cdot", r"\frac{\partial \hat{y}}{\partial z}", r"\cdot",
              rf"\frac{{\partial z}}{{\partial {w}}}"],
             [None, "=", LOSS_SLOPE_TEX[loss], r"\cdot", r"\sigma'(z)", r"\cdot", h],
             [self._text(f"dW[{hidden}][{j}][0]", gradient, significant_decimals(gradient)), "=",
              self._factor("output_gradient", ex.output_gradient), r"\times",
              self._factor("output_slope", slope), r"\times",
              self._factor(f"forward.activations[{hidden}][{j}]",
                           ex.forward.activations[hidden][j])]],
            [p.highlight, p.text, p.gradient, p.text, p.output, p.text, p.hidden],
            theme.Region(PANEL.left, PANEL.right, PANEL.bottom + DELTA_ROOM, PANEL.top))
        edge = self.diagram.edge(hidden, j, 0)
        self.narrate("Phase three: the chain rule. How does the loss change if we nudge one "
                     "weight?",
                     self.phases.next("the chain rule"), FadeOut(self.panel),
                     Write(self._row(cells, 0)),
                     on("nudge one", Indicate(edge, color=p.highlight)))
        row = cells[1]
        self.narrate("Loss against prediction, sigmoid against its sum, sum against the weight.",
                     FadeIn(VGroup(row[1], row[3], row[5])),
                     on("Loss against", FadeIn(row[2], shift=DOWN * 0.2)),
                     on("sigmoid", FadeIn(row[4], shift=DOWN * 0.2)),
                     on("sum against", FadeIn(row[6], shift=DOWN * 0.2)))
        row = cells[2]
        h_value = self.diagram.label(hidden, j)     # h's value flies off the diagram
        self.narrate("With this sample's numbers, the product is the weight's gradient.",
                     FadeIn(VGroup(row[1], row[3], row[5])),
                     on("numbers", FadeIn(row[2], shift=DOWN * 0.2), FadeIn(row[4], shift=DOWN * 0.2),
                        TransformFromCopy(h_value, row[6]) if h_value is not None
                        else FadeIn(row[6])),
                     on("the product", FadeIn(row[0], shift=LEFT * 0.2)))
        output_delta = ex.deltas[self.out - 1][0]
        factors = VGroup(cells[2][2], cells[2][4])
        brace = Brace(factors, DOWN, color=p.gradient)
        delta = MathTex(r"\delta = \frac{\partial L}{\partial z} = "
                        + self._text(f"deltas[{self.out - 1}][0]", output_delta,
                                     significant_decimals(output_delta)),
                        font_size=TEX_SIZE - 4, color=p.gradient)
        brace.put_at_tip(delta)
        self.narrate("The first two factors are the output neuron's delta.", Create(brace),
                     on("output neuron's delta", FadeIn(delta), *self._show_labels(
                         {("delta", self.out, 0): self._delta_label(self.out, 0)})))
        self.panel = VGroup(*(cell for row in cells for cell in row if cell is not None),
                            brace, delta)

    def _to_hidden(self) -> None:
        p = self.palette
        hidden = self.out - 1
        drawn = self.diagram.drawn_indices(hidden)
        hidden_deltas = self._delta_labels(hidden, always=(self.j,))
        self.on_diagram.update(hidden_deltas)       # placed first, shown later: kept clear
        edges = [(hidden, i, 0) for i in drawn]
        labels = self._gradient_labels(edges)
        if labels is None:
            edges = [(hidden, self.j, 0)]
            labels = self._gradient_labels(edges) or {}
        for key in hidden_deltas:
            del self.on_diagram[key]
        where = "the hidden layer" if self.out == 2 else "the last hidden layer"
        rule = self._row(self._table(
            [[r"\frac{\partial L}{\partial w_i}", "=", r"\delta", r"\cdot", "h_i"]],
            [p.highlight, p.text, p.gradient, p.text, p.hidden],
            theme.Region(PANEL.left, PANEL.right, PANEL.top - RULE_ROOM, PANEL.top)), 0)
        self.narrate("Phase four: gradients flow back. Each output weight gets delta times its "
                     "input.",
                     self.phases.next(f"gradients to {where}"), FadeOut(self.panel),
                     self.diagram.send_pulses(hidden, color=p.gradient, backward=True),
                     on("Each output weight", *self._tint(edges), *self._show_labels(labels)),
                     on("delta times", Write(rule)))
        self._hidden_delta_rule(rule)
        self.narrate("Each hidden neuron gets its share of the blame.",
                     *self._show_labels(hidden_deltas),
                     on("share", Indicate(self.diagram.layer_group(hidden), color=p.gradient,
                                          scale_factor=1.1)))
        earlier = range(hidden - 1, 0, -1)
        if earlier:      # one step for all of them, however deep the network
            steps = [AnimationGroup(self.diagram.send_pulses(layer, color=p.gradient,
                                                             backward=True),
                                    *self._show_labels(self._delta_labels(layer)))
                     for layer in earlier]
            self.narrate("Earlier hidden layers do the same, each summing over the neurons it "
                         "feeds.", Succession(*steps), run_time=1.5 * len(steps))

    def _hidden_delta_rule(self, rule: VGroup) -> None:
        """δ_j = δ · w_j · g'(z_j) for the neuron we follow, in symbols and numbers, under the
        output weights' ``rule``."""
        p = self.palette
        ex = self.example
        hidden, j = self.out - 1, self.j
        sub = f"{j + 1}"
        weight = ex.params_before[hidden].W[j, 0]
        output_delta = ex.deltas[self.out - 1][0]
        slope = ex.hidden_slopes[hidden - 1][j]
        delta = ex.deltas[hidden - 1][j]
        symbol = ACTIVATION_SYMBOL[self.data.config.network.activation]
        cells = self._table(
            [[rf"\delta_{{{sub}}}", "=", r"\delta", r"\cdot", rf"w_{{{sub}}}", r"\cdot",
              rf"{symbol}'(z_{{{sub}}})"],
             [self._text(f"deltas[{hidden - 1}][{j}]", delta, significant_decimals(delta)), "=",
              self._factor(f"deltas[{self.out - 1}][0]", output_delta), r"\times",
              self._factor(f"forward.params[{hidden}].W[{j}][0]", weight), r"\times",
              self._factor(f"hidden_slopes[{hidden - 1}][{j}]", slope)]],
            [p.gradient, p.text, p.gradient, p.text, p.positive if weight >= 0 else p.negative,
             p.text, p.hidden],
            theme.Region(PANEL.left, PANEL.right, PANEL.bottom, PANEL.top - RULE_ROOM - 0.4))
        self.narrate("A hidden neuron's delta: the output's delta, back through its weight, "
                     "times its own slope.", Write(self._row(cells, 0)),
                     on("back through", FadeIn(self._row(cells, 1), shift=DOWN * 0.2)),
                     on("own slope", Indicate(self.diagram.neuron(hidden, j), color=p.gradient)))
        self.panel = VGroup(rule, self._row(cells, 0), self._row(cells, 1))

    def _to_inputs(self) -> None:
        p = self.palette
        ex = self.example
        k = self.j if self.out == 2 else self._followed(ex.followed_input_neurons, 1)
        edges = [(0, i, k) for i in self.diagram.drawn_indices(0)]
        labels = self._gradient_labels(edges)
        hide: list[tuple] = []
        if labels is None:      # make room: only the followed neuron keeps its delta
            hide = [key for key in self.on_diagram if key[:2] == ("delta", 1) and key[2] != k]
            kept = {key: self.on_diagram.pop(key) for key in hide}
            labels = self._gradient_labels(edges) or {}
            self.on_diagram.update(kept)
        sub = f"{k + 1}"
        x = ex.forward.x[0]
        cells = self._table(
            [[rf"\frac{{\partial L}}{{\partial w_{{1{sub}}}}}", "=", "x_1", r"\cdot",
              rf"\delta_{{{sub}}}"],
             [self._text(f"dW[0][0][{k}]", ex.dW[0][0, k], significant_decimals(ex.dW[0][0, k])),
              "=", self._factor("forward.x[0]", x, 2), r"\times",
              self._factor(f"deltas[0][{k}]", ex.deltas[0][k])]],
            [p.highlight, p.text, p.input, p.text, p.gradient])
        self.narrate("Phase five: input weights get input times delta.",
                     self.phases.next("gradients to the input layer"), FadeOut(self.panel),
                     self.diagram.send_pulses(0, color=p.gradient, backward=True),
                     *self._hide_labels(hide),
                     on("input weights", *self._tint(edges), *self._show_labels(labels)),
                     on("input times delta", Write(self._row(cells, 0))))
        self.panel = VGroup(self._row(cells, 0), self._row(cells, 1))
        if gradients_shrink(ex.largest_gradients):
            line = "Far smaller: every layer back shrinks the gradients."
        else:
            line = "The inputs are data, not weights: backpropagation stops here."
        self.narrate(line, FadeIn(self._row(cells, 1), shift=DOWN * 0.2), run_time=1.5)

    def _update(self) -> None:
        p = self.palette
        ex = self.example
        hidden, j = self.out - 1, self.j
        before, after = ex.params_before[hidden].W[j, 0], ex.params_after[hidden].W[j, 0]
        gradient = ex.dW[hidden][j, 0]
        d = change_decimals(before, after)
        rate = self.show_value("backprop_example.learning_rate", ex.learning_rate, 6)
        rule = MathTex(r"w", r"\leftarrow", r"w", "-", r"\eta", r"\,\nabla L",
                       font_size=TEX_SIZE + 4, color=p.text)
        rule[5].set_color(p.gradient)
        step = MathTex(self._text(f"forward.params[{hidden}].W[{j}][0]", before, d), "-", f"{rate:g}",
                       r"\times", self._factor(f"dW[{hidden}][{j}][0]", gradient), "=",
                       self._text(f"params_after[{hidden}].W[{j}][0]", after, d), font_size=TEX_SIZE,
                       color=p.text)
        step[4].set_color(p.gradient)
        step[6].set_color(p.highlight)
        rate_note = Text("η: the learning rate", font=theme.FONT, font_size=theme.SMALL_SIZE,
                         color=p.muted)
        rows = self._outcome_rows()
        for formula in (rule, step, rows):       # the note keeps its size
            if formula.width > PANEL_WIDTH:
                formula.scale_to_fit_width(PANEL_WIDTH)
        parts = VGroup(rule, step, rate_note, rows)     # spread down the panel
        gap = min(1.0, (PANEL.height - sum(part.height for part in parts)) / 3)
        parts.arrange(DOWN, buff=gap).move_to(PANEL_CENTER)
        self.narrate("Phase six: each weight steps against its gradient, times the learning "
                     "rate.", self.phases.next("update the weights"),
                     FadeOut(self.panel),
                     *self._hide_labels([key for key in self.on_diagram if key[0] == "dW"]),
                     on("steps against", Write(rule)), on("learning", FadeIn(rate_note)))
        self.narrate("The weight we followed takes this step.",
                     Indicate(self.diagram.edge(hidden, j, 0), color=p.highlight),
                     on("takes this step", FadeIn(step, shift=DOWN * 0.2)))
        self.narrate("All weights and biases move at once.",
                     *self._hide_labels(), self.diagram.labels.animate.set_opacity(0),
                     self.diagram.neurons.animate.set_fill(opacity=0.08),
                     on("move", self.diagram.change_weights([layer.W for layer in ex.params_after])))
        self._outcome(rows)

    def _outcome_rows(self) -> VGroup:
        """Prediction and loss of this sample, before → after the step."""
        p = self.palette
        ex = self.example
        d_pred = change_decimals(ex.forward.prediction, ex.prediction_after)
        d_loss = change_decimals(ex.loss, ex.loss_after)
        return VGroup(
            MathTex(r"\hat{y}:\ ", self._text("forward.prediction", ex.forward.prediction, d_pred),
                    r"\rightarrow", self._text("prediction_after", ex.prediction_after, d_pred),
                    font_size=TEX_SIZE, color=p.output),
            MathTex(r"L:\ ", self._text("loss", ex.loss, d_loss), r"\rightarrow",
                    self._text("loss_after", ex.loss_after, d_loss), font_size=TEX_SIZE,
                    color=p.gradient),
        ).arrange(DOWN, buff=0.4, aligned_edge=LEFT)

    def _outcome(self, rows: VGroup) -> None:
        """The same sample through the updated network, its prediction and loss shown."""
        p = self.palette
        ex = self.example
        if step_helped(ex.forward.prediction, ex.prediction_after, ex.forward.label, ex.loss,
                       ex.loss_after):
            line = "Again: the prediction moved toward its label, and the loss fell."
        else:
            line = "Again: this step overshot, and the loss did not fall."
        self.narrate(line, Indicate(self.diagram.neuron(self.out, 0), color=p.output),
                     on("and the loss", FadeIn(rows, shift=UP * 0.2)))
        self.narrate("Training does this for all samples at once, epoch after epoch.",
                     on("epoch after epoch", Indicate(rows, color=p.highlight,
                                                      scale_factor=1.05)))
