"""No prose of the project copies the source report: only quotations may overlap it."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

TOOL = SHARED / "tools" / "seed_overlap"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the report and its tool) is absent")
def test_no_copied_runs():
    result = subprocess.run([sys.executable, str(TOOL)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    summary = result.stdout.strip().splitlines()[-1]
    copied = [line for line in result.stdout.splitlines() if ": COPIED" in line]
    assert result.returncode == 0 and summary.startswith("0 copied runs"), "\n".join(copied or [summary])
