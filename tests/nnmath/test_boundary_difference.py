"""Where hidden-size networks' boundaries part: hand-made grids and predictions for every kind,
and the default lecture's test point that only one size gets right, recomputed."""

import numpy as np

from nnmath.verdicts import BARELY, Difference, compare_boundaries

XS = YS = np.linspace(-1, 1, 21)
X, Y = np.meshgrid(XS, YS)
X_TEST = np.array([[0.0, 0.0], [0.5, 0.5], [-0.5, 0.2]])
Y_TEST = np.array([1, 0, 1])


def grid(shift):
    """P(class 1) with its 0.5 line at x = shift."""
    return 1 / (1 + np.exp(-10 * (X - shift)))


def test_one_network_has_nothing_to_compare():
    found = compare_boundaries([4], (XS, YS, [grid(0)]), [np.ones(3)], X_TEST, Y_TEST)
    assert found.kind is Difference.SINGLE and found.focus is None


def test_a_point_classified_differently_is_the_focus_with_who_gets_it_right():
    predictions = [np.array([1, 0, 1]), np.array([0, 0, 1]), np.array([0, 0, 1])]
    found = compare_boundaries([10, 3, 5], (XS, YS, [grid(0), grid(0.1), grid(0.1)]),
                               predictions, X_TEST, Y_TEST)
    assert found.kind is Difference.POINTS
    assert found.points == (0,) and found.right == ((10,),)
    assert found.focus_point == 0 and found.focus == (0.0, 0.0)


def test_the_most_evenly_split_point_is_chosen():
    predictions = [np.array([1, 1, 1]), np.array([0, 0, 1]), np.array([0, 1, 0]),
                   np.array([0, 0, 0])]
    found = compare_boundaries([1, 2, 3, 4], (XS, YS, [grid(0)] * 4), predictions, X_TEST, Y_TEST)
    assert found.points == (0, 1, 2)
    assert found.right == ((1,), (2, 4), (1, 2))
    assert found.focus_point == 1      # 2 of 4 right: the even split


def test_same_points_and_nearly_the_same_plane_barely_differ():
    same = [np.array([1, 0, 1])] * 2
    found = compare_boundaries([3, 5], (XS, YS, [grid(0.0), grid(0.0)]), same, X_TEST, Y_TEST)
    assert found.kind is Difference.BARELY and found.area == 0 and found.focus is None


def test_same_points_but_a_visibly_moved_line_looks_where_they_differ():
    same = [np.array([1, 0, 1])] * 2
    found = compare_boundaries([3, 5], (XS, YS, [grid(0.55), grid(0.85)]), same, X_TEST, Y_TEST)
    assert found.kind is Difference.PLANE and found.area >= BARELY
    assert 0.55 <= found.focus[0] <= 0.85


def test_the_default_lecture_focuses_on_the_point_only_five_neurons_get_right():
    from nnmath.activations import get_activation
    from nnmath.lecture_data import LectureData
    from nnmath.network import forward

    data = LectureData.build()
    found = data.boundary_difference
    sigmoid = get_activation("sigmoid")
    right = [size for size, n in zip(data.config.lecture.hidden_sizes, data.hidden_size_comparison)
             if (forward(n.params, data.dataset.X_test[[found.focus_point]], sigmoid).output[0, 0]
                 >= 0.5) == data.dataset.y_test[found.focus_point]]
    assert found.kind is Difference.POINTS and found.right == (tuple(right),) == ((5,),)
    assert found.focus == tuple(data.dataset.X_test[found.focus_point])


def test_a_grid_on_one_side_of_one_half_gives_one_class_everywhere():
    from nnmath.verdicts import uniform_class

    assert uniform_class(np.full((3, 3), 0.49)) == 0
    assert uniform_class(np.full((3, 3), 0.5)) == 1
    assert uniform_class(grid(0)) is None


def test_size_outcomes_gather_the_verdicts_by_size():
    from nnmath.verdicts import Limit, judge, size_outcomes

    def verdict(train, test, sizes):
        return judge(train_accuracy=train, test_accuracy=test, n_train=10, y_test=[0, 1] * 5,
                     losses=np.geomspace(0.25, 0.001, 50), final_loss=0.001,
                     final_test_loss=0.001, layer_sizes=sizes, activation="sigmoid")

    verdicts = [verdict(1.0, 0.8, (2, 8, 1)), verdict(0.5, 0.5, (2, 1, 1)),
                verdict(1.0, 1.0, (2, 4, 1))]
    found = size_outcomes([8, 1, 4], verdicts)
    assert found.chance == (1,) and found.chance_limit is Limit.ONE_HIDDEN_NEURON
    assert found.overfitted == (8,) and not found.all_fit and not found.smallest_well
    assert not found.all_chance
    assert size_outcomes([4], [verdicts[2]]).smallest_well
    assert size_outcomes([4], [verdicts[2]]).all_fit
