"""A trained network spread over the frame so that each hidden neuron can become a small map of
its own output over the input plane and the output neuron the decision map those maps add up to.

Each hidden map is scaled to its neuron's own range (tanh and ReLU outputs are not
probabilities, so one shared 0-to-1 scale would mislead): the range is written under a map where
there is room, else one key says so for all of them.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import DOWN, LEFT, PI, RIGHT, UP, Dot, SurroundingRectangle, Text, VGroup

from scenes import theme
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.heatmap import Heatmap, colorbar
from scenes.mobjects.network_diagram import NetworkDiagram

MAPS_TOP, MAPS_BOTTOM = theme.CONTENT.top, theme.FRAME.bottom   # the band the maps fill
MAP_SHARE = 0.9              # a neuron's map (with its range label) fills this much of the pitch
RANGE_LABEL_HEIGHT = 0.36    # a line of label text with its gap
MIN_MAP_HEIGHT = 0.6         # below this a map has no room for a range label beneath it
MAX_MAP_HEIGHT = 1.9
OUTPUT_MAP_HEIGHT = 2.3
MAX_OUTPUT_MAP_WIDTH = 3.6


def spread_diagram(sizes: Sequence[int], weights: Sequence[np.ndarray], aspect: float, *,
                   palette: theme.Palette) -> tuple[NetworkDiagram, float, bool]:
    """The network of ``sizes`` spread over the band, the output neuron where the decision map
    of ``aspect`` (width / height) fits at the right. Returns the diagram, the height of a
    hidden neuron's map and whether its range label fits beneath it."""
    probe = NetworkDiagram(sizes, labels=None, palette=palette)
    slots = max(len(probe.drawn_indices(layer)) + (size > len(probe.drawn_indices(layer)))
                for layer, size in enumerate(sizes))
    pitch = (MAPS_TOP - MAPS_BOTTOM) / (slots - 1 + MAP_SHARE)
    radius = min(0.35 * pitch, 0.4)
    out_width = min(OUTPUT_MAP_HEIGHT * aspect, MAX_OUTPUT_MAP_WIDTH)
    left, right = theme.FRAME.left + radius, theme.FRAME.right - out_width / 2
    gap = (right - left) / (len(sizes) - 1)
    widest = 0.6 * gap / aspect                    # maps must leave room for edges
    with_ranges = MAP_SHARE * pitch - RANGE_LABEL_HEIGHT >= MIN_MAP_HEIGHT
    room = MAP_SHARE * pitch - (RANGE_LABEL_HEIGHT if with_ranges else 0)
    map_height = min(room, widest, MAX_MAP_HEIGHT)
    diagram = NetworkDiagram(sizes, weights, labels="names", width=right - left + 2 * radius,
                             height=(slots - 1) * pitch + 2 * radius, neuron_radius=radius,
                             palette=palette)
    diagram.remove(diagram.braces)          # a brace would sit on the top map
    middle = (MAPS_TOP + MAPS_BOTTOM + (RANGE_LABEL_HEIGHT if with_ranges else 0)) / 2
    output = diagram.neuron(len(sizes) - 1, 0).get_center()
    diagram.shift(np.array([right, middle, 0]) - output)
    return diagram, map_height, with_ranges


def hidden_maps(diagram: NetworkDiagram, grids: Sequence, ranges: Sequence, bounds, *,
                height: float, aspect: float, palette: theme.Palette) -> dict:
    """A Heatmap of each drawn hidden neuron's output on it, keyed (layer, i): ``grids[l][i]``
    and ``ranges[l][i]`` are hidden layer l + 1's."""
    p = palette
    return {(layer, i): Heatmap(layer_grids[i].values, bounds, colors=(p.background, p.hidden),
                                value_range=ranges[layer - 1][i], width=height * aspect,
                                height=height, frame_color=p.hidden)
            .move_to(diagram.neuron(layer, i))
            for layer, layer_grids in enumerate(grids, start=1)
            for i in diagram.drawn_indices(layer)}


def output_map(values: np.ndarray, bounds, neuron, *, aspect: float,
               palette: theme.Palette) -> tuple[DecisionMap, Text]:
    """The decision map on the output ``neuron``, and its caption above it (inside the frame)."""
    p = palette
    height = min(OUTPUT_MAP_HEIGHT, MAX_OUTPUT_MAP_WIDTH / aspect)
    decision = DecisionMap(values, bounds, colors=(p.negative, p.positive),
                           background=p.background, frame_color=p.output, height=height)
    decision.move_to(neuron)
    caption = Text("the output: P(class 1)", font=theme.FONT, font_size=theme.TYPE.label,
                   color=p.output).next_to(decision, UP, buff=0.15)
    return decision, theme.FRAME.clamp(caption)


def scale_key(palette: theme.Palette) -> VGroup:
    """Where no range fits under the maps: a key to their shared colour ramp, in the
    bottom-left corner, below the inputs."""
    p = palette
    ramp = colorbar((p.background, p.hidden), width=0.22, height=2.4).rotate(-PI / 2)
    ramp.add(SurroundingRectangle(ramp, color=p.hidden, stroke_width=1.5, buff=0))
    ends = VGroup(*(Text(word, font=theme.FONT, font_size=theme.TYPE.label, color=p.muted)
                    for word in ("lowest", "highest")))
    ends[0].next_to(ramp, DOWN, buff=0.1).align_to(ramp, LEFT)
    ends[1].next_to(ramp, DOWN, buff=0.1).align_to(ramp, RIGHT)
    title = Text("each map: its own\nneuron's range", font=theme.FONT,
                 font_size=theme.TYPE.label, color=p.muted, line_spacing=0.8)
    title.next_to(ramp, UP, buff=0.12).align_to(ramp, LEFT)
    key = VGroup(title, ramp, ends)
    return key.move_to([theme.FRAME.left, MAPS_BOTTOM, 0], aligned_edge=DOWN + LEFT)


def example_dots(examples: Sequence, on, *, palette: theme.Palette) -> VGroup:
    """The class examples as dots in their class colour on a map (anything with
    ``coords_to_point``), ringed so they read on any colour."""
    p = palette
    radius = float(np.clip(0.05 * on.height, 0.045, 0.08))
    return VGroup(*(Dot(on.coords_to_point(*example.x), radius=radius,
                        color=p.of_class(example.label),
                        stroke_color=p.highlight, stroke_width=1.5)
                    for example in examples))
