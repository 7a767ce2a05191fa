"""Hypothesis strategies that draw whole lecture configs from every documented range.

``configs()`` draws a mapping shaped like ``lecture.toml`` (every key of README's config block),
valid by construction: ``parse_config`` accepts every config it draws. The ranges come from
``nnmath.config``'s bounds, so the strategy follows them when they change. Building a config
costs about ``epochs × n_samples`` per network trained; tests that build or render many drawn
configs pass a smaller ``max_sample_epochs`` (and ``max_samples``) to stay fast, which narrows
only those two keys. Keys without an upper bound draw from a span that shows their effect:
``data.noise`` from [0, 1], ``network.init_scale`` from [0.001, 10], ``training.learning_rate``
from [1e-4, 100] (high enough to make training diverge).
"""

from __future__ import annotations

import math

from hypothesis import strategies as st

from nnmath.config import (
    HIDDEN_ACTIVATIONS,
    MAX_COMPARED,
    MAX_EPOCHS,
    MAX_HIDDEN_LAYERS,
    MAX_LAYER_WIDTH,
    MAX_SAMPLE_EPOCHS,
    MAX_SAMPLES,
    MAX_SNAPSHOTS,
    QUIZ_PLACES,
    THEMES,
    parse_config,
)
from nnmath.datasets import DATASETS
from nnmath.losses import LOSSES, REDUCTIONS
from nnmath.network import INIT_SCHEMES
from scripts.settings import SYNTHETIC_VOICES, VOICES

MIN_SAMPLES = 10
GRID_RESOLUTIONS = (10, 300)


def _log_uniform(low: float, high: float) -> st.SearchStrategy[float]:
    """Positive numbers spread evenly over orders of magnitude (learning rates, scales)."""
    return st.floats(math.log10(low), math.log10(high)).map(lambda e: float(f"{10 ** e:.3g}"))


def _open_unit() -> st.SearchStrategy[float]:
    """A number strictly between 0 and 1, with the ends' neighbourhoods as likely as the middle."""
    return st.floats(0.001, 0.999).map(lambda v: round(v, 3))


@st.composite
def _data(draw, max_samples: int) -> dict:
    n_samples = draw(st.integers(MIN_SAMPLES, max_samples))
    # test_size must leave at least 2 training samples (the test set takes ceil(t * n)).
    test_size = draw(_open_unit().filter(lambda t: n_samples - math.ceil(t * n_samples) >= 2))
    return {
        "name": draw(st.sampled_from(DATASETS)),
        "n_samples": n_samples,
        "noise": draw(st.one_of(st.just(0.0), st.floats(0.0, 1.0).map(lambda v: round(v, 3)))),
        "test_size": test_size,
        "standardize": draw(st.booleans()),
    }


def _widths() -> st.SearchStrategy[int]:
    """A hidden layer's size, as in network.layers and lecture.hidden_sizes."""
    return st.integers(1, MAX_LAYER_WIDTH)


@st.composite
def _network(draw) -> dict:
    hidden = draw(st.lists(_widths(), min_size=1, max_size=MAX_HIDDEN_LAYERS))
    return {
        "layers": [2, *hidden, 1],
        "activation": draw(st.sampled_from(HIDDEN_ACTIVATIONS)),
        "leaky_slope": draw(_open_unit()),
        "init": draw(st.sampled_from(INIT_SCHEMES)),
        "init_scale": draw(_log_uniform(0.001, 10.0)),
    }


@st.composite
def _training(draw, n_samples: int, max_sample_epochs: int) -> dict:
    epochs = draw(st.integers(1, min(MAX_EPOCHS, max_sample_epochs // n_samples)))
    training = {
        "loss": draw(st.sampled_from(LOSSES)),
        "reduction": draw(st.sampled_from(REDUCTIONS)),
        "learning_rate": draw(_log_uniform(1e-4, 100.0)),
        "epochs": epochs,
    }
    if draw(st.booleans()):  # else the default snapshots, derived from epochs
        count = min(MAX_SNAPSHOTS, epochs + 1)
        training["snapshots"] = sorted(
            draw(st.sets(st.integers(0, epochs), min_size=1, max_size=count))
        )
    return training


@st.composite
def _lecture(draw, n_test: int) -> dict:
    return {
        "example_index": draw(st.one_of(st.just(0), st.just(n_test - 1), st.integers(0, n_test - 1))),
        "hidden_sizes": draw(st.lists(_widths(), min_size=1, max_size=MAX_COMPARED)),
        "grid_resolution": draw(st.integers(*GRID_RESOLUTIONS)),
        "theme": draw(st.sampled_from(THEMES)),
    }


def _voice(engines: tuple[str, ...]) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({
        "engine": st.sampled_from(engines),
        "recordings": st.sampled_from(["narration", "takes/teacher"]),
        "fallback": st.sampled_from(SYNTHETIC_VOICES),
    })


@st.composite
def configs(draw, *, max_sample_epochs: int = MAX_SAMPLE_EPOCHS, max_samples: int = MAX_SAMPLES,
            voices: tuple[str, ...] = VOICES, clusters: tuple[str, ...] = ("",)) -> dict:
    """A valid ``lecture.toml`` mapping with every key drawn from its documented range
    (``training.epochs × data.n_samples`` at most ``max_sample_epochs``; ``voice.engine`` one
    of ``voices``: a test that renders may want ``("none",)``; ``render.cluster`` one of
    ``clusters``, by default this machine)."""
    data = draw(_data(min(max_samples, max_sample_epochs)))
    n_test = math.ceil(data["test_size"] * data["n_samples"])
    mapping = {
        "seed": draw(st.one_of(st.just(42), st.integers(0, 2**32 - 1))),
        "data": data,
        "network": draw(_network()),
        "training": draw(_training(data["n_samples"], max_sample_epochs)),
        "lecture": draw(_lecture(n_test)),
        "voice": draw(_voice(voices)),
        "render": {"cluster": draw(st.sampled_from(clusters))},
        "course": {"mastery_score": draw(st.integers(0, 100)),
                   "quiz": draw(st.sampled_from(QUIZ_PLACES))},
    }
    parse_config(mapping)  # valid by construction; a ConfigError here is a bug in the strategy
    return mapping
