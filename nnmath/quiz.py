"""A quiz from the lecture's own numbers: each question asks for a number the video shows (or a
point it makes), its right option is that fact at the decimals the scene shows it, and its wrong
options are what the common mistakes give, computed here: the bias forgotten, the activation
applied twice or not at all, the gradient's sign flipped, the learning rate left out.

``build_quiz(data, chapters)`` asks only about the chapters the lecture has, and times each
question at the first narration line of its chapter that talks about it.
"""

import math
import re
from dataclasses import dataclass

import numpy as np

from nnmath.activations import get_activation
from nnmath.network import Layer, forward

OPTION_IDS = "abcde"
MOST_DECIMALS = 5   # as the backprop scene: numbers to two significant digits, 2 to 5 decimals


@dataclass(frozen=True)
class Chapter:
    """One chapter on the lecture's timeline: its scene ``slug``, ``title``, ``start`` and ``end``
    (seconds) and its narration ``lines`` as (start in the lecture, caption text)."""

    slug: str
    title: str
    start: float
    end: float
    lines: tuple = ()


@dataclass(frozen=True)
class Question:
    """A multiple-choice question. ``options`` are (id, text); ``answer`` the right one's id.
    ``facts_path`` (a path into ``nnlecture facts``) holds the number the right option shows,
    ``value`` = round(fact × ``scale``, ``decimals``); both None for a conceptual question."""

    id: str
    chapter: str
    time: float
    prompt: str
    options: tuple
    answer: str
    facts_path: str | None
    value: float | None
    decimals: int | None
    scale: float
    explanation: str

    @classmethod
    def from_json(cls, question):
        """The Question that ``to_json`` wrote."""
        return cls(question["id"], question["chapter"], question["time"], question["prompt"],
                   tuple((option["id"], option["text"]) for option in question["options"]),
                   question["answer"], question["facts_path"], question["value"],
                   question["decimals"], question["scale"], question["explanation"])

    def to_json(self):
        return {"id": self.id, "chapter": self.chapter, "time": self.time,
                "prompt": self.prompt,
                "options": [{"id": key, "text": text} for key, text in self.options],
                "answer": self.answer, "facts_path": self.facts_path, "value": self.value,
                "decimals": self.decimals, "scale": self.scale, "explanation": self.explanation}


@dataclass(frozen=True)
class _Draft:
    """A question before it is placed: its chapter, the words that find its line, the prompt,
    the right text and the wrong ones (mistakes first), and the fact it shows."""

    id: str
    chapter: str
    keywords: tuple
    prompt: str
    right: str
    wrong: tuple
    explanation: str
    facts_path: str | None = None
    value: float | None = None
    decimals: int | None = None
    scale: float = 1.0


def build_quiz(data, chapters):
    """The questions about ``data`` (a LectureData) for the lecture whose chapters are
    ``chapters`` (a sequence of Chapter), in the order the lecture shows their answers;
    chapters without questions are skipped."""
    by_slug = {chapter.slug: chapter for chapter in chapters}
    order = {chapter.slug: k for k, chapter in enumerate(chapters)}
    drafts = [draft for make in _QUESTIONS for draft in make(data) if draft.chapter in by_slug]
    drafts.sort(key=lambda draft: order[draft.chapter])
    placed = [_place(draft, by_slug[draft.chapter], data.config.seed, k)
              for k, draft in enumerate(drafts)]
    return tuple(sorted(placed, key=lambda question: (order[question.chapter], question.time)))


def quiz_json(questions):
    """The quiz as course/quiz.json holds it."""
    return {"questions": [question.to_json() for question in questions]}


def significant_decimals(value, digits=2):
    """Decimals that show ``value`` to ``digits`` significant digits: at least 2, at most 5."""
    if value == 0 or not math.isfinite(value):
        return 2
    return int(min(MOST_DECIMALS, max(2, digits - 1 - math.floor(math.log10(abs(value))))))


def change_decimals(before, after):
    """Decimals for a before → after pair: both to two significant digits, and enough for the
    change between them to show (as the backprop scene writes a weight's update)."""
    return max(significant_decimals(before), significant_decimals(after),
               significant_decimals(after - before, digits=1))


def clock(seconds):
    """m:ss for people."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def number_text(value, decimals, percent=False):
    """A number as an option shows it: ``decimals`` places, a minus sign for negatives."""
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text + (" %" if percent else "")


# --- placing a question on the timeline ----------------------------------------------------------

def _place(draft, chapter, seed, number):
    """The Question of ``draft``: its options in a seeded order, timed in ``chapter``."""
    wrong = _distinct(draft.right, draft.wrong)
    texts = [draft.right, *wrong]
    shuffled = np.random.default_rng([seed, number]).permutation(len(texts))
    options = tuple((OPTION_IDS[k], texts[i]) for k, i in enumerate(shuffled))
    answer = next(key for key, text in options if text == draft.right)
    time = _time(chapter, draft.keywords)
    return Question(draft.id, draft.chapter, time, draft.prompt, options, answer,
                    draft.facts_path, draft.value, draft.decimals, draft.scale,
                    f"{chapter.title}, at {clock(time)}: {draft.explanation}")


def _distinct(right, wrong):
    """Up to four wrong texts, each unlike the right one and the others, mistakes first."""
    kept = []
    for text in wrong:
        if text != right and text not in kept and "nan" not in text and "inf" not in text:
            kept.append(text)
    return kept[:len(OPTION_IDS) - 1]


def _time(chapter, keywords):
    """The start of the chapter's first line that holds its first keyword (a word or phrase,
    whole words, any case), else its next one, ...; else of its first line; the chapter's middle
    if it has no lines."""
    lines = [(start, text) for start, text in chapter.lines if chapter.start <= start < chapter.end]
    for keyword in keywords:
        pattern = re.compile(rf"\b{re.escape(keyword)}\b", re.IGNORECASE)
        for start, text in lines:
            if pattern.search(text):
                return float(start)
    return float(lines[0][0]) if lines else (chapter.start + chapter.end) / 2


# --- the questions -------------------------------------------------------------------------------

def _numeric(draft_id, chapter, keywords, prompt, path, fact, decimals, mistakes, explanation,
             percent=False):
    """A question whose right option is ``fact`` (× 100 with ``percent``) at ``decimals``; the
    wrong options are ``mistakes`` as they would be shown, then the generic slips (the sign, the
    decimal point) where the mistakes coincide."""
    scale = 100.0 if percent else 1.0
    value = round(float(fact) * scale, decimals)
    shown = [number_text(float(m) * scale, decimals, percent) for m in mistakes]
    slips = [number_text(value + 3 * 10 ** (1 - decimals), decimals, percent),
             number_text(value / 10, decimals, percent), number_text(-value, decimals, percent),
             number_text(value * 10, decimals, percent)]
    return _Draft(draft_id, chapter, keywords, prompt, number_text(value, decimals, percent),
                  tuple(shown + slips), explanation, path, value, decimals, scale)


def _pair(values, decimals=2):
    return "(" + ", ".join(number_text(v, decimals) for v in values) + ")"


def _neuron(data):
    ex = data.neuron_example
    g = ex.activation_fn.fn
    unbiased = float(ex.terms.sum())
    name = data.config.network.activation
    given = (f"Hidden neuron {ex.neuron + 1} of the first layer receives x = {_pair(ex.inputs)} "
             f"with weights w = {_pair(ex.weights)} and bias b = {number_text(ex.bias, 2)}.")
    z = _numeric("neuron-z", "neuron", ("add the bias", "bias", "weighted sum"),
                 f"{given} What is its weighted sum z = w·x + b?", "neuron_example.z", ex.z, 2,
                 [unbiased, unbiased - ex.bias, ex.a],
                 f"z is each input times its weight, summed, plus the bias: "
                 f"{number_text(ex.z, 2)}. Without the bias it would be "
                 f"{number_text(unbiased, 2)}.")
    a = _numeric("neuron-a", "neuron", ("squashes z", "activation function", "output"),
                 f"{given} Its weighted sum is z = {number_text(ex.z, 2)}. What is its output "
                 f"a = {name}(z)?", "neuron_example.a", ex.a, 2,
                 [ex.z, float(g(np.array(ex.a))), float(g(np.array(unbiased)))],
                 f"the activation is applied once, to z: {name}({number_text(ex.z, 2)}) = "
                 f"{number_text(ex.a, 2)}.")
    return [z, a]


def _architecture(data):
    sizes = list(data.layer_sizes)
    counts = data.parameters
    shown = "-".join(str(n) for n in sizes)
    return [_numeric("architecture-parameters", "architecture", ("parameters", "weights"),
                     f"A {shown} network (inputs first) has how many weights and biases in all?",
                     "network.parameters.total", counts.total, 0,
                     [data.n_weights, counts.total + sizes[0], sum(sizes), math.prod(sizes)],
                     f"each layer has n_in × n_out weights and one bias per neuron: "
                     f"{data.n_weights} weights + {data.n_biases} biases = {counts.total}.")]


def _forward_pass(data):
    ex = data.forward_example
    params, x = ex.params, ex.x[None, :]
    hidden = get_activation(data.config.network.activation, data.config.network.leaky_slope)
    unbiased = [Layer(layer.W, np.zeros_like(layer.b)) for layer in params]
    sigmoid = get_activation("sigmoid").fn
    output = params[-1]
    hidden_out = ex.activations[-2][None, :]
    mistakes = [ex.zs[-1][0],                                          # output not squashed
                float(sigmoid(np.array(ex.prediction))),               # squashed twice
                float(sigmoid(hidden_out @ output.W)[0, 0]),           # output's bias forgotten
                float(forward(unbiased, x, hidden).output[0, 0]),      # every bias forgotten
                float(forward(params, x, get_activation("linear")).output[0, 0]),  # no g in hidden
                float(sigmoid(hidden.fn(hidden_out) @ output.W + output.b)[0, 0])]  # g twice
    return [_numeric("forward-prediction", "forward_pass", ("the prediction", "prediction"),
                     f"The trained network takes the test point x = {_pair(ex.x)}. What does its "
                     f"output neuron give, the predicted probability of class 1?",
                     "forward_example.prediction", ex.prediction, 2, mistakes,
                     f"each layer computes z = a·W + b and applies its activation; the output "
                     f"neuron's sigmoid gives {number_text(ex.prediction, 2)}.")]


def _backprop(data):
    ex = data.backprop_example
    hidden = len(ex.dW) - 1
    j = ex.followed_neurons[0]
    gradient = float(ex.dW[hidden][j, 0])
    before = float(ex.params_before[hidden].W[j, 0])
    after = float(ex.params_after[hidden].W[j, 0])
    rate = ex.learning_rate
    a_j = float(ex.forward.activations[hidden][j])
    d_grad, d_step = significant_decimals(gradient), change_decimals(before, after)
    source = f"hidden neuron {j + 1}"
    weight = f"the weight from {source} to the output"
    delta = ex.deltas[-1][0]
    grad = _numeric("backprop-gradient", "backprop", ("delta times its input", "gradient"),
                    f"Before training, backpropagation on one sample gives the output neuron the "
                    f"delta δ = {number_text(delta, significant_decimals(delta))}"
                    f", and {source} fired a = {number_text(a_j, significant_decimals(a_j))}. "
                    f"What is the gradient ∂L/∂w of {weight}?",
                    f"backprop_example.dW[{hidden}][{j}][0]", gradient, d_grad,
                    [-gradient, ex.output_gradient * a_j, delta],
                    f"∂L/∂w = a × δ, the activation that fed the weight times the delta of the "
                    f"neuron it feeds: {number_text(gradient, d_grad)}.")
    step = _numeric("backprop-update", "backprop", ("learning rate", "step"),
                    f"{weight.capitalize()} is w = {number_text(before, d_step)}, its gradient "
                    f"∂L/∂w = {number_text(gradient, d_grad)} and the learning rate "
                    f"η = {rate:g}. What is the weight after one update?",
                    f"backprop_example.params_after[{hidden}].W[{j}][0]", after, d_step,
                    [before - gradient, before + rate * gradient, before],
                    f"w ← w − η ∂L/∂w = {number_text(before, d_step)} − {rate:g} × "
                    f"({number_text(gradient, d_grad)}) = {number_text(after, d_step)}.")
    return [grad, step]


def _training(data):
    verdict = data.training_verdict
    first = data.boundary.test_accuracy[0]
    return [_numeric("training-test-accuracy", "training",
                     ("test points are right", "percent", "accuracy"),
                     f"After {data.config.training.epochs} epochs of training, what share of the "
                     f"test points does the network classify correctly?",
                     "training.final_test_accuracy", data.test_accuracy, 1,
                     [data.train_accuracy, 1 - data.test_accuracy, first, verdict.chance_level,
                      data.linearity_comparison.linear.test_accuracy],
                     f"{verdict.test.correct} of the {verdict.test.total} test points are right: "
                     f"{number_text(100 * data.test_accuracy, 1)} % (the training points score "
                     f"{number_text(100 * data.train_accuracy, 1)} %).", percent=True)]


def _hidden_sizes(data):
    comparison = data.size_comparison
    if len(comparison.sizes) < 3 or len(comparison.best_sizes) != 1:
        return []
    best = comparison.best_sizes[0]
    index = list(data.config.lecture.hidden_sizes).index(best)
    accuracy = number_text(100 * data.hidden_size_comparison[index].test_accuracy, 1)
    return [_Draft("hidden-sizes-best", "hidden_sizes", ("best", "test", "neurons"),
                   f"The lecture trains networks with {', '.join(map(str, comparison.sizes))} "
                   f"hidden neurons on the same data. Which size reaches the highest test "
                   f"accuracy?", f"{best} hidden neurons",
                   tuple(f"{size} hidden neurons" for size in comparison.sizes if size != best),
                   f"{best} hidden neurons reach {accuracy} % on the test points, the best of "
                   f"the sizes compared.", f"hidden_size_comparison[{index}].layer_sizes[1]",
                   float(best), 0)]


def _activations(data):
    return [_Draft("activations-why", "activations", ("without activation functions", "linear"),
                   "Why does a network need a non-linear activation in its hidden layers?",
                   "Without it the layers compose to one linear function, so the boundary "
                   "stays a straight line",
                   ("It makes the network train faster, with nothing else changed",
                    "It keeps the weights from growing too large",
                    "It is needed only when the data has more than two features"),
                   "a stack of linear layers is itself linear; the activation between them lets "
                   "the boundary bend.")]


def _gradient_descent(data):
    return [_Draft("gradient-descent-direction", "gradient_descent",
                   ("downhill", "slope", "gradient"),
                   "In gradient descent, which way does each step move the weights?",
                   "Against the gradient, by the learning rate times the gradient",
                   ("Along the gradient, uphill, to find the largest loss",
                    "By the learning rate alone, whatever the slope",
                    "To a random nearby point that lowers the loss"),
                   "the gradient points uphill; a step of −η∇L goes downhill, shorter where "
                   "the slope is gentle.")]


_QUESTIONS = (_neuron, _architecture, _activations, _forward_pass, _gradient_descent, _backprop,
              _training, _hidden_sizes)
