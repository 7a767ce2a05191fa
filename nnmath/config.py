"""The lecture's configuration: a small TOML file, every key optional, validated on load.

Defaults reproduce the lesson's section 7 (two moons, a 2-4-1 sigmoid network, squared error
summed over the batch, learning rate 0.1, 5000 epochs). Every section validates itself when
constructed, so ``dataclasses.replace`` cannot produce an invalid config either. Errors are
ConfigError with one line: ``training.learning_rate = -0.1 is invalid: must be a positive number``.
"""

import dataclasses
import json
import math
import tomllib
from dataclasses import dataclass, field

from nnmath.datasets import DATASETS
from nnmath.errors import ConfigError
from nnmath.losses import LOSSES, REDUCTIONS
from nnmath.network import INIT_SCHEMES

HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
THEMES = ("dark", "light")
# Sections of the config file that the application reads (scripts.settings), not the engine.
APPLICATION_SECTIONS = ("voice", "render")
QUIZ_PLACES = ("end", "chapters")   # [course] quiz: after the last chapter, or at each chapter's end
# Upper bounds that keep the worst config's LectureData.build well under a minute and its scenes
# to minutes of rendering (measured in README, "Changing the lecture"). Training costs about
# epochs × samples × network size for each of the networks trained (the lecture's network, its
# linear twin, one per hidden size compared), plus a fixed cost per epoch.
MAX_SAMPLES = 2000  # the training scene draws every sample as a dot, in each frame
MAX_HIDDEN_LAYERS = 3
MAX_LAYER_WIDTH = 32  # for network.layers and lecture.hidden_sizes
MAX_EPOCHS = 50_000
MAX_SAMPLE_EPOCHS = 10_000_000  # training.epochs × data.n_samples
MAX_SNAPSHOTS = 20  # each is a decision grid and a step of the training scene
MAX_COMPARED = 5  # lecture.hidden_sizes: one network trained and one panel drawn each
# Default snapshot epochs, in thousandths of the epoch count: 0, 10, 50, 100, ..., 5000 for 5000.
SNAPSHOT_PER_MILLE = (0, 2, 10, 20, 40, 100, 200, 400, 600, 1000)


def default_snapshots(epochs):
    """The snapshot epochs used when the config names none: a fixed, roughly log-spaced recipe
    scaled to ``epochs`` (rounded, duplicates dropped)."""
    return tuple(sorted({(epochs * k + 500) // 1000 for k in SNAPSHOT_PER_MILLE}))


def _show(value):
    """``value`` as it would be written in TOML, for error messages."""
    if isinstance(value, (str, bool)):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


def _invalid(key, value, rule):
    return ConfigError(f"{key} = {_show(value)} is invalid: {rule}")


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _integer(key, value, low, high=None):
    rule = f"must be an integer >= {low}" if high is None else f"must be an integer within [{low}, {high}]"
    if not _is_int(value) or value < low or (high is not None and value > high):
        raise _invalid(key, value, rule)
    return value


def _number(key, value, rule, ok):
    """``value`` as a float if it is a finite real number (not a bool) passing ``ok``."""
    if (
        not isinstance(value, (int, float))
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not ok(value)
    ):
        raise _invalid(key, value, rule)
    return float(value)


def _choice(key, value, choices):
    if not isinstance(value, str) or value not in choices:
        raise _invalid(key, value, "must be one of " + ", ".join(json.dumps(c) for c in choices))
    return value


def _boolean(key, value):
    if not isinstance(value, bool):
        raise _invalid(key, value, "must be true or false")
    return value


def _integers(key, value, rule, ok):
    """``value`` as a tuple of ints if it is a list of ints passing ``ok`` (given the tuple)."""
    if not isinstance(value, (list, tuple)) or not all(_is_int(v) for v in value) or not ok(tuple(value)):
        raise _invalid(key, value, rule)
    return tuple(value)


def _set(obj, name, value):
    object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class Rule:
    """One key's rule, from which its check, its error message and its line in the README's
    config reference are all made. ``kind`` other: the section checks it itself and
    ``allowed`` says in words what it accepts."""

    key: str
    kind: str                  # integer | number | choice | boolean | other
    note: str = ""             # what the key means (README)
    low: float = None
    high: float = None
    strict: bool = False       # number: low < value (< high), not low <= value
    choices: tuple = ()
    allowed: str = ""

    @property
    def name(self):
        return self.key.rpartition(".")[2]

    def message(self):
        """What the key must be, as the error message says it."""
        if self.kind == "integer":
            if self.high is None:
                return f"must be an integer >= {self.low}"
            return f"must be an integer within [{self.low}, {self.high}]"
        if self.kind == "number":
            if self.high is not None:
                return f"must be a number with {_show(self.low)} < {self.name} < {_show(self.high)}"
            return "must be a positive number" if self.strict else f"must be a number >= {_show(self.low)}"
        if self.kind == "choice":
            return "must be one of " + ", ".join(json.dumps(c) for c in self.choices)
        if self.kind == "boolean":
            return "must be true or false"
        return self.allowed

    def accepted(self):
        """What the key accepts, as the README's config reference says it."""
        if self.kind == "integer":
            return f"{self.low} .. {_show(self.high)}" if self.high is not None else f">= {self.low}"
        if self.kind == "number":
            if self.high is not None:
                return f"{_show(self.low)} < {self.name} < {_show(self.high)}"
            return f"{'>' if self.strict else '>='} {_show(self.low)}"
        if self.kind == "choice":
            return " | ".join(self.choices)
        if self.kind == "boolean":
            return "true | false"
        return self.allowed

    def check(self, value):
        """``value`` if it obeys the rule (a number as a float), else a ConfigError."""
        if self.kind == "integer":
            return _integer(self.key, value, self.low, self.high)
        if self.kind == "number":
            def ok(v):
                above = v > self.low if self.strict or self.high is not None else v >= self.low
                return above and (self.high is None or v < self.high)
            return _number(self.key, value, self.message(), ok)
        if self.kind == "choice":
            return _choice(self.key, value, self.choices)
        if self.kind == "boolean":
            return _boolean(self.key, value)
        return value


def _rules(*rules):
    return {rule.key: rule for rule in rules}


# The config's rules, one per key, in the file's order: the validator, its error messages and the
# README's config reference (``config_reference``) are made from this table.
RULES = _rules(
    Rule("seed", "integer", "data set, split and initial weights", 0, 2**32 - 1),
    Rule("data.name", "choice", choices=tuple(DATASETS)),
    Rule("data.n_samples", "integer", low=10, high=MAX_SAMPLES),
    Rule("data.noise", "number", low=0),
    Rule("data.test_size", "number", "leaving at least 2 training samples", low=0, high=1),
    Rule("data.standardize", "boolean", "scale features by the training set's mean and std"),
    Rule("network.layers", "other", allowed=f"2 inputs, 1 to {MAX_HIDDEN_LAYERS} hidden layers of "
         f"1 .. {MAX_LAYER_WIDTH} neurons, 1 output"),
    Rule("network.activation", "choice", "hidden layers (output: sigmoid)",
         choices=HIDDEN_ACTIVATIONS),
    Rule("network.leaky_slope", "number", low=0, high=1),
    Rule("network.init", "choice", "lesson is randn * init_scale", choices=tuple(INIT_SCHEMES)),
    Rule("network.init_scale", "number", low=0, strict=True),
    Rule("training.loss", "choice", "mse is 1/2 (a - y)^2, bce binary cross-entropy",
         choices=tuple(LOSSES)),
    Rule("training.reduction", "choice", "over the batch (the lesson: sum)",
         choices=tuple(REDUCTIONS)),
    Rule("training.learning_rate", "number", low=0, strict=True),
    Rule("training.epochs", "integer", f"epochs × n_samples at most {MAX_SAMPLE_EPOCHS}",
         low=1, high=MAX_EPOCHS),
    Rule("training.snapshots", "other", "boundary frames, by default scaled with epochs",
         allowed=f"1 .. {MAX_SNAPSHOTS} increasing epochs within 0 .. epochs"),
    Rule("lecture.example_index", "integer", "the test sample the forward pass and backprop "
         "scenes follow, below the test set's size", low=0),
    Rule("lecture.hidden_sizes", "other", "the hidden-size comparison",
         allowed=f"1 to {MAX_COMPARED} sizes, each 1 .. {MAX_LAYER_WIDTH}"),
    Rule("lecture.grid_resolution", "integer", "decision-boundary grid", low=10, high=300),
    Rule("lecture.theme", "choice", "light makes print-like slides", choices=THEMES),
    Rule("course.mastery_score", "integer", "the score in percent that passes", low=0, high=100),
    Rule("course.quiz", "choice", "after the last chapter, or at each chapter's end",
         choices=QUIZ_PLACES),
)


def check_rules(section, prefix, rules):
    """Check every key of ``section`` (a frozen dataclass, the file's ``[prefix]``) that ``rules``
    check (numbers become floats); the application's sections use it too (scripts.settings)."""
    for rule in rules.values():
        if rule.kind != "other" and rule.key.startswith(prefix + "."):
            _set(section, rule.name, rule.check(getattr(section, rule.name)))


def _check(section, prefix):
    check_rules(section, prefix, RULES)


def invalid(key, value, rule):
    """The ConfigError of a bad value: ``key = value is invalid: rule``, the value as TOML."""
    return _invalid(key, value, rule)


@dataclass(frozen=True)
class DataConfig:
    """[data]: which data set, how many samples, how noisy, how split."""

    name: str = "moons"
    n_samples: int = 200
    noise: float = 0.1
    test_size: float = 0.2
    standardize: bool = False

    def __post_init__(self):
        _check(self, "data")
        if self.n_samples - self.n_test < 2:
            raise _invalid(
                "data.test_size",
                self.test_size,
                f"leaves {self.n_samples - self.n_test} of data.n_samples = {self.n_samples} for training, "
                "need at least 2",
            )

    @property
    def n_test(self):
        """Size of the test set (rounded up, as scikit-learn's train_test_split)."""
        return math.ceil(self.test_size * self.n_samples)


@dataclass(frozen=True)
class NetworkConfig:
    """[network]: layer sizes (inputs first), hidden activation and initialisation."""

    layers: tuple = (2, 4, 1)
    activation: str = "sigmoid"
    leaky_slope: float = 0.01
    init: str = "lesson"
    init_scale: float = 0.1

    def __post_init__(self):
        layers = _integers(
            "network.layers", self.layers, "must be a list of integers, e.g. [2, 4, 1]", lambda v: True
        )
        if len(layers) < 3:
            rule = "needs the input size, at least one hidden layer and the output size, e.g. [2, 4, 1]"
        elif min(layers) < 1:
            rule = "every layer needs at least 1 neuron"
        elif len(layers) - 2 > MAX_HIDDEN_LAYERS:
            rule = f"at most {MAX_HIDDEN_LAYERS} hidden layers"
        elif max(layers[1:-1]) > MAX_LAYER_WIDTH:
            rule = f"a hidden layer has at most {MAX_LAYER_WIDTH} neurons"
        elif layers[0] != 2:
            rule = "must start with 2: the data has 2 input features"
        elif layers[-1] != 1:
            rule = "must end with 1: one sigmoid output neuron"
        else:
            rule = None
        if rule:
            raise _invalid("network.layers", self.layers, rule)
        _set(self, "layers", layers)
        _check(self, "network")


@dataclass(frozen=True)
class TrainingConfig:
    """[training]: the loss, its reduction over samples, and the gradient-descent schedule.
    ``snapshots`` None means ``default_snapshots(epochs)`` (so with ``dataclasses.replace``, pass
    ``snapshots=None`` along with a new ``epochs`` to re-derive them)."""

    loss: str = "mse"
    reduction: str = "sum"
    learning_rate: float = 0.1
    epochs: int = 5000
    snapshots: tuple = None

    def __post_init__(self):
        _check(self, "training")
        if self.snapshots is None:
            _set(self, "snapshots", default_snapshots(self.epochs))
        _set(
            self,
            "snapshots",
            _integers(
                "training.snapshots",
                self.snapshots,
                f"must be a non-empty, increasing list of at most {MAX_SNAPSHOTS} integer epochs "
                f"within [0, training.epochs = {self.epochs}]",
                lambda v: (
                    0 < len(v) <= MAX_SNAPSHOTS
                    and v[0] >= 0
                    and v[-1] <= self.epochs
                    and all(a < b for a, b in zip(v, v[1:]))
                ),
            ),
        )


@dataclass(frozen=True)
class LectureOptions:
    """[lecture]: what the scenes show: which test sample, which hidden sizes to compare, how
    finely to sample the plane, which theme."""

    example_index: int = 0
    hidden_sizes: tuple = (3, 5, 10)
    grid_resolution: int = 60
    theme: str = "dark"

    def __post_init__(self):
        _check(self, "lecture")
        _set(
            self,
            "hidden_sizes",
            _integers(
                "lecture.hidden_sizes",
                self.hidden_sizes,
                f"must be a list of 1 to {MAX_COMPARED} integers within [1, {MAX_LAYER_WIDTH}]",
                lambda v: 0 < len(v) <= MAX_COMPARED and min(v) >= 1 and max(v) <= MAX_LAYER_WIDTH,
            ),
        )


@dataclass(frozen=True)
class CourseConfig:
    """[course]: the course package (``--formats ...,course``): the score in percent a student
    needs to pass, and where the quiz appears in the lecture."""

    mastery_score: int = 80
    quiz: str = "end"

    def __post_init__(self):
        _check(self, "course")


@dataclass(frozen=True)
class LectureConfig:
    """The whole configuration; ``seed`` drives the data, the split and the initial weights."""

    seed: int = 42
    data: DataConfig = field(default_factory=DataConfig)
    network: NetworkConfig = field(default_factory=NetworkConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    lecture: LectureOptions = field(default_factory=LectureOptions)
    course: CourseConfig = field(default_factory=CourseConfig)

    def __post_init__(self):
        _set(self, "seed", RULES["seed"].check(self.seed))
        epochs, samples = self.training.epochs, self.data.n_samples
        if epochs * samples > MAX_SAMPLE_EPOCHS:
            raise ConfigError(
                f"training.epochs × data.n_samples = {epochs} × {samples} = {epochs * samples} is invalid: "
                f"must be at most {MAX_SAMPLE_EPOCHS}; lower training.epochs or data.n_samples"
            )
        if self.lecture.example_index >= self.data.n_test:
            raise _invalid(
                "lecture.example_index",
                self.lecture.example_index,
                f"the test set has {self.data.n_test} samples, "
                f"so it must be within [0, {self.data.n_test - 1}]",
            )


SECTIONS = {
    "data": DataConfig,
    "network": NetworkConfig,
    "training": TrainingConfig,
    "lecture": LectureOptions,
    "course": CourseConfig,
}


def parse_config(mapping):
    """A LectureConfig from a mapping shaped like the TOML file (missing keys take defaults)."""
    known_top = ["seed"] + [f"[{name}]" for name in (*SECTIONS, *APPLICATION_SECTIONS)]
    for key in mapping:
        if key != "seed" and key not in SECTIONS and key not in APPLICATION_SECTIONS:
            raise ConfigError(
                f"unknown key {json.dumps(key)} in the config: known keys are {', '.join(known_top)}"
            )
    sections = {}
    for name, cls in SECTIONS.items():
        section = mapping.get(name, {})
        if not isinstance(section, dict):
            raise ConfigError(f"{name} = {_show(section)} is invalid: must be a table [{name}]")
        known = [f.name for f in dataclasses.fields(cls)]
        for key in section:
            if key not in known:
                raise ConfigError(f"unknown key {name}.{key}: [{name}] knows {', '.join(known)}")
        sections[name] = cls(**section)
    return LectureConfig(seed=mapping.get("seed", 42), **sections)


def load_config(path=None):
    """The LectureConfig in TOML file ``path``; the defaults if ``path`` is None."""
    return LectureConfig() if path is None else parse_config(read_toml(path))


def read_toml(path):
    """The mapping in TOML file ``path``; a one-line ConfigError if it cannot be read."""
    try:
        with open(path, "rb") as file:
            mapping = tomllib.load(file)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} not found") from None
    except OSError as err:
        raise ConfigError(f"cannot read config file {path}: {err.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        reason = " ".join(str(err).split())
        raise ConfigError(f"config file {path} is not valid TOML: {reason}") from None
    return mapping


def config_reference():
    """The README's config reference: every key with its default and, from ``RULES``, what it
    means and accepts, as a TOML file."""
    defaults = config_to_dict(LectureConfig())
    lines = [reference_line(RULES["seed"], defaults["seed"])]
    for name in SECTIONS:
        lines += ["", f"[{name}]"]
        lines += [reference_line(RULES[f"{name}.{key}"], value)
                  for key, value in defaults[name].items()]
    return "\n".join(lines) + "\n"


def reference_line(rule, default):
    said = rule.accepted()
    return f"{rule.name} = {_toml(default)}".ljust(30) + f" # {said}" + (f"; {rule.note}" if rule.note else "")


def _toml(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return _show(value)


def config_to_dict(config):
    """``config`` as plain JSON/TOML-ready data (lists, not tuples), the shape ``parse_config`` reads."""
    return json.loads(json.dumps(dataclasses.asdict(config)))
