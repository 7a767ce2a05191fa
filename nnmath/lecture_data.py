"""LectureData: every number the lecture shows, computed once from a LectureConfig.

Scenes read these fields and draw them; they compute nothing themselves. The build is
deterministic (same config, same arrays: only seeded private generators are used), cached per
config, and its arrays are read-only so one scene cannot corrupt another's data.
"""

import functools
from dataclasses import dataclass, fields, is_dataclass, replace

import numpy as np

from nnmath.activation_tour import ActivationTour, activation_tour
from nnmath.activations import Activation, get_activation
from nnmath.config import LectureConfig, config_to_dict
from nnmath.datasets import Dataset, make_dataset
from nnmath.errors import TrainingDiverged
from nnmath.landscape import (
    COMPARISON_LEARNING_RATES,
    CURVE_COEFFICIENTS,
    CURVE_MINIMUM,
    CURVE_RANGE,
    DescentPath,
    Grid,
    LossSlice,
    bowl_path,
    bowl_surface,
    covering_extent,
    curve,
    curve_derivative,
    curve_path,
    decision_grid,
    loss_slice,
    neuron_grids,
)
from nnmath.losses import loss_gradient, loss_value
from nnmath.network import Layer, ParameterCounts, backward, forward, init_params, parameter_counts
from nnmath.neuron import NeuronExample, neuron_example
from nnmath.illustrations import Illustrations, make_illustrations
from nnmath.training import History, train
from nnmath.verdicts import (
    BoundaryDifference, LinearityVerdict, SizeComparison, SizeOutcomes, Start, Verdict,
    compare_boundaries, compare_sizes, contrast, firing_order, judge, judge_rate, size_outcomes,
    start,
)

CURVE_SAMPLES = 201
LOSS_SLICE_RESOLUTION = 31
MAX_RATE_HALVINGS = 64  # a side network's rate is halved at most this often (a 5e-20 factor)
PATH_POINTS = 40  # roughly log-spaced epochs at which the loss-slice path samples training


@dataclass(frozen=True)
class ForwardExample:
    """One sample through a network, neuron by neuron.

    ``zs[l]`` (n_out,) are layer l's pre-activations; ``activations[0]`` is ``x`` and
    ``activations[l + 1]`` = g(zs[l]); the last, shape (1,), is the output. ``terms[l]``
    (n_out, n_in): neuron i's weighted inputs W[j, i] * activations[l][j], so that zs[l][i] =
    sum(terms[l][i]) + b[i]. ``firing[l]``: layer l + 1's neurons by decreasing |activation|
    (nnmath.verdicts.firing_order), the one a scene computes first that it draws.
    """

    index: int  # position of the sample in the test set
    x: np.ndarray  # (2,) its features
    label: int  # its true class, 0 or 1
    zs: list
    activations: list
    prediction: float  # P(class 1), the output neuron's activation
    predicted_class: int  # 1 if prediction >= 0.5, else 0
    params: list  # the Layers used
    terms: list = ()
    firing: list = ()


@dataclass(frozen=True)
class BackpropExample:
    """One gradient-descent step on one sample, with every intermediate number.

    ``forward`` runs the sample through the initial network (its ``params`` are the parameters
    before the update). ``loss`` is this sample's loss (the config's loss; for mse ½(a - y)²,
    whose derivative is a - y); ``output_gradient`` is dL/da. ``deltas[l]`` (n_out,) = dL/dz of
    layer l's neurons; ``dW[l]`` (n_in, n_out) and ``db[l]`` (n_out,) the gradients;
    ``params_after`` = params - learning_rate * gradients; ``prediction_after`` and
    ``loss_after`` are the sample's prediction and loss with them. ``output_slope`` is σ'(z) of
    the output neuron and ``hidden_slopes[l]`` (n_out,) g'(z) of hidden layer l's neurons (the
    chain rule's factors). ``largest_gradients[l]`` = max |dW[l]|. Which neurons the scene
    follows: ``followed_neurons`` ranks the last hidden layer's neurons by |dL/dw| of their
    weight to the output, ``followed_input_neurons`` the first hidden layer's by |delta|, largest
    first (a diagram follows the first one it draws).
    """

    forward: ForwardExample
    loss: float
    output_gradient: float
    deltas: list
    dW: list
    db: list
    learning_rate: float
    params_after: list
    prediction_after: float
    loss_after: float
    output_slope: float
    hidden_slopes: list
    largest_gradients: tuple
    followed_neurons: tuple
    followed_input_neurons: tuple

    @property
    def params_before(self):
        return self.forward.params


@dataclass(frozen=True)
class BoundaryHistory:
    """The decision boundary sharpening: at each snapshot ``epochs[k]`` (parameters after that
    many updates), ``grids[k]`` is P(class 1) over the data's padded bounds, and the reported
    losses and accuracies with those parameters. ``frame_epochs`` (ascending, the snapshots
    among them) and ``frame_grids``: the same grid at every epoch training was sampled at, for
    a boundary that bends between the snapshots instead of jumping."""

    epochs: tuple
    grids: tuple
    loss: np.ndarray
    test_loss: np.ndarray
    accuracy: np.ndarray
    test_accuracy: np.ndarray
    frame_epochs: tuple = ()
    frame_grids: tuple = ()


@dataclass(frozen=True)
class CurveDescent:
    """Gradient descent on the 1-D curve f(x) = x⁴ - 3x³ + 2 (``coefficients``, highest power
    first): the curve sampled at ``xs`` (values ``ys``), its ``minimum`` x = 9/4 and the
    ``path`` (points (11, 1), values (11,)) with the slope f'(x) at each of its points
    (``slopes``, the tangents drawn)."""

    coefficients: tuple
    xs: np.ndarray
    ys: np.ndarray
    minimum: float
    path: DescentPath
    slopes: np.ndarray


@dataclass(frozen=True)
class Descent:
    """The gradient-descent scene's data: the 1-D ``curve``; the lesson's bowl w1² + w2²
    (``bowl_surface`` over [-2, 2]², ``bowl_path`` its 20 points from (1.8, 1.8) at rate 0.1);
    ``learning_rates``, the bowl from the same start at rates 0.02, 0.1, 1.01 (too small, right,
    too large), judged in ``rate_verdicts`` (nnmath.verdicts.judge_rate) and drawn over
    ``rates_surface``, the bowl on a square that holds all three paths; and the trained
    network's real ``loss_slice``."""

    curve: CurveDescent
    bowl_surface: Grid
    bowl_path: DescentPath
    learning_rates: tuple
    loss_slice: LossSlice
    rate_verdicts: tuple = ()
    rates_surface: Grid = None


@dataclass(frozen=True)
class TrainedNetwork:
    """A network trained for a comparison: its sizes, hidden activation, final parameters,
    final accuracies and reported losses, its decision grid (P(class 1) over the data's
    padded bounds) and the learning rate it was trained with. A side network (shown only for
    contrast) never stops the lecture: if the config's rate makes it diverge, it is trained with
    the largest stable rate of halvings of it, and ``rate_lowered`` says so for the scenes."""

    layer_sizes: tuple
    activation: str
    params: list
    train_accuracy: float
    test_accuracy: float
    final_loss: float
    final_test_loss: float
    grid: Grid
    n_parameters: int  # weights and biases
    learning_rate: float  # the rate it was trained with
    rate_lowered: bool  # the config's rate diverged for this side network, so a smaller one was used


@dataclass(frozen=True)
class LinearityComparison:
    """Why non-linearity matters: the config's network with a "linear" hidden activation
    beside the same network with the config's activation (the main network)."""

    linear: TrainedNetwork
    nonlinear: TrainedNetwork


@dataclass(frozen=True)
class LectureData:
    """Everything the lecture shows.

    * ``config``: the LectureConfig it was built from. ``dataset``: the train/test split.
      ``bounds``: (x_min, x_max, y_min, y_max) of all samples padded by 0.5, the region every
      grid covers. ``layer_sizes``: inputs first, e.g. (2, 4, 1).
    * ``initial_params``, ``final_params``: lists of Layer(W (n_in, n_out), b (1, n_out)).
    * ``history``: per-epoch losses and accuracies, snapshots at ``config.training.snapshots``.
    * ``train_accuracy``, ``test_accuracy``: of the final network.
    * ``forward_example``: test sample ``config.lecture.example_index`` through the final network.
    * ``neuron_example``: that sample through one neuron of the first hidden layer, term by
      term: the neuron whose outgoing weights are largest in total magnitude.
    * ``class_examples``: the first test sample of each class (0 then 1) through the final
      network (a class absent from the test set is left out).
    * ``backprop_example``: the same sample, one update of the initial network.
    * ``boundary``: decision grids at every snapshot epoch.
    * ``neuron_grids``: ``neuron_grids[layer][neuron]``, each hidden neuron's activation over the
      plane with the final parameters.
    * ``descent``: the gradient-descent demonstrations and the real loss slice.
    * ``hidden_size_comparison``: one TrainedNetwork [2, h, 1] per ``config.lecture.hidden_sizes``.
    * ``linearity_comparison``: linear vs non-linear hidden activation.
    * ``illustrations``: seeded toy data for the applications panels (not results).
    * ``parameters``: the weight and bias counts of the lecture's network.
    * ``activation_tour``: the activation chapter's outputs at one z and sigmoid slopes.
    * ``neuron_ranges``: ``neuron_ranges[layer][neuron]`` = (lowest, highest) of that hidden
      neuron's map in ``neuron_grids``.
    * ``trained``: the lecture's network after training, with its final accuracies and decision
      grid (the same object as ``linearity_comparison.nonlinear``).
    * ``training_verdict``: what the lecture's network learned, judged from its numbers
      (nnmath.verdicts); ``training_start``: its train score at the first snapshot.
    * ``hidden_size_verdicts``: one Verdict per ``hidden_size_comparison`` network;
      ``size_comparison``: how their accuracies move with size. ``linearity_verdict``: the
      linear network against the non-linear one. ``boundary_difference``: where the
      hidden-size networks' boundaries part (the test points they classify differently);
      ``size_outcomes``: their verdicts gathered by size for the narration.
    """

    config: LectureConfig
    dataset: Dataset
    bounds: tuple
    layer_sizes: tuple
    initial_params: list
    final_params: list
    history: History
    train_accuracy: float
    test_accuracy: float
    forward_example: ForwardExample
    neuron_example: NeuronExample
    class_examples: tuple
    backprop_example: BackpropExample
    boundary: BoundaryHistory
    neuron_grids: list
    descent: Descent
    hidden_size_comparison: tuple
    linearity_comparison: LinearityComparison
    illustrations: Illustrations
    trained: TrainedNetwork
    training_verdict: Verdict
    training_start: Start
    hidden_size_verdicts: tuple
    size_comparison: SizeComparison
    linearity_verdict: LinearityVerdict
    parameters: ParameterCounts
    activation_tour: ActivationTour
    neuron_ranges: list
    boundary_difference: BoundaryDifference = None
    size_outcomes: SizeOutcomes = None

    @property
    def n_weights(self):
        return sum(self.parameters.weights)

    @property
    def n_biases(self):
        return sum(self.parameters.biases)

    @classmethod
    def build(cls, config=None, *, cached=True, progress=None):
        """The LectureData of ``config`` (None: the defaults). With ``cached`` the same config
        returns the same object, built once per process. ``progress(step, done, total)``, if
        given, hears how far the slow steps are, e.g. ("training the lecture's network", 2000,
        5000) in epochs; a build taken from the cache reports nothing."""
        config = config if config is not None else LectureConfig()
        return _build_cached(config, progress) if cached else _build(config, progress)

    def to_facts(self):
        """Every number as plain JSON-ready data (lists, floats, ints; no NaN). Grids are left
        out except the small loss slice; everything else is included in full."""
        return _facts(self)


_CACHE_SIZE = 4
_built = {}  # config -> LectureData, oldest first


def _build_cached(config, progress):
    """``_build`` with a small per-process cache keyed by the config alone (``progress`` only
    watches a build)."""
    if config not in _built:
        _built[config] = _build(config, progress)
        if len(_built) > _CACHE_SIZE:
            del _built[next(iter(_built))]
    return _built[config]


def _reporter(progress, what):
    """``train``'s progress callback for network ``what``, passing on to the build's ``progress``."""
    return None if progress is None else functools.partial(progress, f"training {what}")


def _build(config, progress=None):
    activation = get_activation(config.network.activation, config.network.leaky_slope)
    dataset = make_dataset(
        config.data.name,
        config.data.n_samples,
        config.data.noise,
        config.seed,
        config.data.test_size,
        config.data.standardize,
    )
    bounds = dataset.bounds(0.5)
    sizes = tuple(config.network.layers)
    resolution = config.lecture.grid_resolution
    initial = init_params(sizes, config.network.init, config.seed, config.network.init_scale)
    epochs = config.training.epochs
    snapshot_epochs = config.training.snapshots
    path_epochs = _path_epochs(epochs, snapshot_epochs)
    full = _train(config, "the lecture's network", initial, dataset, activation, path_epochs, progress)
    history = replace(full, snapshots={k: full.snapshots[k] for k in snapshot_epochs})
    final = history.final_params

    def trained(params, act, result, rate=config.training.learning_rate):
        return TrainedNetwork(
            layer_sizes=tuple([params[0].W.shape[0]] + [layer.W.shape[1] for layer in params]),
            activation=act.name,
            params=result.final_params,
            train_accuracy=result.final_accuracy,
            test_accuracy=result.final_test_accuracy,
            final_loss=result.final_loss,
            final_test_loss=result.final_test_loss,
            grid=decision_grid(result.final_params, act, bounds, resolution),
            n_parameters=parameter_counts(
                [params[0].W.shape[0]] + [layer.W.shape[1] for layer in params]
            ).total,
            learning_rate=rate,
            rate_lowered=rate != config.training.learning_rate,
        )

    main = trained(initial, activation, history)
    linear = get_activation("linear")
    linear_history, linear_rate = _train_side(
        config, initial, dataset, linear, _reporter(progress, "the linear comparison network")
    )
    comparison, comparison_histories = [], []
    for h in config.lecture.hidden_sizes:
        if (2, h, 1) == sizes:
            comparison.append(main)
            comparison_histories.append(history)
            continue
        params = init_params((2, h, 1), config.network.init, config.seed, config.network.init_scale)
        what = f"the {h}-hidden-neuron comparison network"
        result, rate = _train_side(config, params, dataset, activation, _reporter(progress, what))
        comparison.append(trained(params, activation, result, rate))
        comparison_histories.append(result)

    index = config.lecture.example_index
    hidden_maps = neuron_grids(final, activation, bounds, resolution)
    class_examples = tuple(
        _forward_example(final, dataset, int(np.flatnonzero(dataset.y_test == c)[0]), activation)
        for c in (0, 1)
        if np.any(dataset.y_test == c)
    )
    data = LectureData(
        config=config,
        dataset=dataset,
        bounds=bounds,
        layer_sizes=sizes,
        initial_params=initial,
        final_params=final,
        history=history,
        train_accuracy=history.final_accuracy,
        test_accuracy=history.final_test_accuracy,
        forward_example=_forward_example(final, dataset, index, activation),
        neuron_example=neuron_example(
            final, dataset.X_test[index], index, activation, _most_influential_neuron(final)
        ),
        class_examples=class_examples,
        backprop_example=_backprop_example(initial, dataset, index, activation, config),
        boundary=_boundary(history, full, snapshot_epochs, activation, bounds, resolution),
        neuron_grids=hidden_maps,
        descent=_descent(full, dataset, activation, config.training.loss),
        hidden_size_comparison=tuple(comparison),
        linearity_comparison=LinearityComparison(
            trained(initial, linear, linear_history, linear_rate), main
        ),
        illustrations=make_illustrations(config.seed),
        trained=main,
        **_verdicts(config, dataset, history, comparison, comparison_histories, linear_history),
        parameters=parameter_counts(sizes),
        activation_tour=activation_tour(config.network.leaky_slope),
        neuron_ranges=[[_value_range(grid) for grid in layer] for layer in hidden_maps],
    )
    _freeze(data)
    return data


def _verdict(history, layer_sizes, activation, dataset):
    """The Verdict on a network trained to ``history``, from its final numbers and loss curve."""
    return judge(
        train_accuracy=history.final_accuracy,
        test_accuracy=history.final_test_accuracy,
        n_train=len(dataset.y_train),
        y_test=dataset.y_test,
        losses=history.loss,
        final_loss=history.final_loss,
        final_test_loss=history.final_test_loss,
        layer_sizes=layer_sizes,
        activation=activation,
    )


def _verdicts(config, dataset, history, comparison, histories, linear_history):
    """LectureData's verdict fields: what each trained network's numbers show."""
    sizes, activation = tuple(config.network.layers), config.network.activation
    own = _verdict(history, sizes, activation, dataset)
    per_size = tuple(
        _verdict(h, n.layer_sizes, n.activation, dataset) for n, h in zip(comparison, histories)
    )
    first = config.training.snapshots[0]
    accuracy = history.accuracy[first] if first < len(history.accuracy) else history.final_accuracy
    return {
        "training_verdict": own,
        "training_start": start(first, accuracy, dataset.y_train),
        "hidden_size_verdicts": per_size,
        "size_comparison": compare_sizes(config.lecture.hidden_sizes, per_size),
        "boundary_difference": _boundary_difference(config, dataset, comparison),
        "size_outcomes": size_outcomes(config.lecture.hidden_sizes, per_size),
        "linearity_verdict": contrast(_verdict(linear_history, sizes, "linear", dataset), own),
    }


def _boundary_difference(config, dataset, comparison):
    """Where the hidden-size networks' boundaries part, from their grids and test predictions."""
    activation = get_activation(config.network.activation, config.network.leaky_slope)
    grid = comparison[0].grid
    predictions = [forward(n.params, dataset.X_test, activation).output[:, 0] >= 0.5
                   for n in comparison]
    return compare_boundaries(config.lecture.hidden_sizes,
                              (grid.xs, grid.ys, [n.grid.values for n in comparison]),
                              predictions, dataset.X_test, dataset.y_test)


def _path_epochs(epochs, snapshot_epochs):
    """Epochs at which the loss-slice path samples the weights: the snapshots plus about
    PATH_POINTS log-spaced epochs (training moves fastest early) and 0 and ``epochs``."""
    spaced = np.rint(np.geomspace(1, epochs, PATH_POINTS)).astype(int)
    return tuple(sorted(set(spaced.tolist()) | set(snapshot_epochs) | {0, epochs}))


def _train_at(config, rate, params, dataset, activation, snapshot_epochs=(), progress=None):
    """``train`` with the config's loss, reduction and epochs at learning rate ``rate``."""
    return train(
        params,
        dataset,
        activation,
        config.training.loss,
        config.training.reduction,
        rate,
        config.training.epochs,
        snapshot_epochs,
        progress,
    )


def _train(config, what, params, dataset, activation, snapshot_epochs, progress=None):
    try:
        return _train_at(config, config.training.learning_rate, params, dataset, activation,
                         snapshot_epochs, _reporter(progress, what))
    except TrainingDiverged as err:
        raise TrainingDiverged(f"{what}: {err} (training.learning_rate in the config)") from None


def _train_side(config, params, dataset, activation, progress=None):
    """Train a network shown only for contrast, and the rate that trained it: the config's, or
    if that diverges the first stable one of its halvings (a side network never stops the
    lecture; only the lecture's own network may)."""
    rate = config.training.learning_rate
    for _ in range(MAX_RATE_HALVINGS):
        try:
            return _train_at(config, rate, params, dataset, activation, progress=progress), rate
        except TrainingDiverged:
            rate /= 2
    raise TrainingDiverged(
        f"a comparison network diverged even at learning rate {rate * 2:g}, "
        f"{MAX_RATE_HALVINGS - 1} halvings of training.learning_rate"
    )


def _forward_example(params, dataset, index, activation):
    x = dataset.X_test[index]
    trace = forward(params, x[None, :], activation)
    prediction = float(trace.output[0, 0])
    return ForwardExample(
        index=index,
        x=x.copy(),
        label=int(dataset.y_test[index]),
        zs=[z[0] for z in trace.zs],
        activations=[a[0] for a in trace.activations],
        prediction=prediction,
        predicted_class=int(prediction >= 0.5),
        params=params,
        terms=[(a[0][:, None] * layer.W).T for a, layer in zip(trace.activations, params)],
        firing=[firing_order(a[0]) for a in trace.activations[1:]],
    )


def _most_influential_neuron(params):
    """The first hidden layer's neuron whose outgoing weights are largest in total magnitude:
    the one the next layer listens to most."""
    return int(np.argmax(np.abs(params[1].W).sum(axis=1)))


def _backprop_example(params, dataset, index, activation, config):
    example = _forward_example(params, dataset, index, activation)
    x, y = example.x[None, :], np.array([example.label])
    loss, lr = config.training.loss, config.training.learning_rate
    trace = forward(params, x, activation)
    grads = backward(params, trace, y, activation, loss, "sum")
    after = [Layer(W - lr * dW, b - lr * db) for (W, b), dW, db in zip(params, grads.dW, grads.db)]
    output_after = forward(after, x, activation).output
    a = trace.output
    hidden_slopes = [activation.derivative(z[0]) for z in trace.zs[:-1]]
    return BackpropExample(
        forward=example,
        loss=loss_value(loss, a, y, "sum"),
        output_gradient=float(loss_gradient(loss, a, y, "sum")[0, 0]),
        deltas=[d[0] for d in grads.deltas],
        dW=grads.dW,
        db=[d[0] for d in grads.db],
        learning_rate=lr,
        params_after=after,
        prediction_after=float(output_after[0, 0]),
        loss_after=loss_value(loss, output_after, y, "sum"),
        output_slope=float(get_activation("sigmoid").derivative(trace.zs[-1][0, 0])),
        hidden_slopes=hidden_slopes,
        largest_gradients=tuple(float(np.abs(dW).max()) for dW in grads.dW),
        followed_neurons=_ranking(grads.dW[-1][:, 0]),
        followed_input_neurons=_ranking(grads.deltas[0][0]),
    )


def _value_range(grid):
    """(lowest, highest) value of a Grid: the ends of its map's colour scale."""
    return float(grid.values.min()), float(grid.values.max())


def _ranking(values):
    """Indices of ``values`` by decreasing magnitude (ties: lower index first)."""
    return tuple(int(i) for i in np.argsort(-np.abs(values), kind="stable"))


def _boundary(history, full, snapshot_epochs, activation, bounds, resolution):
    def at(name, k):  # entry k of a per-epoch series, or its final value for k = epochs
        series = getattr(history, name)
        return series[k] if k < len(series) else getattr(history, "final_" + name)

    return BoundaryHistory(
        epochs=tuple(snapshot_epochs),
        grids=tuple(
            decision_grid(full.snapshots[k], activation, bounds, resolution) for k in snapshot_epochs
        ),
        **{
            name: np.array([at(name, k) for k in snapshot_epochs], dtype=np.float64)
            for name in ("loss", "test_loss", "accuracy", "test_accuracy")
        },
        frame_epochs=tuple(sorted(full.snapshots)),
        frame_grids=tuple(
            decision_grid(full.snapshots[k], activation, bounds, resolution)
            for k in sorted(full.snapshots)
        ),
    )


def _descent(full, dataset, activation, loss):
    xs = np.linspace(*CURVE_RANGE, CURVE_SAMPLES)
    path = curve_path()
    rates = tuple(bowl_path(rate) for rate in COMPARISON_LEARNING_RATES)
    return Descent(
        curve=CurveDescent(
            CURVE_COEFFICIENTS, xs, curve(xs), CURVE_MINIMUM, path, curve_derivative(path.points[:, 0])
        ),
        bowl_surface=bowl_surface(),
        bowl_path=bowl_path(),
        learning_rates=rates,
        rate_verdicts=tuple(judge_rate(p.values, p.points, (0.0, 0.0)) for p in rates),
        rates_surface=bowl_surface(extent=covering_extent(rates)),
        loss_slice=loss_slice(
            full.final_params,
            dataset.X_train,
            dataset.y_train,
            activation,
            loss,
            full.snapshots,
            LOSS_SLICE_RESOLUTION,
        ),
    )


def _freeze(obj):
    """Make every array reachable from ``obj`` read-only (the build is cached and shared)."""
    if isinstance(obj, np.ndarray):
        obj.flags.writeable = False
    elif is_dataclass(obj):
        for f in fields(obj):
            _freeze(getattr(obj, f.name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            _freeze(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            _freeze(item)


def _plain(obj):
    """``obj`` as JSON-ready data: arrays to nested lists, dataclasses and named tuples to dicts."""
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, Activation):
        return obj.name
    if is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple) and hasattr(obj, "_asdict"):
        return {key: _plain(value) for key, value in obj._asdict().items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(item) for item in obj]
    if isinstance(obj, dict):
        return {str(key): _plain(value) for key, value in obj.items()}
    return obj


def _path_facts(path):
    """A DescentPath's facts with its number of steps."""
    return {**_plain(path), "steps": len(path.points) - 1}


def _summary(network):
    """A TrainedNetwork's facts without its grid."""
    facts = _plain(network)
    del facts["grid"]
    return facts


def _facts(data):
    history, boundary, descent = data.history, data.boundary, data.descent
    return {
        "config": config_to_dict(data.config),
        "dataset": {
            "name": data.dataset.name,
            "X_train": _plain(data.dataset.X_train),
            "y_train": _plain(data.dataset.y_train),
            "X_test": _plain(data.dataset.X_test),
            "y_test": _plain(data.dataset.y_test),
            "bounds": list(data.bounds),
            "n_train": len(data.dataset.X_train),
            "n_test": len(data.dataset.X_test),
        },
        "network": {
            "layer_sizes": list(data.layer_sizes),
            "hidden_activation": data.config.network.activation,
            "n_weights": data.n_weights,
            "n_biases": data.n_biases,
            "parameters": _plain(data.parameters),
            "initial": _plain(data.initial_params),
            "final": _plain(data.final_params),
        },
        "training": {
            "loss": _plain(history.loss),
            "test_loss": _plain(history.test_loss),
            "accuracy": _plain(history.accuracy),
            "test_accuracy": _plain(history.test_accuracy),
            "final_loss": history.final_loss,
            "final_test_loss": history.final_test_loss,
            "final_accuracy": history.final_accuracy,
            "final_test_accuracy": history.final_test_accuracy,
            "snapshots": [
                {
                    "epoch": k,
                    "params": _plain(history.snapshots[k]),
                    "loss": float(boundary.loss[i]),
                    "test_loss": float(boundary.test_loss[i]),
                    "accuracy": float(boundary.accuracy[i]),
                    "test_accuracy": float(boundary.test_accuracy[i]),
                }
                for i, k in enumerate(boundary.epochs)
            ],
        },
        "forward_example": _plain(data.forward_example),
        "neuron_example": _plain(data.neuron_example),
        "class_examples": _plain(data.class_examples),
        "backprop_example": _plain(data.backprop_example),
        "descent": {
            "curve": _plain(descent.curve),
            "bowl_path": _path_facts(descent.bowl_path),
            "learning_rates": [_path_facts(path) for path in descent.learning_rates],
            "rate_verdicts": _plain(descent.rate_verdicts),
            "loss_slice": _plain(descent.loss_slice),
        },
        "activation_tour": _plain(data.activation_tour),
        "neuron_ranges": _plain(data.neuron_ranges),
        "hidden_size_comparison": [_summary(network) for network in data.hidden_size_comparison],
        "linearity_comparison": {
            "linear": _summary(data.linearity_comparison.linear),
            "nonlinear": _summary(data.linearity_comparison.nonlinear),
        },
        "verdicts": {
            "training": _plain(data.training_verdict),
            "training_start": _plain(data.training_start),
            "hidden_sizes": _plain(data.hidden_size_verdicts),
            "size_comparison": _plain(data.size_comparison),
            "boundary_difference": _plain(data.boundary_difference),
            "linearity": _plain(data.linearity_verdict),
        },
    }
