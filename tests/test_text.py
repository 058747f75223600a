"""One catalogue per language: every text the package and the build show a reader comes
from partnership/text/ar.toml by name, and none is spelled out in a module."""
from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

from conftest import ROOT
from partnership import text
from press.sphinxext import rtl

ARABIC = re.compile(r"[\u0600-\u06FF]")
# A string of punctuation only (a set of characters to strip, say) is not a text.
PUNCTUATION_ONLY = re.compile(r"^[\s\W]*$")
CALL = re.compile(r"""\bwords?\(\s*(?:f?)(["'])([^"']+)\1""")
MODULES = sorted(p for folder in ("partnership", "press") for p in (ROOT / folder).rglob("*.py"))


def _docstrings(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _arabic_literals(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                and ARABIC.search(node.value) and not PUNCTUATION_ONLY.fullmatch(node.value)):
            yield node.lineno, node.value


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_spells_out_a_text_for_the_reader(path):
    found = [f"{path.relative_to(ROOT)}:{line}: {value!r}" for line, value in _arabic_literals(path)]
    assert not found, "move these into partnership/text/ar.toml:\n" + "\n".join(found)


def test_the_check_finds_a_text_spelled_out(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""وثيقة."""\nLABEL = "المصدر"\nSTRIP = "،؛ "\n', encoding="utf-8")
    found = [value for _, value in _arabic_literals(module)]
    assert found == ["المصدر"]


def _names_used():
    for path in MODULES:
        for match in CALL.finditer(path.read_text(encoding="utf-8")):
            call = match.group(0)
            name = match.group(2)
            if "{" in name:  # a name built at run time, such as f"drivers.{side}"
                continue
            yield path, call.startswith("words"), name


def test_every_name_the_code_asks_for_is_in_the_catalogue():
    used = list(_names_used())
    assert len(used) > 100, "the scan found too few calls to be reading the code"
    for path, group, name in used:
        value = text.words(name) if group else text.word(name)
        assert value, f"{path.relative_to(ROOT)}: '{name}' is empty in {text.path()}"


def test_a_missing_name_is_refused_naming_the_catalogue_and_the_name():
    with pytest.raises(text.MissingText, match=r"ar\.toml: no text named 'charts\.no_such_label'"):
        text.word("charts.no_such_label")
    with pytest.raises(text.MissingText, match="is a group of texts"):
        text.word("verdicts")
    with pytest.raises(text.MissingText, match="is one text"):
        text.words("verdicts.confirmed")


def test_fields_are_filled_in_and_group_order_is_the_catalogue_order():
    assert text.word("interface.version", version="9.9") == "الإصدار 9.9"
    assert list(text.words("verdicts")) == ["confirmed", "partly", "contradicted", "untested", "unverified"]


def test_the_theme_strings_compile_to_a_catalog_that_gettext_reads(tmp_path):
    mo = rtl.write_catalog(tmp_path)
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for msgid, msgstr in text.words("sphinx").items():
        assert catalog.gettext(msgid) == msgstr


@pytest.mark.parametrize("n, genitive, said", [
    (1, False, "مسيّرة واحدة"), (2, False, "مسيّرتان"), (2, True, "مسيّرتين"), (3, False, "3 مسيّرات"),
    (10, False, "10 مسيّرات"), (11, False, "11 مسيّرة"), (99, False, "99 مسيّرة"), (100, False, "100 مسيّرة"),
    (103, False, "103 مسيّرات"), (409, False, "409 مسيّرات"), (450, False, "450 مسيّرة"),
    (3107, False, "3,107 مسيّرات"),
])
def test_a_number_agrees_with_its_noun(n, genitive, said):
    from partnership.text import labels

    assert labels.counted(n, "drone", genitive=genitive) == said


def test_a_tally_reads_as_a_sentence():
    from partnership.analysis import claims

    said = claims.verdict_sentence(["confirmed"] * 6 + ["contradicted"] + ["untested"] * 2, "forecast")
    # Each count is the subject of its verb, so a two stays nominative; a zero is never said.
    assert said == "صحّ 6 توقعات، ولم يصحّ توقع واحد، ولم يُختبر بعدُ توقعان"
    assert "0" not in said