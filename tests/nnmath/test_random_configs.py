"""Random configs from every documented range: the lecture either builds, with numbers that an
independent re-training reproduces, or stops with the one line about its own network.

Hypothesis draws the configs (tests/config_strategies.py) derandomized, so every run, in CI or
not, tries the same examples. Training is re-done here by ``reference_train``, written for this
test in the plainest numpy: forward layer by layer, the chain rule backwards, one update per
epoch. It shares no code with nnmath's training loop (only the data set and the initial weights
come from the build).
"""

from __future__ import annotations

import json
import tomllib

import numpy as np
from hypothesis import HealthCheck, given, settings

from nnmath.config import LectureConfig, config_to_dict, parse_config
from nnmath.datasets import make_dataset
from nnmath.errors import TrainingDiverged
from nnmath.lecture_data import LectureData
from nnmath.network import init_params
from scripts.settings import settings_to_dict
from tests.config_strategies import configs
from tests.nnmath.test_config import readme_config_block

EXAMPLES = 16   # derandomized: the same 16 draws every run (40 took 44 s, most of `-m "not render"`)
# Keeps each example's training small: the test checks correctness across the ranges; what the
# bounds cost is measured separately (README, "Changing the lecture").
SAMPLE_EPOCHS = 12_000
MAX_SAMPLES = 400
WEIGHT_RTOL = 1e-6
NUDGE = 1e-12  # relative change of the initial weights that measures how training amplifies rounding


def _hidden(name, slope):
    """g and g' (of the pre-activation z) for a hidden activation."""
    if name == "sigmoid":
        s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
        return s, lambda z: s(z) * (1 - s(z))
    if name == "tanh":
        return np.tanh, lambda z: 1 - np.tanh(z) ** 2
    if name == "relu":
        return lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)
    if name == "leaky_relu":
        return lambda z: np.where(z > 0, z, slope * z), lambda z: np.where(z > 0, 1.0, slope)
    assert name == "linear"
    return lambda z: z, lambda z: np.ones_like(z)


def _forward(Ws, bs, X, g):
    """Every layer's pre-activation and activation; the output neuron is a sigmoid."""
    activations, zs = [X], []
    for layer, (W, b) in enumerate(zip(Ws, bs)):
        z = activations[-1] @ W + b
        zs.append(z)
        activations.append(1 / (1 + np.exp(-z)) if layer == len(Ws) - 1 else g(z))
    return zs, activations


def reference_train(params, dataset, activation, slope, loss, reduction, rate, epochs):
    """Full-batch gradient descent from ``params``: the final (Ws, bs) and whether any output (on
    the training or the test set, before each update and after the last) or weight stopped being
    finite on the way."""
    g, dg = _hidden(activation, slope)
    Ws = [np.array(W, dtype=float) for W, _ in params]
    bs = [np.array(b, dtype=float) for _, b in params]
    X, y = dataset.X_train, dataset.y_train.reshape(-1, 1).astype(float)
    diverged = False

    def test_output_finite():
        return np.all(np.isfinite(_forward(Ws, bs, dataset.X_test, g)[1][-1]))

    with np.errstate(all="ignore"):
        for _ in range(epochs):
            zs, acts = _forward(Ws, bs, X, g)
            a = acts[-1]
            diverged |= not (np.all(np.isfinite(a)) and test_output_finite())
            # dL/dz of the output: (a - y) a (1 - a) for ½(a - y)², a - y for cross-entropy
            delta = (a - y) * a * (1 - a) if loss == "mse" else a - y
            if reduction == "mean":
                delta = delta / len(X)
            grads = []
            for layer in range(len(Ws) - 1, -1, -1):
                grads.append((acts[layer].T @ delta, delta.sum(axis=0, keepdims=True)))
                if layer > 0:
                    delta = (delta @ Ws[layer].T) * dg(zs[layer - 1])
            for layer, (dW, db) in zip(range(len(Ws) - 1, -1, -1), grads):
                Ws[layer] = Ws[layer] - rate * dW
                bs[layer] = bs[layer] - rate * db
        diverged |= not all(np.all(np.isfinite(W)) and np.all(np.isfinite(b)) for W, b in zip(Ws, bs))
        diverged |= not (np.all(np.isfinite(_forward(Ws, bs, X, g)[1][-1])) and test_output_finite())
    return Ws, bs, diverged


def reference_accuracy(params, X, y, activation, slope):
    """The share of samples whose output is on their label's side of 0.5."""
    g, _ = _hidden(activation, slope)
    with np.errstate(all="ignore"):
        out = _forward([W for W, _ in params], [b for _, b in params], X, g)[1][-1][:, 0]
    return float(np.mean((out >= 0.5) == (y == 1)))


def _close_accuracy(got, want, n):
    """Equal, or one sample apart (an output within rounding of 0.5 may fall either side)."""
    return abs(got - want) <= 1 / n + 1e-12


def check_network(name, params, got, dataset, config, activation, rate):
    """``got`` (final params and accuracies of the network ``name``) against a re-training.

    Where training amplifies rounding (a large rate can make it chaotic), two correct
    implementations drift apart; how far is measured by re-training from weights nudged by
    NUDGE, and the comparison allows ten times that on top of WEIGHT_RTOL."""
    t, slope = config.training, config.network.leaky_slope

    def retrain(start):
        return reference_train(start, dataset, activation, slope, t.loss, t.reduction, rate, t.epochs)

    Ws, bs, diverged = retrain(params)
    assert not diverged, f"{name}: nnmath trained it, the re-training diverged"
    nudged_Ws, nudged_bs, _ = retrain([(W * (1 + NUDGE), b) for W, b in params])
    for layer, (W, b) in enumerate(got.params):
        scale = max(1.0, float(np.max(np.abs(Ws[layer]))), float(np.max(np.abs(bs[layer]))))
        drift = max(float(np.max(np.abs(Ws[layer] - nudged_Ws[layer]))),
                    float(np.max(np.abs(bs[layer] - nudged_bs[layer]))))
        atol = WEIGHT_RTOL * scale + 10 * drift
        assert np.allclose(W, Ws[layer], rtol=0, atol=atol), f"{name}: W[{layer}] (drift {drift:.1e})"
        assert np.allclose(b, bs[layer], rtol=0, atol=atol), f"{name}: b[{layer}] (drift {drift:.1e})"
    for got_accuracy, X, y in ((got.train_accuracy, dataset.X_train, dataset.y_train),
                               (got.test_accuracy, dataset.X_test, dataset.y_test)):
        want = reference_accuracy(got.params, X, y, activation, slope)
        assert _close_accuracy(got_accuracy, want, len(y)), f"{name}: accuracy {got_accuracy} != {want}"


def check_side_rate(name, params, network, dataset, config, activation):
    """A side network trains at the config's rate, or else at the first of its halvings that
    does not diverge: the rate before it (twice as large) must diverge."""
    t = config.training
    halvings = np.log2(t.learning_rate / network.learning_rate)
    assert halvings >= 0 and halvings == round(halvings), f"{name}: rate {network.learning_rate}"
    assert network.rate_lowered == (halvings > 0)
    if halvings > 0:
        *_, diverged = reference_train(
            params, dataset, activation, config.network.leaky_slope, t.loss, t.reduction,
            2 * network.learning_rate, t.epochs,
        )
        assert diverged, f"{name}: trained at {network.learning_rate:g}, yet twice that is stable"


def check_lecture(config):
    """The property: a build with reproducible numbers, or the lecture's own network's one line."""
    try:
        data = LectureData.build(config, cached=False)
    except TrainingDiverged as err:
        message = str(err)
        assert "\n" not in message
        assert message.startswith("the lecture's network: training diverged"), message
        t = config.training
        initial = _initial(config)
        *_, diverged = reference_train(
            initial, _dataset(config), config.network.activation, config.network.leaky_slope,
            t.loss, t.reduction, t.learning_rate, t.epochs,
        )
        assert diverged, f"nnmath stopped ({message}) but the re-training stays finite"
        return
    json.dumps(data.to_facts(), allow_nan=False)  # facts are plain, finite JSON
    rate = config.training.learning_rate
    check_network("the lecture's network", data.initial_params, data.trained, data.dataset, config,
                  config.network.activation, rate)
    linear = data.linearity_comparison.linear
    check_side_rate("the linear network", data.initial_params, linear, data.dataset, config, "linear")
    check_network("the linear network", data.initial_params, linear, data.dataset, config, "linear",
                  linear.learning_rate)
    for h, network in zip(config.lecture.hidden_sizes, data.hidden_size_comparison):
        params = _initial(config, (2, h, 1))
        name = f"the {h}-hidden-neuron network"
        check_side_rate(name, params, network, data.dataset, config, config.network.activation)
        check_network(name, params, network, data.dataset, config, config.network.activation,
                      network.learning_rate)


def _initial(config, sizes=None):
    n = config.network
    return init_params(sizes or n.layers, n.init, config.seed, n.init_scale)


def _dataset(config):
    d = config.data
    return make_dataset(d.name, d.n_samples, d.noise, config.seed, d.test_size, d.standardize)


@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(configs(max_sample_epochs=SAMPLE_EPOCHS, max_samples=MAX_SAMPLES))
def test_random_configs_build_reproducible_numbers_or_stop_on_the_lectures_network(mapping):
    check_lecture(parse_config(mapping))


def test_the_lectures_own_divergence_is_the_one_line():
    check_lecture(parse_config({"network": {"activation": "relu"},
                                "training": {"learning_rate": 1e300, "epochs": 10}}))


def test_a_side_network_that_diverges_is_trained_at_the_first_stable_halving():
    config = parse_config({"data": {"n_samples": 100}, "network": {"activation": "relu", "init": "he"},
                           "training": {"learning_rate": 3.0, "epochs": 100, "loss": "bce"},
                           "lecture": {"hidden_sizes": [2, 8]}})
    check_lecture(config)
    linear = LectureData.build(config).linearity_comparison.linear
    assert linear.rate_lowered and linear.learning_rate == 0.75


def test_the_reference_is_the_lesson():
    """The re-training itself reproduces the lesson's default run (nnmath equals the notebook
    there to 1e-13, tests/nnmath/test_notebook.py), so it is a fair judge."""
    config = parse_config({"training": {"epochs": 300}})
    data = LectureData.build(config, cached=False)
    Ws, bs, diverged = reference_train(
        data.initial_params, data.dataset, "sigmoid", 0.01, "mse", "sum", 0.1, 300
    )
    assert not diverged
    for W, b, layer in zip(Ws, bs, data.final_params):
        assert np.allclose(W, layer.W, rtol=0, atol=1e-12) and np.allclose(b, layer.b, rtol=0, atol=1e-12)
    params = list(zip(Ws, bs))
    X, y = data.dataset.X_test, data.dataset.y_test
    assert reference_accuracy(params, X, y, "sigmoid", 0.01) == data.test_accuracy


def _keys(mapping, prefix=""):
    """Dotted keys of a TOML-shaped mapping: "seed", "data.name", ..."""
    return {key for name, value in mapping.items()
            for key in (_keys(value, f"{prefix}{name}.") if isinstance(value, dict) else [prefix + name])}


@settings(max_examples=20, derandomize=True, database=None)
@given(configs())
def test_the_strategy_draws_every_key_of_the_readme(mapping):
    documented = _keys(tomllib.loads(readme_config_block()))
    known = _keys(config_to_dict(LectureConfig())) | _keys(settings_to_dict())
    assert documented - {"training.snapshots"} <= _keys(mapping) <= known
