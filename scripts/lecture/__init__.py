"""The lecture: every registered scene rendered in parallel (with a cache) and assembled.

``pipeline.render_lecture`` is the entry point (``nnlecture render`` calls it): ``cache`` decides
which scenes must be rendered, ``workers`` runs one process per scene, ``clip`` post-processes a
rendered scene inside its worker, ``assemble`` joins the clips and writes the course outputs
(``media``, ``captions``, ``page`` hold the PyAV, caption and HTML details).
"""
