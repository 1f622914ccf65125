"""What copy-previous costs: two 15 KB reports of consecutive years compared.

    python benchmarks/previous.py [--size 15000] [--runs 30]

Reports come from ``benchmarks/generate.py`` (seeded). Two pairs are timed: last year's report
with only the years changed (every sentence matches: the most findings) and an unrelated report
of the same size (no sentence matches: every comparison runs to the end). For each, the median
of ``--runs`` timings of

- ``compare``: the rule alone (both reports already read and outlined), and
- ``total``: everything --previous adds to checking one report: reading and outlining last
  year's report from disk (nothing remembered), then the comparison; beside it, ``check``: the
  whole check of this year's report without the option, for scale.

The target (issue 14) is at most 50 ms for two 15 KB reports; docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from checker.rules.previous import copy_previous  # noqa: E402
from checker.engine import Options, check_file  # noqa: E402
from checker.outline import outline  # noqa: E402
from checker.previous_report import comparing, read_report  # noqa: E402
from checker.read import read_source  # noqa: E402
from checker.template import load_template  # noqa: E402

TARGET_MS = 50.0


def _years_back(text: str) -> str:
    return re.sub(r"(20\d\d)(?=年)", lambda m: str(int(m.group(1)) - 1), text)


def _report_text(seed: int, size: int) -> str:
    draft = generate.build(random.Random(seed), 0, size, "txt")
    return generate.to_text(draft)


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(this_path: Path, previous_path: Path, runs: int) -> dict:
    template = load_template("annual")
    report = outline(read_source(str(this_path)), template)
    previous = read_report(str(previous_path), template, 20 * 1024 * 1024)

    def compare() -> int:
        with comparing(previous):
            return len(list(copy_previous(report, template)))

    def read_and_compare() -> int:
        from checker import previous_report

        previous_report._READ.clear()  # read last year's report from disk every time
        fresh = read_report(str(previous_path), template, 20 * 1024 * 1024)
        with comparing(fresh):
            return len(list(copy_previous(report, template)))

    return {
        "findings": compare(),
        "compare_ms": _median_ms(compare, runs),
        "total_ms": _median_ms(read_and_compare, runs),
        "check_ms": _median_ms(lambda: check_file(str(this_path), Options()), runs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=15_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    this = _report_text(7, args.size)
    pairs = {
        "only the years changed": _years_back(this),
        "an unrelated report": _report_text(8, args.size),
    }
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        this_path = Path(tmp) / "this.txt"
        this_path.write_text(this, encoding="utf-8")
        print(f"this year's report: {len(this.encode('utf-8'))} bytes; median of {args.runs} runs")
        for name, text in pairs.items():
            previous_path = Path(tmp) / f"previous-{len(name)}.txt"
            previous_path.write_text(text, encoding="utf-8")
            m = measure(this_path, previous_path, args.runs)
            ok = ok and m["total_ms"] <= TARGET_MS
            print(
                f"  last year's = {name} ({len(text.encode('utf-8'))} bytes): compare {m['compare_ms']:.1f} ms, "
                f"total added by --previous {m['total_ms']:.1f} ms (the check itself: {m['check_ms']:.0f} ms), "
                f"{m['findings']} findings"
            )
    print(f"target: total <= {TARGET_MS:.0f} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
