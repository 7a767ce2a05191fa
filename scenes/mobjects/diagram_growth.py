"""One network diagram growing into another in place: the picture of a layer getting wider."""

from __future__ import annotations

from manim import (
    Animation, AnimationGroup, Create, FadeIn, FadeOut, GrowFromPoint, LaggedStart,
    ReplacementTransform, Succession, VGroup,
)

from scenes.mobjects.network_diagram import NetworkDiagram


def grow_diagram(old: NetworkDiagram, new: NetworkDiagram, *, lag_ratio: float = 0.15) -> Animation:
    """``old``'s shapes become ``new``'s. Its input and output neurons move onto their
    counterparts; the neurons of its hidden layers move onto the first drawn hidden neurons of
    ``new`` and the others slide out, one after another, from the ⋮ of their column (or from the
    last neuron that moved there); old edges give way to the new ones drawn in."""
    moves, grows = [], []
    for layer in (0, -1):    # the same sizes (the data's 2 features, 1 output)
        moves += [ReplacementTransform(a, b) for a, b in zip(old.neurons[layer], new.neurons[layer])]
    before = [neuron for group in old.neurons[1:-1] for neuron in group]
    after = [neuron for group in new.neurons[1:-1] for neuron in group]
    paired = min(len(before), len(after))
    moves += [ReplacementTransform(a, b) for a, b in zip(before[:paired], after[:paired])]
    moves += [FadeOut(neuron, target_position=after[-1], scale=0.5) for neuron in before[paired:]]
    source = new.ellipses[0].get_center() if len(new.ellipses) else after[paired - 1].get_center()
    grows = [GrowFromPoint(neuron, source) for neuron in after[paired:]]
    edges = Succession(FadeOut(VGroup(old.edges, old.ellipses), run_time=0.3),
                       Create(new.edges, lag_ratio=0.02))
    parts = [*moves, edges, FadeIn(new.ellipses), FadeIn(new.braces)]
    if grows:
        parts.append(LaggedStart(*grows, lag_ratio=lag_ratio))
    return AnimationGroup(*parts)
