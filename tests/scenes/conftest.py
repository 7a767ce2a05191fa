"""Renders every registered scene once per config at 160x90, 5 fps, for the scene tests."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import manimpango
import pytest

from nnmath.config import load_config
from nnmath.lecture_data import LectureData
from scenes import base, registry
from layout import CONFIGS, render_one, wide_text_canvas

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5}
# Seconds each scene took to render at the tiny size (so the slowest start first).
EXPECTED_SECONDS = {"backprop": 10, "summary": 9, "gradient_descent": 8, "neuron": 5,
                    "activations": 5, "black_box": 4}
DEFAULT = "default"
# The layout config that also stands as "another config" for the tests that check that a scene
# follows its config (another data set, activation, network and hidden-size list).
OTHER = "wide"


def _text_as_at_full_size(monkeypatch) -> None:
    """Text laid out on a full-HD canvas, as in a real render (see ``wide_text_canvas``)."""
    monkeypatch.setattr(manimpango, "text2svg", wide_text_canvas(manimpango.text2svg))


def context_of(path) -> base.LectureContext:
    """The scenes' context of the config at ``path`` (None: defaults)."""
    return base.LectureContext.build(load_config(str(path) if path else None))


@pytest.fixture(scope="session")
def scene_contexts(tmp_path_factory) -> dict:
    """config name (the default or a layout config) -> (its LectureContext, its folder)."""
    folder = tmp_path_factory.mktemp("scenes")
    contexts = {DEFAULT: (context_of(None), folder / DEFAULT)}
    for name, text in CONFIGS.items():
        (folder / name).mkdir()
        (folder / name / "lecture.toml").write_text(text)
        contexts[name] = (context_of(folder / name / "lecture.toml"), folder / name)
    return contexts


@pytest.fixture(scope="session")
def scene_renders(scene_contexts) -> dict:
    """The one shared render of the scene tests, in one pool of two worker processes (longest
    first, so both cores stay busy): every scene of the default lecture as video, and of each
    layout config (tests/layout.py CONFIGS) as its last frame. config name -> slug ->
    (RenderedScene or None, LayoutCheck, render error or None)."""
    tasks = sorted(((name, slug) for name in scene_contexts for slug in registry.slugs()),
                   key=lambda task: -EXPECTED_SECONDS.get(task[1], 1) * (3 if task[0] == DEFAULT
                                                                          else 1))
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver"),
                             max_tasks_per_child=1) as pool:
        done = pool.map(render_one, [slug for _, slug in tasks],
                        [str(scene_contexts[name][1]) for name, _ in tasks],
                        [name != DEFAULT for name, _ in tasks], [TINY] * len(tasks),
                        [scene_contexts[name][0] for name, _ in tasks])
        found = dict(zip(tasks, done))
    return {name: {slug: found[name, slug] for slug in registry.slugs()}
            for name in scene_contexts}


def _results(renders: dict, name: str) -> dict:
    """slug -> RenderedScene of config ``name``; a scene that failed fails the test with its error."""
    failed = {slug: error for slug, (_, _, error) in renders[name].items() if error}
    if failed:
        pytest.fail(f"{name}: " + "; ".join(failed.values()), pytrace=False)
    return {slug: result for slug, (result, _, _) in renders[name].items()}


@pytest.fixture(scope="session")
def rendered(scene_renders) -> dict:
    """slug -> RenderedScene (video, captions, displayed numbers) for the default lecture."""
    return _results(scene_renders, DEFAULT)


@pytest.fixture(scope="session")
def other_config(scene_contexts, scene_renders) -> tuple:
    """(LectureData, slug -> RenderedScene) of another config (last frames only: the numbers a
    scene shows are fixed when it builds them)."""
    return scene_contexts[OTHER][0].data, _results(scene_renders, OTHER)


@pytest.fixture
def use_config(monkeypatch):
    """use(toml_text, folder): the context of that config, text laid out as at full size."""
    def use(text: str, folder) -> base.LectureContext:
        path = folder / "lecture.toml"
        path.write_text(text)
        _text_as_at_full_size(monkeypatch)
        return context_of(path)
    yield use


@pytest.fixture(scope="session")
def data():
    return LectureData.build(load_config(None))


@pytest.fixture(scope="session")
def check_numbers():
    """check(slug, shown, want): the scene showed only known numbers, each equal to ``want``."""
    def check(slug: str, shown: dict, want: dict) -> None:
        assert shown, f"{slug} recorded no numbers"
        unknown = set(shown) - set(want)
        assert not unknown, f"{slug} shows numbers the test does not know: {sorted(unknown)}"
        for key, value in shown.items():
            assert value == pytest.approx(want[key], abs=1e-9), f"{slug}: {key}"
    return check
