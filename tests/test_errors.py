"""One exception base for the project, whose message the command line prints as its one line."""

from __future__ import annotations

import ast
from pathlib import Path

import click
from click.testing import CliRunner

from nnmath.errors import NNLectureError
from scripts import cli

ROOT = Path(__file__).resolve().parents[1]


def project_exceptions() -> list[str]:
    """module:Class of every class in nnmath, scenes and scripts that derives from an
    exception by name (``...Error``, ``Exception``, ``...Failed``, ``...Busy``)."""
    found = []
    for package in ("nnmath", "scenes", "scripts"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_bytes())):
                if isinstance(node, ast.ClassDef) and any(
                        (getattr(b, "id", None) or getattr(b, "attr", "")).endswith(
                            ("Error", "Exception", "Failed", "Busy", "Diverged"))
                        for b in node.bases):
                    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                    found.append(f"{module}:{node.name}")
    return found


def test_every_project_exception_derives_from_the_one_base():
    import importlib

    loose = []
    for name in project_exceptions():
        module, cls = name.split(":")
        error = getattr(importlib.import_module(module), cls)
        if not issubclass(error, (NNLectureError, click.ClickException)):
            loose.append(name)
    assert loose == []
    assert len(project_exceptions()) >= 9


def test_the_command_line_prints_a_project_error_as_its_one_line():
    from scripts.voice import VoiceError

    group = cli._Commands(name="nnlecture")

    @group.command()
    def speak() -> None:
        raise VoiceError("the voice 'x' is not installed; install it with: make setup")

    result = CliRunner().invoke(group, ["speak"])
    assert result.exit_code == 1
    assert result.output == "Error: the voice 'x' is not installed; install it with: make setup\n"
