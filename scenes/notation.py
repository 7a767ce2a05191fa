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

# A sample's loss L(ŷ, y) and its slope ∂L/∂ŷ, as the lesson writes them.
LOSS_TEX = {"mse": r"\tfrac{1}{2}(\hat{y} - y)^2",
            "bce": r"-\left[\,y \log \hat{y} + (1 - y) \log(1 - \hat{y})\,\right]"}
LOSS_SLOPE_TEX = {"mse": r"\hat{y} - y", "bce": r"\frac{\hat{y} - y}{\hat{y}(1 - \hat{y})}"}
