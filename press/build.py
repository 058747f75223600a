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

A build that fails removes the book it could not finish (``_build/html``,
``_build/singlehtml`` and the PDF printed from them): a half-updated or earlier site
left in place would look current. Sphinx's saved environment stays, so the next build
still reads only what changed; it writes every page again.
"""
from __future__ import annotations

import shutil
import sys

from . import ROOT

BUILD = ROOT / "_build"
OUTPUTS = ("html", "singlehtml", "pdf")  # folders of _build/ that hold the book a reader sees

FLAGS = ["--warningiserror", "--nitpick", "--quiet"]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 1 or argv[0] not in ("html", "singlehtml"):
        print("usage: python -m press.build html|singlehtml", file=sys.stderr)
        return 2
    try:
        jupyter_book(["build", str(ROOT), "--builder", argv[0], *FLAGS])
    except SystemExit as done:  # click's standalone mode exits with the build's status
        if done.code not in (0, None):
            remove_outputs()
        raise
    except Exception:  # Jupyter Book raises RuntimeError when Sphinx did
        remove_outputs()
        raise
    return 0


def jupyter_book(args: list[str]) -> None:
    sys.modules.setdefault("rfc3987_syntax", None)
    from jupyter_book.cli.main import main as cli

    cli(args, prog_name="jupyter-book")


def remove_outputs() -> None:
    """Remove the book from _build/ so that no stale page or PDF looks current."""
    build = BUILD
    removed = [name for name in OUTPUTS if (build / name).exists()]
    for name in removed:
        shutil.rmtree(build / name)
    if removed:
        print(f"press: the build failed; removed _build/{{{','.join(removed)}}} so no stale book looks current",
              file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
