"""Every number any scene shows is a number of the lecture's facts (``nnlecture facts``), rounded
as shown: one test for all scenes, keyed by the number's path in the facts."""

from __future__ import annotations

import pytest

from scenes import registry
from tests.facts_path import lookup, split

pytestmark = pytest.mark.render

# Scenes that write no number: the title card and the applications' toy pictures.
NUMBERLESS = {"title", "applications"}
# Scenes whose numbers depend on the layer sizes alone, the same for another seed.
SIZES_ONLY = {"architecture"}


def check_against_facts(slug: str, result, facts: dict) -> None:
    assert set(result.displayed) == set(result.decimals), f"{slug}: a number has no recorded format"
    for key, shown in result.displayed.items():
        path, scale = split(key)
        fact = lookup(facts, path)
        assert isinstance(fact, (int, float)), f"{slug}: {path} is not a number in the facts"
        want = round(fact * scale, result.decimals[key])
        assert shown == pytest.approx(want, abs=1e-9), f"{slug}: {key} shows {shown}, facts {want}"


@pytest.fixture(scope="module")
def default_facts(data):
    return data.to_facts()


@pytest.mark.parametrize("slug", registry.slugs())
def test_every_number_shown_is_in_the_facts(rendered, default_facts, slug):
    result = rendered[slug]
    if slug not in NUMBERLESS:
        assert result.displayed, f"{slug} recorded no numbers"
    check_against_facts(slug, result, default_facts)


@pytest.mark.parametrize("slug", registry.slugs())
def test_every_number_shown_follows_the_config(rendered, other_config, slug):
    other_data, other_results = other_config
    check_against_facts(slug, other_results[slug], other_data.to_facts())
    if slug not in NUMBERLESS | SIZES_ONLY:
        shown, default = other_results[slug].displayed, rendered[slug].displayed
        assert any(shown[key] != default.get(key) for key in shown), \
            f"{slug} shows the same numbers for another config"
