"""The two-feature, two-class data sets the lecture trains on, seeded and split as the lesson does."""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from nnmath.errors import NNMathError


@dataclass(frozen=True)
class Dataset:
    """A train/test split: X_* float64 (n, 2), y_* int64 (n,) of 0s and 1s."""

    name: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray

    @property
    def X(self):
        """All samples, train then test."""
        return np.vstack([self.X_train, self.X_test])

    @property
    def y(self):
        return np.concatenate([self.y_train, self.y_test])

    def bounds(self, pad=0.5):
        """(x_min, x_max, y_min, y_max) of all samples, each side padded by ``pad`` (the lesson's
        decision-boundary plots pad by 0.5)."""
        X = self.X
        return (
            float(X[:, 0].min() - pad),
            float(X[:, 0].max() + pad),
            float(X[:, 1].min() - pad),
            float(X[:, 1].max() + pad),
        )


def _xor(n_samples, noise, seed):
    """Points uniform in the square [-1, 1]², class 1 where x1·x2 > 0 (first and third
    quadrants), then Gaussian noise of standard deviation ``noise`` added to the features."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
    return X + rng.normal(0.0, noise, size=X.shape), y


def _moons(n_samples, noise, seed):
    from sklearn.datasets import make_moons

    return make_moons(n_samples=n_samples, noise=noise, random_state=seed)


def _blobs(n_samples, noise, seed):
    from sklearn.datasets import make_blobs

    return make_blobs(n_samples=n_samples, centers=2, n_features=2, random_state=seed,
                      cluster_std=10 * noise)


def _circles(n_samples, noise, seed):
    from sklearn.datasets import make_circles

    return make_circles(n_samples=n_samples, noise=noise, factor=0.5, random_state=seed)


@dataclass(frozen=True)
class DataSetChoice:
    """A registered data set: its display name and its maker, (n_samples, noise, seed) -> X, y.
    scikit-learn is imported inside the makers: it takes about a second, and reading or
    validating a config (which needs the names) should not pay for it."""
    display: str
    make: Callable


# The registry, name -> choice.
DATA_SETS = {
    "moons": DataSetChoice("two moons", _moons),
    "blobs": DataSetChoice("two blobs", _blobs),
    "circles": DataSetChoice("concentric circles", _circles),
    "xor": DataSetChoice("XOR", _xor),
}
DATASETS = tuple(DATA_SETS)


def make_dataset(name, n_samples=200, noise=0.1, seed=42, test_size=0.2, standardize=False):
    """Generate data set ``name`` and split it with ``train_test_split(test_size, random_state=seed)``.

    * "moons": ``make_moons(n_samples, noise=noise, random_state=seed)`` (the lesson's data).
    * "blobs": ``make_blobs(n_samples, centers=2, n_features=2, random_state=seed,
      cluster_std=10 * noise)``, so noise 0.1 gives scikit-learn's default spread 1.0.
    * "circles": ``make_circles(n_samples, noise=noise, factor=0.5, random_state=seed)``.
    * "xor": see ``_xor``; seeded with ``np.random.default_rng(seed)``.

    ``standardize`` rescales both sets with the training set's mean and standard deviation.
    """
    if name not in DATASETS:
        raise NNMathError(f"data set {name!r} is unknown: choose one of {', '.join(DATASETS)}")
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or n_samples < 4:
        raise NNMathError(f"n_samples = {n_samples!r} is invalid: must be an integer >= 4")
    if (
        isinstance(noise, bool)
        or not isinstance(noise, (int, float))
        or not (np.isfinite(noise) and noise >= 0)
    ):
        raise NNMathError(f"noise = {noise!r} is invalid: must be a finite number >= 0")
    if not 0 < test_size < 1:
        raise NNMathError(f"test_size = {test_size!r} is invalid: must be between 0 and 1 (exclusive)")
    from sklearn.model_selection import train_test_split

    X, y = DATA_SETS[name].make(n_samples, noise, seed)
    X_train, X_test, y_train, y_test = train_test_split(
        X.astype(np.float64), y.astype(np.int64), test_size=test_size, random_state=seed
    )
    if standardize:
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        std[std == 0] = 1.0
        X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
    return Dataset(name, X_train, y_train, X_test, y_test)
