"""Each thing once: a scene process renders from the one context it is handed (config, numbers,
voice) and builds no lecture data of its own."""

from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest

from lecture_helpers import TINY
from nnmath.config import load_config
from nnmath.lecture_data import LectureData
from scenes import base, theme
from scenes.base import LectureContext
from scenes.registry import SceneEntry
from scripts.render.clip import Job
from scripts.render.scene import quality_settings
from scripts.render.workers import run_jobs

MARKER = SceneEntry("says_marker", "context_test_scenes:SaysMarker", "Marker",
                    "Says a value of its lecture data.")


@pytest.mark.render
def test_a_scene_process_renders_from_the_context_it_is_handed(tmp_path):
    """The data handed in is no LectureData (a real build has no ``marker``): a worker that
    built its own would fail the scene instead of saying the marker."""
    context = LectureContext(load_config(None), SimpleNamespace(marker="handed in"))
    (tmp_path / "cache").mkdir()
    job = Job(MARKER, "key", render=True, formats=(), quality="draft", media_dir=tmp_path / "media",
              cache_dir=tmp_path / "cache",
              settings={**quality_settings("draft"), **TINY, "disable_caching": True},
              config_path=None, estimate=None, context=context)
    events = []
    run_jobs([job], 1, events.append)
    final = [event for event in events if event.kind in ("done", "failed")]
    assert [event.kind for event in final] == ["done"], final
    assert [line[2] for line in final[0].record.lines] == ["The data says: handed in."]


def test_the_lecture_context_pickles_whole_into_a_scene_process(monkeypatch):
    """A real context (config and numbers) crosses to a process as it is, and reading its
    numbers there builds nothing."""
    context = LectureContext.build(load_config(None))
    copy = pickle.loads(pickle.dumps(context))
    monkeypatch.setattr(LectureData, "build", classmethod(lambda cls, *a, **k: pytest.fail("built")))
    scene = base.LectureScene(context=copy)
    assert scene.data.to_facts() == context.data.to_facts()
    assert scene.context.config == context.config


def test_scenes_of_two_contexts_in_one_process_keep_their_own(tmp_path):
    """Nothing a scene renders from lives in a module global: a light and a dark scene built one
    after the other in one process each keep their own palette and numbers."""
    light = tmp_path / "lecture.toml"
    light.write_text('[lecture]\ntheme = "light"\n')
    first = base.LectureScene(context=LectureContext(load_config(None), SimpleNamespace(marker=1)))
    second = base.LectureScene(context=LectureContext(load_config(str(light)),
                                                      SimpleNamespace(marker=2)))
    assert (first.palette, first.data.marker) == (theme.DARK, 1)
    assert (second.palette, second.data.marker) == (theme.LIGHT, 2)
