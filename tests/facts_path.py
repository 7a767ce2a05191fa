"""Paths into the lecture's facts (``nnlecture facts``), the keys under which scenes record
every number they show: ``forward_example.activations[1][0]``, ``training.snapshots[3].epoch``,
``descent.bowl_path.values[-1]``; a trailing `` %`` means the screen shows 100 × the fact."""

from __future__ import annotations

import re

STEP = re.compile(r"\.?([A-Za-z_]\w*)|\[(-?\d+)\]")
PERCENT = " %"


def split(key: str) -> tuple[str, float]:
    """(path, scale) of a recorded key: scale 100 for a percentage, else 1."""
    return (key[: -len(PERCENT)], 100.0) if key.endswith(PERCENT) else (key, 1.0)


def lookup(facts, path: str):
    """The value at ``path`` in ``facts``; KeyError naming the path if it does not exist."""
    node, position = facts, 0
    for match in STEP.finditer(path):
        if match.start() != position:
            break
        name, index = match.groups()
        try:
            node = node[name] if name is not None else node[int(index)]
        except (KeyError, IndexError, TypeError):
            raise KeyError(f"{path!r} is not in the facts (no {match.group(0)!r})") from None
        position = match.end()
    if position != len(path) or not path:
        raise KeyError(f"{path!r} is not a facts path")
    return node
