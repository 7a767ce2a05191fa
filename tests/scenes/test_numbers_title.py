"""The title card counts the lecture network's parameters up to their true total. (Every number
shown is also checked against the facts in test_facts_shown.py.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.render


def test_the_count_ends_at_the_networks_parameters(rendered, data):
    sizes = data.layer_sizes
    total = sum(a * b for a, b in zip(sizes, sizes[1:])) + sum(sizes[1:])
    assert rendered["title"].displayed == {"network.parameters.total": total}
