"""Benchmark nnmath's training against the lesson's own code and scikit-learn, and time the
lecture build.

    .venv/bin/python scripts/bench_nnmath.py

Every contender trains the default lecture's 2-4-1 sigmoid network on the lesson's moons split
for 5000 full-batch epochs. nnmath also evaluates the test set every epoch; the lesson's code
does not; scikit-learn minimises mean log-loss instead of summed squared error (same work per
epoch). Times are the best of a few runs.
"""

import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

from nnmath import LectureData, init_params, make_dataset, train  # noqa: E402

EPOCHS = 5000
REPEATS = 3


class SimpleNeuralNetwork:
    """The lesson's section 7 network, verbatim but for a private RandomState(42)."""

    def __init__(self, input_size, hidden_size, output_size):
        random = np.random.RandomState(42)
        self.W1 = random.randn(input_size, hidden_size) * 0.1
        self.b1 = np.zeros((1, hidden_size))
        self.W2 = random.randn(hidden_size, output_size) * 0.1
        self.b2 = np.zeros((1, output_size))

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-np.clip(x, -500, 500)))

    def sigmoid_derivative(self, x):
        return x * (1 - x)

    def forward(self, X):
        self.z1 = np.dot(X, self.W1) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.a1, self.W2) + self.b2
        self.a2 = self.sigmoid(self.z2)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        self.output_error = y.reshape(-1, 1) - output
        self.output_delta = self.output_error * self.sigmoid_derivative(output)
        self.hidden_error = self.output_delta.dot(self.W2.T)
        self.hidden_delta = self.hidden_error * self.sigmoid_derivative(self.a1)
        self.W2 += self.a1.T.dot(self.output_delta) * learning_rate
        self.b2 += np.sum(self.output_delta, axis=0, keepdims=True) * learning_rate
        self.W1 += X.T.dot(self.hidden_delta) * learning_rate
        self.b1 += np.sum(self.hidden_delta, axis=0, keepdims=True) * learning_rate

    def train(self, X, y, epochs, learning_rate):
        losses = []
        for i in range(epochs):
            output = self.forward(X)
            loss = np.mean(np.square(y.reshape(-1, 1) - output))
            losses.append(loss)
            self.backward(X, y, output, learning_rate)
        return losses


def best_time(run):
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    data = make_dataset("moons", 200, 0.1, seed=42)
    params = init_params([2, 4, 1], "lesson", 42, 0.1)

    def run_nnmath():
        train(params, data, "sigmoid", "mse", "sum", 0.1, EPOCHS)

    def run_notebook():
        SimpleNeuralNetwork(2, 4, 1).train(data.X_train, data.y_train, EPOCHS, 0.1)

    def run_sklearn():
        mlp = MLPClassifier(
            hidden_layer_sizes=(4,),
            activation="logistic",
            solver="sgd",
            batch_size=len(data.X_train),
            learning_rate_init=0.1,
            momentum=0.0,
            nesterovs_momentum=False,
            alpha=0.0,
            shuffle=False,
            max_iter=EPOCHS,
            n_iter_no_change=10**9,
            tol=0.0,
            random_state=42,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            mlp.fit(data.X_train, data.y_train)
        assert mlp.n_iter_ == EPOCHS

    ours = best_time(run_nnmath)
    notebook = best_time(run_notebook)
    sklearn = best_time(run_sklearn)
    print(f"training, 2-4-1 sigmoid, {EPOCHS} full-batch epochs (best of {REPEATS}):")
    print(f"  nnmath            {ours:7.3f} s   (with test-set evaluation every epoch)")
    print(f"  lesson's code     {notebook:7.3f} s   nnmath is {notebook / ours:4.2f}x as fast")
    print(f"  scikit-learn MLP  {sklearn:7.3f} s   nnmath is {sklearn / ours:4.2f}x as fast")

    first = time.perf_counter()
    LectureData.build(cached=False)
    first = time.perf_counter() - first
    warm = best_time(lambda: LectureData.build(cached=False))
    code = "from nnmath import LectureData; LectureData.build()"
    fresh = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])
    fresh = time.perf_counter() - fresh
    print("LectureData.build(), default config (5 networks x 5000 epochs, grids, slices):")
    print(f"  first build       {first:7.3f} s")
    print(f"  warm build        {warm:7.3f} s   (best of {REPEATS})")
    print(f"  fresh process     {fresh:7.3f} s   (interpreter start, imports incl. scikit-learn, build)")


if __name__ == "__main__":
    main()
