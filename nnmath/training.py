"""Full-batch gradient descent, recording what the lecture shows about it.

One epoch = one forward pass over all training samples, one backpropagation, one update
W <- W - learning_rate * dL/dW. With loss "mse" and reduction "sum" (the defaults) this is
exactly the lesson's ``SimpleNeuralNetwork.train``.
"""

from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from nnmath.activations import as_activation, sigmoid_into
from nnmath.errors import NNMathError, TrainingDiverged
from nnmath.losses import check_loss, reported_loss, summed_output_delta
from nnmath.network import Layer, check_inputs, check_labels, check_params

# Outputs are buffered for this many numbers (8 MB) before being reduced to losses and
# accuracies, so long runs on large data sets stay within bounded memory.
BLOCK_SIZE = 1 << 20
# A block also spans at most this many epochs: progress is reported, and divergence noticed
# (training stops there), at least this often.
PROGRESS_EPOCHS = 1000


@dataclass(frozen=True)
class History:
    """What training went through.

    ``loss``, ``test_loss``, ``accuracy``, ``test_accuracy`` have one value per epoch; entry e is
    measured with the parameters at the start of epoch e, before its update (the lesson's
    ``losses`` list). Losses are per-sample means (see ``losses.reported_loss``) so train and test
    compare; for mse that is mean((y - a)²), the lesson's printed number. The ``final_*`` values
    are measured with ``final_params``, after the last update. ``snapshots[k]`` are the
    parameters after k updates (0 = initial, epochs = final), for each requested k.
    """

    loss: np.ndarray
    test_loss: np.ndarray
    accuracy: np.ndarray
    test_accuracy: np.ndarray
    final_loss: float
    final_test_loss: float
    final_accuracy: float
    final_test_accuracy: float
    final_params: list
    snapshots: dict


def _check_schedule(learning_rate, epochs, snapshot_epochs):
    if (
        isinstance(learning_rate, bool)
        or not isinstance(learning_rate, (int, float, np.number))
        or not (np.isfinite(learning_rate) and learning_rate > 0)
    ):
        raise NNMathError(f"learning_rate = {learning_rate!r} is invalid: must be a positive finite number")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise NNMathError(f"epochs = {epochs!r} is invalid: must be an integer >= 1")
    for k in snapshot_epochs:
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k <= epochs:
            raise NNMathError(f"snapshot epoch {k!r} is invalid: must be an integer within [0, {epochs}]")


def _unstack(stacked):
    """Layers (W, b) copied out of matrices [W; b] that hold the bias as their last row."""
    layers = []
    for Wb in stacked:
        Wb = Wb.copy()
        layers.append(Layer(Wb[:-1], Wb[-1:]))
    return layers


def _descend(params, X_all, n, y, activation, loss, step, epochs, snapshot_epochs, record):
    """The gradient-descent loop, tuned because it runs tens of thousands of times per lecture.

    Each layer's W and b live in one matrix [W; b] and each layer's input carries a trailing
    column of ones, so one matmul gives z = a @ W + b and one gives both dW and db. All rows
    (train then test) go forward together, a free ride at these sizes where the per-call
    overhead dominates; backpropagation uses the first n (training) rows. The network's outputs
    for all rows at the start of each epoch (and after the last update, as epoch ``epochs``) are
    passed in blocks to ``record(first_epoch, outputs)``. Returns the requested snapshots and
    the final parameters.
    """
    stacked = [np.vstack([W, b]) for W, b in params]
    inputs = [np.ones((len(X_all), W.shape[0] + 1)) for W, _ in params]  # layer inputs, all rows
    inputs[0][:, :-1] = X_all
    train_inputs = [buffer[:n] for buffer in inputs]
    hidden_outputs = [buffer[:, :-1] for buffer in inputs[1:]]
    train_hidden = [buffer[:n, :-1] for buffer in inputs[1:]]
    weights_T = [Wb[:-1].T for Wb in stacked]  # views: they follow the in-place updates
    output = np.empty((len(X_all), 1))
    train_output = output[:n]
    last = len(params) - 1
    block = np.empty((min(epochs + 1, max(1, BLOCK_SIZE // len(X_all)), PROGRESS_EPOCHS), len(X_all)))
    first = 0  # the epoch in block[0]
    wanted = set(int(k) for k in snapshot_epochs)
    snapshots = {}
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs + 1):
            if epoch in wanted:
                snapshots[epoch] = _unstack(stacked)
            for index in range(last):
                activation.fn_into(inputs[index] @ stacked[index], hidden_outputs[index])
            sigmoid_into(inputs[last] @ stacked[last], output)
            row = epoch - first
            block[row] = output[:, 0]
            if row == len(block) - 1 or epoch == epochs:
                record(first, block[: row + 1])
                first = epoch + 1
            if epoch == epochs:
                break
            # Scaling the output delta by -step scales every delta and gradient by it: the
            # products below are then the updates themselves.
            delta = summed_output_delta(loss, train_output, y)
            delta *= -step
            for index in range(last, -1, -1):
                update = train_inputs[index].T @ delta
                if index > 0:
                    slope = activation.output_derivative(train_hidden[index - 1])
                    delta = (delta @ weights_T[index]) * slope
                stacked[index] += update
    return snapshots, _unstack(stacked)


def train(
    params,
    data,
    hidden_activation,
    loss="mse",
    reduction="sum",
    learning_rate=0.1,
    epochs=5000,
    snapshot_epochs=(),
    progress=None,
):
    """Train a copy of ``params`` on ``data`` (anything with X_train, y_train, X_test, y_test) by
    full-batch gradient descent; ``params`` itself is left unchanged. Returns a History.
    ``progress(done, epochs)``, if given, is called every PROGRESS_EPOCHS epochs at most and at
    the end, ``done`` being the updates made so far.

    Raises TrainingDiverged if a loss or parameter stops being finite (as soon as a loss does).
    """
    check_params(params)
    check_loss(loss, reduction)
    _check_schedule(learning_rate, epochs, snapshot_epochs)
    activation = as_activation(hidden_activation)
    n_features = params[0].W.shape[0]
    X_train = check_inputs(data.X_train, n_features)
    X_test = check_inputs(data.X_test, n_features)
    y_train = check_labels(data.y_train, len(X_train))
    y_test = check_labels(data.y_test, len(X_test))

    n = len(X_train)
    y_train, y_test = y_train[:, 0], y_test[:, 0]
    series = {name: np.empty(epochs + 1) for name in ("loss", "test_loss", "accuracy", "test_accuracy")}

    def record(first, outputs):
        stop = first + len(outputs)
        train_out, test_out = outputs[:, :n], outputs[:, n:]
        series["loss"][first:stop] = reported_loss(loss, train_out, y_train)
        series["test_loss"][first:stop] = reported_loss(loss, test_out, y_test)
        series["accuracy"][first:stop] = np.mean((train_out >= 0.5) == (y_train == 1), axis=1)
        series["test_accuracy"][first:stop] = np.mean((test_out >= 0.5) == (y_test == 1), axis=1)
        _check_finite(series["loss"][:stop], series["test_loss"][:stop], (), learning_rate)
        if progress is not None:
            progress(stop - 1, epochs)

    step = learning_rate if reduction == "sum" else learning_rate / n
    # One BLAS thread: these matrices are small, and threads that wait for a busy core made
    # training up to 15 times slower on a shared 2-core machine.
    with threadpool_limits(limits=1, user_api="blas"):
        snapshots, final_params = _descend(
            params,
            np.vstack([X_train, X_test]),
            n,
            y_train[:, None],
            activation,
            loss,
            step,
            epochs,
            snapshot_epochs,
            record,
        )
    _check_finite(series["loss"], series["test_loss"], final_params, learning_rate)
    return History(
        **{name: values[:-1] for name, values in series.items()},
        **{f"final_{name}": float(values[-1]) for name, values in series.items()},
        final_params=final_params,
        snapshots=snapshots,
    )


def _check_finite(losses, test_losses, params, learning_rate):
    bad = ~(np.isfinite(losses) & np.isfinite(test_losses))
    if bad.any():
        epoch = int(np.argmax(bad))
        value = losses[epoch] if not np.isfinite(losses[epoch]) else test_losses[epoch]
        raise TrainingDiverged(
            f"training diverged at epoch {epoch}: after {epoch} updates the loss is {value}; "
            f"try a learning rate smaller than {learning_rate:g}"
        )
    if not all(np.all(np.isfinite(W)) and np.all(np.isfinite(b)) for W, b in params):
        raise TrainingDiverged(
            f"training diverged at epoch {len(losses) - 1}: the weights overflowed; "
            f"try a learning rate smaller than {learning_rate:g}"
        )
