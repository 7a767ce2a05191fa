"""Numbers written on a NetworkDiagram while the narration talks about them: a δ just above its
neuron, gradients on their edges (``edge_labels.place_on_edges``), each on a plate of the
background colour so it reads over the edges. The numbers shown are kept by key, so that later
ones stay clear of them and any can be faded out again. The scene records every value it shows;
here they are only drawn, to two significant digits (``scenes.decimals``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from manim import RIGHT, UP, Animation, DecimalNumber, FadeIn, FadeOut, MathTex, Mobject, VGroup

from scenes import theme
from scenes.decimals import significant_decimals
from scenes.mobjects.edge_labels import place_on_edges, plated
from scenes.mobjects.network_diagram import NetworkDiagram

NUMBER_SIZE = theme.TYPE.small   # numbers beside neurons and on edges
MIN_LABEL_RADIUS = 0.18          # below this neuron radius, numbers beside every neuron would crowd
LINE_ROOM = 0.36                 # between two neurons of a column: one line of numbers

Edge = tuple[int, int, int]      # nnmath layer, from neuron i to neuron j


class DiagramNumbers:
    """The numbers on ``diagram``: ``shown`` maps a key (("delta", layer, i) or ("dW", layer, i,
    j)) to its plated label. ``delta`` and ``on_edges`` build labels; ``show`` and ``hide``
    return their animations and keep ``shown`` up to date."""

    def __init__(self, diagram: NetworkDiagram, palette: theme.Palette) -> None:
        self.diagram = diagram
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

    def delta(self, layer: int, i: int, value: float, decimals: int) -> VGroup:
        """δ = ``value`` (as displayed) just above neuron i of ``layer``: in the strip between a
        column's neurons that no edge crosses, clear of the numbers on the edges."""
        color = self.palette.gradient
        label = VGroup(MathTex(r"\delta =", font_size=NUMBER_SIZE + 2, color=color),
                       DecimalNumber(value, num_decimal_places=decimals, font_size=NUMBER_SIZE,
                                     color=color)).arrange(RIGHT, buff=0.06)
        return plated(label, self.palette.background).set_z_index(1).next_to(
            self.diagram.neuron(layer, i), UP, buff=0.04)

    def on_edges(self, values: Mapping[Edge, float],
                 avoid: Iterable[Mobject] | None = None) -> dict[tuple, VGroup] | None:
        """The gradients ``values`` on their edges, clear of ``avoid`` (by default the numbers
        shown); None if they would not all fit."""
        numbers = {edge: DecimalNumber(round(value, significant_decimals(value)),
                                       num_decimal_places=significant_decimals(value),
                                       font_size=NUMBER_SIZE, color=self.palette.gradient)
                   for edge, value in values.items()}
        avoid = list(self.shown.values()) if avoid is None else list(avoid)
        placed = place_on_edges(self.diagram, numbers, background=self.palette.background,
                                avoid=avoid)
        return None if placed is None else {("dW", *edge): label
                                            for edge, label in zip(values, placed)}

    def show(self, labels: Mapping[tuple, VGroup]) -> list[Animation]:
        """Fade in ``labels``, remembering them to keep clear of and to fade later."""
        self.shown.update(labels)
        return [FadeIn(label) for label in labels.values()]

    def hide(self, keys: Sequence[tuple] | None = None) -> list[Animation]:
        """Fade out the numbers with these keys (all of them by default)."""
        keys = list(self.shown) if keys is None else keys
        return [FadeOut(self.shown.pop(key)) for key in keys]
