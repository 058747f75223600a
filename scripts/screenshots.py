"""Screenshots of the built book as a reader's browser shows it (Debian's Chromium).

    .venv/bin/python scripts/screenshots.py --width 390 --height 844 --out shots \\
        chapters/index.html chapters/00_summary.html chapters/03_4_energy.html

One PNG per page (`--full` for the whole page, else the first screen), optionally after
tapping a button (`--tap ".primary-toggle"`) or in the dark colour mode (`--dark`).
A touch device is emulated below 992 px, as a phone or tablet would be.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from press.audit import HTML, browser  # noqa: E402
from press.serve import serve  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", help="paths under _build/html, e.g. chapters/index.html")
    parser.add_argument("--width", type=int, default=390)
    parser.add_argument("--height", type=int, default=844)
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    parser.add_argument("--tap", help="a CSS selector to tap (or click) before the screenshot")
    parser.add_argument("--dark", action="store_true", help="the dark colour mode")
    parser.add_argument("--scroll", help="a CSS selector to scroll into view first")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    touch = args.width < 992
    with serve(HTML) as base, browser() as chromium:
        context = chromium.new_context(viewport={"width": args.width, "height": args.height},
                                       has_touch=touch, is_mobile=touch,
                                       color_scheme="dark" if args.dark else "light")
        for path in args.pages:
            page = context.new_page()
            page.goto(f"{base}/{path}", wait_until="networkidle")
            page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
            page.wait_for_function("[...document.images].every(i => i.complete)")
            if args.scroll:
                page.locator(args.scroll).first.scroll_into_view_if_needed()
            if args.tap:
                target = page.locator(args.tap).first
                target.tap() if touch else target.click()
                page.wait_for_timeout(500)
            name = path.replace("/", "_").removesuffix(".html")
            suffix = f"-{args.width}" + ("-dark" if args.dark else "") + ("-tap" if args.tap else "")
            target = args.out / f"{name}{suffix}.png"
            page.screenshot(path=str(target), full_page=args.full)
            print(target)
            page.close()
        context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
