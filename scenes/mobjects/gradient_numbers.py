"""A backpropagation step's numbers written on its NetworkDiagram while the narration talks about
them: a neuron's δ just above it, a weight's gradient on its edge (``edge_labels.place_on_edges``),
each on a plate of the background colour so it reads over the edges. Where numbers would crowd,
fewer are written (deltas beside only the neurons asked for, gradients on the first set of edges
that fits). The numbers shown are kept by key, so that later ones stay clear of them and any can
be faded out again. Each value is recorded through the scene's ``record`` as it is written, to
two significant digits (``scenes.decimals``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from manim import RIGHT, UP, Animation, DecimalNumber, FadeIn, FadeOut, MathTex, Mobject, VGroup

from scenes import theme
from scenes.decimals import significant_decimals
from scenes.mobjects.edge_labels import place_on_edges, plated
from scenes.mobjects.network_diagram import NetworkDiagram

NUMBER_SIZE = theme.TYPE.small   # numbers beside neurons and on edges
MIN_LABEL_RADIUS = 0.18          # below this neuron radius, numbers beside every neuron would crowd
LINE_ROOM = 0.36                 # between two neurons of a column: one line of numbers

Edge = tuple[int, int, int]      # nnmath layer, from neuron i to neuron j
Record = Callable[[str, float], tuple[float, int]]


class GradientNumbers:
    """The ``deltas`` (one array per nnmath layer) and weight gradients ``dW`` of one step on
    ``diagram``. ``record(key, value)`` records a value at its facts key within the step
    (``deltas[0][1]``, ``dW[1][2][0]``) as shown and returns (shown value, decimals).
    ``shown`` maps a key (("delta", layer, i) or ("dW", layer, i, j)) to its plated label."""

    def __init__(self, diagram: NetworkDiagram, deltas: Sequence[np.ndarray],
                 dW: Sequence[np.ndarray], *, record: Record, palette: theme.Palette) -> None:
        self.diagram, self.deltas, self.dW = diagram, deltas, dW
        self.record = record
        self.palette = palette
        self.shown: dict[tuple, VGroup] = {}

    def fit_beside(self, layer: int) -> bool:
        """Whether a number fits beside every drawn neuron of ``layer`` (diagram layers):
        neurons large enough and a gap between them for one line of text."""
        neurons, radius = self.diagram.layer_group(layer), self.diagram.radius
        if radius < MIN_LABEL_RADIUS:
            return False
        if len(neurons) < 2:
            return True
        pitch = abs(neurons[0].get_center()[1] - neurons[1].get_center()[1])
        return pitch - 2 * radius >= LINE_ROOM

    def delta_labels(self, layer: int, always: Sequence[int] = ()) -> dict[tuple, VGroup]:
        """δ = value just above the drawn neurons of ``layer`` (diagram layers) where numbers
        fit beside them all, else only above ``always``: in the strip between a column's neurons
        that no edge crosses, clear of the numbers on the edges."""
        color = self.palette.gradient
        labels = {}
        for i in self.diagram.drawn_indices(layer) if self.fit_beside(layer) else always:
            value, decimals = self.record(f"deltas[{layer - 1}][{i}]", self.deltas[layer - 1][i])
            label = VGroup(MathTex(r"\delta =", font_size=NUMBER_SIZE + 2, color=color),
                           DecimalNumber(value, num_decimal_places=decimals,
                                         font_size=NUMBER_SIZE, color=color))
            plate = plated(label.arrange(RIGHT, buff=0.06), self.palette.background)
            labels[("delta", layer, i)] = plate.set_z_index(1).next_to(
                self.diagram.neuron(layer, i), UP, buff=0.04)
        return labels

    def gradient_labels(self, *choices: Sequence[Edge], avoid: Iterable[Mobject] | None = None
                        ) -> tuple[Sequence[Edge], dict[tuple, VGroup]]:
        """dL/dw on the first of the ``choices`` of edges whose numbers all fit, clear of
        ``avoid`` (by default the numbers shown), and those edges; no labels (and the last
        choice) if none fits. Only the numbers placed are recorded."""
        avoid = list(self.shown.values()) if avoid is None else list(avoid)
        for edges in choices:
            values = {edge: self.dW[edge[0]][edge[1], edge[2]] for edge in edges}
            numbers = {edge: DecimalNumber(round(value, significant_decimals(value)),
                                           num_decimal_places=significant_decimals(value),
                                           font_size=NUMBER_SIZE, color=self.palette.gradient)
                       for edge, value in values.items()}
            placed = place_on_edges(self.diagram, numbers, background=self.palette.background,
                                    avoid=avoid)
            if placed is not None:
                for (layer, i, j), value in values.items():
                    self.record(f"dW[{layer}][{i}][{j}]", value)
                return edges, {("dW", *edge): label for edge, label in zip(edges, placed)}
        return edges, {}

    def gradients_making_room(self, edges: Sequence[Edge], layer: int, keep: int
                              ) -> tuple[dict[tuple, VGroup], list[tuple]]:
        """dL/dw on ``edges``; if they do not fit, with room made by the deltas shown in
        ``layer`` (diagram layers) but neuron ``keep``'s: the labels (none if even then they do
        not fit) and the keys of the deltas to hide for them (none if there was room)."""
        _, labels = self.gradient_labels(edges)
        if labels:
            return labels, []
        hide = [key for key in self.shown if key[:2] == ("delta", layer) and key[2] != keep]
        _, labels = self.gradient_labels(edges, avoid=[label for key, label in self.shown.items()
                                                       if key not in hide])
        return labels, hide

    def flowing(self, edges: Sequence[Edge]) -> list[Animation]:
        """The edges turn the gradient colour: gradients are flowing through them."""
        return [self.diagram.edge(*edge).animate.set_stroke(color=self.palette.gradient)
                for edge in edges]

    def show(self, labels: dict[tuple, VGroup]) -> list[Animation]:
        """Fade in ``labels``, remembering them to keep clear of and to fade later."""
        self.shown.update(labels)
        return [FadeIn(label) for label in labels.values()]

    def hide(self, keys: Sequence[tuple] | None = None) -> list[Animation]:
        """Fade out the numbers with these keys (all of them by default)."""
        keys = list(self.shown) if keys is None else keys
        return [FadeOut(self.shown.pop(key)) for key in keys]
