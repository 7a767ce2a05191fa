"""One neuron's z = w₁x₁ + … + b worked out as a blackboard derivation: the symbols, the shown
numbers (flown in from the neuron drawn beside it), the products, and z; sized to fill a region,
its rows spread down it. The values come in as displayed (the scene records them, the terms
with ``nnmath.verdicts.adding_decimals`` places so that they add up to the shown z)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from manim import Animation, Mobject, VGroup, Write

from scenes import theme
from scenes.mobjects.derivation import Derivation, carry, tex_number

SIZE = theme.math_size(theme.TYPE.body)    # before scaling to the region's width
MAX_SCALE = 1.35                           # ... at most this much larger
SPAN, MIN_ROW_GAP, MAX_ROW_GAP = 0.8, 0.5, 1.2   # the rows spread down the region


class NeuronSum(Derivation):
    """Rows ``z = w₁ x₁ + … + b``, ``= w₁ · x₁ + … + b`` in numbers, ``≈`` the products and the
    bias at ``places``, ``= z``: ``weights``, ``inputs``, ``terms``, ``bias`` and ``z`` as
    displayed; ``signs``: the true weights, whose signs colour them."""

    def __init__(self, weights: Sequence[float], inputs: Sequence[float],
                 terms: Sequence[float], bias: float, z: float, places: int,
                 region: theme.Region, *, signs: Sequence[float], palette: theme.Palette,
                 **kwargs: Any) -> None:
        n = len(weights)
        symbolic, numeric, products = ["z", "="], ["="], [r"\approx"]
        for i in range(n):
            plus = ["+"] if i else []
            symbolic += plus + [f"w_{i + 1}", f"x_{i + 1}"]
            numeric += plus + [tex_number(weights[i], 2, bracket=True), r"\cdot",
                               tex_number(inputs[i], 2, bracket=True)]
            products += ([] if not i else ["-" if terms[i] < 0 else "+"]) + \
                [tex_number(abs(terms[i]) if i else terms[i], places)]
        symbolic += ["+", "b"]
        numeric += ["+", tex_number(bias, places, bracket=True)]
        products += ["-" if bias < 0 else "+", tex_number(abs(bias), places)]
        super().__init__([symbolic, numeric, products, ["=", tex_number(z, 2)]],
                         font_size=SIZE, color=palette.text, row_gap=0.8, **kwargs)
        self.n = n
        self.scale(min(MAX_SCALE, (region.width - 0.4) / self.width,
                       (region.height - 0.6) / self.height)).move_to(region.center)
        self.spread(SPAN * region.height, MIN_ROW_GAP, MAX_ROW_GAP).move_to(region.center)
        for i in range(n):
            self.part(0, 2 + 3 * i).set_color(palette.positive)
            self.part(0, 3 + 3 * i).set_color(palette.input)
            self.part(1, 1 + 4 * i).set_color(palette.of_weight(signs[i]))
            self.part(1, 3 + 4 * i).set_color(palette.input)
        self.part(3, 1).set_color(palette.gradient)

    def fill_in(self, weights: Sequence[Mobject], inputs: Sequence[Mobject],
                **kwargs: Any) -> Animation:
        """The numbers row, each weight and input carried from ``weights`` and ``inputs`` (the
        bias left for ``add_bias``)."""
        n = self.n
        slots = {1 + 4 * i: weights[i] for i in range(n)}
        slots.update({3 + 4 * i: inputs[i] for i in range(n)})
        return self.write_row(1, slots, exclude=(4 * n, 4 * n + 1), **kwargs)

    def add_bias(self, bias: Mobject) -> list[Animation]:
        """The numbers row's "+ b", its value carried from ``bias``."""
        return [Write(self.part(1, 4 * self.n)), carry(bias, self.part(1, 4 * self.n + 1))]

    def multiply(self) -> Animation:
        """Each w · x merges into its product, the bias comes down."""
        n = self.n
        pairs = {1 + 2 * i: [self.part(1, j) for j in range(4 * i + 1, 4 * i + 4)]
                 for i in range(n)}
        pairs[2 * n + 1] = self.part(1, 4 * n + 1)
        return self.write_row(2, pairs)

    def add_up(self) -> Animation:
        """The products and the bias merge into z."""
        return self.write_row(3, {1: self.rows[2][1:]})

    def result(self) -> VGroup:
        """What stays of the derivation: "z" and "= z"."""
        return VGroup(self.rows[0][0], self.rows[3])

    def working(self) -> VGroup:
        """What goes when only z stays."""
        return VGroup(self.rows[0][1:], *self.rows[1:3])
