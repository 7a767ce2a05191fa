"""Formulas set as a table: MathTex cells in aligned columns, one colour per column, so that a
rule's symbols, its factors and a sample's numbers stand under each other row by row (the chain
rule, then the same product in numbers), fitted to a region."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from manim import MathTex, VGroup

from scenes import theme

ROW_GAP = 0.9         # between the rows
COLUMN_GAP = 0.18     # between the columns


class FormulaTable(VGroup):
    """``rows[r][c]``: the TeX of column c in row r, or None to leave that cell empty; column c
    is drawn in ``colors[c]``. Each column is as wide as its widest cell, each cell centred in
    its column; the table is centred in ``region``, shrunk to fit it if needed.
    ``cells[r][c]`` is a cell (None where empty); ``row(r)`` groups a row's cells."""

    def __init__(self, rows: Sequence[Sequence[str | None]], colors: Sequence[str],
                 region: theme.Region, *, font_size: float, **kwargs: Any) -> None:
        cells = [[MathTex(tex, font_size=font_size, color=colors[c]) if tex else None
                  for c, tex in enumerate(row)] for row in rows]
        widths = [max(row[c].width for row in cells if row[c] is not None)
                  for c in range(len(colors))]
        heights = [max(cell.height for cell in row if cell is not None) for row in cells]
        x = 0.0
        for c, width in enumerate(widths):
            for r, row in enumerate(cells):
                if row[c] is not None:
                    row[c].move_to([x + width / 2, -sum(heights[:r]) - ROW_GAP * r, 0])
            x += width + COLUMN_GAP
        super().__init__(*(cell for row in cells for cell in row if cell is not None), **kwargs)
        self.cells = cells
        region.fit(self)

    def row(self, r: int) -> VGroup:
        """Row ``r``'s cells, its empty cells left out."""
        return VGroup(*(cell for cell in self.cells[r] if cell is not None))

