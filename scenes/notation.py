"""How the lecture writes things (symbols and names), kept apart from how it computes them."""

from nnmath.activations import ACTIVATIONS
from nnmath.datasets import DATA_SETS
from nnmath.losses import LOSS_FUNCTIONS

ACTIVATION_SYMBOL = {
    "sigmoid": r"\sigma",
    "tanh": r"\tanh",
    "relu": r"\mathrm{ReLU}",
    "leaky_relu": r"\mathrm{LReLU}",
    "linear": r"\mathrm{id}",
}

ACTIVATION_NAME = {name: choice.display for name, choice in ACTIVATIONS.items()}

DATASET_NAME = {name: choice.display for name, choice in DATA_SETS.items()}

LOSS_NAME = {name: choice.display for name, choice in LOSS_FUNCTIONS.items()}
