"""Copies of SVG-built mobjects share their parsed path and are otherwise whole copies."""

from __future__ import annotations

import numpy as np
from manim import Text

import scenes.base  # noqa: F401  (importing the scene kit makes copies share parsed paths)


def test_a_copy_shares_the_parsed_path_and_owns_its_points():
    text = Text("wx + b")
    copy = text.copy()
    originals, copies = text.family_members_with_points(), copy.family_members_with_points()
    assert len(originals) == len(copies) > 0
    for original, copied in zip(originals, copies):
        assert copied.path_obj is original.path_obj
        assert copied is not original and copied.points is not original.points
        np.testing.assert_array_equal(copied.points, original.points)
    copy.shift([1, 0, 0])
    assert not np.allclose(copy.get_center(), text.get_center())
