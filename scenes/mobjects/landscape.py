"""Drawing a function of two variables from nnmath's sampled Grid: a 3-D surface and its level
lines. Both use the grid's own samples, so what is drawn is exactly what nnmath computed.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
from manim import CapStyleType, Surface, ThreeDAxes, VGroup, VMobject

MAX_CELLS = 24  # Cairo draws every facet without depth sorting: keep surfaces modest


def _sample(count: int, max_cells: int) -> np.ndarray:
    """Indices of at most ``max_cells`` + 1 evenly spread samples, both ends included."""
    step = -(-(count - 1) // max_cells)
    return np.unique(np.r_[np.arange(0, count, step), count - 1])


def grid_surface(axes: ThreeDAxes, grid, colorscale: Sequence[tuple[str, float]], *,
                 max_cells: int = MAX_CELLS, **kwargs) -> Surface:
    """The grid as a surface of height ``grid.values`` in ``axes``, coloured by height.

    The surface's (u, v) are sample indices, so every vertex is one of the grid's points; a
    grid finer than ``max_cells`` is drawn from every k-th sample.
    """
    cols, rows = _sample(len(grid.xs), max_cells), _sample(len(grid.ys), max_cells)

    def vertex(u: float, v: float) -> np.ndarray:
        i, j = rows[int(round(v))], cols[int(round(u))]
        return axes.c2p(grid.xs[j], grid.ys[i], grid.values[i, j])

    kwargs.setdefault("checkerboard_colors", False)
    surface = Surface(vertex, u_range=(0, len(cols) - 1), v_range=(0, len(rows) - 1),
                      resolution=(len(cols) - 1, len(rows) - 1), **kwargs)
    return surface.set_fill_by_value(axes, colorscale=list(colorscale), axis=2)


def level_segments(grid, level: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Marching squares: where the grid, linearly interpolated along cell edges, crosses
    ``level``, as segments in data coordinates (one or two per crossed cell)."""
    xs, ys, values = grid.xs, grid.ys, grid.values
    segments = []
    for i in range(len(ys) - 1):
        for j in range(len(xs) - 1):
            corners = [(xs[j], ys[i], values[i, j]), (xs[j + 1], ys[i], values[i, j + 1]),
                       (xs[j + 1], ys[i + 1], values[i + 1, j + 1]), (xs[j], ys[i + 1], values[i + 1, j])]
            crossings = []
            for (xa, ya, va), (xb, yb, vb) in zip(corners, corners[1:] + corners[:1]):
                if (va < level) != (vb < level):
                    t = (level - va) / (vb - va)
                    crossings.append((xa + t * (xb - xa), ya + t * (yb - ya)))
            segments += zip(crossings[0::2], crossings[1::2])
    return segments


class ContourLines(VGroup):
    """One line per level of ``grid`` (levels the grid never crosses are left out), placed by
    ``to_point(x, y)`` and stroked in the matching colour of ``colors``."""

    def __init__(self, grid, levels: Sequence[float], to_point: Callable[[float, float], np.ndarray],
                 colors: Sequence[str], stroke_width: float = 2.0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.levels = []
        for level, color in zip(levels, colors):
            line = VMobject(stroke_color=color, stroke_width=stroke_width,
                            cap_style=CapStyleType.ROUND)
            for a, b in level_segments(grid, level):
                line.start_new_path(to_point(*a))
                line.add_line_to(to_point(*b))
            if line.has_points():
                self.add(line)
                self.levels.append(float(level))
