"""Every chart as a ``<picture>``: a desktop and a phone drawing, each in a light and a dark colouring.

A notebook's chart output carries the desktop drawing as its ``image/svg+xml`` and the
phone drawing in that output's metadata (partnership.figures.screens). myst-nb hands
each output to its mime renderer plugins before its own renderers; this one joins them
when the extension is set up (myst-nb's list of plugins, which it loads once from the
``myst_nb.mime_renderers`` entry points, so the build needs no installed entry point of
its own and a reader's environment is left alone). Such an output becomes four image
files (the two drawings, and each recoloured for the dark mode by
partnership.figures.svg.dark_svg) under one :class:`chart_picture` node, which the HTML
writer turns into

    <div class="chart-picture">
      <picture class="only-light"><source media="(max-width: 600px)" srcset="phone.svg" …>
        <img src="desktop.svg" alt="…" width=… height=… loading="lazy"></picture>
      <picture class="only-dark">…</picture>
    </div>

A browser fetches the one drawing that fits its screen and colour mode; the printed
book takes the light desktop drawing. The alt text is the cell's, on every drawing.
Each <img> carries its picture's class too: the theme gives every other image a white
card in the dark mode. The class is never on the <picture> alone: the theme also hides
a figcaption that follows an ``.only-dark`` element in the light mode.
"""
from __future__ import annotations

import dataclasses
import posixpath
from html import escape
from pathlib import Path
from urllib.parse import quote

from docutils import nodes

from partnership.figures import screens
from partnership.figures.svg import dark_svg

from .theme import _svg_size

PHONE_MEDIA = "(max-width: 600px)"
VARIANTS = ("desktop", "phone", "desktop-dark", "phone-dark")


class chart_picture(nodes.General, nodes.Element):
    """One chart: its four drawings, as image nodes in the order of VARIANTS."""


class ChartVariants:
    """A myst-nb mime renderer plugin for chart outputs that carry a phone drawing."""

    mime_priority_overrides = ()

    @staticmethod
    def handle_mime(renderer, data, inline):
        if inline or data.mime_type != "image/svg+xml":
            return None
        phone = (data.output_metadata.get("image/svg+xml") or {}).get(screens.PHONE.name)
        if not phone:
            return None
        drawings = {"desktop": data.string, "phone": phone}
        drawings["desktop-dark"] = dark_svg(drawings["desktop"])
        drawings["phone-dark"] = dark_svg(phone)
        picture = chart_picture()
        for variant in VARIANTS:
            (image,) = renderer.render_image(dataclasses.replace(data, content=drawings[variant]))
            image["classes"].append(f"chart-{variant}")
            picture += image
        return [picture]


def _uri(translator, image) -> tuple[str, tuple[int, int] | None]:
    """The image's URL in the built page and its size in CSS px (from the SVG itself)."""
    builder = translator.builder
    uri = image["uri"]
    size = _svg_size(Path(builder.srcdir) / uri)
    if uri in builder.images:
        uri = posixpath.join(builder.imgpath, quote(builder.images[uri]))
    return uri, size


def _sized(size) -> str:
    return f' width="{size[0]}" height="{size[1]}"' if size else ""


def visit_chart_picture(self, node):
    images = dict(zip(VARIANTS, node.children))
    alt = escape(images["desktop"].get("alt", ""), quote=True)
    self.body.append('<div class="chart-picture">')
    for scheme, suffix in (("only-light", ""), ("only-dark", "-dark")):
        phone, phone_size = _uri(self, images["phone" + suffix])
        desktop, desktop_size = _uri(self, images["desktop" + suffix])
        self.body.append(f'<picture class="{scheme}"><source media="{PHONE_MEDIA}" srcset="{escape(phone)}"'
                         f"{_sized(phone_size)} />"
                         f'<img class="{scheme}" src="{escape(desktop)}" alt="{alt}"{_sized(desktop_size)}'
                         ' loading="lazy" decoding="async" /></picture>')
    self.body.append("</div>")
    raise nodes.SkipNode


def _register() -> None:
    from myst_nb.core.render import load_mime_renders

    plugins = load_mime_renders()  # cached: the list myst-nb consults for every output
    if ChartVariants not in plugins:
        plugins.insert(0, ChartVariants)


def setup(app):
    _register()
    app.add_node(chart_picture, html=(visit_chart_picture, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
