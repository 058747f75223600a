"""One chart, drawn for each screen it is read on: a desktop column and a phone.

A chart drawn once for a 750 px column and shrunk onto a phone shows its labels at
4 or 5 px. Here each chart is drawn once per screen, from the same call (the same data,
the same alt text): every chart type of :mod:`partnership.figures` is
:func:`redrawable`, so the notebook's formatter calls it again with the phone as the
:func:`current` screen, where :func:`partnership.figures.style.figure` gives it the
phone's width and :func:`columns` fewer legend columns. Each drawing is then sized for
its screen: every text raised to the smallest size legible there, long titles and
category names wrapped, the source line re-wrapped (and cut short on a phone).
The notebook stores the desktop drawing as its image and the phone drawing in the
output's metadata; the book serves both in one ``<picture>`` (press.sphinxext.charts).
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import re
import textwrap

from matplotlib.legend import Legend
from matplotlib.text import Text

from ..text import labels
from .markdown import _ARABIC  # one definition of the Arabic script's blocks
from matplotlib.ticker import FixedFormatter

PX_PER_INCH = 96  # CSS px per inch; matplotlib's SVG is in pt, 72 to the inch
MIN_FONT_ATTRIBUTE = "data-min-font-px"


@dataclass(frozen=True)
class Screen:
    """Where a chart is read: its drawn width, the CSS px it is shown at, its smallest text."""

    name: str
    width_in: float
    shown_px: float
    min_text_px: float
    keep_aspect: bool  # True: the height follows the width; False: the drawn height stays
    label_chars: int | None = None  # wrap category labels and titles longer than this
    legend_columns: int | None = None  # at most this many legend entries side by side
    height_scale: float = 1.0  # the drawn height over the chart's own, where the width is fixed
    source_lines: int | None = None  # at most this many lines of sources

    @property
    def floor_pt(self) -> float:
        """The smallest font size, in pt, that shows at ``min_text_px`` on this screen."""
        return self.min_text_px * (self.width_in * PX_PER_INCH / self.shown_px) * 72 / PX_PER_INCH

    def source_chars(self) -> int:
        """Characters per source line: the drawn width over an Arabic letter's mean advance (~0.6 em, Latin names included)."""
        return int(self.width_in * 72 / (self.floor_pt * 0.6))


# The article column at 1400x900 is 750 px; at 390x844, a chart's box is about 350 px.
# Margins over the targets (12 px on a desktop, 11 px on a phone) absorb the tight bbox.
DESKTOP = Screen("desktop", width_in=7.8, shown_px=750, min_text_px=12.6, keep_aspect=True)
PHONE = Screen("phone", width_in=4.0, shown_px=335, min_text_px=11.8, keep_aspect=False,
               label_chars=18, legend_columns=1, source_lines=3, height_scale=1.6)

_CURRENT: ContextVar[Screen] = ContextVar("screen", default=DESKTOP)


def current() -> Screen:
    """The screen a chart is being drawn for (the desktop, unless :func:`active` says otherwise)."""
    return _CURRENT.get()


@contextmanager
def active(screen: Screen):
    token = _CURRENT.set(screen)
    try:
        yield screen
    finally:
        _CURRENT.reset(token)


def columns(n: int) -> int:
    """Legend entries side by side: ``n``, or fewer on a narrow screen."""
    return min(n, current().legend_columns or n)


def redrawable(chart):
    """A chart type whose figures remember how to draw themselves again for another screen."""
    @functools.wraps(chart)
    def draw(*args, **kwargs):
        fig = chart(*args, **kwargs)
        fig._partnership_redraw = functools.partial(chart, *args, **kwargs)
        return fig
    return draw


def redraw(fig, screen: Screen):
    """A new figure of the same chart for ``screen``; the figure itself if it cannot be redrawn."""
    again = getattr(fig, "_partnership_redraw", None)
    if again is None:
        return fig
    with active(screen):
        return again()


def _texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text()]


def _titles(fig) -> list[Text]:
    found = [getattr(fig, "_suptitle", None)]
    for ax in fig.axes:
        found += [ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None)]
    return [t for t in found if t is not None and t.get_text()]


def drawn_width_px(svg: str) -> float:
    """The width of a drawing as written (matplotlib's SVG gives it in pt), in CSS px."""
    match = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"', svg)
    if not match:
        raise ValueError("an SVG drawing without a width in pt")
    return float(match.group(1)) * PX_PER_INCH / 72


def min_font_px(fig) -> float:
    """The smallest text of the figure as drawn, in px of the drawing."""
    return min((t.get_fontsize() for t in _texts(fig)), default=0) * PX_PER_INCH / 72


def isolate_ranges(text: str) -> str:
    """«1946-2022» in a left-to-right isolate: in an Arabic line the text engine would
    otherwise draw it «2022-1946», which reads as a different span (matplotlib honours
    the isolates and draws nothing for them)."""
    return labels.RANGE.sub(lambda m: f"\u2066{m.group(1)}{m.group(2)}{m.group(3)}\u2069", text)


def raise_text(fig, floor_pt: float) -> None:
    """Every text of the figure, tick labels included, at ``floor_pt`` or more."""
    for ax in fig.axes:
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            labels = [t for t in axis.get_ticklabels(which="both") if t.get_text()] or axis.get_ticklabels()
            if labels:
                ax.tick_params(axis=name, which="both", labelsize=max(labels[0].get_fontsize(), floor_pt))
    for text in _texts(fig):
        text.set_fontsize(max(text.get_fontsize(), floor_pt))


def on_screen_px(svg: str, screen: Screen, min_font: float) -> float:
    """The drawing's smallest text as the browser shows it: shrunk when wider than the screen's box."""
    return min_font * min(1.0, screen.shown_px / drawn_width_px(svg))


@contextmanager
def drawn_for(fig, screen: Screen):
    """The figure resized and its text raised for ``screen``; restored on leaving."""
    from . import style

    width, height = fig.get_size_inches()
    texts = {t: (t.get_fontsize(), t.get_wrap(), t.get_text()) for t in _texts(fig)}
    ticks = {}
    for ax in fig.axes:
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            labels = [t for t in axis.get_ticklabels(which="both") if t.get_text()] or axis.get_ticklabels()
            if labels:
                ticks[(ax, name)] = labels[0].get_fontsize()
    categories = {}  # axes of named categories: their ticks and labels, to wrap on a narrow screen
    if screen.label_chars:
        for ax in fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                names = [t.get_text() for t in axis.get_ticklabels()]
                if any(len(n) > screen.label_chars and _ARABIC.search(n) for n in names):
                    categories[axis] = (axis.get_major_locator(), axis.get_major_formatter(),
                                        list(axis.get_ticklocs()), names)
    titles = {t: t.get_text() for t in _titles(fig)}
    # A legend inside the axes is as wide as its longest entry, often wider than the
    # phone's axes: there it goes under the plot, centred.
    legends = {}
    if screen.legend_columns:
        for legend in fig.findobj(Legend):
            ax = legend.axes
            anchor = legend.get_bbox_to_anchor()
            if ax is not None and legend in ax.get_children() and anchor.bounds == ax.bbox.bounds:
                legends[legend] = legend._loc
    source = getattr(fig, "_partnership_sources", None)
    source_text = fig._supxlabel.get_text() if source and fig._supxlabel is not None else None
    try:
        if screen.keep_aspect:
            fig.set_size_inches(screen.width_in, height * screen.width_in / width)
        raise_text(fig, screen.floor_pt)
        for text, (_, _, words) in texts.items():
            text.set_text(isolate_ranges(words))
        if screen.label_chars:
            for title, text in titles.items():
                chars = int(screen.label_chars * screen.width_in / 4.0 * 1.6)
                title.set_text(isolate_ranges(textwrap.fill(text, chars)))
        for legend in legends:
            legend.set_loc("upper center")
            legend.set_bbox_to_anchor((0.5, -0.1), transform=legend.axes.transAxes)
        for axis, (_, _, locs, names) in categories.items():
            axis.set_ticks(locs, [textwrap.fill(n, screen.label_chars) for n in names])
        if source_text is not None:
            caps = [n for n in (screen.source_lines, getattr(fig, "_partnership_source_lines", None)) if n]
            fig._supxlabel.set_text(style.source_line(source, width=screen.source_chars(),
                                                      max_lines=min(caps) if caps else None))
        yield fig
    finally:
        fig.set_size_inches(width, height)
        for (ax, name), size in ticks.items():
            ax.tick_params(axis=name, which="both", labelsize=size)
        for text, (size, wrap, words) in texts.items():
            text.set_fontsize(size)
            text.set_wrap(wrap)
            text.set_text(words)
        if source_text is not None:
            fig._supxlabel.set_text(source_text)
        for title, text in titles.items():
            title.set_text(text)
        for legend, loc in legends.items():
            legend._loc = loc
            legend.set_bbox_to_anchor(None)
        for axis, (locator, formatter, _, _) in categories.items():
            axis.set_major_locator(locator)
            axis.set_major_formatter(formatter)
