"""The render mark stays true: a test that uses a rendering fixture without it stops the
collection, naming the test; with the mark, or without such a fixture, it is collected."""

from __future__ import annotations

import pytest

from tests.conftest import pytest_collection_modifyitems


class Item:
    def __init__(self, nodeid: str, fixturenames: list[str], marked: bool) -> None:
        self.nodeid, self.fixturenames, self.marked = nodeid, fixturenames, marked

    def get_closest_marker(self, name: str):
        return object() if self.marked and name == "render" else None


def test_an_unmarked_test_on_the_shared_scene_render_stops_the_collection():
    items = [Item("a::marked", ["rendered", "scene_renders"], True),
             Item("b::unmarked", ["rendered", "scene_renders", "data"], False)]
    with pytest.raises(pytest.UsageError, match="b::unmarked") as caught:
        pytest_collection_modifyitems(None, items)
    assert "a::marked" not in str(caught.value)


def test_marked_tests_and_tests_without_rendering_fixtures_are_collected():
    items = [Item("a::marked", ["tiny_lecture"], True), Item("c::quick", ["data"], False)]
    assert pytest_collection_modifyitems(None, items) is None
