"""The secant explorer: sliders for the point ``x`` and for ``log10 h``, a
menu of functions; the figure of the secant and its slopes update as they
change.

>>> explorer = SecantExplorer("x**2", x=1.0, log10_h=-1.0)
>>> round(explorer.state.forward, 12)
2.1
>>> explorer.x_slider.value = 2.0
>>> round(explorer.state.forward, 12)
4.1
"""

from __future__ import annotations

import ipywidgets as w

from mazur_nn.core.validate import finite_number, not_allowed, wrong_kind
from mazur_nn.lessons.calculus.figures import plot_secant
from mazur_nn.lessons.calculus.functions import FUNCTION_NAMES, Curve, function
from mazur_nn.lessons.calculus.secants import Secant, secant
from mazur_nn.widgets.aria import Aria
from mazur_nn.widgets.parts import problem_html, text_form
from mazur_nn.widgets.picture import Picture, show_figure


class SecantExplorer(w.VBox):
    """A slider for ``log10 h`` and one for the point ``x``, a menu of
    functions; the figure and the slopes update as they change. A value the
    function cannot take (say ``log(x)`` at ``x = -1``) shows a message and
    the last valid figure stays."""

    def __repr__(self) -> str:
        return text_form(
            f"Secant explorer for f(x) = {self.function_menu.value}: run this cell to move x and h"
        )

    def __init__(
        self,
        f="x**2",
        x: float = 1.0,
        log10_h: float = 0.0,
        x_range: tuple[float, float] = (-3.0, 3.0),
    ) -> None:
        curve = function(f)
        self.curves = {name: function(name) for name in FUNCTION_NAMES}
        if curve.name not in self.curves:
            self.curves = {curve.name: curve, **self.curves}
        low, high = (finite_number(v, f"x_range[{k}]") for k, v in enumerate(x_range))
        if not low < high:
            raise wrong_kind("x_range", "(low, high) with low < high", repr(x_range), ValueError)
        x = finite_number(x, "x")
        if not low <= x <= high:
            raise not_allowed("x", repr(x), f"a number from {low} to {high}")
        log10_h = finite_number(log10_h, "log10_h")
        if not -12 <= log10_h <= 0:
            raise not_allowed("log10_h", repr(log10_h), "-12 to 0")
        self.function_menu = w.Dropdown(
            options=list(self.curves), value=curve.name, description="f(x)"
        )
        self.x_slider = w.FloatSlider(
            value=x,
            min=low,
            max=high,
            step=0.05,
            description="x",
            continuous_update=False,
            readout_format=".2f",
        )
        self.h_slider = w.FloatSlider(
            value=log10_h,
            min=-12.0,
            max=0.0,
            step=0.25,
            description="log10 h",
            continuous_update=False,
            readout_format=".2f",
        )
        self.h_label = w.HTML()
        self.slopes = w.HTML().add_class("mazur-slopes").add_class("mazur-live")
        self.message = w.HTML().add_class("mazur-message")
        self.image = Picture(width="640px")
        self.errors = w.Output()
        self.state: Secant | None = None
        for control in (self.function_menu, self.x_slider, self.h_slider):
            control.observe(self._on_change, names="value")
        super().__init__(
            [
                w.HBox([self.function_menu, self.x_slider]),
                w.HBox([self.h_slider, self.h_label]),
                self.message,
                self.slopes,
                self.image,
                self.errors,
                Aria(scope="mazur-secant"),
            ]
        )
        self.add_class("mazur-secant")
        self.update()

    @property
    def curve(self) -> Curve:
        return self.curves[self.function_menu.value]

    @property
    def h(self) -> float:
        return 10.0**self.h_slider.value

    def _on_change(self, _change=None) -> None:
        self.update()

    def update(self) -> None:
        """Recompute the secant and redraw (sliders call this)."""
        with self.errors:
            h = self.h
            self.h_label.value = f"h = 10<sup>{self.h_slider.value:g}</sup> = {h:.3g}"
            try:
                state = secant(self.curve, self.x_slider.value, h)
                fig = plot_secant(self.curve, state.x, state.h)
            except (TypeError, ValueError) as exc:
                self.message.value = problem_html(exc, "the last valid secant")
                return
            self.message.value = ""
            self.state = state
            self.slopes.value = state.to_html()
            show_figure(self.image, fig)
