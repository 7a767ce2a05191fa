"""The lecture's one rule for how many decimals a number gets on screen.

Two decimals, as the lesson writes its numbers; a smaller value (an untrained network's
gradients, a loss near its minimum) gets two significant digits instead, so it never reads 0.00.
A worked sum writes its terms with ``nnmath.verdicts.adding_decimals``, so that it checks.
"""

from __future__ import annotations

import math

FEWEST = 2
MOST = 6


def significant_decimals(value: float, digits: int = 2) -> int:
    """Decimals that show ``value`` to ``digits`` significant digits: at least 2, at most 6."""
    if value == 0 or not math.isfinite(value):
        return FEWEST
    return int(min(MOST, max(FEWEST, digits - 1 - math.floor(math.log10(abs(value))))))


def change_decimals(before: float, after: float) -> int:
    """Decimals for a before → after pair: both to two significant digits, and enough for the
    change between them to show."""
    return max(significant_decimals(before), significant_decimals(after),
               significant_decimals(after - before, digits=1))
