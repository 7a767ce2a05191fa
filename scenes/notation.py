"""How the lecture writes things (symbols and names), kept apart from how it computes them."""

ACTIVATION_SYMBOL = {
    "sigmoid": r"\sigma",
    "tanh": r"\tanh",
    "relu": r"\mathrm{ReLU}",
    "leaky_relu": r"\mathrm{LReLU}",
    "linear": r"\mathrm{id}",
}

ACTIVATION_NAME = {
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "linear": "linear (identity)",
}

DATASET_NAME = {
    "moons": "two moons",
    "blobs": "two blobs",
    "circles": "concentric circles",
    "xor": "XOR",
}

LOSS_NAME = {
    "mse": "mean squared error",
    "bce": "binary cross-entropy",
}
