"""Manim scenes of the lecture and the shared mobjects they draw with."""
