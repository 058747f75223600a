"""Time the book's builds: cold, warm after a one-word prose edit, and the notebook floor;
then the PDF edition's build time and every page's weight.

Run by `make bench`. The floor is the notebooks alone, run one after another by
nbconvert; the cold build (empty caches) runs them in parallel, so it can beat the
floor. Targets: cold at most 0.75 x the floor, warm at most 10 % of cold. The edited
chapter is restored afterwards. Page weight is what Chromium fetches for a page with
its assets (press.audit, the same measure the tests and `make audit` use; target:
1.5 MB or less).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from press import audit

BIN = Path(sys.executable).parent
BUILD = [str(BIN / "python"), "-m", "press.build", "html"]  # what `make book` runs
COLD_TARGET, WARM_TARGET = 0.75, 0.10
EDITED = ROOT / "chapters" / "01_introduction.ipynb"


def timed(command, **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def one_word_edit(path: Path) -> None:
    """Append one word to the first Markdown paragraph of a notebook (not its code)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = "".join(cell["source"]) + " تجربة"
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    notebooks = sorted((ROOT / "chapters").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as out:
        floor = timed([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                       "--output-dir", out, *map(str, notebooks)])
    for part in (ROOT / "_build").iterdir() if (ROOT / "_build").is_dir() else []:
        if part.name != ".stamps":  # make's record of the set-up, not a build output
            shutil.rmtree(part) if part.is_dir() else part.unlink()
    cold = timed(BUILD)
    original = EDITED.read_bytes()
    try:
        one_word_edit(EDITED)
        warm = timed(BUILD)
    finally:
        EDITED.write_bytes(original)
        timed(BUILD)  # leave _build matching the sources
    single = BUILD[:-1] + ["singlehtml"]
    pdf = timed(single) + timed([str(BIN / "python"), "-m", "press.pdf"], cwd=ROOT)
    weights = audit.page_weights()
    print(f"notebooks alone (floor): {floor:6.1f} s  ({len(notebooks)} notebooks)")
    print(f"cold build (no cache):   {cold:6.1f} s  = {cold / floor:.2f} x floor (target <= {COLD_TARGET})")
    print(f"warm rebuild, one word:  {warm:6.1f} s  = {warm / cold:.1%} of cold (target <= {WARM_TARGET:.0%})")
    print(f"PDF (singlehtml + print): {pdf:5.1f} s")
    print(f"page weight with assets, fetched from a cold cache (target <= {audit.WEIGHT_LIMIT / 1e6:.1f} MB):")
    for w in weights:
        print(f"  {w.total / 1e6:6.2f} MB  {w.path}")
    return 0 if cold <= COLD_TARGET * floor and warm <= WARM_TARGET * cold else 1


if __name__ == "__main__":
    sys.exit(main())
