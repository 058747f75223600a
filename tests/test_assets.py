"""press.sphinxext.assets: what the stylesheet cut keeps and drops, and the page fixes."""
from __future__ import annotations

import pytest

from press.sphinxext import assets

from conftest import HTML

CSS = """
/* a comment */
:root{--x:1}
.used{color:red}
.unused{color:blue}
.used .unused, .used > a{margin:0}
.used:not(.unused){padding:0}
#main{top:0}
#gone{top:1}
.bs-tooltip-top{left:0}
@media (max-width:500px){.unused{x:1}.used{x:2}}
@media print{.unused{x:1}}
@font-face{font-family:F;src:url(f.woff)}
@keyframes spin{from{opacity:0}to{opacity:1}}
html[data-theme=dark] .used{color:white}
"""


def test_cut_keeps_what_a_page_can_match_and_drops_the_rest():
    cut = assets.cut_stylesheet(CSS, {"used", "main", "a"}, {"bs-tooltip-"})
    assert ":root{--x:1}" in cut
    assert ".used{color:red}" in cut
    assert ".unused{color:blue}" not in cut
    # Of a selector list, only the selectors that can match stay.
    assert ".used > a{margin:0}" in cut and ".used .unused" not in cut
    # What :not() names need not be on the page.
    assert ".used:not(.unused){padding:0}" in cut
    assert "#main{top:0}" in cut and "#gone" not in cut
    # A class a script builds from a prefix is kept.
    assert ".bs-tooltip-top{left:0}" in cut
    assert "@media (max-width:500px){.used{x:2}}" in cut
    assert "@media print" not in cut, "an emptied @media block goes too"
    assert "@font-face{font-family:F;src:url(f.woff)}" in cut
    assert "@keyframes spin{from{opacity:0}to{opacity:1}}" in cut
    assert "html[data-theme=dark] .used{color:white}" in cut
    assert "comment" not in cut


def test_cutting_twice_changes_nothing():
    tokens = {"used", "main", "a"}
    once = assets.cut_stylesheet(CSS, tokens)
    assert assets.cut_stylesheet(once, tokens) == once


def test_the_stylesheet_points_at_the_cut_faces_and_refuses_a_changed_one():
    css = '@font-face{src: url("fonts/NotoNaskhArabic-Regular.woff2") format("woff2");}\n' \
          '@font-face{src: url("fonts/NotoNaskhArabic-Bold.woff2") format("woff2");}'
    pointed = assets.point_to_cut_faces(css)
    assert 'url("fonts/NotoNaskhArabic-Regular.subset.woff") format("woff")' in pointed
    assert ".woff2" not in pointed
    assert assets.point_to_cut_faces(pointed) == pointed
    with pytest.raises(RuntimeError, match="TEXT_FACES"):
        assets.point_to_cut_faces(css.replace("Bold", "SemiBold"))


def test_fix_page_links_basic_css_directly_and_drops_script_preloads():
    head = ('<link href="../_static/styles/theme.css?digest=abc" rel="stylesheet" />\n'
            '<link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=abc" />\n'
            '<script defer src="../_static/scripts/bootstrap.js?digest=abc"></script>')
    fixed = assets.fix_page(head)
    assert fixed == ('<link href="../_static/basic.css" rel="stylesheet" />\n'
                     '<script defer src="../_static/scripts/bootstrap.js?digest=abc"></script>')
    assert assets.fix_page(fixed) == fixed


def test_the_built_site_uses_the_cut_assets():
    page = (HTML / "chapters" / "index.html").read_text(encoding="utf-8")
    assert "styles/theme.css" not in page and 'rel="preload" as="script"' not in page
    for face in assets.TEXT_FACES:
        cut = HTML / "_static" / assets.cut_face(face)
        assert 10_000 < cut.stat().st_size < (HTML / "_static" / face).stat().st_size, cut
        assert f'href="../_static/{assets.cut_face(face)}" as="font"' in page
    theme = (HTML / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert ".bd-sidebar-primary" in theme and ".ablog-post" not in theme and ".accordion-button" not in theme


def test_the_cut_faces_draw_every_character_of_the_book_in_arabic():
    from fontTools.ttLib import TTFont

    drawn = assets.drawn_characters(HTML)
    for face, ttf in assets.TEXT_FACES.items():
        full = TTFont(assets.SYSTEM_FONTS / ttf).getBestCmap()
        cut = TTFont(HTML / "_static" / assets.cut_face(face)).getBestCmap()
        missing = {c for c in drawn if c in full and c not in cut}
        assert not missing, f"{face}: {''.join(map(chr, sorted(missing)))}"
