"""adding_decimals: a worked sum's terms are written at enough decimals to add up as shown."""

from nnmath.verdicts import adding_decimals


def test_two_decimals_when_they_already_add_up():
    assert adding_decimals([15.00127, -1.24141, -8.91430], 4.84557) == 2


def test_more_decimals_when_two_would_not_add_up():
    terms = [1.004, 1.004, 0.0]             # 1.00 + 1.00 = 2.00, but the total is 2.008 -> 2.01
    assert adding_decimals(terms, sum(terms)) == 3
    assert round(sum(round(t, 3) for t in terms), 2) == round(sum(terms), 2)


def test_the_most_when_nothing_adds_up():
    assert adding_decimals([1.0, 1.0], 5.0, most=4) == 4
