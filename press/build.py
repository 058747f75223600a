"""``jupyter-book build`` with the book's flags, started without a module it never uses.

    python -m press.build html          # what `make book` and `make bench` run
    python -m press.build singlehtml

Warnings are errors, references are checked (nitpick), and Sphinx's progress is not
printed. Jupyter Book imports jsonschema, and jsonschema imports rfc3987-syntax whenever
it is installed (jupyter-events asks for it): building that package's 38 IRI grammars
with lark takes 1.3 s of every start, a seventh of a rebuild after a one-word edit, and
nothing in the build validates an IRI. Marking the module absent before Jupyter Book
starts makes jsonschema skip that one format check, as it does wherever the package is
not installed.
"""
from __future__ import annotations

import sys

from . import ROOT

FLAGS = ["--warningiserror", "--nitpick", "--quiet"]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 1 or argv[0] not in ("html", "singlehtml"):
        print("usage: python -m press.build html|singlehtml", file=sys.stderr)
        return 2
    sys.modules.setdefault("rfc3987_syntax", None)
    from jupyter_book.cli.main import main as jupyter_book

    # Click's standalone mode exits with the build's own status (1 and a traceback on a failure).
    jupyter_book(["build", str(ROOT), "--builder", argv[0], *FLAGS], prog_name="jupyter-book")
    return 0


if __name__ == "__main__":
    sys.exit(main())
