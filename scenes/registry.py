"""The lecture's scenes in order. Adding a scene to the lecture means adding one line to SCENES.

Scene classes are named by import path so that reading the registry (``nnlecture list``,
``--help``) does not import Manim.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from nnmath.errors import NNLectureError


@dataclass(frozen=True)
class SceneEntry:
    slug: str
    scene_path: str  # "module:ClassName"
    title: str
    summary: str

    def load(self) -> type:
        """Import and return the Manim scene class."""
        module_name, class_name = self.scene_path.split(":")
        return getattr(importlib.import_module(module_name), class_name)


SCENES: tuple[SceneEntry, ...] = (
    SceneEntry("title", "scenes.title:TitleCard", "Neural networks, intuitively",
               "The title card: what the lecture covers and the one formula behind it."),
    SceneEntry("black_box", "scenes.black_box:BlackBoxScene", "The black box",
               "A real point goes in, a real prediction comes out; then the box opens."),
    SceneEntry("neuron", "scenes.neuron:NeuronScene", "The neuron",
               "A biological neuron becomes an artificial one, which computes z and a for real."),
    SceneEntry("architecture", "scenes.architecture:ArchitectureScene", "Architecture",
               "Input, hidden and output layers from the config, with weights and biases counted."),
    SceneEntry("activations", "scenes.activations:ActivationsScene", "Activation functions",
               "Sigmoid, tanh, ReLU and leaky ReLU, their slopes, and why non-linearity matters."),
    SceneEntry("forward_pass", "scenes.forward_pass:ForwardPassScene", "Forward propagation",
               "One real sample flows through the trained network: every z and a, then the verdict."),
    SceneEntry("gradient_descent", "scenes.gradient_descent:GradientDescentScene", "Gradient descent",
               "Slopes point downhill: a curve, the lesson's bowl, learning rates, the real loss."),
    SceneEntry("backprop", "scenes.backprop:BackpropScene", "Backpropagation",
               "One real sample, one step: the loss, the chain rule, deltas flowing back, the update."),
    SceneEntry("training", "scenes.training:TrainingScene", "Training and the decision boundary",
               "The boundary sharpens over the snapshot epochs as the train and test loss fall."),
    SceneEntry("inside_network", "scenes.inside_network:InsideNetworkScene", "Inside the network",
               "The trained network for a sample of each class, then each hidden neuron's map of the plane."),
    SceneEntry("hidden_sizes", "scenes.hidden_sizes:HiddenSizesScene", "Hidden layer sizes",
               "The exercise: 3, 5 and 10 hidden neurons side by side, boundaries and accuracies."),
    SceneEntry("applications", "scenes.applications:ApplicationsScene", "Applications",
               "Images, language, time series, recommenders, games and speech in six panels."),
    SceneEntry("summary", "scenes.summary:SummaryScene", "Summary",
               "The lesson's ten points, one at a time, each with a picture of its chapter."),
)


class UnknownSceneError(NNLectureError, KeyError):
    """A slug that is not in the registry; the message lists the known ones."""

    def __str__(self) -> str:
        return self.args[0]


def slugs() -> list[str]:
    return [entry.slug for entry in SCENES]


def get(slug: str) -> SceneEntry:
    for entry in SCENES:
        if entry.slug == slug:
            return entry
    raise UnknownSceneError(f"unknown scene {slug!r}; known: {', '.join(slugs())}")


def chapters() -> list[SceneEntry]:
    """The scenes after the title card: the lecture's chapters."""
    return [entry for entry in SCENES if entry.slug != "title"]
