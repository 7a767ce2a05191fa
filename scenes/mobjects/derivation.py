"""A worked calculation, row under row with the relations (=, ≈) in one column, as on a
blackboard: each row is one MathTex whose parts can be filled in from elsewhere on screen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from manim import (
    DOWN, LEFT, RIGHT, UP, Animation, AnimationGroup, DecimalNumber, FadeTransform, MathTex,
    Mobject, ReplacementTransform, VGroup, Write,
)

RELATIONS = ("=", r"\approx")


def tex_number(value: float, decimals: int, *, bracket: bool = False) -> str:
    """``value`` at ``decimals`` for MathTex (TeX sets "-" as a minus); with ``bracket`` a
    negative number is put in parentheses, as a factor or a term after "+" is written."""
    text = f"{value:.{decimals}f}"
    return f"({text})" if bracket and value < 0 else text


def carry(source: Mobject, target: Mobject, **kwargs: Any) -> Animation:
    """A copy of ``source`` travels into ``target`` and becomes it, morphing when both show the
    same string and cross-fading as it moves otherwise (several terms into their sum); ``target``
    shows up only when the animation starts (TransformFromCopy's target is on screen from the
    start of the play, before its cue)."""
    kind = ReplacementTransform if _shown(source) == _shown(target) else FadeTransform
    return kind(source.copy(), target, introducer=True, **kwargs)


def _shown(mobject: Mobject) -> str | None:
    """The string a MathTex part or a DecimalNumber shows (None for anything else)."""
    if isinstance(mobject, DecimalNumber):
        return f"{mobject.get_value():.{mobject.num_decimal_places}f}"
    return getattr(mobject, "tex_string", None)


class Derivation(VGroup):
    """Rows of one calculation. ``rows[k]`` lists the MathTex parts of row k; each row holds
    one relation part ("=" or r"\\approx"), and the relations are set in one column."""

    def __init__(self, rows: Sequence[Sequence[str]], *, font_size: float, color: str,
                 row_gap: float = 0.35, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.relation_index = [self._relation(parts) for parts in rows]
        self.rows = [MathTex(*parts, font_size=font_size, color=color) for parts in rows]
        self.add(*self.rows)
        self.arrange(DOWN, buff=row_gap, aligned_edge=LEFT)
        column = self.rows[0][self.relation_index[0]].get_center()[0]
        for row, index in zip(self.rows[1:], self.relation_index[1:]):
            row.shift(RIGHT * (column - row[index].get_center()[0]))

    @staticmethod
    def _relation(parts: Sequence[str]) -> int:
        for index, part in enumerate(parts):
            if part.strip() in RELATIONS:
                return index
        raise ValueError(f"a row of a derivation needs one of {RELATIONS}, got {list(parts)}")

    def part(self, row: int, index: int) -> Mobject:
        """Part ``index`` of row ``row``."""
        return self.rows[row][index]

    def spread(self, height: float, min_gap: float, max_gap: float) -> Derivation:
        """Space the rows evenly down ``height`` from the first row's top (the gaps between
        ``min_gap`` and ``max_gap``), keeping each row's x."""
        gap = (height - sum(row.height for row in self.rows)) / max(len(self.rows) - 1, 1)
        gap = min(max(gap, min_gap), max_gap)
        top = self.rows[0].get_top()[1]
        for row in self.rows:
            row.shift(UP * (top - row.get_top()[1]))
            top -= row.height + gap
        return self

    def write_row(self, row: int, sources: Mapping[int, Mobject | Sequence[Mobject]] | None = None,
                  *, exclude: Sequence[int] = (), **kwargs: Any) -> Animation:
        """Row ``row`` appears: each part named in ``sources`` is carried there from a copy of its
        source (a number travelling off the diagram into its slot; several sources merge into
        one part), the others are written, except the parts in ``exclude`` (left for later)."""
        sources = sources or {}
        animations = []
        for index, part in enumerate(self.rows[row]):
            if index in exclude:
                continue
            source = sources.get(index)
            if source is None:
                animations.append(Write(part))
                continue
            group = VGroup(*source) if isinstance(source, (list, tuple)) else source
            animations.append(carry(group, part))
        return AnimationGroup(*animations, **kwargs)
