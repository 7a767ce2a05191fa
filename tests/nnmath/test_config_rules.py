"""The config's rules stand in one table (nnmath.config.RULES): the validator's checks, its error
messages and the README's config reference are all made from it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from nnmath.config import RULES, SECTIONS, config_reference, parse_config
from nnmath.errors import ConfigError
from scripts import settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_key_of_the_config_has_one_rule():
    keys = ["seed"] + [f"{name}.{field.name}" for name, cls in SECTIONS.items()
                       for field in dataclasses.fields(cls)]
    assert list(RULES) == keys
    assert list(settings.RULES) == [f"{name}.{field.name}" for name, cls in settings.SECTIONS.items()
                                    for field in dataclasses.fields(cls)]


def test_the_readme_config_reference_is_the_one_made_from_the_rules():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```toml\n(seed = .*?)```\n", text, re.S)
    assert block is not None
    assert block.group(1) == config_reference() + settings.settings_reference()


def outside(rule):
    """A value the rule refuses: just past a bound, or a choice that is not one."""
    if rule.kind == "integer":
        return rule.high + 1 if rule.high is not None else rule.low - 1
    if rule.kind == "number":
        return rule.high if rule.high is not None else (rule.low if rule.strict else rule.low - 1)
    if rule.kind == "choice":
        return "none of them"
    return "yes"   # boolean


def config_with(key, value):
    section, _, name = key.rpartition(".")
    return {section: {name: value}} if section else {name: value}


@pytest.mark.parametrize("key", [key for rules in (RULES, settings.RULES)
                                 for key, rule in rules.items() if rule.kind != "other"])
def test_each_rule_is_what_the_validator_checks_and_says(key):
    rule = RULES.get(key) or settings.RULES[key]
    value = outside(rule)
    parse = parse_config if key in RULES else settings.parse_settings
    with pytest.raises(ConfigError) as raised:
        parse(config_with(key, value))
    assert str(raised.value).endswith(f"is invalid: {rule.message()}")
    assert str(raised.value).startswith(f"{key} = ")
