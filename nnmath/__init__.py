"""nnmath: the numbers behind the nnlecture video, in plain numpy.

Build everything the lecture shows with ``LectureData.build(load_config(path))``; the modules
below it are usable on their own. nnmath never imports Manim.
"""

from nnmath.activations import ACTIVATIONS, Activation, get_activation
from nnmath.config import (
    DataConfig,
    LectureConfig,
    LectureOptions,
    NetworkConfig,
    TrainingConfig,
    config_to_dict,
    load_config,
    parse_config,
)
from nnmath.datasets import DATASETS, Dataset, make_dataset
from nnmath.errors import ConfigError, NNMathError, TrainingDiverged
from nnmath.landscape import (
    DescentPath,
    Grid,
    LossSlice,
    decision_grid,
    descent_path,
    loss_slice,
    neuron_grids,
)
from nnmath.lecture_data import (
    BackpropExample,
    BoundaryHistory,
    CurveDescent,
    Descent,
    ForwardExample,
    LectureData,
    LinearityComparison,
    TrainedNetwork,
)
from nnmath.losses import LOSSES, REDUCTIONS, loss_gradient, loss_value, output_delta, reported_loss
from nnmath.network import Gradients, Layer, Trace, backward, forward, init_params
from nnmath.neuron import NeuronExample, neuron_example
from nnmath.training import History, train

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "BackpropExample",
    "BoundaryHistory",
    "ConfigError",
    "CurveDescent",
    "DATASETS",
    "DataConfig",
    "Dataset",
    "Descent",
    "DescentPath",
    "ForwardExample",
    "Gradients",
    "Grid",
    "History",
    "LOSSES",
    "Layer",
    "LectureConfig",
    "LectureData",
    "LectureOptions",
    "LinearityComparison",
    "LossSlice",
    "NNMathError",
    "NetworkConfig",
    "NeuronExample",
    "REDUCTIONS",
    "Trace",
    "TrainedNetwork",
    "TrainingConfig",
    "TrainingDiverged",
    "backward",
    "config_to_dict",
    "decision_grid",
    "descent_path",
    "forward",
    "get_activation",
    "init_params",
    "load_config",
    "loss_gradient",
    "loss_slice",
    "loss_value",
    "make_dataset",
    "neuron_example",
    "neuron_grids",
    "output_delta",
    "parse_config",
    "reported_loss",
    "train",
]
