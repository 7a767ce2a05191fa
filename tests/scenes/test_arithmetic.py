"""Arithmetic on screen checks at the decimals shown: every sum and product a scene recorded
(``LectureMixin.record_arithmetic``, values as displayed) gives its shown result, for the default
lecture and another seed. A viewer who adds the shown terms gets the shown sum."""

from __future__ import annotations

import math

import pytest

from scenes import registry

pytestmark = pytest.mark.render


def check(record: dict) -> str | None:
    """Why the record does not add up at its decimals, or None when it does."""
    operands, result, decimals = record["operands"], record["result"], record["decimals"]
    exact = sum(operands) if record["kind"] == "sum" else math.prod(operands)
    if record["approximate"]:    # "≈" on screen: the operands' own rounding is allowed for
        slack = _slack(record)
        return None if abs(exact - result) <= slack + 0.5 * 10 ** -decimals + 1e-9 else \
            f"{exact} is not about {result} (allowed {slack})"
    return None if round(exact, decimals) == pytest.approx(result, abs=1e-9) else \
        f"{record['kind']} of {operands} is {round(exact, decimals)}, shown {result}"


def _slack(record: dict) -> float:
    """How far the operands' rounding to their shown decimals can move the result."""
    halves = [0.5 * 10 ** -_decimals(v) for v in record["operands"]]
    if record["kind"] == "sum":
        return sum(halves)
    return sum(h * abs(math.prod(record["operands"]) / v) for h, v in zip(halves, record["operands"])
               if v)


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def test_the_check_catches_a_sum_that_does_not_add_up():
    assert check({"kind": "sum", "operands": [14.98, -1.251, -8.91], "result": 4.85,
                  "decimals": 2, "approximate": False})
    assert check({"kind": "sum", "operands": [14.98, -1.251, -8.91], "result": 4.82,
                  "decimals": 2, "approximate": False}) is None
    assert check({"kind": "product", "operands": [-0.51, 0.25, 0.59], "result": -0.075,
                  "decimals": 3, "approximate": False}) is None


@pytest.mark.parametrize("slug", registry.slugs())
def test_shown_arithmetic_adds_up(rendered, other_config, slug):
    for results in (rendered, other_config[1]):
        problems = [why for record in results[slug].arithmetic if (why := check(record))]
        assert not problems, f"{slug}: " + "; ".join(problems)


def test_the_lecture_shows_its_arithmetic(rendered):
    """The scenes that compute on screen record what they compute."""
    shown = {slug for slug, result in rendered.items() if result.arithmetic}
    assert {"neuron", "forward_pass"} <= shown, shown
