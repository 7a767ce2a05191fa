"""The applications panels' toy data: seeded, and internally consistent."""

import numpy as np

from nnmath.illustrations import make_illustrations


def test_same_seed_same_data_other_seed_other_noise():
    a, b, c = make_illustrations(1), make_illustrations(1), make_illustrations(2)
    assert np.array_equal(a.series, b.series) and np.array_equal(a.ratings, b.ratings)
    assert not np.array_equal(a.series, c.series)


def test_maze_path_walks_free_neighbouring_cells_from_start_to_goal():
    maze, path = make_illustrations(0).maze, make_illustrations(0).maze_path
    assert path[0] == (2, 2) and path[-1] == (7, 7)
    assert all(maze[r, c] == 0 for r, c in path)
    assert all(abs(r1 - r2) + abs(c1 - c2) == 1 for (r1, c1), (r2, c2) in zip(path, path[1:]))


def test_recommender_fills_only_unrated_cells():
    data = make_illustrations(3)
    assert data.predicted.any()
    assert np.all(data.ratings[data.predicted] == 0)


def test_forecast_continues_the_signal():
    data = make_illustrations(0)
    assert data.forecast_t[0] >= data.series_t[-1]
    assert np.allclose(data.forecast, np.sin(data.forecast_t))
