import dataclasses
import tomllib
from pathlib import Path

import pytest

from nnmath.config import (
    MAX_COMPARED,
    MAX_EPOCHS,
    MAX_HIDDEN_LAYERS,
    MAX_LAYER_WIDTH,
    MAX_SAMPLE_EPOCHS,
    MAX_SAMPLES,
    MAX_SNAPSHOTS,
    LectureConfig,
    config_to_dict,
    default_snapshots,
    load_config,
    parse_config,
)
from nnmath.errors import ConfigError


def error_of(mapping):
    with pytest.raises(ConfigError) as err:
        parse_config(mapping)
    message = str(err.value)
    assert "\n" not in message
    return message


def test_defaults_are_the_lesson():
    config = load_config(None)
    assert config == LectureConfig() == parse_config({})
    assert config.seed == 42
    assert (config.data.name, config.data.n_samples, config.data.noise, config.data.test_size) == (
        "moons",
        200,
        0.1,
        0.2,
    )
    assert config.network.layers == (2, 4, 1) and config.network.activation == "sigmoid"
    assert (config.network.init, config.network.init_scale) == ("lesson", 0.1)
    training = config.training
    assert (training.loss, training.reduction, training.learning_rate, training.epochs) == (
        "mse",
        "sum",
        0.1,
        5000,
    )
    assert training.snapshots == (0, 10, 50, 100, 200, 500, 1000, 2000, 3000, 5000)
    assert config.lecture.hidden_sizes == (3, 5, 10) and config.lecture.grid_resolution == 60


def test_default_snapshots_follow_epochs():
    assert default_snapshots(5000) == (0, 10, 50, 100, 200, 500, 1000, 2000, 3000, 5000)
    assert default_snapshots(100) == (0, 1, 2, 4, 10, 20, 40, 60, 100)
    assert default_snapshots(1) == (0, 1)
    assert parse_config({"training": {"epochs": 1000}}).training.snapshots == default_snapshots(1000)


@pytest.mark.parametrize(
    "section, key, value, rule",
    [
        (None, "seed", -1, "must be an integer within [0, 4294967295]"),
        (None, "seed", "42", "must be an integer"),
        (None, "seed", True, "must be an integer"),
        ("data", "name", "spirals", 'must be one of "moons", "blobs", "circles", "xor"'),
        ("data", "name", 3, "must be one of"),
        ("data", "n_samples", 9, "must be an integer within [10, 2000]"),
        ("data", "n_samples", 2001, "must be an integer within [10, 2000]"),
        ("data", "n_samples", 1000000, "must be an integer within [10, 2000]"),
        ("data", "n_samples", 100.0, "must be an integer within [10, 2000]"),
        ("data", "n_samples", False, "must be an integer within [10, 2000]"),
        ("data", "noise", -0.1, "must be a number >= 0"),
        ("data", "noise", "low", "must be a number >= 0"),
        ("data", "noise", float("inf"), "must be a number >= 0"),
        ("data", "test_size", 0, "must be a number with 0 < test_size < 1"),
        ("data", "test_size", 1.0, "must be a number with 0 < test_size < 1"),
        ("data", "test_size", 0.995, "leaves 1 of data.n_samples = 200 for training, need at least 2"),
        ("data", "standardize", 1, "must be true or false"),
        ("network", "layers", [2, 0, 1], "every layer needs at least 1 neuron"),
        ("network", "layers", [3, 4, 1], "must start with 2"),
        ("network", "layers", [2, 4, 2], "must end with 1"),
        ("network", "layers", [2, 1], "at least one hidden layer"),
        ("network", "layers", [2, 4, 4, 4, 4, 1], "at most 3 hidden layers"),
        ("network", "layers", [2, 4, 33, 1], "a hidden layer has at most 32 neurons"),
        ("network", "layers", [2, 4.5, 1], "must be a list of integers"),
        ("network", "layers", "2-4-1", "must be a list of integers"),
        ("network", "activation", "linear", 'must be one of "sigmoid", "tanh", "relu", "leaky_relu"'),
        ("network", "leaky_slope", 0, "must be a number with 0 < leaky_slope < 1"),
        ("network", "leaky_slope", 1, "must be a number with 0 < leaky_slope < 1"),
        ("network", "init", "xavier", 'must be one of "lesson", "glorot", "he"'),
        ("network", "init_scale", 0, "must be a positive number"),
        ("training", "loss", "hinge", 'must be one of "mse", "bce"'),
        ("training", "reduction", "max", 'must be one of "sum", "mean"'),
        ("training", "learning_rate", -0.1, "must be a positive number"),
        ("training", "learning_rate", 0, "must be a positive number"),
        ("training", "learning_rate", "fast", "must be a positive number"),
        ("training", "learning_rate", float("nan"), "must be a positive number"),
        ("training", "epochs", 0, "must be an integer within [1, 50000]"),
        ("training", "epochs", 50001, "must be an integer within [1, 50000]"),
        ("training", "epochs", True, "must be an integer within [1, 50000]"),
        ("training", "snapshots", [0, 6000], "within [0, training.epochs = 5000]"),
        ("training", "snapshots", [10, 5], "increasing"),
        ("training", "snapshots", [], "non-empty"),
        ("training", "snapshots", [0, 1.5], "integer epochs"),
        ("training", "snapshots", list(range(21)), "at most 20 integer epochs"),
        ("lecture", "example_index", -1, "must be an integer >= 0"),
        ("lecture", "example_index", 40, "the test set has 40 samples, so it must be within [0, 39]"),
        ("lecture", "hidden_sizes", [3, 0], "must be a list of 1 to 5 integers within [1, 32]"),
        ("lecture", "hidden_sizes", [], "must be a list of 1 to 5 integers within [1, 32]"),
        ("lecture", "hidden_sizes", [3, 33], "must be a list of 1 to 5 integers within [1, 32]"),
        ("lecture", "hidden_sizes", [1, 2, 3, 4, 5, 6], "must be a list of 1 to 5 integers within [1, 32]"),
        ("lecture", "grid_resolution", 9, "must be an integer within [10, 300]"),
        ("lecture", "grid_resolution", 301, "must be an integer within [10, 300]"),
        ("lecture", "theme", "blue", 'must be one of "dark", "light"'),
    ],
)
def test_bad_values_name_key_value_and_rule(section, key, value, rule):
    mapping = {key: value} if section is None else {section: {key: value}}
    message = error_of(mapping)
    name = key if section is None else f"{section}.{key}"
    assert message.startswith(f"{name} = ")
    assert " is invalid: " in message
    assert rule in message


def test_the_largest_config_is_accepted():
    hidden = [MAX_LAYER_WIDTH] * MAX_HIDDEN_LAYERS
    config = parse_config({
        "data": {"n_samples": MAX_SAMPLES},
        "network": {"layers": [2, *hidden, 1]},
        "training": {"epochs": MAX_SAMPLE_EPOCHS // MAX_SAMPLES, "snapshots": list(range(MAX_SNAPSHOTS))},
        "lecture": {"hidden_sizes": [MAX_LAYER_WIDTH] * MAX_COMPARED, "grid_resolution": 300},
    })
    assert config.training.epochs * config.data.n_samples == MAX_SAMPLE_EPOCHS
    assert parse_config({"data": {"n_samples": 100}, "training": {"epochs": MAX_EPOCHS}}).training.epochs == MAX_EPOCHS


@pytest.mark.parametrize("epochs, samples", [(5001, 2000), (50000, 201)])
def test_training_work_is_bounded_naming_both_keys(epochs, samples):
    assert error_of({"data": {"n_samples": samples}, "training": {"epochs": epochs}}) == (
        f"training.epochs × data.n_samples = {epochs} × {samples} = {epochs * samples} is invalid: "
        "must be at most 10000000; lower training.epochs or data.n_samples"
    )


def readme_config_block():
    """The TOML block of README's "Changing the lecture" section."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    return readme.split("## Changing the lecture", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]


def test_readme_config_block_is_the_defaults_and_states_the_bounds():
    block = readme_config_block()
    assert parse_config(tomllib.loads(block)) == LectureConfig()
    for bound in (
        f"n_samples = 200                # 10 .. {MAX_SAMPLES}",
        f"1 to {MAX_HIDDEN_LAYERS} hidden layers of 1 .. {MAX_LAYER_WIDTH} neurons",
        f"1 .. {MAX_EPOCHS}; epochs × n_samples at most {MAX_SAMPLE_EPOCHS}",
        f"# 1 .. {MAX_SNAPSHOTS} increasing epochs",
        f"1 to {MAX_COMPARED} sizes, each 1 .. {MAX_LAYER_WIDTH}",
    ):
        assert bound in block


def test_message_shows_the_value_as_toml():
    assert error_of({"training": {"learning_rate": -0.1}}) == (
        "training.learning_rate = -0.1 is invalid: must be a positive number"
    )
    assert error_of({"data": {"name": "spirals"}}).startswith('data.name = "spirals" is invalid')
    assert error_of({"data": {"standardize": "yes"}}).startswith('data.standardize = "yes" is invalid')
    assert error_of({"training": {"epochs": True}}).startswith("training.epochs = true is invalid")


def test_unknown_keys_and_sections():
    assert error_of({"training": {"lr": 0.1}}) == (
        "unknown key training.lr: [training] knows loss, reduction, learning_rate, epochs, snapshots"
    )
    assert error_of({"optimizer": {}}).startswith('unknown key "optimizer" in the config')
    assert "must be a table [data]" in error_of({"data": 5})


def test_load_file_errors_are_one_line(tmp_path):
    with pytest.raises(ConfigError, match="config file .*nope.toml not found"):
        load_config(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[training]\nlearning_rate = = 0.1\n")
    with pytest.raises(ConfigError, match="is not valid TOML") as err:
        load_config(broken)
    assert "\n" not in str(err.value) and "line 2" in str(err.value)
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(tmp_path)


def test_file_round_trip(tmp_path):
    path = tmp_path / "lecture.toml"
    path.write_text(
        'seed = 7\n[data]\nname = "xor"\nnoise = 0\n[network]\nlayers = [2, 8, 8, 1]\nactivation = "tanh"\n'
        '[training]\nepochs = 300\nloss = "bce"\n[lecture]\ntheme = "light"\n'
    )
    config = load_config(path)
    assert config.seed == 7 and config.data.name == "xor" and config.data.noise == 0.0
    assert isinstance(config.data.noise, float)
    assert config.network.layers == (2, 8, 8, 1) and config.training.snapshots == default_snapshots(300)
    assert parse_config(config_to_dict(config)) == config
    assert config_to_dict(config)["network"]["layers"] == [2, 8, 8, 1]


def test_replace_validates_too():
    with pytest.raises(ConfigError, match="training.epochs = 0"):
        dataclasses.replace(LectureConfig().training, epochs=0)
