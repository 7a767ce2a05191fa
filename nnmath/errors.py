"""Errors raised by nnmath.

Every message is one line that names the parameter, the bad value and what is allowed,
because the command line prints ``str(err)`` and exits non-zero.
"""


class NNMathError(ValueError):
    """Base class of every error nnmath raises on purpose."""


class ConfigError(NNMathError):
    """A lecture configuration (TOML file or mapping) is missing, malformed or out of range."""


class TrainingDiverged(NNMathError):
    """Gradient descent produced a non-finite loss or parameter."""
