"""Publish: the lecture folder from cached clips (``assemble``), its page (``page``) and slides
(``slides``). Imports ``render``, ``media``, ``voice`` and ``files`` below it.
"""
