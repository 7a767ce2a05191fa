"""A NetworkDiagram filling a region of the frame: its neurons as large as the region allows,
less a brace's room above a hidden column too wide to draw whole, and kept inside the region."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from scenes import theme
from scenes.mobjects.network_diagram import NetworkDiagram

BRACE_ROOM = 0.6     # a brace with the true size above an elided hidden column


def diagram_in(region: theme.Region, layer_sizes: Sequence[int], weights: Sequence[np.ndarray],
               activations: Sequence[np.ndarray], *, palette: theme.Palette,
               max_neurons_shown: int = 8, **kwargs: Any) -> NetworkDiagram:
    """The network of ``layer_sizes`` with these weights and activations (NetworkDiagram's
    other options in ``kwargs``), its neurons filling ``region``."""
    elided = any(size > max_neurons_shown for size in layer_sizes[1:-1])
    diagram = NetworkDiagram(layer_sizes, weights, activations, palette=palette,
                             max_neurons_shown=max_neurons_shown, width=region.width,
                             height=region.height - (BRACE_ROOM if elided else 0), **kwargs)
    return region.clamp(diagram.move_to(region.center))
