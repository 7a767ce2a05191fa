import numpy as np
import pytest

from nnmath.errors import NNMathError
from nnmath.landscape import (
    bowl_path,
    decision_grid,
    descent_path,
    neuron_grids,
    slice_weights,
)
from nnmath.network import Layer, forward, init_params


def test_descent_path_on_a_quadratic_has_the_closed_form():
    path = descent_path(lambda x: 2 * x, (3.0, -1.0), 0.25, 6, f=lambda x: float(np.sum(x**2)))
    assert path.points.shape == (7, 2)
    np.testing.assert_allclose(path.points[:, 0], 3.0 * 0.5 ** np.arange(7))
    np.testing.assert_allclose(path.values, np.sum(path.points**2, axis=1))
    assert descent_path(lambda x: x, (1.0,), 0.1, 3).values is None
    with pytest.raises(NNMathError, match="learning_rate = -1"):
        descent_path(lambda x: x, (1.0,), -1, 3)


def test_bowl_path_is_the_lessons_recorded_points():
    # The lesson's loop, verbatim in spirit: it records 20 points, x0..x19.
    x = y = 1.8
    expected = []
    for _ in range(20):
        expected.append((x, y, x**2 + y**2))
        x, y = x - 0.1 * 2 * x, y - 0.1 * 2 * y
    path = bowl_path()
    np.testing.assert_allclose(path.points, np.array(expected)[:, :2], rtol=1e-14)
    np.testing.assert_allclose(path.values, np.array(expected)[:, 2], rtol=1e-14)


def test_grids_are_indexed_rows_by_y_columns_by_x():
    params = init_params([2, 3, 1], "he", 0)
    grid = decision_grid(params, "tanh", (-1.0, 2.0, 5.0, 6.0), 7)
    assert grid.values.shape == (7, 7)
    i, j = 2, 5
    p = forward(params, np.array([[grid.xs[j], grid.ys[i]]]), "tanh").output[0, 0]
    assert grid.values[i, j] == pytest.approx(p, rel=1e-12)
    hidden = neuron_grids(params, "tanh", (-1.0, 2.0, 5.0, 6.0), 7)
    a = forward(params, np.array([[grid.xs[j], grid.ys[i]]]), "tanh").activations[1][0]
    assert [hidden[0][k].values[i, j] for k in range(3)] == pytest.approx(a.tolist(), rel=1e-12)
    with pytest.raises(NNMathError, match="bounds"):
        decision_grid(params, "tanh", (1.0, 0.0, 0.0, 1.0), 7)


def test_slice_weights_rule():
    W2 = np.array([[0.5], [-3.0], [0.1], [2.0]])
    params = [Layer(np.zeros((2, 4)), np.zeros((1, 4))), Layer(W2, np.zeros((1, 1)))]
    refs = slice_weights(params)
    assert [(r.kind, r.layer, r.row, r.col) for r in refs] == [("W", 1, 1, 0), ("W", 1, 3, 0)]
    assert [r.value(params) for r in refs] == [-3.0, 2.0]
    single = [Layer(np.zeros((2, 1)), np.zeros((1, 1))), Layer(np.array([[1.5]]), np.array([[0.2]]))]
    assert [(r.kind, r.value(single)) for r in slice_weights(single)] == [("W", 1.5), ("b", 0.2)]


def test_a_rate_above_one_climbs_out_of_the_bowl_and_the_view_holds_it():
    from nnmath.landscape import COMPARISON_LEARNING_RATES, covering_extent

    small, good, large = (bowl_path(rate) for rate in COMPARISON_LEARNING_RATES)
    # Each step maps w to (1 - 2 eta) w: by hand, the large rate's last point and loss.
    factor = 1 - 2 * COMPARISON_LEARNING_RATES[2]
    assert factor < -1
    np.testing.assert_allclose(large.points[-1], 1.8 * factor ** 19 * np.ones(2), rtol=1e-12)
    assert large.values[-1] == pytest.approx(2 * (1.8 * factor ** 19) ** 2, rel=1e-12)
    assert large.values[-1] > 2 * large.values[0]
    extent = covering_extent([small, good, large])
    assert extent % 0.5 == 0 and extent >= np.max(np.abs(large.points)) + 0.25
    assert covering_extent([good]) == 2.5   # 1.8 plus the 0.25 margin passes 2
