"""Benchmark nnmath's training against the lesson's own code and scikit-learn, and time the
lecture build.

    .venv/bin/python scripts/dev/bench_nnmath.py

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

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

from nnmath import LectureData, init_params, make_dataset, train  # noqa: E402
from scripts.dev.lesson_reference import SimpleNeuralNetwork  # noqa: E402

EPOCHS = 5000
REPEATS = 3


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
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
    fresh = time.perf_counter() - fresh
    print("LectureData.build(), default config (5 networks x 5000 epochs, grids, slices):")
    print(f"  first build       {first:7.3f} s")
    print(f"  warm build        {warm:7.3f} s   (best of {REPEATS})")
    print(f"  fresh process     {fresh:7.3f} s   (interpreter start, imports incl. scikit-learn, build)")


if __name__ == "__main__":
    main()
