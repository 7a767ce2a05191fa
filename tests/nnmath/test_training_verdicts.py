"""The training chapters' judgements: where the sweep ends, whether the boundary can bend, whether
every point is right, whether the lecture runs the lesson's own setup, and whether a class example
is classified right."""

from dataclasses import replace
from types import SimpleNamespace

from nnmath.config import LectureConfig
from nnmath.verdicts import (
    Score, bends, classified_right, ends_after_snapshots, is_lessons_setup, judge,
)


def test_the_sweep_ends_on_the_trained_network_only_after_the_last_snapshot():
    assert ends_after_snapshots((0, 10, 100), 120)
    assert not ends_after_snapshots((0, 10, 120), 120)


def test_only_a_network_without_a_limit_bends_its_boundary():
    def judged(sizes, activation):
        return judge(train_accuracy=1.0, test_accuracy=1.0, n_train=4, y_test=[0, 1],
                     losses=[1.0, 0.5], final_loss=0.1, final_test_loss=0.1,
                     layer_sizes=sizes, activation=activation)
    assert bends(judged((2, 4, 1), "tanh"))
    assert not bends(judged((2, 1, 1), "tanh"))
    assert not bends(judged((2, 4, 1), "linear"))


def test_every_point_right():
    assert Score(40, 40, 1.0, 100.0).all_right
    assert not Score(39, 40, 0.975, 97.5).all_right


def test_the_lessons_setup_whatever_its_lecture_options():
    config = LectureConfig()
    assert is_lessons_setup(config)
    assert is_lessons_setup(replace(config, lecture=replace(config.lecture, theme="light")))
    assert not is_lessons_setup(replace(config, training=replace(config.training,
                                                                 epochs=config.training.epochs + 1)))


def test_a_class_example_is_right_when_its_predicted_class_is_its_label():
    assert classified_right(SimpleNamespace(label=1, predicted_class=1))
    assert not classified_right(SimpleNamespace(label=0, predicted_class=1))
