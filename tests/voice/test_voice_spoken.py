"""The pronunciation table: captions as the lecture shows them, and what a voice must say,
each expected text written out by hand."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scripts.voice import spoken_form, unspoken
from scripts.voice.spoken import integer_words, ordinal_words

SCENES = Path(__file__).resolve().parents[2] / "scenes"

CAPTIONS = [
    # the issue's own examples
    ("σ(z) = 0.99 and ŷ = −0.075",
     "Sigma of z is zero point nine nine and y hat is minus zero point zero seven five"),
    ("W⁽²⁾", "W two"),
    # every sentence starts with a capital, or the voices run two sentences into one
    ("Welcome. σ(z) = 0.5 here. ŷ is the output.",
     "Welcome. Sigma of z is zero point five here. Y hat is the output."),
    ("ReLU's slope is exactly one for every positive z.",
     "Ray-loo's slope is exactly one for every positive z."),
    ("Sigmoid and tanh flatten out at the ends; the ReLUs grow without limit.",
     "Sigmoid and tanch flatten out at the ends; the ray-loos grow without limit."),
    # numbers with the decimals shown, as the lecture's captions print them
    ("After 5000 epochs, 97.5 percent of the test points are right.",
     "After five thousand epochs, ninety-seven point five percent of the test points are right."),
    ("Before training it gets 48.8 percent of the training points right.",
     "Before training it gets forty-eight point eight percent of the training points right."),
    ("It learns from 160 points of the two moons data.",
     "It learns from one hundred sixty points of the two moons data."),
    ("It learns from 1600 points, 1,600 in all.",
     "It learns from one thousand six hundred points, one thousand six hundred in all."),
    ("After 5000 epochs, 354 of the 400 test points are right, 88.5 percent.",
     "After five thousand epochs, three hundred fifty-four of the four hundred test points are "
     "right, eighty-eight point five percent."),
    ("Your brain holds about 86 billion neurons.",
     "Your brain holds about eighty-six billion neurons."),
    ("Now real numbers: hidden neuron h2 of our trained network, fed test sample number 0.",
     "Now real numbers: hidden neuron h two of our trained network, fed test sample number zero."),
    ("Our 2-1-1 network stayed at chance on the concentric circles data (55%): one line.",
     "Our two one one network stayed at chance on the concentric circles data, fifty-five "
     "percent: one line."),
    ("Our 2-4-1 network learned the two moons data and reached 97.5% test accuracy.",
     "Our two four one network learned the two moons data and reached ninety-seven point five "
     "percent test accuracy."),
    ("At the configured learning rate the 8-neuron network's training diverged, so it was "
     "trained at 0.25.",
     "At the configured learning rate the eight-neuron network's training diverged, so it was "
     "trained at zero point two five."),
    ("Data flows layer by layer: a weighted sum z, then the activation a = g(z).",
     "Data flows layer by layer: a weighted sum z, then the activation a is g of z."),
    ("Gradient descent starts from high-school calculus: one function, f of x.",
     "Gradient descent starts from high-school calculus: one function, f of x."),
    # symbols of the formulas on screen
    ("x ← x − η f'(x)", "X becomes x minus eta f prime of x"),
    ("δ = ∂L/∂z", "Delta is partial L over partial z"),
    ("z = w₁·x₁ + w₂·x₂ − 8.91", "Z is w one times x one plus w two times x two minus eight point "
                               "nine one"),
    ("z = 0.5 × 1.2 + (−8.91)", "Z is zero point five times one point two plus minus eight point "
                               "nine one"),
    ("Σ w·x → ŷ ≈ 0.3", "Sum w times x to y hat is about zero point three"),
    ("α = 0.01 and x² and x⁻¹", "Alpha is zero point zero one and x squared and x to the minus one"),
    ("a rate of 1e-05", "A rate of one times ten to the minus five"),
    ("the 1st, 2nd, 3rd, 12th and 21st epochs",
     "The first, second, third, twelfth and twenty-first epochs"),
]


@pytest.mark.parametrize("caption, spoken", CAPTIONS)
def test_captions_are_spoken_as_written_out_by_hand(caption, spoken):
    assert spoken_form(caption) == spoken


@pytest.mark.parametrize("n, words", [
    (0, "zero"), (7, "seven"), (13, "thirteen"), (40, "forty"), (86, "eighty-six"),
    (100, "one hundred"), (160, "one hundred sixty"), (1000, "one thousand"),
    (1600, "one thousand six hundred"), (5000, "five thousand"),
    (100000, "one hundred thousand"), (2_000_017, "two million seventeen"),
    (86_000_000_000, "eighty-six billion")])
def test_integers_as_words(n, words):
    assert integer_words(n) == words


@pytest.mark.parametrize("n, words", [(1, "first"), (5, "fifth"), (20, "twentieth"),
                                      (42, "forty-second"), (100, "one hundredth")])
def test_ordinals_as_words(n, words):
    assert ordinal_words(n) == words


@pytest.mark.parametrize("caption, _", CAPTIONS)
def test_spoken_text_has_nothing_a_voice_would_spell_out(caption, _):
    spoken = spoken_form(caption)
    assert unspoken(spoken) == set(), spoken


def literal_text(node: ast.AST) -> str | None:
    """A string literal's text; an f-string's with each placeholder shown as the number 7."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else " 7 "
                       for part in node.values)
    return None


def literals(node: ast.AST) -> list[str]:
    """The string literals in ``node``, each whole (not the pieces of an f-string)."""
    text = literal_text(node)
    if text is not None:
        return [text]
    return [found for child in ast.iter_child_nodes(node) for found in literals(child)]


def narrated_text() -> list[str]:
    """The literal text of every scene's narration: the first argument of each ``narrate(`` call
    and every returned or listed string of scenes/narration.py (docstrings aside)."""
    texts = []
    for path in sorted(SCENES.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "narrate":
                texts.append(literal_text(node.args[0]) if node.args else None)
            elif path.name == "narration.py" and isinstance(node, (ast.Return, ast.List, ast.Dict)):
                texts += literals(node)
    return [text for text in texts if text]


def test_every_narrated_text_of_the_scenes_is_speakable():
    texts = narrated_text()
    assert len(texts) > 100
    spelled = {text: unspoken(spoken_form(text)) for text in texts}
    assert {text: chars for text, chars in spelled.items() if chars} == {}


def test_unspoken_finds_symbols_digits_and_brackets():
    assert unspoken("σ(z) = 0.99 ŷ") == {"σ", "(", ")", "=", "0", "9", "ŷ"}
    assert unspoken("sigma of z is zero point nine nine, y hat.") == set()
