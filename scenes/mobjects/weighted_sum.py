"""One neuron's sum z = w₁a₁ + … + b written as one formula that fills in, in place: its symbols,
then its numbers (each can fly in from the diagram), then the products, then z itself.

Every state is one MathTex whose parts carry keys (which term, which factor), so a state turns
into the next part by part: a weight's symbol becomes its number, a term's three parts merge
into their product, the whole right-hand side into z. The values come in as displayed (the
scene records them, with decimals from ``nnmath.verdicts.adding_decimals`` so that the shown
terms add up to the shown z).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from manim import (
    LEFT, Animation, AnimationGroup, FadeIn, FadeOut, MathTex, Mobject, Transform, VGroup,
    Write,
)

def plain(value: float, decimals: int) -> str:
    """``value`` to ``decimals`` places, never "-0.00"."""
    return f"{round(value, decimals) + 0.0:.{decimals}f}"


def _signed(value: float, decimals: int, first: bool) -> tuple[str | None, str]:
    """The operator before a term and the term's magnitude: "+ 3.00", "- 3.00", or a leading
    "-3.00" for the first term."""
    text = plain(abs(value), decimals)
    negative = plain(value, decimals).startswith("-")
    if first:
        return ("-" if negative else None), text
    return ("-" if negative else "+"), text


class WeightedSum(VGroup):
    """``target = Σ w·a + b`` for one neuron, in four states shown one after another at the
    same place: ``symbols``, ``numbers``, ``products`` and ``result``. The group holds all four
    (left-aligned) to be laid out as one; the scene never adds it, only plays its animations.

    ``names``: (weight tex, input tex) per term and the bias's tex (None: too many terms to
    write out; ``bias_name`` is then the whole sum's tex and there are only the symbols and the
    result); ``weights``, ``inputs``,
    ``bias``: as displayed (2 decimals); ``products`` (the true w·a, the sum's terms) and
    ``z`` are shown to ``product_decimals`` and ``decimals``; ``colors``: role -> colour for
    "weight", "input", "bias", "result" (others in ``color``); a list gives each term its own.
    """

    def __init__(self, target: str, names: Sequence[tuple[str, str]] | None, bias_name: str, *,
                 weights: Sequence[float] = (), inputs: Sequence[float] = (), bias: float = 0.0,
                 products: Sequence[float] = (), z: float, product_decimals: int = 2,
                 decimals: int = 2, font_size: float, color: str, colors: Mapping[str, str],
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.font_size, self.color, self.colors = font_size, color, colors
        self.target = target
        self.expanded = names is not None
        result = self._line([("eq", "="), ("z", plain(z, decimals))])
        if self.expanded:
            self.states = {"symbols": self._line(self._symbols(names, bias_name)),
                           "numbers": self._line(self._numbers(weights, inputs, bias)),
                           "products": self._line(self._products(products, bias,
                                                                 product_decimals)),
                           "result": result}
        else:      # too many terms to write out: the sum's symbol, then its value
            self.states = {"symbols": self._line([("eq", "="), ("rhs", bias_name)]),
                           "result": result}
        for state in self.states.values():
            state.move_to(self.states["symbols"], aligned_edge=LEFT)
            self.add(state)     # for layout only: a scene shows one state at a time
        self.shown = self.states["symbols"]

    @staticmethod
    def _symbols(names, bias_name) -> list:
        parts = [("eq", "=")]
        for k, (w, a) in enumerate(names):
            if k:
                parts.append((("op", k), "+"))
            parts += [(("term", k, "w"), w), (("term", k, "a"), a)]
        return parts + [("op_b", "+"), ("bias", bias_name)]

    @staticmethod
    def _numbers(weights, inputs, bias) -> list:
        parts = [("eq", "=")]
        for k, (weight, value) in enumerate(zip(weights, inputs)):
            op, w = _signed(weight, 2, k == 0)
            if op:
                parts.append((("op", k), op))
            a = plain(value, 2)
            parts += [(("term", k, "w"), w), (("term", k, "dot"), r"\cdot"),
                      (("term", k, "a"), f"({a})" if a.startswith("-") else a)]
        op, b = _signed(bias, 2, False)
        return parts + [("op_b", op), ("bias", b)]

    @staticmethod
    def _products(products, bias, decimals) -> list:
        parts = [("eq", r"\approx")]
        for k, product in enumerate(products):
            op, t = _signed(product, decimals, k == 0)
            if op:
                parts.append((("op", k), op))
            parts.append((("term", k), t))
        op, b = _signed(bias, decimals, False)
        return parts + [("op_b", op), ("bias", b)]

    def _line(self, parts: list[tuple[Any, str]]) -> MathTex:
        line = MathTex(self.target, *(tex for _, tex in parts), font_size=self.font_size,
                       color=self.color)
        line.keys = ["target", *(key for key, _ in parts)]
        for key, part in zip(line.keys, line):
            role = {"w": "weight", "a": "input"}.get(key[-1]) if isinstance(key, tuple) else None
            role = role or {"bias": "bias", "z": "result"}.get(key if isinstance(key, str) else "")
            color = self.colors.get(role)
            if isinstance(color, (list, tuple)):     # one colour per term
                color = color[key[1]]
            if color is not None:
                part.set_color(color)
        return line

    @property
    def widest(self) -> MathTex:
        """The widest state, to lay the sum out by."""
        return max(self.states.values(), key=lambda state: state.width)

    def part(self, state: str, key: Any) -> Mobject:
        """The part of ``state`` with ``key``, e.g. ("term", 0, "a") or "z"."""
        line = self.states[state]
        return line[line.keys.index(key)]

    def write(self) -> Animation:
        """Write the symbols."""
        return Write(self.states["symbols"])

    def fill_in(self, sources: Mapping[Any, Mobject] | None = None) -> Animation:
        """Symbols to numbers; a key in ``sources`` (e.g. ("term", 0, "a") from the diagram's
        input value) flies in as a copy of that mobject while its symbol goes."""
        return self._morph("numbers", lambda key: key, sources or {})

    def multiply(self) -> Animation:
        """Each term's weight · input merges into its product."""
        return self._morph("products", lambda key: key[:2] if isinstance(key, tuple) else key)

    def add_up(self) -> Animation:
        """The right-hand side merges into z."""
        return self._morph("result", lambda key: key if key in ("target", "eq") else "z")

    def _morph(self, state: str, group, sources: Mapping[Any, Mobject] = {}) -> Animation:
        """The shown state to ``state``: parts whose keys, after ``group``, agree transform into
        each other; parts of the new state flown in from ``sources`` or faded in, the old
        state's other parts faded out."""
        old, new = self.shown, self.states[state]
        old_groups: dict[Any, VGroup] = {}
        for key, part in zip(old.keys, old):
            old_groups.setdefault(group(key), VGroup()).add(part)
        new_groups: dict[Any, VGroup] = {}
        for key, part in zip(new.keys, new):
            new_groups.setdefault(key, VGroup()).add(part)
        stale = [line for line in self.states.values() if line is not new]
        animations = []
        for key, parts in new_groups.items():
            target = parts[0] if len(parts) == 1 else parts
            if key in sources:
                animations.append(_Morph(sources[key].copy(), target, new, stale))
                if key in old_groups:
                    animations.append(FadeOut(old_groups.pop(key), introducer=True))
            elif key in old_groups:
                animations.append(_Morph(old_groups.pop(key), target, new, stale))
            else:
                animations.append(FadeIn(target))
        animations += [FadeOut(parts, introducer=True) for parts in old_groups.values()]
        self.shown = new
        return AnimationGroup(*animations)


class _Morph(Transform):
    """A part (or parts) becoming another: as it ends, every part of the source leaves the
    scene, wherever it sat, and the target's whole line comes in (one formula, as the layout
    check reads it). It swaps when it ends rather than when the step does, so that the next
    morph of the same step finds the line in place. An introducer, so that a morph cued after
    the write in the same step does not put its parts on screen when the step begins (Manim
    adds other animations' mobjects then)."""

    def __init__(self, source: Mobject, target: Mobject, line: MathTex, stale: list[MathTex],
                 **kwargs: Any) -> None:
        super().__init__(source, target, introducer=True, **kwargs)
        self.line, self.stale = line, stale
        self.swapped = False

    def _setup_scene(self, scene) -> None:
        super()._setup_scene(scene)
        self.scene = scene

    def interpolate(self, alpha: float) -> None:
        super().interpolate(alpha)
        if alpha >= 1:
            self._swap(self.scene)

    def clean_up_from_scene(self, scene) -> None:
        self._swap(scene)

    def _swap(self, scene) -> None:
        if not self.swapped:
            scene.remove(self.mobject, *self.stale)     # the other states' lines too
            scene.add(self.line)
            self.swapped = True
