import numpy as np
import pytest
from sklearn.datasets import make_blobs, make_circles

from nnmath.datasets import DATASETS, make_dataset
from nnmath.errors import NNMathError


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_is_a_seeded_two_class_split(name):
    data = make_dataset(name, 150, 0.2, seed=11, test_size=0.3)
    assert data.name == name
    assert data.X_train.shape == (105, 2) and data.X_test.shape == (45, 2)
    assert data.X_train.dtype == np.float64 and data.y_train.dtype == np.int64
    assert set(np.unique(data.y)) == {0, 1}
    again = make_dataset(name, 150, 0.2, seed=11, test_size=0.3)
    np.testing.assert_array_equal(again.X_test, data.X_test)
    other = make_dataset(name, 150, 0.2, seed=12, test_size=0.3)
    assert not np.array_equal(other.X_train, data.X_train)


def test_blobs_and_circles_use_scikit_learn_as_documented():
    data = make_dataset("blobs", 100, 0.1, seed=42)
    X, _ = make_blobs(n_samples=100, centers=2, n_features=2, random_state=42, cluster_std=1.0)
    np.testing.assert_array_equal(np.sort(data.X[:, 0]), np.sort(X[:, 0]))
    data = make_dataset("circles", 100, 0.05, seed=1)
    X, _ = make_circles(n_samples=100, noise=0.05, factor=0.5, random_state=1)
    np.testing.assert_array_equal(np.sort(data.X[:, 1]), np.sort(X[:, 1]))


def test_xor_without_noise_is_the_sign_of_the_product():
    data = make_dataset("xor", 200, 0.0, seed=5)
    np.testing.assert_array_equal(data.y, (data.X[:, 0] * data.X[:, 1] > 0).astype(int))
    assert np.abs(data.X).max() <= 1.0


def test_standardize_uses_training_statistics():
    raw = make_dataset("blobs", 200, 0.1, seed=2)
    data = make_dataset("blobs", 200, 0.1, seed=2, standardize=True)
    np.testing.assert_allclose(data.X_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(data.X_train.std(axis=0), 1, rtol=1e-12)
    mean, std = raw.X_train.mean(axis=0), raw.X_train.std(axis=0)
    np.testing.assert_allclose(data.X_test, (raw.X_test - mean) / std, rtol=1e-12)
    assert not np.allclose(data.X_test.mean(axis=0), 0, atol=1e-6)  # the test set is not re-centred


def test_bounds_pad_all_samples():
    data = make_dataset("moons", 50, 0.1, seed=0)
    x0, x1, y0, y1 = data.bounds(0.5)
    assert x0 == data.X[:, 0].min() - 0.5 and y1 == data.X[:, 1].max() + 0.5


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"name": "spirals"}, "data set 'spirals' is unknown: choose one of moons, blobs, circles, xor"),
        ({"name": "moons", "n_samples": 2}, "n_samples = 2 is invalid"),
        ({"name": "moons", "noise": -1.0}, "noise = -1.0 is invalid"),
        ({"name": "moons", "test_size": 1.5}, "test_size = 1.5 is invalid"),
    ],
)
def test_bad_arguments(kwargs, pattern):
    with pytest.raises(NNMathError, match=pattern):
        make_dataset(**kwargs)
