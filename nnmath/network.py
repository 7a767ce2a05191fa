"""A fully connected network: parameters, forward pass and backpropagation.

Conventions (the lesson's): a row of X is one sample, layer l maps activations[l] to
activations[l + 1] by z = a_prev @ W + b with W of shape (n_in, n_out) and b of shape
(1, n_out). Hidden layers share one activation; the single output neuron is always a sigmoid,
read as P(class 1).
"""

from typing import NamedTuple

import numpy as np

from nnmath.activations import as_activation, sigmoid
from nnmath.errors import NNMathError
from nnmath.losses import check_loss, output_delta

INIT_SCHEMES = ("lesson", "glorot", "he")


class Layer(NamedTuple):
    """Weights W (n_in, n_out) and biases b (1, n_out) of one layer."""

    W: np.ndarray
    b: np.ndarray


class Trace(NamedTuple):
    """Everything a forward pass computed, kept for backpropagation and for display.

    ``zs[l]`` (n, n_out) is layer l's pre-activation; ``activations[0]`` is X and
    ``activations[l + 1]`` = g(zs[l]). ``activations[-1]`` (n, 1) is the network's output.
    """

    zs: list
    activations: list

    @property
    def output(self):
        return self.activations[-1]


class Gradients(NamedTuple):
    """dL/dW and dL/db of every layer (shapes of W and b) and the per-neuron deltas
    dL/dz (n, n_out) of every layer, L being the reduced loss."""

    dW: list
    db: list
    deltas: list


def check_layer_sizes(layer_sizes):
    """``layer_sizes`` as a list of ints, or NNMathError: at least 2 entries, each >= 1."""
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise NNMathError(
            f"layer_sizes = {sizes} is invalid: needs an input and an output size, e.g. [2, 4, 1]"
        )
    for size in sizes:
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
            raise NNMathError(
                f"layer_sizes = {sizes} is invalid: every layer needs an integer number of neurons >= 1"
            )
    return [int(size) for size in sizes]


class ParameterCounts(NamedTuple):
    """How many numbers training adjusts: per layer l (1 = the first after the inputs) the shape
    (n_in, n_out) of W and its count of weights, and its biases (one per neuron); their total."""

    weight_shapes: list
    weights: list
    biases: list
    total: int


def parameter_counts(layer_sizes):
    """The ParameterCounts of a fully connected network with these sizes (inputs first)."""
    sizes = check_layer_sizes(layer_sizes)
    shapes = [(n_in, n_out) for n_in, n_out in zip(sizes, sizes[1:])]
    weights = [n_in * n_out for n_in, n_out in shapes]
    biases = sizes[1:]
    return ParameterCounts(shapes, weights, biases, sum(weights) + sum(biases))


def init_params(layer_sizes, scheme="lesson", rng_seed=42, scale=0.1):
    """Fresh parameters for a network of ``layer_sizes`` (inputs first).

    * "lesson": ``RandomState(rng_seed)``, then ``randn(n_in, n_out) * scale`` per layer in
      order, zero biases: the lesson's ``np.random.seed(42); randn(2, 4) * 0.1; randn(4, 1) * 0.1``.
    * "glorot": uniform in ±sqrt(6 / (n_in + n_out)) (scikit-learn's bound), zero biases.
    * "he": normal with standard deviation sqrt(2 / n_in), zero biases.

    ``scale`` applies to "lesson" only. A private generator is used: never numpy's global RNG,
    which Manim reseeds.
    """
    sizes = check_layer_sizes(layer_sizes)
    if scheme not in INIT_SCHEMES:
        raise NNMathError(f"init = {scheme!r} is unknown: choose one of {', '.join(INIT_SCHEMES)}")
    if not np.isfinite(scale) or scale <= 0:
        raise NNMathError(f"init_scale = {scale!r} is invalid: must be a positive number")
    if scheme == "lesson":
        rng = np.random.RandomState(rng_seed)
        draw = lambda n_in, n_out: rng.randn(n_in, n_out) * scale  # noqa: E731
    elif scheme == "glorot":
        gen = np.random.default_rng(rng_seed)
        draw = lambda n_in, n_out: gen.uniform(-1.0, 1.0, (n_in, n_out)) * np.sqrt(6.0 / (n_in + n_out))  # noqa: E731
    else:
        gen = np.random.default_rng(rng_seed)
        draw = lambda n_in, n_out: gen.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)  # noqa: E731
    return [Layer(draw(n_in, n_out), np.zeros((1, n_out))) for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def check_params(params):
    """Raise NNMathError unless ``params`` is a non-empty chain of Layers with matching shapes
    and a single output."""
    if len(params) == 0:
        raise NNMathError("params is empty: a network needs at least one layer")
    n_in = None
    for index, (W, b) in enumerate(params):
        if W.ndim != 2 or W.shape[0] < 1 or W.shape[1] < 1 or b.shape != (1, W.shape[1]):
            raise NNMathError(
                f"params[{index}] has W {W.shape} and b {b.shape}: "
                "need W (n_in, n_out) and b (1, n_out), sizes >= 1"
            )
        if n_in is not None and W.shape[0] != n_in:
            raise NNMathError(
                f"params[{index}].W has {W.shape[0]} rows but the previous layer has {n_in} neurons"
            )
        n_in = W.shape[1]
    if n_in != 1:
        raise NNMathError(f"params end in {n_in} neurons: the output layer must have exactly 1 (a sigmoid)")


def check_inputs(X, n_features):
    """``X`` as a finite float64 array of shape (n, n_features), or NNMathError."""
    X = np.asarray(X)
    if X.dtype.kind not in "iuf":
        raise NNMathError(f"X has dtype {X.dtype}: must be real numbers")
    X = X.astype(np.float64, copy=False)
    if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] != n_features:
        raise NNMathError(f"X has shape {X.shape}: must be (n_samples >= 1, {n_features})")
    if not np.all(np.isfinite(X)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(X))[0])
        raise NNMathError(f"X{list(bad)} = {X[bad]}: inputs must be finite (no NaN or inf)")
    return X


def check_labels(y, n_samples):
    """``y`` as a float64 column (n_samples, 1) of 0s and 1s, or NNMathError."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1 or len(y) != n_samples:
        raise NNMathError(f"y has shape {y.shape}: must be ({n_samples},), one label per sample")
    if y.dtype.kind not in "biuf" or not np.all((y == 0) | (y == 1)):
        bad = sorted(set(np.unique(y).tolist()) - {0, 1})[:3]
        raise NNMathError(f"y contains {bad}: labels must be 0 or 1")
    return y.astype(np.float64).reshape(-1, 1)


def run_forward(params, X, activation):
    """Forward pass without validation (``activation`` an Activation): the training loop's.
    Pre-activations that overflow become ±inf, which every activation maps to its limit, so the
    overflow is expected and not warned about."""
    zs, activations = [], [X]
    a = X
    last = len(params) - 1
    for index, (W, b) in enumerate(params):
        with np.errstate(over="ignore", invalid="ignore"):
            z = a @ W + b
        a = sigmoid(z) if index == last else activation.fn(z)
        zs.append(z)
        activations.append(a)
    return Trace(zs, activations)


def run_backward(params, trace, delta, activation):
    """Backpropagate the output delta dL/dz through ``trace`` without validation."""
    dW, db, deltas = [], [], [delta]
    for index in range(len(params) - 1, -1, -1):
        a_prev = trace.activations[index]
        dW.append(a_prev.T @ delta)
        db.append(np.sum(delta, axis=0, keepdims=True))
        if index > 0:
            delta = (delta @ params[index].W.T) * activation.output_derivative(a_prev)
            deltas.append(delta)
    return Gradients(dW[::-1], db[::-1], deltas[::-1])


def forward(params, X, hidden_activation):
    """Run ``X`` (n, n_in) through the network; returns the Trace of every z and a."""
    check_params(params)
    X = check_inputs(X, params[0].W.shape[0])
    return run_forward(params, X, as_activation(hidden_activation))


def backward(params, trace, y, hidden_activation, loss="mse", reduction="sum"):
    """Gradients of the loss (``loss`` reduced by ``reduction``) for the forward pass ``trace``.

    With loss "mse", reduction "sum" this is the lesson's backpropagation: the deltas are summed
    over the batch.
    """
    check_params(params)
    check_loss(loss, reduction)
    if len(trace.activations) != len(params) + 1:
        raise NNMathError(f"trace has {len(trace.activations) - 1} layers but params has {len(params)}")
    a = trace.output
    y = check_labels(y, a.shape[0])
    return run_backward(params, trace, output_delta(loss, a, y, reduction), as_activation(hidden_activation))
