"""The artificial neuron as the lesson draws it: inputs on the left, an edge from each with its
weight beside it, the body that sums them, and the output arrow, laid out to fill a region."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import DOWN, UP, Animation, Arrow, Circle, Line, MathTex, Mobject, VGroup

from scenes import theme

INPUT_RADIUS = 0.55   # an input circle holds a number at the small size (e.g. −1.23)
BODY_RADIUS = 1.0
WEIGHT_GAP = 0.15     # between an edge and the weight written beside it
SPREAD = 0.34         # of the region's height, from its middle to the outer inputs' centres
BODY_AT = 0.55        # of the region's width, from its left edge to the body's centre
BODY_SHARE, MAX_BODY = 0.26, 1.5   # a filling neuron's body radius: of the height, at most
MIN_FIRE = 0.08       # the faintest fill of a firing body


class ArtificialNeuron(VGroup):
    """``n_inputs`` inputs x₁ … (circles with their names), edges carrying w₁ …, the body with
    Σ and the output arrow with a, filling ``region``: the inputs at its left edge, the outer
    ones ``spread`` × its height above and below its middle, the body ``body_at`` × its width
    from its left edge, the arrow to its right edge."""

    def __init__(self, n_inputs: int, region: theme.Region, *, palette: theme.Palette,
                 input_radius: float = INPUT_RADIUS, body_radius: float = BODY_RADIUS,
                 spread: float = SPREAD, body_at: float = BODY_AT, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        p = self.palette = palette
        self.input_radius, middle = input_radius, region.center[1]
        spread = spread * region.height
        ys = np.linspace(middle + spread, middle - spread, n_inputs) if n_inputs > 1 else [middle]
        self.inputs = VGroup(*(Circle(radius=input_radius, color=p.input, stroke_width=theme.STROKE)
                               .move_to([region.left + input_radius, y, 0]) for y in ys))
        self.body = Circle(radius=body_radius, color=p.hidden, stroke_width=theme.STROKE + 1)
        self.body.move_to([region.left + body_at * region.width, middle, 0])
        self.edges = VGroup(*(self._edge(circle) for circle in self.inputs))
        self.sigma = MathTex(r"\Sigma", font_size=theme.math_size(theme.TYPE.heading),
                             color=p.text).move_to(self.body)
        self.output = Arrow(self.body.get_right(), [region.right, middle, 0], buff=0.05,
                            color=p.output, stroke_width=5)
        name_size = theme.math_size(theme.TYPE.body)
        self.names = VGroup(*(MathTex(f"x_{i + 1}", font_size=name_size, color=p.input)
                              .move_to(circle) for i, circle in enumerate(self.inputs)))
        self.weight_names = VGroup(*(self.beside_edge(i, MathTex(f"w_{i + 1}", font_size=name_size,
                                                                 color=p.positive))
                                     for i in range(n_inputs)))
        self.a_label = MathTex("a", font_size=name_size, color=p.output).next_to(
            self.output, UP, buff=0.12)
        self.add(self.edges, self.inputs, self.names, self.weight_names, self.body, self.sigma,
                 self.output, self.a_label)

    @classmethod
    def filling(cls, n_inputs: int, region: theme.Region, *, palette: theme.Palette,
                input_radius: float = INPUT_RADIUS) -> ArtificialNeuron:
        """The neuron filling ``region``: its outer inputs at the region's top and bottom, its
        body as large as the height allows."""
        return cls(n_inputs, region, palette=palette, input_radius=input_radius,
                   body_radius=min(BODY_SHARE * region.height, MAX_BODY),
                   spread=0.5 - input_radius / region.height)

    def shapes(self) -> VGroup:
        """What the neuron keeps when its names give way to numbers."""
        return VGroup(self.edges, self.inputs, self.body, self.sigma, self.output, self.a_label)

    def _edge(self, circle: Circle) -> Line:
        start, end = circle.get_center(), self.body.get_center()
        unit = (end - start) / np.linalg.norm(end - start)
        return Line(start + self.input_radius * unit, end - self.body.radius * unit,
                    color=self.palette.muted, stroke_width=theme.STROKE)

    def beside_edge(self, i: int, label: Mobject) -> Mobject:
        """Put ``label`` beside edge ``i`` near its middle, on the side away from the other
        edges (above the top half, below the bottom half), clear of the line."""
        edge = self.edges[i]
        unit = edge.get_unit_vector()
        normal = np.array([-unit[1], unit[0], 0.0])
        outward = 1.0 if edge.get_start()[1] >= self.body.get_center()[1] else -1.0
        normal *= outward * np.sign(normal[1] or 1.0)
        reach = 0.5 * (abs(normal[0]) * label.width + abs(normal[1]) * label.height)
        return label.move_to(edge.point_from_proportion(0.45) + normal * (WEIGHT_GAP + reach))

    def below_body(self, label: Mobject) -> Mobject:
        """Put ``label`` under the body (the bias)."""
        return label.next_to(self.body, DOWN, buff=0.25)

    def below_output(self, label: Mobject) -> Mobject:
        """Put ``label`` under the output arrow (the neuron's output value)."""
        return label.next_to(self.output, DOWN, buff=0.15)

    def in_body(self, label: Mobject) -> Mobject:
        """Put ``label`` (the activation's symbol, in Σ's place) in the body, narrowed to fit."""
        return label.scale(min(1.0, 1.6 * self.body.radius / label.width)).move_to(self.body)

    def fire(self, strength: float, label: Mobject) -> list[Animation]:
        """The body fills as strongly as the neuron fires (``strength``: its output's share of
        the activation's reach, at least MIN_FIRE), ``label`` inside it staying legible."""
        fill = float(np.clip(strength, MIN_FIRE, 1))
        ink = self.palette.background if fill > 0.5 else self.palette.text
        return [self.body.animate.set_fill(self.palette.hidden, opacity=fill),
                label.animate.set_color(ink)]
