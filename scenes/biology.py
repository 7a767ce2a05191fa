"""A stylised biological neuron, drawn part by part so the neuron scene can morph each part
into its artificial counterpart: dendrites, soma with nucleus, myelinated axon, terminals."""

from __future__ import annotations

import numpy as np
from manim import (
    RIGHT, UP, Circle, CubicBezier, Dot, RoundedRectangle, VGroup, VMobject,
)

# Directions (radians) and lengths of the main dendrite trunks, fanning out to the left.
_DENDRITE_TRUNKS = ((2.35, 1.5), (2.75, 1.7), (3.14, 1.8), (3.55, 1.7), (3.95, 1.5))


class BiologicalNeuron(VGroup):
    """Dendrites (inputs) on the left, soma (integration), axon (output) to the right,
    terminals (synapses onto the next neurons). Each part is its own sub-group."""

    def __init__(self, color: str, accent: str, soma_radius: float = 0.75,
                 axon_length: float = 4.2, **kwargs) -> None:
        super().__init__(**kwargs)
        self.color_main = color
        self.accent = accent
        self.soma = self._make_soma(soma_radius)
        self.nucleus = Circle(radius=soma_radius * 0.32, color=accent, fill_opacity=0.55,
                              stroke_width=2)
        self.dendrites = self._make_dendrites(soma_radius)
        self.axon, self.myelin = self._make_axon(soma_radius, axon_length)
        self.terminals = self._make_terminals(self.axon.get_end())
        self.add(self.dendrites, self.axon, self.myelin, self.terminals, self.soma, self.nucleus)

    def _make_soma(self, radius: float) -> VMobject:
        angles = np.linspace(0, 2 * np.pi, 13)[:-1]
        bumps = 1 + 0.12 * np.cos(3 * angles) + 0.06 * np.sin(5 * angles)
        points = [radius * b * np.array([np.cos(t), np.sin(t), 0]) for t, b in zip(angles, bumps)]
        soma = VMobject(color=self.color_main, fill_opacity=0.35, stroke_width=3)
        soma.set_points_smoothly([*points, points[0]])
        return soma

    def _branch(self, start: np.ndarray, angle: float, length: float, width: float) -> CubicBezier:
        direction = np.array([np.cos(angle), np.sin(angle), 0])
        normal = np.array([-direction[1], direction[0], 0])
        end = start + direction * length
        return CubicBezier(start, start + direction * length * 0.35 + normal * 0.15,
                           end - direction * length * 0.3 - normal * 0.1, end,
                           color=self.color_main, stroke_width=width)

    def _make_dendrites(self, soma_radius: float) -> VGroup:
        trees = VGroup()
        for angle, length in _DENDRITE_TRUNKS:
            start = soma_radius * 0.9 * np.array([np.cos(angle), np.sin(angle), 0])
            trunk = self._branch(start, angle, length, 5)
            tree = VGroup(trunk)
            for spread in (-0.45, 0.4):
                child = self._branch(trunk.get_end(), angle + spread, length * 0.45, 3)
                tree.add(child)
                for twig in (-0.3, 0.3):
                    tree.add(self._branch(child.get_end(), angle + spread + twig, length * 0.22, 2))
            trees.add(tree)
        return trees

    def _make_axon(self, soma_radius: float, length: float) -> tuple[VMobject, VGroup]:
        start = RIGHT * soma_radius * 0.95
        end = start + RIGHT * length
        axon = CubicBezier(start, start + RIGHT * length * 0.35 + UP * 0.25,
                           end - RIGHT * length * 0.35 - UP * 0.25, end,
                           color=self.color_main, stroke_width=5)
        sheaths = VGroup(*(
            RoundedRectangle(width=length * 0.15, height=0.26, corner_radius=0.12,
                             color=self.accent, fill_opacity=0.45, stroke_width=1.5)
            .move_to(axon.point_from_proportion(t))
            for t in np.linspace(0.2, 0.82, 4)
        ))
        return axon, sheaths

    def _make_terminals(self, start: np.ndarray) -> VGroup:
        terminals = VGroup()
        for angle in (0.7, 0.25, -0.25, -0.7):
            branch = self._branch(start, angle, 0.9, 3)
            bouton = Dot(branch.get_end(), radius=0.09, color=self.accent)
            terminals.add(VGroup(branch, bouton))
        return terminals

    def signal_path(self) -> VMobject:
        """The route a spike takes: along a dendrite, through the soma, down the axon."""
        path = VMobject()
        dendrite = self.dendrites[2][0]
        path.set_points_as_corners([dendrite.get_end(), dendrite.get_start(), self.soma.get_center(),
                                    self.axon.get_start(), self.axon.get_end()])
        return path
