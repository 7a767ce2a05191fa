"""Render: one scene's render (``scene``), the scene jobs and their cache (``clip``, ``cache``),
run in local worker processes (``workers``) or as tasks of a Dask cluster (``cluster``), and the
narration read without video (``lines``). Imports only ``media``, ``voice`` and ``files`` below it.
"""
