"""Mobjects the lecture's scenes share."""

from scenes.mobjects.network_diagram import NetworkDiagram

__all__ = ["NetworkDiagram"]
