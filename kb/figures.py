#!/usr/bin/env python3
"""Draws the KB's figures: every `<category>/figures/<name>.py` writes `<name>.svg` beside it.

    python3 kb/figures.py            # redraw every figure
    python3 kb/figures.py FILE.py    # redraw one
    python3 kb/figures.py --check    # redraw in memory; fail if a committed SVG differs

A figure script builds exactly one Matplotlib figure and does not save it: this runner saves
it, so that every SVG is written the same deterministic way (fixed hash salt and root id, text
kept as text, no date or version in the metadata). Same script + same pinned Matplotlib
(`kb/requirements.txt`) = same bytes, which is what `--check` (run by `cargo test`) relies on.
Scripts seed their random generators themselves.
"""

from __future__ import annotations

import argparse
import io
import pathlib
import runpy
import sys

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

KB = pathlib.Path(__file__).resolve().parent

STYLE = {
    "svg.hashsalt": "mlqa",
    "svg.id": "figure",
    "svg.fonttype": "none",  # text stays text: searchable, and no glyph outlines to drift
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "figure.dpi": 100,
    "figure.facecolor": "white",  # readable on the site's light and dark pages alike
    "axes.facecolor": "white",
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2,
}


def scripts() -> list[pathlib.Path]:
    return sorted(KB.glob("*/figures/*.py"))


def render(script: pathlib.Path) -> bytes:
    """Runs one figure script and returns its SVG."""
    plt.close("all")
    with matplotlib.rc_context(STYLE):
        runpy.run_path(str(script), run_name="__main__")
        figures = plt.get_fignums()
        if len(figures) != 1:
            raise SystemExit(f"{script.relative_to(KB.parent)}: draws {len(figures)} figures; a script draws exactly one")
        out = io.BytesIO()
        plt.figure(figures[0]).savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    plt.close("all")
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scripts", nargs="*", type=pathlib.Path, help="figure scripts (default: all)")
    parser.add_argument("--check", action="store_true", help="write nothing; fail if an SVG is missing or stale")
    args = parser.parse_args()
    chosen = [p.resolve() for p in args.scripts] or scripts()
    stale = []
    for script in chosen:
        svg = script.with_suffix(".svg")
        drawn = render(script)
        if args.check:
            if not svg.exists() or svg.read_bytes() != drawn:
                stale.append(svg.relative_to(KB.parent))
        elif not svg.exists() or svg.read_bytes() != drawn:
            svg.write_bytes(drawn)
            print(f"wrote {svg.relative_to(KB.parent)}")
    orphans = [s.relative_to(KB.parent) for s in KB.glob("*/figures/*.svg") if not s.with_suffix(".py").exists()]
    for orphan in orphans:
        print(f"{orphan}: no script draws it; delete it or add {orphan.with_suffix('.py')}", file=sys.stderr)
    for svg in stale:
        print(f"{svg}: differs from what its script draws; run `python3 kb/figures.py`", file=sys.stderr)
    if args.check:
        print(f"{len(chosen)} figures checked")
    return 1 if stale or orphans else 0


if __name__ == "__main__":
    sys.exit(main())
