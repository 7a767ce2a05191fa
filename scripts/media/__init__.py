"""Media: a rendered clip's encodings (``video``: joins, WebM, GIF, its audio), the narration's
sound (``audio``), captions (``captions``) and the cut at narration steps (``steps``). Imports only
``voice`` and ``files`` below it.
"""
