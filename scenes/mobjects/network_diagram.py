"""A feed-forward network drawn from its real numbers: the lecture's one picture of a network.

Neurons stand in columns, one per layer, stroked in the layer's hue; an activation is the fill
opacity of its neuron. An edge is coloured by its weight's sign and grows wider and more opaque
with |w| (through a power < 1, capped), so small weights fade without vanishing. A layer wider than
``max_neurons_shown`` is drawn elided: its first and last few neurons, a ⋮ between them and a brace
giving its true size. The animation methods return animations for the scene to play.
"""

from __future__ import annotations

import colorsys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import (
    LEFT, RIGHT, UP, Animation, AnimationGroup, Brace, Circle, DecimalNumber, Dot, FadeOut, Line,
    ManimColor, Mobject, Succession, Text, UpdateFromAlphaFunc, VGroup, VMobject, interpolate,
    interpolate_color, smooth,
)

from scenes import theme

LABEL_MODES = ("names", "values")
WEIGHT_POWER = 0.5        # |w| ** power: a weight at 1/4 of the largest is drawn at half strength
MIN_FILL = 0.08           # a silent neuron stays faintly filled: "off", not "missing"
RADIUS_PER_PITCH = 0.35   # neuron radius / vertical distance between neighbours
MAX_RADIUS = 0.4

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class _Column:
    """Which neurons of a layer are drawn (true indices), and where the ⋮ goes if elided."""

    size: int
    shown: tuple[int, ...]
    gap_slot: int | None      # slot of the ⋮, None when every neuron is drawn

    @property
    def slots(self) -> int:
        return len(self.shown) + (self.gap_slot is not None)

    def slot_of(self, index: int) -> int:
        k = self.shown.index(index)
        return k + (self.gap_slot is not None and k >= self.gap_slot)


class NetworkDiagram(VGroup):
    """A feed-forward network built from layer sizes and, when given, nnmath's arrays.

    Parameters
    ----------
    layer_sizes
        Neurons per layer, inputs first.
    weights
        ``weights[l]`` of shape ``(n_l, n_{l+1})`` connects layer ``l`` to ``l + 1``
        (nnmath's ``z = a_prev @ W + b``). Without weights the edges are thin and muted.
    activations
        One 1-D array per layer, inputs first. A layer whose values lie in [0, 1] (sigmoid) is
        filled with opacity = value; any other layer (tanh, raw inputs) with |value| / max |value|
        of that layer, so brightness shows magnitude and the shown number keeps the sign. Fill
        opacity is clipped to [0.08, 1].
    labels
        ``"names"`` (x₁ …, h₁ …, ŷ), ``"values"`` (the activations, 2 decimals) or ``None``.
        Text too small to read at 854×480 is left out rather than shrunk.
    max_neurons_shown
        Wider layers are elided to their first and last few neurons.
    width, height
        The box the neurons fill (labels beside the outer columns and braces may extend beyond).
    palette
        The scene's palette (``theme.named``): the colours of neurons, edges and labels.
    neuron_radius
        Fixed radius; by default it follows the densest column so nothing overlaps.

    Neurons are addressed by their true index, also in an elided layer; accessors return ``None``
    for a neuron, edge or label that is not drawn.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        weights: Sequence[np.ndarray] | None = None,
        activations: Sequence[np.ndarray] | None = None,
        *,
        palette: theme.Palette,
        labels: str | None = "names",
        max_neurons_shown: int = 8,
        width: float = 9.0,
        height: float = 5.0,
        neuron_radius: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.layer_sizes = _check_sizes(layer_sizes)
        if max_neurons_shown < 2:
            raise ValueError(f"max_neurons_shown must be at least 2, got {max_neurons_shown}")
        if width <= 0 or height <= 0:
            raise ValueError(f"width and height must be positive, got {width} and {height}")
        if labels not in (*LABEL_MODES, None):
            raise ValueError(f"labels must be one of {LABEL_MODES} or None, got {labels!r}")
        self.weights = self._check_weights(weights)
        self.activations = self._check_activations(activations, "activations")
        if labels == "values" and self.activations is None:
            raise ValueError("labels='values' needs activations")
        self.label_mode = labels
        self.palette = palette
        self.columns = [_elide(n, max_neurons_shown) for n in self.layer_sizes]
        self.radius, self._pitch, self._column_x = self._layout(width, height, neuron_radius)

        self._neurons: dict[tuple[int, int], Circle] = {}
        self._edges: dict[tuple[int, int, int], Line] = {}
        self._labels: dict[tuple[int, int], VMobject] = {}
        self._inside: set[tuple[int, int]] = set()     # labels drawn inside their neuron
        self._size_labels: dict[int, Text] = {}
        self.neurons = self._make_neurons()
        self.edges = self._make_edges()
        self.ellipses = self._make_ellipses()
        self.labels = self._make_labels()
        self.braces = self._make_braces()
        self.add(self.edges, self.neurons, self.ellipses, self.labels, self.braces)

    # ----------------------------------------------------------------------------- validation

    def _check_weights(self, weights: Sequence[np.ndarray] | None) -> list[np.ndarray] | None:
        if weights is None:
            return None
        sizes = self.layer_sizes
        if len(weights) != len(sizes) - 1:
            raise ValueError(f"weights must hold {len(sizes) - 1} matrices for {len(sizes)} "
                             f"layers, got {len(weights)}")
        checked = [np.asarray(w, dtype=float) for w in weights]
        for layer, w in enumerate(checked):
            if w.shape != (sizes[layer], sizes[layer + 1]):
                raise ValueError(f"weights[{layer}] must have shape "
                                 f"{(sizes[layer], sizes[layer + 1])}, got {w.shape}")
            if not np.all(np.isfinite(w)):
                raise ValueError(f"weights[{layer}] holds non-finite values")
        return checked

    def _check_activations(self, activations: Sequence[np.ndarray] | None,
                           name: str) -> list[np.ndarray] | None:
        if activations is None:
            return None
        sizes = self.layer_sizes
        if len(activations) != len(sizes):
            raise ValueError(f"{name} must hold {len(sizes)} arrays, got {len(activations)}")
        checked = [np.asarray(a, dtype=float).reshape(-1) for a in activations]
        for k, (a, n) in enumerate(zip(checked, sizes)):
            if a.shape != (n,):
                raise ValueError(f"{name}[{k}] must have {n} values, got {a.size}")
            if not np.all(np.isfinite(a)):
                raise ValueError(f"{name}[{k}] holds non-finite values")
        return checked

    # --------------------------------------------------------------------------------- layout

    def _layout(self, width: float, height: float,
                neuron_radius: float | None) -> tuple[float, float, np.ndarray]:
        """Radius, vertical pitch and column x positions: the densest column fills ``height``."""
        densest = max(column.slots for column in self.columns)
        gaps = len(self.columns) - 1
        if neuron_radius is None:
            pitch = height / (densest - 1 + 2 * RADIUS_PER_PITCH)
            radius = min(RADIUS_PER_PITCH * pitch, MAX_RADIUS, 0.15 * width / gaps)
        else:
            if neuron_radius <= 0:
                raise ValueError(f"neuron_radius must be positive, got {neuron_radius}")
            radius = neuron_radius
        pitch = (height - 2 * radius) / (densest - 1) if densest > 1 else 0.0
        if densest > 1 and pitch < 2.2 * radius:
            raise ValueError(f"neuron_radius {radius:.3g} is too large for {densest} neurons "
                             f"in height {height}: they would overlap")
        column_x = np.linspace(-width / 2 + radius, width / 2 - radius, len(self.columns))
        return radius, pitch, column_x

    def _slot_center(self, layer: int, slot: float) -> np.ndarray:
        column = self.columns[layer]
        y = ((column.slots - 1) / 2 - slot) * self._pitch
        return np.array([self._column_x[layer], y, 0.0])

    def _hue(self, layer: int) -> str:
        if layer == 0:
            return self.palette.input
        return self.palette.output if layer == len(self.layer_sizes) - 1 else self.palette.hidden

    # ---------------------------------------------------------------------------------- parts

    def _make_neurons(self) -> VGroup:
        stroke = theme.STROKE if self.radius >= 0.2 else theme.THIN_STROKE
        layers = VGroup()
        for layer, column in enumerate(self.columns):
            fills = self._fill_opacities(layer, None) if self.activations else None
            group = VGroup()
            for k, index in enumerate(column.shown):
                neuron = Circle(radius=self.radius, color=self._hue(layer), stroke_width=stroke)
                neuron.set_fill(self._hue(layer), opacity=0 if fills is None else fills[k])
                neuron.move_to(self._slot_center(layer, column.slot_of(index)))
                self._neurons[layer, index] = neuron
                group.add(neuron)
            layers.add(group)
        return layers

    def _make_edges(self) -> VGroup:
        scale = self._weight_scale(self.weights)
        layers = VGroup()
        for layer in range(len(self.columns) - 1):
            group = VGroup()
            for i in self.columns[layer].shown:
                for j in self.columns[layer + 1].shown:
                    start = self._neurons[layer, i].get_center()
                    end = self._neurons[layer + 1, j].get_center()
                    unit = (end - start) / np.linalg.norm(end - start)
                    edge = Line(start + self.radius * unit, end - self.radius * unit)
                    weight = None if self.weights is None else self.weights[layer][i, j]
                    edge.set_stroke(**self._edge_style(weight, scale))
                    self._edges[layer, i, j] = edge
                    group.add(edge)
            layers.add(group)
        return layers

    def _make_ellipses(self) -> VGroup:
        """A ⋮ of three dots in the gap of each elided column."""
        ellipses = VGroup()
        for layer, column in enumerate(self.columns):
            if column.gap_slot is None:
                continue
            center = self._slot_center(layer, column.gap_slot)
            dots = VGroup(*(Dot(center + k * 0.22 * self._pitch * UP, color=self._hue(layer),
                                radius=max(0.025, 0.12 * self.radius)) for k in (-1, 0, 1)))
            ellipses.add(dots)
        return ellipses

    def _make_labels(self) -> VGroup:
        """Names or values inside the neurons, at one font size for the whole diagram."""
        labels = VGroup()
        if self.label_mode is None:
            return labels
        texts = {layer: self._label_texts(layer) for layer in range(len(self.columns))}
        largest = theme.BODY_SIZE if self.label_mode == "names" else theme.SMALL_SIZE + 6
        fits = {layer: self._fitting_font_size(probes, largest)
                for layer, probes in texts.items()}
        size = min((fit for fit in fits.values() if fit is not None), default=None)
        last = len(self.columns) - 1
        for layer, column in enumerate(self.columns):
            beside = fits[layer] is None and self.label_mode == "names" and layer in (0, last)
            if fits[layer] is None and not beside:
                continue       # say less rather than something unreadable
            for index in column.shown:
                neuron = self._neurons[layer, index]
                label = self._label_mobject(layer, index, theme.SMALL_SIZE if beside else size)
                if beside:
                    label.set_color(self.palette.text)
                    label.next_to(neuron, LEFT if layer == 0 else RIGHT, buff=0.15)
                else:
                    label.set_color(self._ink(layer, neuron.get_fill_opacity())).move_to(neuron)
                    self._inside.add((layer, index))
                self._labels[layer, index] = label
                labels.add(label)
        return labels

    def _label_texts(self, layer: int) -> list[VMobject]:
        """The layer's labels at SMALL_SIZE, to measure."""
        return [self._label_mobject(layer, index, theme.SMALL_SIZE)
                for index in self.columns[layer].shown]

    def _label_mobject(self, layer: int, index: int, font_size: float) -> VMobject:
        if self.label_mode == "values":
            return DecimalNumber(self.activations[layer][index], num_decimal_places=2,
                                 font_size=font_size)
        return Text(self._name(layer, index), font=theme.FONT, font_size=font_size)

    def _name(self, layer: int, index: int) -> str:
        """x₁ …, h₁ … (h¹₁ … with several hidden layers), ŷ or ŷ₁ …"""
        number = str(index + 1).translate(_SUBSCRIPTS)
        last = len(self.columns) - 1
        if layer == 0:
            return f"x{number}"
        if layer == last:
            return "ŷ" if self.layer_sizes[layer] == 1 else f"ŷ{number}"
        if last == 2:
            return f"h{number}"
        return f"h{str(layer).translate(_SUPERSCRIPTS)}{number}"

    def _fitting_font_size(self, probes: Sequence[Mobject], largest: float) -> float | None:
        """The font size at which every probe (made at SMALL_SIZE) fits inside a neuron with a
        margin (its half-diagonal within 0.8 r), or None if that is below SMALL_SIZE."""
        half_diagonal = max(np.hypot(p.width, p.height) / 2 for p in probes)
        fit = theme.SMALL_SIZE * 0.8 * self.radius / half_diagonal
        return min(fit, largest) if fit >= theme.SMALL_SIZE else None

    def _make_braces(self) -> VGroup:
        """A brace with the true size beside each elided column: left of the inputs, right of
        the outputs, above a hidden column (where edges fill both sides)."""
        braces = VGroup()
        last = len(self.columns) - 1
        for layer, column in enumerate(self.columns):
            if column.gap_slot is None:
                continue
            if 0 < layer < last:
                top = self.layer_group(layer)[0].get_top()
                span = max(2.4 * self.radius, 0.8) / 2
                brace = Brace(Line(top + span * LEFT, top + span * RIGHT), direction=UP,
                              buff=0.12, color=self.palette.muted)
            else:
                beside = [self._labels[layer, i] for i in column.shown
                          if (layer, i) in self._labels]
                brace = Brace(VGroup(*self.layer_group(layer), *beside),
                              direction=LEFT if layer == 0 else RIGHT, buff=0.12,
                              color=self.palette.muted)
            size = Text(str(column.size), font=theme.FONT, font_size=theme.SMALL_SIZE,
                        color=self.palette.text)
            brace.put_at_tip(size, buff=0.1)
            self._size_labels[layer] = size
            braces.add(VGroup(brace, size))
        return braces

    # ------------------------------------------------------------------------------ mappings

    @staticmethod
    def _weight_scale(weights: Sequence[np.ndarray] | None) -> float:
        if weights is None:
            return 1.0
        largest = max(float(np.max(np.abs(w))) for w in weights)
        return largest if largest > 0 else 1.0

    def _edge_style(self, weight: float | None, scale: float) -> dict[str, Any]:
        """Sign → colour; |w| → width and opacity through a power < 1, capped at the largest."""
        if weight is None:
            return {"color": self.palette.muted, "width": theme.THIN_STROKE, "opacity": 0.6}
        strength = min(1.0, abs(weight) / scale) ** WEIGHT_POWER
        return {
            "color": self.palette.of_weight(weight),
            "width": interpolate(*theme.EDGE_WIDTH, strength),
            "opacity": interpolate(*theme.EDGE_OPACITY, strength),
        }

    def _fill_opacities(self, layer: int, values: np.ndarray | None) -> np.ndarray:
        """Fill opacity of the drawn neurons of ``layer``: the activation itself in [0, 1],
        else |value| / max |value| of the layer; 1 (simply "lit") when no values are known."""
        shown = list(self.columns[layer].shown)
        if values is None:
            if self.activations is None:
                return np.ones(len(shown))
            values = self.activations[layer]
        if values.min() < 0 or values.max() > 1:
            largest = np.abs(values).max()
            values = np.abs(values) / largest
        return np.clip(values[shown], MIN_FILL, 1.0)

    def _ink(self, layer: int, fill_opacity: float) -> str:
        """Text colour inside a neuron: whichever of the palette's text and background
        contrasts more with the fill as seen over the background."""
        seen = interpolate_color(ManimColor(self.palette.background), ManimColor(self._hue(layer)),
                                 fill_opacity)
        dark, light = sorted((ManimColor(self.palette.text), ManimColor(self.palette.background)),
                             key=lambda c: colorsys.rgb_to_yiq(*c.to_rgb())[0])
        return seen.contrasting(light=light, dark=dark).to_hex()

    # ------------------------------------------------------------------------------ accessors

    def neuron(self, layer: int, i: int) -> Circle | None:
        """Neuron ``i`` (true index) of ``layer``; None if elided."""
        self._check_index(layer, i)
        return self._neurons.get((layer, i))

    def edge(self, layer: int, i: int, j: int) -> Line | None:
        """The edge from neuron ``i`` of ``layer`` to neuron ``j`` of ``layer + 1``; None if
        either end is elided."""
        self._check_index(layer, i)
        self._check_index(layer + 1, j)
        return self._edges.get((layer, i, j))

    def label(self, layer: int, i: int) -> VMobject | None:
        """The name or value shown for neuron ``i`` of ``layer``; None if nothing is shown."""
        self._check_index(layer, i)
        return self._labels.get((layer, i))

    def size_label(self, layer: int) -> Text | None:
        """The true size written at the brace of an elided layer; None if not elided."""
        self._check_index(layer, 0)
        return self._size_labels.get(layer)

    def layer_group(self, layer: int) -> VGroup:
        """The drawn neurons of ``layer``, top to bottom."""
        self._check_index(layer, 0)
        return self.neurons[layer]

    def edges_group(self, layer: int) -> VGroup:
        """The drawn edges from ``layer`` to ``layer + 1``."""
        self._check_index(layer + 1, 0)
        return self.edges[layer]

    def drawn_indices(self, layer: int) -> tuple[int, ...]:
        """True indices of the neurons drawn in ``layer``."""
        self._check_index(layer, 0)
        return self.columns[layer].shown

    def _check_index(self, layer: int, i: int) -> None:
        if not 0 <= layer < len(self.layer_sizes):
            raise IndexError(f"layer {layer} out of range for {len(self.layer_sizes)} layers")
        if not 0 <= i < self.layer_sizes[layer]:
            raise IndexError(f"neuron {i} out of range for layer {layer} "
                             f"of {self.layer_sizes[layer]}")

    # ----------------------------------------------------------------------------- animations

    def light_up(self, layer: int, values: np.ndarray | None = None, *,
                 run_time: float = 0.8, show_labels: bool = False) -> Animation:
        """Fill ``layer`` to its activations (``values``, else the stored ones) while a ripple
        leaves each neuron; shown numbers count to the new values (with ``show_labels`` the
        numbers inside also fade in, keeping their contrast with the fill)."""
        self._check_index(layer, 0)
        if values is not None:
            values = np.asarray(values, dtype=float).reshape(-1)
            if values.shape != (self.layer_sizes[layer],):
                raise ValueError(f"values must have {self.layer_sizes[layer]} entries for layer "
                                 f"{layer}, got {values.size}")
            if self.activations is None:
                self.activations = [np.zeros(n) for n in self.layer_sizes]
            self.activations[layer] = values
        fills = self._fill_opacities(layer, values)
        shown = self.columns[layer].shown
        new_values = None if values is None else values[list(shown)]
        ripples = [FadeOut(neuron.copy().set_fill(opacity=0), scale=1.5, introducer=True)
                   for neuron in self.layer_group(layer)]
        return AnimationGroup(
            _NeuronChange(self, layer, shown, fills=fills, values=new_values,
                          label_opacity=1.0 if show_labels else None),
            *ripples, group=self, run_time=run_time)

    def send_pulses(self, layer: int, color: str | None = None, *, run_time: float = 1.2,
                    backward: bool = False) -> Animation:
        """Dots travel every drawn edge from ``layer`` to ``layer + 1`` (or back, ``backward``);
        a pulse is as opaque as its edge, so strong weights carry bright pulses."""
        edges = list(self.edges_group(layer))
        color = color or self.palette.highlight
        radius = float(np.clip(0.2 * self.radius, 0.04, 0.07))
        dots = VGroup(*(Dot(radius=radius, color=color) for _ in edges))
        strengths = [edge.get_stroke_opacity() for edge in edges]

        def travel(group: VGroup, alpha: float) -> None:
            fade = min(1.0, 8 * min(alpha, 1 - alpha))
            for dot, edge, strength in zip(group, edges, strengths):
                start, end = edge.get_start(), edge.get_end()
                if backward:
                    start, end = end, start
                dot.move_to(interpolate(start, end, alpha))
                dot.set_fill(opacity=fade * max(strength, 0.5))

        return AnimationGroup(
            UpdateFromAlphaFunc(dots, travel, rate_func=smooth, introducer=True, remover=True),
            group=self, run_time=run_time)

    def animate_forward(self, activations: Sequence[np.ndarray], *,
                        layer_time: float = 2.0) -> Animation:
        """The forward pass: the inputs light up, then pulses carry the signal layer by layer
        and each layer lights up with its activations."""
        checked = self._check_activations(activations, "activations")
        steps: list[Animation] = [self.light_up(0, checked[0], run_time=0.4 * layer_time)]
        for layer in range(1, len(self.layer_sizes)):
            steps.append(self.send_pulses(layer - 1, run_time=0.6 * layer_time))
            steps.append(self.light_up(layer, checked[layer], run_time=0.4 * layer_time))
        return Succession(*steps, group=self)

    def change_weights(self, new_weights: Sequence[np.ndarray], *,
                       run_time: float = 1.0) -> Animation:
        """Edges take the colours, widths and opacities of ``new_weights`` (a training step);
        the diagram then looks as if built from them."""
        checked = self._check_weights(new_weights)
        scale = self._weight_scale(checked)
        changes = [edge.animate.set_stroke(**self._edge_style(checked[layer][i, j], scale))
                   for (layer, i, j), edge in self._edges.items()]
        self.weights = checked
        return AnimationGroup(*changes, group=self, run_time=run_time)

class _NeuronChange(Animation):
    """Neurons of one layer move from their state when the animation begins to new fill
    opacities, shown values and opacities of the labels inside them; those labels keep their
    contrast with the fill."""

    def __init__(self, diagram: NetworkDiagram, layer: int, indices: Sequence[int], *,
                 fills: np.ndarray | None = None, values: np.ndarray | None = None,
                 label_opacity: float | None = None, **kwargs: Any) -> None:
        self.diagram = diagram
        self.layer = layer
        self.neurons = [diagram.neuron(layer, i) for i in indices]
        self.labels = [diagram.label(layer, i) if (layer, i) in diagram._inside else None
                       for i in indices]
        self.fills = fills
        self.values = values if isinstance(self.labels[0], DecimalNumber) else None
        self.label_opacity = label_opacity
        parts = [*self.neurons, *(label for label in self.labels if label is not None)]
        super().__init__(VGroup(*parts), **kwargs)

    def begin(self) -> None:
        self.start_fills = [n.get_fill_opacity() for n in self.neurons]
        self.start_values = [label.get_value() if isinstance(label, DecimalNumber) else None
                             for label in self.labels]
        self.start_label_opacity = [label.get_fill_opacity() if label is not None else None
                                    for label in self.labels]
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        for k, (neuron, label) in enumerate(zip(self.neurons, self.labels)):
            fill = self.start_fills[k]
            if self.fills is not None:
                fill = interpolate(fill, self.fills[k], alpha)
                neuron.set_fill(opacity=fill)
            if label is None:
                continue
            if self.values is not None:
                label.set_value(interpolate(self.start_values[k], self.values[k], alpha))
                label.move_to(neuron)
            opacity = self.start_label_opacity[k]
            if self.label_opacity is not None:
                opacity = interpolate(opacity, self.label_opacity, alpha)
            label.set_fill(self.diagram._ink(self.layer, fill), opacity=opacity)


def _check_sizes(layer_sizes: Sequence[int]) -> list[int]:
    sizes = [int(n) for n in layer_sizes]
    if len(sizes) < 2 or min(sizes) < 1 or sizes != list(layer_sizes):
        raise ValueError(f"layer_sizes must be at least two positive integers, got {layer_sizes}")
    return sizes


def _elide(size: int, max_shown: int) -> _Column:
    """All neurons if they fit, else the first and last few around a ⋮."""
    if size <= max_shown:
        return _Column(size, tuple(range(size)), None)
    end = max(1, (max_shown - 1) // 2)
    return _Column(size, (*range(end), *range(size - end, size)), end)
