"""The title card: the lecture's name, its network growing out of one neuron, the one formula
built part by part as it is named, the count of its parameters, and the chapter list."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, RIGHT, UP, ChangeDecimalToValue, Circumscribe, Create, FadeIn, FadeOut,
    GrowFromCenter, LaggedStart, MathTex, Paragraph, ReplacementTransform, ShowPassingFlash,
    Succession, Text, TransformMatchingTex, VGroup, Write,
)

from scenes import registry, theme
from scenes.base import LectureScene, on
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.notation import ACTIVATION_SYMBOL

FORMULA = theme.math_size(theme.TYPE.title)
COUNT = theme.math_size(theme.TYPE.body)
BAND = 1.5          # below the content's top: the subtitle's line
LINE_SPACING = 1.5  # of the chapter list (opened up to fill the content's height)
WIDE_NET = 12.0     # the network's width while it has the frame to itself


class TitleCard(LectureScene):
    def construct(self) -> None:
        p = self.palette
        data = self.data
        title = Text("Neural Networks", font=theme.FONT, font_size=theme.TYPE.title, color=p.text)
        subtitle = Text("an intuitive guide, from one neuron to a trained network",
                        font=theme.FONT, font_size=theme.TYPE.body, color=p.muted)
        VGroup(title, subtitle).arrange(DOWN, buff=0.35).move_to(
            [0, theme.CONTENT.top + 0.2 - BAND / 2, 0])
        area = theme.CONTENT
        region = theme.Region(area.left, area.center[0] - 0.4, area.bottom, area.top - BAND)
        diagram = region.fit(self._diagram(region.width - 0.4, region.height - 0.3))
        below = theme.Region(area.left, area.right, area.bottom, area.top - BAND)
        wide = below.fit(self._diagram(min(WIDE_NET, below.width - 0.4), below.height - 0.3))
        hidden = self._example_neuron(diagram)
        grown = self._example_neuron(wide)
        seed = grown.copy().scale(1.6).move_to(below.center)
        others = [n for layer in wide.neurons for n in layer if n is not grown]
        self.narrate("Welcome. This lecture builds a neural network from a single neuron "
                     "up to a trained classifier.", Write(title), FadeIn(subtitle, shift=UP * 0.2),
                     on("single neuron", GrowFromCenter(seed)),
                     on("trained classifier", ReplacementTransform(seed, grown, introducer=True),
                        LaggedStart(*(GrowFromCenter(n) for n in others), lag_ratio=0.05),
                        Create(wide.edges, lag_ratio=0.01),
                        *(FadeIn(part) for part in (wide.ellipses, wide.braces) if len(part)),
                        run_time=2.0))
        self.add(wide)    # its parts, brought in one by one, become one mobject to move
        formula = self._formula(data.config.network.activation)
        self.narrate("Everything rests on one small formula: a neuron weighs its inputs, "
                     "adds a bias, and squashes the sum.",
                     ReplacementTransform(wide, diagram),     # making room for the formula
                     on("weighs its inputs", Write(formula[0]), *self._runs(diagram, hidden)),
                     on("adds a bias", TransformMatchingTex(formula[0], formula[1])),
                     on("squashes", TransformMatchingTex(formula[1], formula[2]),
                        hidden.animate.set_fill(opacity=0.8)))
        total = data.parameters.total
        counter = self.number("network.parameters.total", total, 0, font_size=COUNT,
                              color=p.gradient)
        count = VGroup(counter, MathTex(r"\text{parameters, every one computed}", font_size=COUNT,
                                        color=p.text)).arrange(RIGHT, buff=0.2)
        count.next_to(formula[2], DOWN, buff=0.7)
        theme.Region(area.center[0], area.right, area.bottom, area.top).clamp(count)
        counter.set_value(0)
        self.narrate("Every number you will see is computed by the lecture's own engine, "
                     "not typed in by hand.",
                     on("Every number", FadeIn(count[1], shift=UP * 0.2)),
                     on("computed", Succession(FadeIn(counter, run_time=0.3),
                                               ChangeDecimalToValue(counter, total, run_time=1.7)),
                        *self._runs(diagram, None), run_time=2.0),
                     on("not typed", Circumscribe(count, color=p.highlight)))
        chapters = self._chapter_list()
        heading = self.make_heading("Neural Networks")
        if chapters:
            lines = [VGroup(n, t) for numbers, titles in chapters for n, t in zip(numbers, titles)]
            self.narrate("Here is the plan, chapter by chapter.",
                         ReplacementTransform(title, heading),
                         FadeOut(VGroup(subtitle, diagram, formula[2], count), shift=DOWN * 0.3),
                         on("the plan", LaggedStart(*(FadeIn(line, shift=LEFT * 0.2)
                                                      for line in lines), lag_ratio=0.15),
                            run_time=2.5))

    def _diagram(self, width: float, height: float) -> NetworkDiagram:
        return NetworkDiagram(self.data.layer_sizes, [layer.W for layer in self.data.final_params],
                              labels=None, width=width, height=height, palette=self.palette)

    def _example_neuron(self, diagram: NetworkDiagram):
        """The hidden neuron the lecture computes in its neuron chapter (the first drawn one
        when it is not drawn)."""
        return diagram.neuron(1, self.data.neuron_example.neuron) or diagram.layer_group(1)[0]

    def _formula(self, activation: str) -> list[MathTex]:
        """w·x, then w·x + b, then a = g(w·x + b): each made of the parts it shares with the
        next, so that TransformMatchingTex carries them over."""
        p = self.palette
        g = ACTIVATION_SYMBOL[activation]
        colours = {"a": p.output, g: p.hidden, r"\mathbf{w}": p.positive, r"\mathbf{x}": p.input,
                   "b": p.text}
        steps = [[r"\mathbf{w}", r"\cdot", r"\mathbf{x}"],
                 [r"\mathbf{w}", r"\cdot", r"\mathbf{x}", "+", "b"],
                 ["a", "=", g, r"\big(", r"\mathbf{w}", r"\cdot", r"\mathbf{x}", "+", "b",
                  r"\big)"]]
        area = theme.CONTENT
        panel = theme.Region(area.center[0], area.right, area.bottom, area.top - BAND)
        formulas = []
        for parts in steps:
            formula = MathTex(*parts, font_size=FORMULA, color=p.text)
            for part, tex in zip(formula, parts):
                part.set_color(colours.get(tex, p.text))
            formulas.append(formula)
        natural = formulas[-1].width
        panel.fit(formulas[-1], buff=0.3).shift(UP * 0.6)
        for formula in formulas[:-1]:   # w·x stays where it is in the whole formula
            formula.scale(formulas[-1].width / natural)
            formula.shift(formulas[-1][4].get_center() - formula[0].get_center())
        return formulas

    def _runs(self, diagram: NetworkDiagram, neuron) -> list:
        """A run of light along the edges into ``neuron`` (None: along every edge)."""
        edges = [edge for group in diagram.edges for edge in group
                 if neuron is None or abs(edge.get_end() - neuron.get_center()).max()
                 < 1.5 * diagram.radius]
        return [ShowPassingFlash(edge.copy().set_stroke(self.palette.gradient, width=4, opacity=1),
                                 time_width=0.6) for edge in edges]

    def _chapter_list(self) -> VGroup:
        """The chapters in one or two columns; each column is a right-aligned Paragraph of
        numbers beside a left-aligned Paragraph of titles, so rows share baselines; each title's
        ink starts on one line."""
        entries = registry.chapters()
        if not entries:
            return VGroup()
        per_column = -(-len(entries) // 2) if len(entries) > 6 else len(entries)
        columns = VGroup()
        for first in range(0, len(entries), per_column):
            chunk = entries[first:first + per_column]
            numbers, titles = (
                Paragraph(*texts, font=theme.FONT, alignment=alignment,
                          line_spacing=LINE_SPACING, font_size=theme.TYPE.heading, color=color)
                for texts, alignment, color in (
                    ([f"{first + i + 1}." for i in range(len(chunk))], "right", self.palette.muted),
                    ([entry.title for entry in chunk], "left", self.palette.text),
                )
            )
            left = titles.get_left()[0]
            for line in titles:
                line.shift(RIGHT * (left - line.get_left()[0]))
            columns.add(VGroup(numbers, titles).arrange(RIGHT, buff=0.3, aligned_edge=UP))
        columns.arrange(RIGHT, buff=1.2, aligned_edge=UP)
        theme.CONTENT.fit(columns, buff=0.2)
        rows = max(len(column[0]) for column in columns)
        if rows > 1:   # open the lines up to the content's height, each row's baseline kept shared
            step = min((theme.CONTENT.height - 0.6 - columns.height) / (rows - 1),
                       columns.height / (rows - 1))
            for column in columns:
                for paragraph in column:
                    for k, line in enumerate(paragraph):
                        line.shift(DOWN * k * max(step, 0.0))
        return columns.move_to(theme.CONTENT.center)
