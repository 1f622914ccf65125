"""What handing a draft back costs: ``--format docx`` (comments and tracked changes) against
checking the same report, for 15 KB reports. Target (issue 12): annotating ≤ 2× checking.

    python benchmarks/annotate.py              # 20 Word and 20 text reports of 15 KB
    python benchmarks/annotate.py --count 5    # quicker

For each report, in one process (median of ``--repeat`` runs each):

- check: read the file and check it (``check_paths``), what every format pays;
- annotate: make the annotated .docx from that result (``render_bytes(..., "docx")``: open the
  original again, split runs, write comments and revisions, save);
- JSON: render the same result as JSON, for scale.

and once per kind, the command line as a user runs it (start-up included): ``--format docx``
against ``--format json``, both written to a file.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from checker import __version__  # noqa: E402
from checker.api import Options, check_paths  # noqa: E402
from checker.render import RenderContext, render, render_bytes  # noqa: E402

TARGET = 2.0


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(paths: list[Path], repeat: int) -> dict[str, float]:
    ctx = RenderContext(version=__version__)
    check_s, annotate_s, json_s, comments = [], [], [], 0
    for p in paths:
        result = check_paths([str(p)], Options())[0]
        check_s.append(_median_time(lambda: check_paths([str(p)], Options()), repeat))
        annotate_s.append(_median_time(lambda: render_bytes([result], "docx", ctx), repeat))
        json_s.append(_median_time(lambda: render([result], "json", ctx), repeat))
        comments += len(result.findings)
    return {
        "check_ms": 1000 * statistics.median(check_s),
        "annotate_ms": 1000 * statistics.median(annotate_s),
        "json_ms": 1000 * statistics.median(json_s),
        "ratio": statistics.median(a / c for a, c in zip(annotate_s, check_s)),
        "worst": max(a / c for a, c in zip(annotate_s, check_s)),
        "findings": comments / len(paths),
    }


def cli_ratio(path: Path, repeat: int) -> tuple[float, float]:
    def run(fmt: str) -> float:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"out.{fmt}"
            cmd = [sys.executable, "-m", "checker", "check", str(path), "--format", fmt, "-o", str(out)]
            return _median_time(lambda: subprocess.run(cmd, capture_output=True, cwd=ROOT), repeat)

    return run("json"), run("docx")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--size", type=int, default=15_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("docx", "txt"):
            directory = Path(tmp) / kind
            paths = generate.generate(directory, args.count, args.size, seed=12, mix={kind: 1.0})
            kb = statistics.median(p.stat().st_size for p in paths) / 1000
            m = measure(paths, args.repeat)
            json_cli, docx_cli = cli_ratio(paths[0], args.repeat)
            ok &= m["ratio"] <= TARGET
            print(
                f"{kind:4}  {len(paths)} reports, median {kb:.1f} KB, {m['findings']:.0f} findings each: "
                f"check {m['check_ms']:.1f} ms, annotate {m['annotate_ms']:.1f} ms "
                f"(JSON {m['json_ms']:.1f} ms) → annotate ÷ check {m['ratio']:.2f} (worst {m['worst']:.2f}; "
                f"target ≤ {TARGET}); command line --format docx {docx_cli:.2f} s vs --format json {json_cli:.2f} s"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
