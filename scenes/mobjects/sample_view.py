"""The trained network at work on a test point: the network on the left, dark until a sample goes
through, and on the right the decision map with its caption above and the network's verdict on the
point below; before the map comes, the network spans the whole content width. Weight values go on
the edges of every layer whose edges can all be read."""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import DOWN, UP, DecimalNumber, Text, VGroup

from scenes import theme
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.edge_labels import place_on_edges
from scenes.mobjects.fitted_diagram import diagram_in
from scenes.mobjects.network_diagram import NetworkDiagram

SAMPLE_DIAGRAM = theme.Region(theme.CONTENT.left, 1.0, theme.CONTENT.bottom + 0.05,
                              theme.CONTENT.top - 0.3)
WIDE_SAMPLE_DIAGRAM = theme.Region(theme.CONTENT.left, theme.CONTENT.right, SAMPLE_DIAGRAM.bottom,
                                   SAMPLE_DIAGRAM.top)
SAMPLE_PANEL = theme.Region(1.45, theme.CONTENT.right, theme.CONTENT.bottom, theme.CONTENT.top)
CAPTION_ROOM = 0.5           # the map's caption above it
VERDICT_ROOM = 1.25          # the two verdict lines under it
MAX_MINI_MAP_HEIGHT = 4.0
MAX_WEIGHT_LABELS = 8        # more numbers in one layer cannot be told apart from their edges


def sample_diagram(region: theme.Region, sizes: Sequence[int], weights: Sequence[np.ndarray],
                   activations: Sequence[np.ndarray], *, palette: theme.Palette) -> NetworkDiagram:
    """The network, dark (no sample yet), its neurons filling ``region`` (``diagram_in``)."""
    diagram = diagram_in(region, sizes, weights, activations, labels="values", palette=palette)
    diagram.neurons.set_fill(opacity=0.08)
    diagram.labels.set_opacity(0)
    return diagram


def weight_labels(diagram: NetworkDiagram, weights: Sequence[np.ndarray], *,
                  palette: theme.Palette) -> tuple[VGroup, list[tuple[int, int, int]]]:
    """The values of ``weights`` (one matrix per layer) on the diagram's edges, in the weight
    sign's colour, for every layer where all of them fit (the output layer's few edges first);
    and the (layer, i, j) of each weight shown."""
    labels, shown = VGroup(), []
    for layer in range(len(weights) - 1, -1, -1):
        edges = [(layer, i, j) for i in diagram.drawn_indices(layer)
                 for j in diagram.drawn_indices(layer + 1)]
        if len(edges) > MAX_WEIGHT_LABELS:
            continue
        numbers = {edge: DecimalNumber(round(float(weights[layer][edge[1:]]), 2),
                                       num_decimal_places=2, font_size=theme.TYPE.label,
                                       color=palette.of_weight(weights[layer][edge[1:]]))
                   for edge in edges}
        placed = place_on_edges(diagram, numbers, background=palette.background,
                                avoid=list(labels))
        if placed is not None:
            shown += edges
            labels.add(*placed)
    return labels, shown


def mini_map(values: np.ndarray, bounds: Sequence[float], *,
             palette: theme.Palette) -> DecisionMap:
    """The decision map as large as the panel holds between its caption's and the verdict's
    room."""
    p, panel = palette, SAMPLE_PANEL
    x0, x1, y0, y1 = bounds
    height = min(MAX_MINI_MAP_HEIGHT, panel.width / ((x1 - x0) / (y1 - y0)),
                 panel.height - CAPTION_ROOM - VERDICT_ROOM)
    dmap = DecisionMap(values, bounds, colors=(p.negative, p.positive), background=p.background,
                       frame_color=p.muted, height=height)
    middle = (panel.top - CAPTION_ROOM + panel.bottom + VERDICT_ROOM) / 2
    return dmap.move_to([panel.center[0], middle, 0])


def map_caption(text: str, dmap: DecisionMap, *, palette: theme.Palette) -> Text:
    """``text`` above the map, inside the frame."""
    return theme.FRAME.clamp(Text(text, font=theme.FONT, font_size=theme.TYPE.label,
                                  color=palette.muted).next_to(dmap, UP, buff=0.15))


def verdict_lines(point: str, predicted: str, color: str, dmap: DecisionMap, *,
                  palette: theme.Palette) -> VGroup:
    """What the test point is (in its class ``color``) over what the network predicts, under
    the map."""
    return VGroup(
        Text(point, font=theme.FONT, font_size=theme.TYPE.small, color=color),
        Text(predicted, font=theme.FONT, font_size=theme.TYPE.small, color=palette.text),
    ).arrange(DOWN, buff=0.2).next_to(dmap, DOWN, buff=0.45)
