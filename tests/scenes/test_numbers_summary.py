"""The summary quotes the network's final test accuracy: the lesson's 97.5 % by default (that
every number shown is the facts' is checked for all scenes in test_facts_shown.py)."""

import pytest

pytestmark = pytest.mark.render


def test_summary_quotes_the_lessons_accuracy(rendered):
    shown = rendered["summary"].displayed
    assert shown["training.final_test_accuracy %"] == 97.5
    assert [shown[f"network.layer_sizes[{k}]"] for k in range(3)] == [2, 4, 1]


def test_summary_numbers_its_points_as_the_title_card_numbers_its_chapters(rendered):
    """The list shows the registry's chapter numbers (the title card's), not its own count, and
    quotes the black box's real sample and the parameter count."""
    from scenes import registry

    shown = rendered["summary"].displayed
    chapters = [entry.slug for entry in registry.chapters()]
    assert chapters.index("applications") + 1 == 11
    assert shown["network.parameters.total"] == 17
    assert [shown[f"forward_example.x[{k}]"] for k in range(2)] == [2.14, 0.30]
