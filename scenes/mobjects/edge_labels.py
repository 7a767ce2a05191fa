"""Numbers written on a NetworkDiagram's edges, placed only where they can be read.

A label sits on its edge on a small plate of the background colour, so it reads over the edges it
crosses. Each label tries a few positions along its edge and takes the first that overlaps no
neuron, no label placed before it and nothing the caller asks it to avoid, preferring a position
where no other edge passes under it (which would make it look like that edge's number). If one
label finds no free position, the whole set is refused: the scene then says less (fewer labels,
or none) rather than something unreadable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from manim import Mobject, SurroundingRectangle, VGroup, VMobject

from scenes.mobjects.network_diagram import NetworkDiagram

# Positions along an edge, as fractions from its start (the left neuron), in order of preference.
FRACTIONS = (0.5, 0.38, 0.62, 0.28, 0.72)
MARGIN = 0.05          # clear space kept around every label, in scene units
PLATE_OPACITY = 0.85
EDGE_SAMPLES = 60      # points per edge tested against a label's box


def _box(mobject: Mobject, margin: float) -> tuple[float, float, float, float]:
    left, right = mobject.get_left()[0], mobject.get_right()[0]
    bottom, top = mobject.get_bottom()[1], mobject.get_top()[1]
    return left - margin, right + margin, bottom - margin, top + margin


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _crosses(box: tuple[float, ...], points: np.ndarray) -> bool:
    """Whether any of ``points`` (an edge, sampled) lies inside ``box``."""
    x, y = points[:, 0], points[:, 1]
    return bool(np.any((box[0] < x) & (x < box[1]) & (box[2] < y) & (y < box[3])))


def place_on_edges(diagram: NetworkDiagram, labels: Mapping[tuple[int, int, int], VMobject], *,
                   background: str, avoid: Sequence[Mobject] = (),
                   fractions: Sequence[float] = FRACTIONS) -> VGroup | None:
    """Put ``labels[(layer, i, j)]`` on the edge from neuron i of ``layer`` to neuron j of
    ``layer + 1``, each on a plate of ``background``; returns the plates and labels as one
    VGroup per edge (in the order given), or None if some label fits nowhere or its edge is not
    drawn. The labels are moved; nothing is added to the scene."""
    taken = [_box(neuron, MARGIN) for column in diagram.neurons for neuron in column]
    taken += [_box(mobject, MARGIN) for mobject in avoid]
    samples = np.linspace(0, 1, EDGE_SAMPLES)[:, None]
    lines = {key: edge.get_start() + samples * (edge.get_end() - edge.get_start())
             for key, edge in ((key, diagram.edge(*key)) for key in _drawn_edges(diagram))}
    placed = VGroup()
    for key, label in labels.items():
        edge = diagram.edge(*key)
        if edge is None:
            return None
        start, end = edge.get_start(), edge.get_end()
        free = []         # positions clear of neurons and labels: (crossed, fraction, box)
        for fraction in fractions:
            label.move_to(start + fraction * (end - start))
            box = _box(label, MARGIN)
            if not any(_overlap(box, other) for other in taken):
                crossed = any(_crosses(box, points) for other, points in lines.items()
                              if other != key)
                free.append((crossed, fraction, box))
        if not free:
            return None
        _, fraction, box = min(free, key=lambda option: option[0])   # first uncrossed, if any
        label.move_to(start + fraction * (end - start))
        taken.append(box)
        placed.add(plated(label, background))
    return placed


def plated(label: Mobject, background: str) -> VGroup:
    """``label`` on a plate of the ``background`` colour, to read over the edges behind it."""
    plate = SurroundingRectangle(label, color=background, fill_color=background,
                                 fill_opacity=PLATE_OPACITY, stroke_width=0, buff=0.04,
                                 corner_radius=0.04)
    return VGroup(plate, label)


def _drawn_edges(diagram: NetworkDiagram) -> list[tuple[int, int, int]]:
    return [(layer, i, j) for layer in range(len(diagram.layer_sizes) - 1)
            for i in diagram.drawn_indices(layer) for j in diagram.drawn_indices(layer + 1)]
