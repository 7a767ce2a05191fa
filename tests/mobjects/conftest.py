"""The golden-frame fixture of the mobject tests (see golden.py)."""

from __future__ import annotations

import pytest
from golden import check, last_frame


@pytest.fixture
def golden(request, tmp_path):
    """golden(construct): the last frame of the scene ``construct`` builds matches the control
    data named after the test (written instead with ``--set_test``)."""
    def compare(construct) -> None:
        frame = last_frame(construct, tmp_path / "media")
        check(request.node.name.removeprefix("test_"), frame,
              write=request.config.getoption("--set_test"), out_dir=tmp_path)
    return compare
