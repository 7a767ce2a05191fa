"""Functions of the plane and of the weights: decision grids, descent paths, the loss surface.

These are what the lecture draws: the network's probability over the input plane, each hidden
neuron's activation over it, gradient descent on the lesson's toy functions, and the real loss
of the trained network as a function of two of its weights.
"""

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from nnmath.activations import as_activation, sigmoid
from nnmath.errors import NNMathError
from nnmath.losses import check_loss, reported_loss
from nnmath.network import check_inputs, check_labels, check_params, forward, run_forward


class Grid(NamedTuple):
    """A function sampled on a rectangle: ``values[i, j]`` is its value at (xs[j], ys[i])."""

    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray


def _axes(bounds, resolution):
    x_min, x_max, y_min, y_max = bounds
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)) or resolution < 2:
        raise NNMathError(f"resolution = {resolution!r} is invalid: must be an integer >= 2")
    if not (x_min < x_max and y_min < y_max):
        raise NNMathError(f"bounds = {tuple(bounds)} is invalid: need x_min < x_max and y_min < y_max")
    return np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution)


def _plane_trace(params, hidden_activation, bounds, resolution):
    xs, ys = _axes(bounds, resolution)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, forward(params, np.column_stack([gx.ravel(), gy.ravel()]), hidden_activation)


def decision_grid(params, hidden_activation, bounds, resolution):
    """The network's P(class 1) on a ``resolution`` × ``resolution`` grid over ``bounds``
    = (x_min, x_max, y_min, y_max); the decision boundary is its 0.5 level."""
    xs, ys, trace = _plane_trace(params, hidden_activation, bounds, resolution)
    return Grid(xs, ys, trace.output[:, 0].reshape(len(ys), len(xs)))


def neuron_grids(params, hidden_activation, bounds, resolution):
    """Each hidden neuron's activation over the plane: ``grids[layer][neuron]`` for every hidden
    layer (the output layer is excluded; see ``decision_grid``)."""
    xs, ys, trace = _plane_trace(params, hidden_activation, bounds, resolution)
    return [
        [Grid(xs, ys, a[:, k].reshape(len(ys), len(xs))) for k in range(a.shape[1])]
        for a in trace.activations[1:-1]
    ]


class DescentPath(NamedTuple):
    """Plain gradient descent: ``points[k]`` (k = 0..steps) is where step k starts, ``values[k]``
    the function there (None if no function was given)."""

    points: np.ndarray
    values: np.ndarray
    learning_rate: float


def descent_path(grad_fn, start, learning_rate, steps, f=None):
    """Follow x <- x - learning_rate * grad_fn(x) from ``start`` for ``steps`` steps."""
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise NNMathError(f"steps = {steps!r} is invalid: must be an integer >= 0")
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise NNMathError(f"learning_rate = {learning_rate!r} is invalid: must be a positive finite number")
    points = np.empty((steps + 1, np.size(start)))
    points[0] = start
    for k in range(steps):
        points[k + 1] = points[k] - learning_rate * np.asarray(grad_fn(points[k]), dtype=np.float64)
    values = None if f is None else np.array([f(p) for p in points], dtype=np.float64)
    return DescentPath(points, values, float(learning_rate))


# The lesson's bowl: f(w1, w2) = w1² + w2² from (1.8, 1.8) with learning rate 0.1. The lesson's
# loop records the point *before* each of its 20 updates, so its path is x0..x19: 19 steps here.
BOWL_START = (1.8, 1.8)
BOWL_LEARNING_RATE = 0.1
BOWL_STEPS = 19
BOWL_EXTENT = 2.0  # the lesson plots the bowl over [-2, 2]²
# Too small, the lesson's, and too large. A step maps w to (1 - 2η) w, so any η above 1 (the
# bowl's curvature is 2) overshoots further than it started: 1.01 maps w to -1.02 w, crossing
# the minimum every step while the loss climbs from 6.48 to 13.75 in the 19 steps.
COMPARISON_LEARNING_RATES = (0.02, 0.1, 1.01)


def bowl(w):
    return float(np.sum(np.square(w)))


def bowl_gradient(w):
    return 2.0 * np.asarray(w, dtype=np.float64)


def bowl_path(learning_rate=BOWL_LEARNING_RATE):
    """The lesson's descent path on the bowl (20 points); another rate for the comparison."""
    return descent_path(bowl_gradient, BOWL_START, learning_rate, BOWL_STEPS, bowl)


def bowl_surface(resolution=25, extent=BOWL_EXTENT):
    """The bowl sampled over [-extent, extent]² (modest resolution: Cairo draws every facet)."""
    xs, ys = _axes((-extent, extent, -extent, extent), resolution)
    return Grid(xs, ys, xs[None, :] ** 2 + ys[:, None] ** 2)


def covering_extent(paths, step=0.5):
    """The smallest multiple of ``step``, at least BOWL_EXTENT, whose square [-e, e]² holds every
    point of ``paths`` with a margin of ``step`` / 2: the view the rate comparison is drawn in."""
    reach = max(float(np.max(np.abs(path.points))) for path in paths) + step / 2
    return max(BOWL_EXTENT, step * np.ceil(reach / step))


# The calculus intuition: f(x) = x⁴ - 3x³ + 2, f'(x) = x²(4x - 9), a flat saddle at 0 and the
# minimum at 9/4. From 0.6 with rate 0.04 the steps grow as the slope steepens, then shrink, and
# reach the minimum in 10 steps without crossing it (rate · f''(9/4) = 0.81 < 1).
CURVE_COEFFICIENTS = (1.0, -3.0, 0.0, 0.0, 2.0)  # highest power first
CURVE_MINIMUM = 9 / 4
CURVE_START = 0.6
CURVE_LEARNING_RATE = 0.04
CURVE_STEPS = 10
CURVE_RANGE = (-1.0, 3.2)


def curve(x):
    return np.polyval(CURVE_COEFFICIENTS, x)


def curve_derivative(x):
    return np.polyval(np.polyder(CURVE_COEFFICIENTS), x)


def curve_path():
    """Gradient descent on ``curve`` (11 points)."""
    return descent_path(
        curve_derivative, (CURVE_START,), CURVE_LEARNING_RATE, CURVE_STEPS, lambda p: curve(p[0])
    )


class ParamRef(NamedTuple):
    """One parameter: ``params[layer].W[row, col]`` (kind "W") or ``params[layer].b[0, col]``
    (kind "b", row 0)."""

    kind: str
    layer: int
    row: int
    col: int

    def value(self, params):
        layer = params[self.layer]
        return float((layer.W if self.kind == "W" else layer.b)[self.row, self.col])


def slice_weights(params):
    """The two parameters the loss slice varies: the output neuron's two incoming weights of
    largest magnitude (lower index first on ties), ordered by index. If the output neuron has a
    single input, that weight and the output bias. The output layer is chosen because varying it
    leaves every hidden activation fixed, and large weights because the loss is most sensitive
    to them."""
    last = len(params) - 1
    W = params[last].W[:, 0]
    if len(W) == 1:
        return ParamRef("W", last, 0, 0), ParamRef("b", last, 0, 0)
    rows = sorted(np.argsort(-np.abs(W), kind="stable")[:2].tolist())
    return ParamRef("W", last, rows[0], 0), ParamRef("W", last, rows[1], 0)


@dataclass(frozen=True)
class LossSlice:
    """The training loss as a function of two parameters, all others at their final values.

    ``weights``: which two (x axis, y axis). ``grid.values[i, j]``: the reported (per-sample
    mean) training loss at weights (grid.xs[j], grid.ys[i]). ``path[k]``: the two weights after
    ``path_epochs[k]`` updates; ``path_slice_loss[k]``: the slice's loss there (the height at
    which to draw the path on the surface); ``path_loss[k]``: the true training loss at that
    epoch, with every parameter at its value then. ``loss_range``: (lowest, highest) loss on
    the grid, the ends of its colour scale.
    """

    weights: tuple
    grid: Grid
    path_epochs: np.ndarray
    path: np.ndarray
    path_slice_loss: np.ndarray
    path_loss: np.ndarray
    loss_range: tuple


def loss_slice(final_params, X, y, hidden_activation, loss, path_params, resolution=31):
    """The LossSlice of ``final_params`` over training data X, y, with the training path given
    by ``path_params`` = {epoch: params}. The grid spans the path and the final point with a
    margin of 20% of the larger span (at least 0.25) on every side."""
    check_params(final_params)
    check_loss(loss)
    activation = as_activation(hidden_activation)
    X = check_inputs(X, final_params[0].W.shape[0])
    y = check_labels(y, len(X))[:, 0]
    refs = slice_weights(final_params)
    epochs = np.array(sorted(path_params), dtype=np.int64)
    path = np.array([[ref.value(path_params[e]) for ref in refs] for e in epochs]).reshape(-1, 2)
    final = np.array([ref.value(final_params) for ref in refs])
    everything = np.vstack([path, final])
    low, high = everything.min(axis=0), everything.max(axis=0)
    margin = max(0.2 * float(np.max(high - low)), 0.25)
    xs, ys = _axes((low[0] - margin, high[0] + margin, low[1] - margin, high[1] + margin), resolution)

    # Only the output pre-activation depends on the two weights, linearly:
    # z = z_final + h_x (w_x - w_x_final) + h_y (w_y - w_y_final), h the output layer's inputs
    # (a column of ones for the bias).
    trace = run_forward(final_params, X, activation)
    z_final = trace.zs[-1][:, 0]
    h = [trace.activations[-2][:, ref.row] if ref.kind == "W" else np.ones(len(X)) for ref in refs]

    def slice_loss(wx, wy):
        wx, wy = np.asarray(wx)[..., None], np.asarray(wy)[..., None]
        return reported_loss(loss, sigmoid(z_final + (wx - final[0]) * h[0] + (wy - final[1]) * h[1]), y)

    gx, gy = np.meshgrid(xs, ys)
    grid_loss = slice_loss(gx, gy)
    path_loss = [
        reported_loss(loss, run_forward(path_params[e], X, activation).output[:, 0], y) for e in epochs
    ]
    return LossSlice(
        weights=refs,
        grid=Grid(xs, ys, grid_loss),
        path_epochs=epochs,
        path=path,
        path_slice_loss=slice_loss(path[:, 0], path[:, 1]),
        path_loss=np.array(path_loss, dtype=np.float64),
        loss_range=(float(grid_loss.min()), float(grid_loss.max())),
    )
