"""Every number the course's quiz asks about is shown by its chapter's scene, with the quiz's
decimals and value (the quiz itself is tested in tests/lecture/test_course.py)."""

from __future__ import annotations

import pytest

from nnmath.quiz import Chapter, build_quiz
from scenes import registry

pytestmark = pytest.mark.render


def _chapters(rendered) -> list[Chapter]:
    """The default lecture's chapters on its timeline, from the shared render of its scenes."""
    chapters, start = [], 0.0
    for entry in registry.SCENES:
        result = rendered[entry.slug]
        lines = tuple((start + step.start, step.text) for step in result.steps)
        chapters.append(Chapter(entry.slug, entry.title, start, start + result.duration, lines))
        start += result.duration
    return chapters


def test_each_number_asked_is_shown_by_its_scene_at_the_quizs_decimals(rendered, data):
    numeric = [q for q in build_quiz(data, _chapters(rendered)) if q.facts_path is not None]
    assert len({q.chapter for q in numeric}) >= 5
    for question in numeric:
        result = rendered[question.chapter]
        key = question.facts_path + (" %" if question.scale == 100 else "")
        assert key in result.displayed, f"{question.chapter} does not show {key}"
        assert result.decimals[key] == question.decimals, key
        assert result.displayed[key] == pytest.approx(question.value, abs=1e-9), key
