"""The quiz made from the lecture's numbers (nnmath.quiz), for the default config and configs
drawn from every documented range: each question's fact is where it says and is what the right
option shows, at its decimals; no wrong option equals it; every question sits in its chapter."""

from __future__ import annotations

import numpy as np
import pytest
from config_strategies import configs
from hypothesis import HealthCheck, given, reject, settings

from nnmath.config import parse_config
from nnmath.errors import TrainingDiverged
from nnmath.lecture_data import LectureData
from nnmath.network import Layer, forward
from nnmath.quiz import Chapter, build_quiz, number_text, quiz_json
from scenes.registry import SCENES
from facts_path import lookup

NUMERIC_CHAPTERS = {"neuron", "architecture", "forward_pass", "backprop", "training",
                    "hidden_sizes"}


def chapters(lines_per_chapter: int = 3) -> list[Chapter]:
    """The registry's chapters, 40 s each, with lines that name what the questions look for."""
    said = ("Each input times its weight, plus the bias, is z.",
            "The activation gives the output.", "The gradient and the learning rate make a step.")
    return [Chapter(entry.slug, entry.title, 40.0 * k, 40.0 * (k + 1),
                    tuple((40.0 * k + 5 + 10 * n, said[n]) for n in range(lines_per_chapter)))
            for k, entry in enumerate(SCENES)]


def check_quiz(data) -> list:
    """Every property the issue asks of a quiz, for ``data``; returns the questions."""
    spans = {chapter.slug: chapter for chapter in chapters()}
    questions = build_quiz(data, list(spans.values()))
    facts = data.to_facts()
    assert len({question.id for question in questions}) == len(questions)
    for question in questions:
        texts = [text for _, text in question.options]
        assert 3 <= len(texts) <= 5 and len(set(texts)) == len(texts), question.id
        assert question.answer in {key for key, _ in question.options}
        span = spans[question.chapter]
        assert span.start <= question.time < span.end, question.id
        assert span.title in question.explanation
        if question.facts_path is None:
            continue
        fact = lookup(facts, question.facts_path)
        assert question.value == round(fact * question.scale, question.decimals), question.id
        right = dict(question.options)[question.answer]
        shown = number_text(question.value, question.decimals, question.scale == 100)
        assert right == shown or right.startswith(f"{shown} "), question.id
        for key, text in question.options:
            if key != question.answer:
                assert text != right, question.id
    return questions


def test_the_default_quiz_has_seven_questions_from_five_chapters_four_about_its_numbers():
    questions = check_quiz(LectureData.build())
    assert len(questions) >= 7
    assert len({question.chapter for question in questions}) >= 5
    numeric = [question for question in questions if question.facts_path is not None]
    assert len(numeric) >= 4 and {question.chapter for question in numeric} <= NUMERIC_CHAPTERS
    assert [question.chapter for question in questions] == sorted(
        (question.chapter for question in questions),
        key=[entry.slug for entry in SCENES].index)


@settings(max_examples=2, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(configs(max_sample_epochs=60_000, max_samples=300))
def test_a_random_config_gets_a_quiz_of_its_own_numbers(mapping):
    try:
        data = LectureData.build(parse_config(mapping), cached=False)
    except TrainingDiverged:
        reject()
    assert len(check_quiz(data)) >= 6   # hidden_sizes asks only when one size is best


def test_the_distractors_are_the_mistakes_computed():
    """The weighted sum's wrong options begin with the bias forgotten; the update's with the
    learning rate left out and the gradient's sign flipped, recomputed here from the facts."""
    data = LectureData.build()
    by_id = {question.id: question for question in build_quiz(data, chapters())}
    ex = data.neuron_example
    z = by_id["neuron-z"]
    assert number_text(float(ex.inputs @ ex.weights), 2) in dict(z.options).values()
    bp = data.backprop_example
    j = bp.followed_neurons[0]
    w, g = bp.params_before[1].W[j, 0], bp.dW[1][j, 0]
    update = by_id["backprop-update"]
    shown = set(dict(update.options).values())
    decimals = update.decimals
    assert {number_text(w - g, decimals), number_text(w + 0.1 * g, decimals)} <= shown
    forward_question = by_id["forward-prediction"]
    unbiased = [Layer(layer.W, np.zeros_like(layer.b)) for layer in data.final_params]
    without_bias = forward(unbiased, data.forward_example.x[None, :],
                           data.neuron_example.activation_fn).output[0, 0]
    texts = set(dict(forward_question.options).values())
    assert (number_text(without_bias, 2) in texts
            or number_text(without_bias, 2) == number_text(forward_question.value, 2))


def test_questions_take_the_time_of_the_line_that_talks_about_them():
    by_id = {question.id: question for question in build_quiz(LectureData.build(), chapters())}
    start = 40.0 * [entry.slug for entry in SCENES].index("backprop")
    assert by_id["backprop-gradient"].time == start + 25     # "The gradient and ..."
    assert by_id["neuron-a"].time == 40.0 * 2 + 15           # "The activation gives ..."


def test_a_chapter_without_lines_places_its_questions_in_its_middle_and_a_missing_one_asks_none():
    plain = [Chapter(chapter.slug, chapter.title, chapter.start, chapter.end)
             for chapter in chapters() if chapter.slug != "training"]
    questions = build_quiz(LectureData.build(), plain)
    assert "training" not in {question.chapter for question in questions}
    neuron = next(chapter for chapter in plain if chapter.slug == "neuron")
    assert {q.time for q in questions if q.chapter == "neuron"} == {
        (neuron.start + neuron.end) / 2}


def test_the_quiz_json_has_the_issues_schema():
    quiz = quiz_json(build_quiz(LectureData.build(), chapters()))
    for question in quiz["questions"]:
        assert {"id", "chapter", "time", "prompt", "options", "answer", "facts_path", "value",
                "explanation"} <= question.keys()
        assert all(set(option) == {"id", "text"} for option in question["options"])


@pytest.mark.parametrize("bad, message", [
    ({"course": {"mastery_score": 101}}, "course.mastery_score = 101 is invalid: must be an "
                                         "integer within [0, 100]"),
    ({"course": {"mastery_score": 79.5}}, "course.mastery_score = 79.5 is invalid"),
    ({"course": {"quiz": "middle"}}, 'course.quiz = "middle" is invalid: must be one of "end", '
                                     '"chapters"'),
    ({"course": {"passing": 80}}, "unknown key course.passing"),
])
def test_a_bad_course_setting_is_one_line_naming_it(bad, message):
    from nnmath.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        parse_config(bad)
    assert message in str(caught.value) and "\n" not in str(caught.value)
