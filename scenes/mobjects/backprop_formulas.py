"""The formulas of one backpropagation step as the lesson writes them beside its network, each
in symbols over one sample's numbers: the sample's loss, the chain rule for one output weight
(with the brace naming its first two factors the output delta), the output weights' rule and a
hidden delta's, an input weight's gradient, and the update step with the sample's prediction and
loss before and after. Numbers come in as TeX of the values as displayed (the scene records
them); every formula is fitted to its part of the formula panel ``region``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from manim import DOWN, LEFT, RIGHT, Brace, MathTex, Text, VGroup

from scenes import theme
from scenes.mobjects.formula_table import FormulaTable
from scenes.notation import ACTIVATION_SYMBOL, LOSS_SLOPE_TEX, LOSS_TEX

TEX_SIZE = 48
DELTA_ROOM = 1.5          # under the chain rule: the brace and the output delta
RULE_ROOM = 1.5           # over the hidden delta rule: the output weights' rule
REDUCTION_NOTE = {"sum": "in training: summed over all samples",
                  "mean": "in training: averaged over all samples"}


class LossPanel(VGroup):
    """``sample``: ŷ = ``prediction`` beside y = ``label`` (in its class's colour); ``value``:
    L = the loss's formula = ``loss``; ``note``: how training gathers the loss over the samples
    (the config's ``reduction``). Down the middle of ``region``, the formulas no wider."""

    def __init__(self, prediction: str, label: float, loss: str, *, loss_name: str,
                 reduction: str, region: theme.Region, palette: theme.Palette,
                 **kwargs: Any) -> None:
        p = palette
        truth = MathTex(f"y = {label:g}", font_size=TEX_SIZE,
                        color=p.of_class(label))
        self.sample = VGroup(MathTex(r"\hat{y} = " + prediction, font_size=TEX_SIZE,
                                     color=p.output), truth).arrange(RIGHT, buff=0.8)
        self.value = MathTex("L", "=", LOSS_TEX[loss_name], "=", loss, font_size=TEX_SIZE,
                             color=p.text)
        self.value[0].set_color(p.gradient)
        self.value[4].set_color(p.gradient)
        self.note = Text(REDUCTION_NOTE[reduction], font=theme.FONT, font_size=theme.TYPE.label,
                         color=p.muted)
        formulas = VGroup(self.sample, self.value).arrange(DOWN, buff=0.8)
        if formulas.width > region.width:
            formulas.scale_to_fit_width(region.width)
        super().__init__(self.sample, self.value, self.note, **kwargs)
        self.arrange(DOWN, buff=0.8).move_to(region.center)


class ChainRule(FormulaTable):
    """∂L/∂w_j = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂w_j for the weight from hidden neuron j (from 0) to the
    output; row 1 the factors in symbols for the loss ``loss_name``, row 2 ``numbers``: the
    gradient and its three factors. Under the first two factors, ``brace`` to ``delta``: δ =
    ∂L/∂z = ``output_delta``."""

    def __init__(self, j: int, numbers: Sequence[str], output_delta: str, *, loss_name: str,
                 region: theme.Region, palette: theme.Palette, **kwargs: Any) -> None:
        p = palette
        w, h = rf"w_{{{j + 1}}}", rf"h_{{{j + 1}}}"
        gradient, dl_dy, dy_dz, dz_dw = numbers
        super().__init__(
            [[rf"\frac{{\partial L}}{{\partial {w}}}", "=", r"\frac{\partial L}{\partial \hat{y}}",
              r"\cdot", r"\frac{\partial \hat{y}}{\partial z}", r"\cdot",
              rf"\frac{{\partial z}}{{\partial {w}}}"],
             [None, "=", LOSS_SLOPE_TEX[loss_name], r"\cdot", r"\sigma'(z)", r"\cdot", h],
             [gradient, "=", dl_dy, r"\times", dy_dz, r"\times", dz_dw]],
            [p.highlight, p.text, p.gradient, p.text, p.output, p.text, p.hidden],
            theme.Region(region.left, region.right, region.bottom + DELTA_ROOM, region.top),
            font_size=TEX_SIZE, **kwargs)
        self.brace = Brace(VGroup(self.cells[2][2], self.cells[2][4]), DOWN, color=p.gradient)
        self.delta = MathTex(r"\delta = \frac{\partial L}{\partial z} = " + output_delta,
                             font_size=TEX_SIZE - 4, color=p.gradient)
        self.brace.put_at_tip(self.delta)
        self.add(self.brace, self.delta)


def output_weights_rule(region: theme.Region, palette: theme.Palette) -> FormulaTable:
    """∂L/∂w_i = δ · h_i, at the top of ``region``."""
    p = palette
    return FormulaTable([[r"\frac{\partial L}{\partial w_i}", "=", r"\delta", r"\cdot", "h_i"]],
                        [p.highlight, p.text, p.gradient, p.text, p.hidden],
                        theme.Region(region.left, region.right, region.top - RULE_ROOM, region.top),
                        font_size=TEX_SIZE)


def hidden_delta_rule(j: int, numbers: Sequence[str], weight: float, *, activation: str,
                      region: theme.Region, palette: theme.Palette) -> FormulaTable:
    """δ_j = δ · w_j · g'(z_j) for hidden neuron j (from 0) with the hidden ``activation`` g,
    over ``numbers``: δ_j, δ, w_j and g'(z_j); ``weight`` (w_j) colours its column by its sign.
    Under the output weights' rule in ``region``."""
    p, sub, symbol = palette, f"{j + 1}", ACTIVATION_SYMBOL[activation]
    delta, output_delta, shown_weight, slope = numbers
    return FormulaTable(
        [[rf"\delta_{{{sub}}}", "=", r"\delta", r"\cdot", rf"w_{{{sub}}}", r"\cdot",
          rf"{symbol}'(z_{{{sub}}})"],
         [delta, "=", output_delta, r"\times", shown_weight, r"\times", slope]],
        [p.gradient, p.text, p.gradient, p.text, p.of_weight(weight), p.text, p.hidden],
        theme.Region(region.left, region.right, region.bottom, region.top - RULE_ROOM - 0.4),
        font_size=TEX_SIZE)


def input_weight_rule(k: int, numbers: Sequence[str], *, region: theme.Region,
                      palette: theme.Palette) -> FormulaTable:
    """∂L/∂w_1k = x_1 · δ_k for the weight from the first input to hidden neuron k (from 0),
    over ``numbers``: the gradient, x_1 and δ_k."""
    p, sub = palette, f"{k + 1}"
    gradient, x, delta = numbers
    return FormulaTable([[rf"\frac{{\partial L}}{{\partial w_{{1{sub}}}}}", "=", "x_1", r"\cdot",
                          rf"\delta_{{{sub}}}"], [gradient, "=", x, r"\times", delta]],
                        [p.highlight, p.text, p.input, p.text, p.gradient], region,
                        font_size=TEX_SIZE)


class UpdateStep(VGroup):
    """``rule``: w ← w − η ∇L; ``step``: ``before`` − ``rate`` × ``gradient`` = ``after`` for
    one weight; ``note`` on η; ``outcome``: the sample's ŷ and L, ``predictions`` and
    ``losses`` (before, after). Spread down ``region``, the formulas no wider."""

    def __init__(self, before: str, rate: float, gradient: str, after: str,
                 predictions: tuple[str, str], losses: tuple[str, str], *,
                 region: theme.Region, palette: theme.Palette, **kwargs: Any) -> None:
        p = palette
        self.rule = MathTex(r"w", r"\leftarrow", r"w", "-", r"\eta", r"\,\nabla L",
                            font_size=TEX_SIZE + 4, color=p.text)
        self.rule[5].set_color(p.gradient)
        self.step = MathTex(before, "-", f"{rate:g}", r"\times", gradient, "=", after,
                            font_size=TEX_SIZE, color=p.text)
        self.step[4].set_color(p.gradient)
        self.step[6].set_color(p.highlight)
        self.note = Text("η: the learning rate", font=theme.FONT, font_size=theme.TYPE.label,
                         color=p.muted)
        self.outcome = VGroup(
            MathTex(r"\hat{y}:\ ", predictions[0], r"\rightarrow", predictions[1],
                    font_size=TEX_SIZE, color=p.output),
            MathTex(r"L:\ ", losses[0], r"\rightarrow", losses[1], font_size=TEX_SIZE,
                    color=p.gradient),
        ).arrange(DOWN, buff=0.4, aligned_edge=LEFT)
        for formula in (self.rule, self.step, self.outcome):       # the note keeps its size
            if formula.width > region.width:
                formula.scale_to_fit_width(region.width)
        super().__init__(self.rule, self.step, self.note, self.outcome, **kwargs)
        gap = min(1.0, (region.height - sum(part.height for part in self)) / 3)
        self.arrange(DOWN, buff=gap).move_to(region.center)
