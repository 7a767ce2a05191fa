"""The default lecture reproduces the lesson's section 7 (and its exercise's hidden sizes).

The oracle is the lesson's own ``SimpleNeuralNetwork`` (scripts/dev/lesson_reference.py, verbatim but
for a private RandomState(42) that draws the same numbers as the lesson's global seed).
"""

import numpy as np
import pytest
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

from nnmath.lecture_data import LectureData
from scripts.dev.lesson_reference import SimpleNeuralNetwork

# Observed by running the lesson's algorithm (``notebook_run`` below): 39 of 40 test samples.
NOTEBOOK_TEST_ACCURACY = 0.975


def notebook_run(hidden_size=4):
    """Section 7's cells: data, split, a network with ``hidden_size`` neurons, 5000 epochs."""
    X, y = make_moons(n_samples=200, noise=0.1, random_state=42)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
    nn = SimpleNeuralNetwork(input_size=2, hidden_size=hidden_size, output_size=1)
    losses = nn.train(X_train, y_train, epochs=5000, learning_rate=0.1)
    accuracy = np.mean(nn.predict(X_test).flatten() == y_test)
    return nn, np.array(losses), accuracy, (X_train, X_test, y_train, y_test)


@pytest.fixture(scope="module")
def notebook():
    return notebook_run()


def test_same_data_and_initial_weights(notebook):
    _, _, _, (X_train, X_test, y_train, y_test) = notebook
    data = LectureData.build()
    np.testing.assert_array_equal(data.dataset.X_train, X_train)
    np.testing.assert_array_equal(data.dataset.X_test, X_test)
    np.testing.assert_array_equal(data.dataset.y_train, y_train)
    np.testing.assert_array_equal(data.dataset.y_test, y_test)
    fresh = SimpleNeuralNetwork(2, 4, 1)
    (W1, b1), (W2, b2) = data.initial_params
    np.testing.assert_array_equal(W1, fresh.W1)
    np.testing.assert_array_equal(W2, fresh.W2)
    assert not b1.any() and not b2.any()


def test_final_weights_losses_and_accuracy_match_the_lesson(notebook):
    nn, losses, accuracy, _ = notebook
    data = LectureData.build()
    (W1, b1), (W2, b2) = data.final_params
    for ours, theirs in ((W1, nn.W1), (b1, nn.b1), (W2, nn.W2), (b2, nn.b2)):
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-9)
    assert np.abs(W1).max() > 1  # trained far from the 0.1-scale start: the comparison is not vacuous
    assert len(data.history.loss) == 5000
    np.testing.assert_allclose(data.history.loss, losses, rtol=1e-9, atol=0)
    assert accuracy == NOTEBOOK_TEST_ACCURACY
    assert data.test_accuracy == accuracy


@pytest.mark.parametrize("position", [0, 1, 2])
def test_hidden_size_comparison_is_the_exercise_algorithm(position):
    """The exercise seeds 42 afresh for each network (``np.random.seed(42)`` in ``__init__``)."""
    data = LectureData.build()
    network = data.hidden_size_comparison[position]
    hidden = data.config.lecture.hidden_sizes[position]
    nn, _, accuracy, _ = notebook_run(hidden)
    assert network.layer_sizes == (2, hidden, 1)
    np.testing.assert_allclose(network.params[0].W, nn.W1, rtol=0, atol=1e-9)
    np.testing.assert_allclose(network.params[1].W, nn.W2, rtol=0, atol=1e-9)
    assert network.test_accuracy == accuracy
