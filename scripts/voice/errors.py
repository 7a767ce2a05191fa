"""The voice layer's one error: its message is a single line a user can act on."""

from nnmath.errors import NNLectureError


class VoiceError(NNLectureError):
    """A voice, engine or take that cannot be used; the message names the file or package and
    what to do."""
