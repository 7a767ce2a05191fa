"""The project's errors: one base, and those raised by nnmath.

Every message is one line (for nnmath: naming the parameter, the bad value and what is allowed),
because the command line prints ``str(err)`` and exits non-zero.
"""


class NNLectureError(Exception):
    """Base class of every error the project raises on purpose (nnmath, scenes, scripts): its
    message is the one line the command line prints."""


class NNMathError(NNLectureError, ValueError):
    """Base class of every error nnmath raises on purpose."""


class ConfigError(NNMathError):
    """A lecture configuration (TOML file or mapping) is missing, malformed or out of range."""


class TrainingDiverged(NNMathError):
    """Gradient descent produced a non-finite loss or parameter."""
