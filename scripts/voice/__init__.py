"""The lecture's voice: caption text to spoken text, spoken lines as cached, loudness-normalised
48 kHz takes from Piper, espeak-ng or the teacher's recordings. No Manim, scenes or nnmath here."""

from scripts.voice.cache import Take
from scripts.voice.engines import ENGINES, make_voice
from scripts.voice.errors import VoiceError
from scripts.voice.loudness import measure
from scripts.voice.parallel import synthesize_all
from scripts.voice.recorded import take_name
from scripts.voice.settings import VoiceSettings
from scripts.voice.spoken import spoken_form, unspoken

__all__ = ["ENGINES", "Take", "VoiceError", "VoiceSettings", "make_voice", "measure",
           "spoken_form", "synthesize_all", "take_name", "unspoken"]
