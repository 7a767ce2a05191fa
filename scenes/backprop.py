"""Chapter 6b: backpropagation in the lesson's six phases, on the untrained network and one real
sample: the forward pass, the loss, the chain rule in colour, the deltas and gradients flowing
right to left with their values, and one gradient-descent step with the weights before and after.

Every number is nnmath's ``backprop_example``. The gradients of an untrained network are small,
so numbers are written to two significant digits rather than two decimals, and a before → after
pair gets enough decimals for its change to show.
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import (
    DOWN, LEFT, UP, AnimationGroup, Create, FadeIn, FadeOut, Indicate, ReplacementTransform,
    Succession, TransformFromCopy, VGroup, Write,
)

from scenes import theme
from scenes.base import LectureScene, on
from scenes.decimals import change_decimals, significant_decimals
from scenes.phases import PhaseTitles
from scenes.mobjects.backprop_formulas import (
    ChainRule, LossPanel, UpdateStep, hidden_delta_rule, input_weight_rule, output_weights_rule,
)
from scenes.mobjects.derivation import tex_number
from scenes.mobjects.gradient_numbers import GradientNumbers
from scenes.mobjects.fitted_diagram import diagram_in
from nnmath.verdicts import gradients_shrink, step_helped

# The diagram's neurons fill the left of the content area, up to a δ label's height under the
# phase title; the formulas fill the right. While no formula is shown (the first two phases) the
# diagram spans the whole content width, then narrows to its side.
DIAGRAM = theme.Region(theme.CONTENT.left, 0.8, theme.CONTENT.bottom + 0.1, 2.05)
WIDE_DIAGRAM = theme.Region(theme.CONTENT.left, theme.CONTENT.right, DIAGRAM.bottom, DIAGRAM.top)
PANEL = theme.Region(1.2, theme.CONTENT.right, theme.CONTENT.bottom, 2.35)


class BackpropScene(LectureScene):
    def construct(self) -> None:
        self.example = self.data.backprop_example
        self.out = len(self.data.layer_sizes) - 1          # the output layer, in diagram layers
        self.heading = self.make_heading("Backpropagation")
        self.phases = PhaseTitles(self.heading, self.palette.muted)
        for beat in (self._introduce, self._forward, self._loss, self._chain_rule,
                     self._to_hidden, self._to_inputs, self._update, self._outcome):
            beat()

    def _shown(self, key: str, value: float, decimals: int | None = None) -> tuple[float, int]:
        """A value of the backprop example (``key``: its path in the example's facts) recorded as
        shown to ``decimals`` places (two significant digits by default): (shown, decimals)."""
        decimals = significant_decimals(value) if decimals is None else decimals
        return self.show_value(f"backprop_example.{key}", value, decimals), decimals

    def _text(self, key: str, value: float, decimals: int | None = None, *,
              bracket: bool = False) -> str:
        """The same as TeX; with ``bracket``, a negative value in parentheses (a factor)."""
        return tex_number(*self._shown(key, value, decimals), bracket=bracket)

    def _change(self, keys: tuple[str, str], before: float, after: float) -> tuple[str, str]:
        """A before → after pair as TeX, both to the decimals that show the change."""
        decimals = change_decimals(before, after)
        return self._text(keys[0], before, decimals), self._text(keys[1], after, decimals)

    def _followed(self, ranking: Sequence[int], layer: int) -> int:
        """The neuron of ``layer`` to follow: nnmath's ranking's first that the diagram draws."""
        drawn = set(self.diagram.drawn_indices(layer))
        return next(i for i in ranking if i in drawn)

    def _introduce(self) -> None:
        ex = self.example
        network = (self.data.layer_sizes, [layer.W for layer in ex.params_before],
                   ex.forward.activations)
        self.diagram = diagram_in(DIAGRAM, *network, labels="values", palette=self.palette)
        self.record_diagram("backprop_example.forward.activations", self.diagram)
        self.numbers = GradientNumbers(self.diagram, ex.deltas, ex.dW, record=self._shown,
                                       palette=self.palette)
        self.wide = diagram_in(WIDE_DIAGRAM, *network, labels="values", palette=self.palette)
        self.wide.neurons.set_fill(opacity=0.08)     # the first two phases; narrows into diagram
        self.wide.labels.set_opacity(0)
        self.j = self._followed(ex.followed_neurons, self.out - 1)
        self.narrate("Backpropagation: how a network learns from a mistake, here before training.",
                     FadeIn(self.heading), FadeIn(self.wide.neurons),
                     FadeIn(self.wide.ellipses), FadeIn(self.wide.braces),
                     on("learns", Create(self.wide.edges)),
                     on("mistake", Indicate(self.wide.neuron(self.out, 0),
                                            color=self.palette.highlight)))

    def _forward(self) -> None:
        forward = self.wide.animate_forward(self.example.forward.activations, layer_time=1.2)
        self.narrate("Phase one: a sample goes forward to a prediction.",
                     self.phases.next("forward pass"), forward, run_time=forward.get_run_time())
        self.play(self.wide.labels.animate.set_opacity(1), run_time=0.6)

    def _loss(self) -> None:
        p, ex = self.palette, self.example
        self.panel = LossPanel(
            self._text("forward.prediction", ex.forward.prediction,
                       change_decimals(ex.forward.prediction, ex.prediction_after)),
            self.show_value("backprop_example.forward.label", ex.forward.label, 0),
            self._text("loss", ex.loss, change_decimals(ex.loss, ex.loss_after)),
            loss_name=self.data.config.training.loss,
            reduction=self.data.config.training.reduction, region=PANEL, palette=p)
        self.narrate("Phase two: the loss measures how far the prediction is from the label.",
                     self.phases.next("calculate the loss"),
                     ReplacementTransform(self.wide, self.diagram), FadeIn(self.panel.sample),
                     Indicate(self.diagram.neuron(self.out, 0), color=p.output),
                     on("how far", Write(self.panel.value)), on("label", FadeIn(self.panel.note)))

    def _chain_rule(self) -> None:
        p, ex = self.palette, self.example
        hidden, j = self.out - 1, self.j
        rule = ChainRule(j, [self._text(f"dW[{hidden}][{j}][0]", ex.dW[hidden][j, 0]),
                             self._text("output_gradient", ex.output_gradient, bracket=True),
                             self._text("output_slope", ex.output_slope, bracket=True),
                             self._text(f"forward.activations[{hidden}][{j}]",
                                        ex.forward.activations[hidden][j], bracket=True)],
                         self._text(f"deltas[{self.out - 1}][0]", ex.deltas[self.out - 1][0]),
                         loss_name=self.data.config.training.loss, region=PANEL, palette=p)
        symbols, numbers = rule.cells[1], rule.cells[2]
        self.narrate("Phase three: the chain rule. How does the loss change if we nudge one "
                     "weight?",
                     self.phases.next("the chain rule"), FadeOut(self.panel), Write(rule.row(0)),
                     on("nudge one", Indicate(self.diagram.edge(hidden, j, 0), color=p.highlight)))
        self.narrate("Loss against prediction, sigmoid against its sum, sum against the weight.",
                     FadeIn(VGroup(symbols[1], symbols[3], symbols[5])),
                     on("Loss against", FadeIn(symbols[2], shift=DOWN * 0.2)),
                     on("sigmoid", FadeIn(symbols[4], shift=DOWN * 0.2)),
                     on("sum against", FadeIn(symbols[6], shift=DOWN * 0.2)))
        h_value = self.diagram.label(hidden, j)     # h's value flies off the diagram
        self.narrate("With this sample's numbers, the product is the weight's gradient.",
                     FadeIn(VGroup(numbers[1], numbers[3], numbers[5])),
                     on("numbers", FadeIn(numbers[2], shift=DOWN * 0.2),
                        FadeIn(numbers[4], shift=DOWN * 0.2),
                        TransformFromCopy(h_value, numbers[6]) if h_value is not None
                        else FadeIn(numbers[6])),
                     on("the product", FadeIn(numbers[0], shift=LEFT * 0.2)))
        self.narrate("The first two factors are the output neuron's delta.", Create(rule.brace),
                     on("output neuron's delta", FadeIn(rule.delta),
                        *self.numbers.show(self.numbers.delta_labels(self.out, always=(0,)))))
        self.panel = rule

    def _to_hidden(self) -> None:
        p, hidden = self.palette, self.out - 1
        hidden_deltas = self.numbers.delta_labels(hidden, always=(self.j,))
        avoid = [*self.numbers.shown.values(), *hidden_deltas.values()]   # placed, shown later
        edges, labels = self.numbers.gradient_labels(
            [(hidden, i, 0) for i in self.diagram.drawn_indices(hidden)], [(hidden, self.j, 0)],
            avoid=avoid)
        where = "the hidden layer" if self.out == 2 else "the last hidden layer"
        rule = output_weights_rule(PANEL, p)
        self.narrate("Phase four: gradients flow back. Each output weight gets delta times its "
                     "input.",
                     self.phases.next(f"gradients to {where}"), FadeOut(self.panel),
                     self.diagram.send_pulses(hidden, color=p.gradient, backward=True),
                     on("Each output weight", *self.numbers.flowing(edges),
                        *self.numbers.show(labels)),
                     on("delta times", Write(rule)))
        self._hidden_delta_rule(rule)
        self.narrate("Each hidden neuron gets its share of the blame.",
                     *self.numbers.show(hidden_deltas),
                     on("share", Indicate(self.diagram.layer_group(hidden), color=p.gradient,
                                          scale_factor=1.1)))
        steps = [AnimationGroup(self.diagram.send_pulses(layer, color=p.gradient, backward=True),
                                *self.numbers.show(self.numbers.delta_labels(layer)))
                 for layer in range(hidden - 1, 0, -1)]
        if steps:      # one step for all of them, however deep the network
            self.narrate("Earlier hidden layers do the same, each summing over the neurons it "
                         "feeds.", Succession(*steps), run_time=1.5 * len(steps))

    def _hidden_delta_rule(self, rule: VGroup) -> None:
        """δ_j = δ · w_j · g'(z_j) for the neuron we follow, in symbols and numbers, under the
        output weights' ``rule``."""
        p, ex = self.palette, self.example
        hidden, j = self.out - 1, self.j
        weight = ex.params_before[hidden].W[j, 0]
        table = hidden_delta_rule(
            j, [self._text(f"deltas[{hidden - 1}][{j}]", ex.deltas[hidden - 1][j]),
                self._text(f"deltas[{self.out - 1}][0]", ex.deltas[self.out - 1][0], bracket=True),
                self._text(f"forward.params[{hidden}].W[{j}][0]", weight, bracket=True),
                self._text(f"hidden_slopes[{hidden - 1}][{j}]", ex.hidden_slopes[hidden - 1][j],
                           bracket=True)],
            weight, activation=self.data.config.network.activation, region=PANEL, palette=p)
        self.narrate("A hidden neuron's delta: the output's delta, back through its weight, "
                     "times its own slope.", Write(table.row(0)),
                     on("back through", FadeIn(table.row(1), shift=DOWN * 0.2)),
                     on("own slope", Indicate(self.diagram.neuron(hidden, j), color=p.gradient)))
        self.panel = VGroup(rule, table)

    def _to_inputs(self) -> None:
        p, ex = self.palette, self.example
        k = self.j if self.out == 2 else self._followed(ex.followed_input_neurons, 1)
        edges = [(0, i, k) for i in self.diagram.drawn_indices(0)]
        # if they crowd, only the followed neuron keeps its delta
        labels, hide = self.numbers.gradients_making_room(edges, layer=1, keep=k)
        table = input_weight_rule(k, [self._text(f"dW[0][0][{k}]", ex.dW[0][0, k]),
                                      self._text("forward.x[0]", ex.forward.x[0], 2, bracket=True),
                                      self._text(f"deltas[0][{k}]", ex.deltas[0][k], bracket=True)],
                                  region=PANEL, palette=p)
        self.narrate("Phase five: input weights get input times delta.",
                     self.phases.next("gradients to the input layer"), FadeOut(self.panel),
                     self.diagram.send_pulses(0, color=p.gradient, backward=True),
                     *self.numbers.hide(hide),
                     on("input weights", *self.numbers.flowing(edges),
                        *self.numbers.show(labels)),
                     on("input times delta", Write(table.row(0))))
        self.panel = table
        shrink = gradients_shrink(ex.largest_gradients)
        self.narrate("Far smaller: every layer back shrinks the gradients." if shrink else
                     "The inputs are data, not weights: backpropagation stops here.",
                     FadeIn(table.row(1), shift=DOWN * 0.2), run_time=1.5)

    def _update(self) -> None:
        p, ex = self.palette, self.example
        hidden, j = self.out - 1, self.j
        rate, _ = self._shown("learning_rate", ex.learning_rate, 6)
        weight = (f"forward.params[{hidden}].W[{j}][0]", f"params_after[{hidden}].W[{j}][0]")
        before, after = self._change(weight, ex.params_before[hidden].W[j, 0],
                                     ex.params_after[hidden].W[j, 0])
        self.step = UpdateStep(
            before, rate, self._text(f"dW[{hidden}][{j}][0]", ex.dW[hidden][j, 0], bracket=True),
            after, self._change(("forward.prediction", "prediction_after"), ex.forward.prediction,
                                ex.prediction_after),
            self._change(("loss", "loss_after"), ex.loss, ex.loss_after), region=PANEL, palette=p)
        self.narrate("Phase six: each weight steps against its gradient, times the learning "
                     "rate.", self.phases.next("update the weights"), FadeOut(self.panel),
                     *self.numbers.hide([key for key in self.numbers.shown if key[0] == "dW"]),
                     on("steps against", Write(self.step.rule)),
                     on("learning", FadeIn(self.step.note)))
        self.narrate("The weight we followed takes this step.",
                     Indicate(self.diagram.edge(hidden, j, 0), color=p.highlight),
                     on("takes this step", FadeIn(self.step.step, shift=DOWN * 0.2)))
        self.narrate("All weights and biases move at once.",
                     *self.numbers.hide(), self.diagram.labels.animate.set_opacity(0),
                     self.diagram.neurons.animate.set_fill(opacity=0.08),
                     on("move", self.diagram.change_weights(
                         [layer.W for layer in ex.params_after])))

    def _outcome(self) -> None:
        """The same sample through the updated network, its prediction and loss shown."""
        p, ex = self.palette, self.example
        helped = step_helped(ex.forward.prediction, ex.prediction_after, ex.forward.label, ex.loss,
                             ex.loss_after)
        self.narrate("Again: the prediction moved toward its label, and the loss fell." if helped
                     else "Again: this step overshot, and the loss did not fall.",
                     Indicate(self.diagram.neuron(self.out, 0), color=p.output),
                     on("and the loss", FadeIn(self.step.outcome, shift=UP * 0.2)))
        self.narrate("Training does this for all samples at once, epoch after epoch.",
                     on("epoch after epoch", Indicate(self.step.outcome, color=p.highlight,
                                                      scale_factor=1.05)))
