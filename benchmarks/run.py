"""The fzcheck benchmark: every figure of the speed issue (issue 17), measured side by side in
one run, each with its target.

    python benchmarks/run.py                    # the full run (about 15 minutes on a quiet 2-core machine)
    python benchmarks/run.py --quick            # fewer rounds and reports, every figure still printed
    python benchmarks/run.py --root ../other    # measure another checkout of fzcheck with this benchmark
    python benchmarks/run.py --profile          # also where the time of a serial batch goes (cProfile)
    python benchmarks/run.py --json FILE        # also write every figure (and every round) to FILE

How it measures (so that a verdict holds from run to run on a shared machine):

- Every figure is the median of ``--rounds`` (≥ 5 by default) rounds, with the min and max
  shown. The rounds alternate: one round runs each command-line measurement once (start-up,
  both corpora at ``--jobs 2`` and ``--jobs 1``), in reverse order every other round, so that a
  neighbour's load falls on all of them alike; ``--jobs 2`` over ``--jobs 1`` is taken per round.
- The command line is run as a user runs it (the ``fzcheck`` script next to this Python, else
  ``python -m checker``), from an empty working directory, JSON written to a file.
- Two corpora of ~15 KB reports: ``generated`` (``benchmarks/generate.py``, mixed txt/md/html/docx,
  its text calibrated on the real reports: the same figures per KB and the same share of the
  check time in the indicator and figure rules, see the "calibration" figure) and ``corpus5``
  (the five reports of ../shared/corpus, replicated with their counts changed).
- The floor is what any checker of this template must pay: read the file, normalise it into
  paragraphs, and run each of the template's regular expressions once over the paragraphs' text,
  in one warm process; fzcheck's cost (check + JSON) is set against it, alternating rounds.
- Linearity: the per-KB cost of a 16 KB report and of a 2 MB one made of its measures repeated.
- Peak memory: the 10,000-report run alone, in its own process tree: the summed RSS of the
  parent and its workers (sampled every 50 ms from /proc), and the largest process's own peak
  (``wait4``'s rusage, for that run only).

Reports are generated into ``benchmarks/out/`` (gitignored) and reused while the generator and
the sizes stay the same. The timings are wall-clock: on a loaded machine they drop, which is
why the min and max are printed beside each median. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate

TARGETS = {  # issue 17
    "startup_s": 0.30,
    "jobs2_per_s": 400,
    "speedup": 1.8,
    "floor_ratio": 2.0,
    "linearity": 0.30,
    "peak_mb": 200,
}
SHARED = HERE.parent.parent / "shared"  # ../shared of the checkout: the corpus and the real openings


# --- corpora ------------------------------------------------------------------------------------
def _stamped(directory: Path, stamp_text: str, make) -> Path:
    stamp = directory / ".stamp"
    if stamp.exists() and stamp.read_text() == stamp_text:
        return directory
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    t = time.perf_counter()
    make(directory)
    stamp.write_text(stamp_text)
    print(f"  (made {directory.name}: {len(files_of(directory))} reports in {time.perf_counter() - t:.0f} s)", flush=True)
    return directory


def _generator_hash() -> str:
    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:16]


def generated(name: str, count: int, size: int | str, seed: int, kinds: str = "txt,md,html,docx") -> Path:
    mix = {k: generate.DEFAULT_MIX[k] for k in kinds.split(",")}
    return _stamped(HERE / "out" / name, f"{count} {size} {seed} {kinds} {_generator_hash()}",
                    lambda d: generate.generate(d, count, size, seed, mix))


_COUNT = re.compile(r"(?<![\d.\-—－~～至到])(\d+)(?![\d.%％年月日号时\-—－~～至到])")


def renumbered(text: str, factor: int) -> str:
    """Counts multiplied by ``factor`` (dates, rates, ranges and decimals left alone): the copy
    reads like new text while its figures keep their proportions (a part stays below its whole)."""
    return _COUNT.sub(lambda m: str(int(m.group(1)) * factor), text) if factor > 1 else text


def corpus_copies(count: int) -> Path | None:
    """The five ../shared/corpus reports, each replicated to ``count`` reports in all."""
    originals = sorted((SHARED / "corpus").glob("*.txt"))
    if not originals:
        return None

    def make(directory: Path) -> None:
        texts = [p.read_text(encoding="utf-8") for p in originals]
        for i in range(count):
            text = renumbered(texts[i % len(texts)], 1 + (i // len(texts)) % 9)
            (directory / f"{i:05d}_{originals[i % len(texts)].stem[:3]}.txt").write_text(text, encoding="utf-8")

    stamp = f"{count} " + hashlib.sha256(b"".join(p.read_bytes() for p in originals)).hexdigest()[:16] + _generator_hash()
    return _stamped(HERE / "out" / f"corpus5x{count}", stamp, make)


def files_of(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if not p.name.startswith("."))


def megabytes(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


_TOP = re.compile(r"^\s*([一二三四五六七八九十]+)[、．.]")
_SECOND = re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)]")
_AFTER_MEASURES = re.compile(r"不足|问题|差距|短板|下一步|下一年|安排|计划|打算|第一责任人|其他")


def scaled_copy(small: Path, target_bytes: int, out: Path) -> Path:
    """``small`` grown to about ``target_bytes`` by repeating its measures (the lines from its
    first top-level heading to the heading of its shortcomings or plan), counts changed (see
    :func:`renumbered`): the same sentences, figures and faults per KB, the same share of
    headings. The copies go one level down under new top-level headings (一、 → （一）, （一） → 1.);
    the sections after the measures are numbered on. Plain text: no checker code is used."""
    lines = small.read_text(encoding="utf-8").splitlines()
    tops = [i for i, line in enumerate(lines) if _TOP.match(line)]
    first = tops[0]
    last = next((i for i in tops[1:] if _AFTER_MEASURES.search(lines[i])), len(lines))
    block = lines[first:last]
    head_text = _TOP.sub("", lines[first])
    block_bytes = len("\n".join(block).encode("utf-8"))
    copies = max(1, round((target_bytes - len("\n".join(lines).encode("utf-8"))) / block_bytes) + 1)
    tops_in_block = sum(1 for line in block if _TOP.match(line))
    per_top = max(1, 99 // max(tops_in_block, 1) // 9)
    body: list[str] = []
    top = second = 0
    for copy in range(copies):
        if copy % per_top == 0:
            top += 1
            second = 0
            body.append(f"{generate._cn(top)}、{head_text}")
        third = 0
        for line in block:
            if _TOP.match(line):
                second += 1
                body.append(_TOP.sub(f"（{generate._cn(second)}）", line, count=1))
                third = 0
            elif _SECOND.match(line):
                third += 1
                body.append(_SECOND.sub(f"{third}.", line, count=1))
            else:
                body.append(renumbered(line, copy + 1))
    tail = []
    for line in lines[last:]:
        if _TOP.match(line):
            top += 1
            line = _TOP.sub(f"{generate._cn(top)}、", line, count=1)
        tail.append(line)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines[:first] + body + tail) + "\n", encoding="utf-8")
    return out


def small_report() -> Path:
    """A ~16 KB generated UTF-8 .txt report with typed top-level markers (for the linearity figure)."""
    import random

    directory = HERE / "out" / "small"
    directory.mkdir(parents=True, exist_ok=True)
    for seed in range(5, 200):
        draft = generate.build(random.Random(seed), seed, 19_000, "txt")
        draft.encoding, draft.chrome = "utf-8", False
        text = generate.to_text(draft)
        tops = [line for line in text.splitlines() if _TOP.match(line)]
        if len(tops) >= 3 and 15_000 <= len(text.encode("utf-8")) <= 18_000 and _AFTER_MEASURES.search(tops[-1]):
            path = directory / f"small-{seed}.txt"
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            return path
    raise SystemExit("no generated report fits the linearity figure")


# --- running the command line -----------------------------------------------------------------
def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def _tree(pid: int) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(_children(p))
    return tree


def _kb(path: str, field: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and its descendants every 50 ms (Linux)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_rss, self.peak_pss, self.peak_procs = pid, 0, 0, 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree(self.pid)
            rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
            pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(pids))
            self.stop.wait(0.05)


class Runner:
    """Runs ``fzcheck`` of the checkout under test, from an empty working directory."""

    def __init__(self, root: Path):
        self.root = root
        script = Path(sys.executable).parent / "fzcheck"
        self.cli = [str(script)] if script.exists() else [sys.executable, "-m", "checker"]
        self.env = dict(os.environ, PYTHONPATH=str(root), NO_COLOR="1")
        self.cwd = Path(tempfile.mkdtemp(prefix="fzbench-cwd-"))

    def run(self, args: list[str], sample: bool = False) -> dict:
        """One run: wall time, exit code, CPU, the largest process's peak RSS (this run alone),
        and (sample=True) the peak summed RSS/PSS of the process tree."""
        with tempfile.TemporaryFile() as err:
            t = time.perf_counter()
            proc = subprocess.Popen(self.cli + args, stdout=subprocess.DEVNULL, stderr=err, cwd=self.cwd, env=self.env)
            sampler = TreeSampler(proc.pid) if sample and Path("/proc").is_dir() else None
            if sampler:
                sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t
            proc.returncode = os.waitstatus_to_exitcode(status)
            if sampler:
                sampler.stop.set()
                sampler.join()
            if proc.returncode not in (0, 1):
                err.seek(0)
                raise SystemExit(f"fzcheck {' '.join(args)} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        out = {"wall": wall, "rc": proc.returncode, "cpu": usage.ru_utime + usage.ru_stime,
               "maxrss_mb": usage.ru_maxrss / 1024}
        if sampler:
            out.update(tree_rss_mb=sampler.peak_rss / 1024, tree_pss_mb=sampler.peak_pss / 1024, procs=sampler.peak_procs)
        return out

    def batch(self, directory: Path, jobs: int, sample: bool = False) -> dict:
        out = self.cwd / "out.json"
        r = self.run(["check", str(directory), "--jobs", str(jobs), "-f", "json", "-o", str(out)], sample)
        out.unlink(missing_ok=True)
        r["per_s"] = len(files_of(directory)) / r["wall"]
        r["cpu_ms"] = r["cpu"] * 1000 / len(files_of(directory))  # every process of the run, per report
        return r


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values),
            "rounds": values}


def show(values: dict, fmt: str = "{:.0f}", unit: str = "") -> str:
    f = fmt.format
    return f"{f(values['median'])}{unit} (min {f(values['min'])}, max {f(values['max'])}, {values['n']} rounds)"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


# --- in-process measurements (the checkout under test imported) ----------------------------------
def _api():
    """check_file and a JSON renderer of whatever the package offers (before or after its restructure)."""
    try:
        from checker.api import check_file  # type: ignore
    except ImportError:
        from checker.engine import check_file
    from checker.render import RenderContext, render

    ctx = RenderContext(version="bench")
    return check_file, lambda result: render([result], "json", ctx)


def _read_paragraphs(path: Path) -> list[str]:
    try:
        from checker.read import read_source
    except ImportError:  # pragma: no cover - a restructure that moved it
        from checker.api import read_source  # type: ignore
    return [p.text for p in read_source(str(path)).paragraphs]


_NOT_PATTERNS = {"name", "label", "description", "canonical", "title", "heading", "regulation", "key", "role",
                 "topic", "message", "suggestion", "summary", "section", "similarity", "min_chars", "share",
                 "deadlines", "applies", "subject_check", "wrong", "right", "since", "not_evidence", "whole_sections",
                 "figure_sections", "indicator", "amount_after"}  # amount_after: a suffix tried after a figure, never alone


def template_patterns(root: Path) -> list[re.Pattern]:
    """Every regular expression of the annual template (templates/report/annual.yaml of the
    checkout), each compiled on its own: strings under the pattern-holding keys (cues,
    headings, phrases, indicator patterns, document names and their variants, …)."""
    import yaml

    path = next(iter(sorted(root.glob("templates/**/annual.yaml"))), None) or next(iter(sorted(root.glob("**/annual.yaml"))))
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def take(value, key: str = "") -> None:
        if key in _NOT_PATTERNS or (key == "figures" and isinstance(value, str)):  # an indicator's wording
            return
        if isinstance(value, str):
            found.append(re.escape(value) if key == "doc_name" else value)
        elif isinstance(value, list):
            for v in value:
                take(v, key)
        elif isinstance(value, dict):
            for k, v in value.items():
                take(v, "doc_name" if key == "doc_names" and k == "name" else str(k))

    for key, value in raw.items():
        if key == "doc_names":
            for doc in value:
                found.append(re.escape(doc["name"]))
                take(doc.get("variants", []))
        elif key not in _NOT_PATTERNS:
            take(value, key)
    out = []
    for p in dict.fromkeys(found):
        try:
            out.append(re.compile(p))
        except re.error:
            pass
    return out


def floor_ratio(paths: list[Path], patterns: list[re.Pattern], rounds: int) -> dict:
    """Serial, one warm process, alternating rounds: fzcheck (check + JSON) against the floor
    (read + normalise into paragraphs + each template pattern once over the paragraphs' text)."""
    check_file, to_json = _api()
    for p in paths[:10]:
        to_json(check_file(str(p)))
        _read_paragraphs(p)

    def floor() -> float:
        t = time.perf_counter()
        for p in paths:
            text = "\n".join(_read_paragraphs(p))
            for rx in patterns:
                for _ in rx.finditer(text):
                    pass
        return (time.perf_counter() - t) / len(paths)

    def ours() -> float:
        t = time.perf_counter()
        for p in paths:
            to_json(check_file(str(p)))
        return (time.perf_counter() - t) / len(paths)

    floors, fz, ratios = [], [], []
    for r in range(rounds):
        if r % 2 == 0:
            a = floor()
            b = ours()
        else:
            b = ours()
            a = floor()
        floors.append(a * 1000)
        fz.append(b * 1000)
        ratios.append(b / a)
    return {"files": len(paths), "patterns": len(patterns), "floor_ms": spread(floors), "fzcheck_ms": spread(fz),
            "ratio": spread(ratios)}


def linearity(small: Path, large: Path, rounds: int) -> dict:
    """Per-KB cost of check + JSON of both reports, alternating rounds (the small one run 15
    times a round, its median taken)."""
    check_file, to_json = _api()
    tiny = large.parent / f"tiny-{small.stem}.txt"  # the title and opening alone: what any report costs
    tiny.write_text("\n".join(small.read_text(encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8")
    to_json(check_file(str(small)))
    to_json(check_file(str(large)))
    per_kb = {"small": [], "large": []}
    ratios, fixed, marginal = [], [], []
    for r in range(rounds):
        order = (("small", small, 15), ("large", large, 1))
        for name, path, runs in (order if r % 2 == 0 else order[::-1]):
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                to_json(check_file(str(path)))
                times.append(time.perf_counter() - t)
            per_kb[name].append(statistics.median(times) * 1000 / (path.stat().st_size / 1024))
        ratios.append(per_kb["large"][-1] / per_kb["small"][-1])
        times = []
        for _ in range(15):
            t = time.perf_counter()
            to_json(check_file(str(tiny)))
            times.append(time.perf_counter() - t)
        fixed.append(statistics.median(times) * 1000)
        small_kb, large_kb = small.stat().st_size / 1024, large.stat().st_size / 1024
        marginal.append((per_kb["large"][-1] * large_kb - fixed[-1]) / (per_kb["small"][-1] * small_kb - fixed[-1])
                        * small_kb / large_kb)
    return {"small_kb": small.stat().st_size / 1024, "large_kb": large.stat().st_size / 1024,
            "small_ms_per_kb": spread(per_kb["small"]), "large_ms_per_kb": spread(per_kb["large"]), "ratio": spread(ratios),
            "fixed_ms": spread(fixed), "ratio_without_fixed": spread(marginal)}


FAMILIES = (  # (name, module path pattern): where a function's time is counted
    ("indicator rules", re.compile(r"/(checks|rules)/indicators?\w*\.py$")),
    ("figure rules", re.compile(r"/(checks|rules)/(numbers|figures)\w*\.py$")),
    ("other rules", re.compile(r"/(checks|rules)/")),
    ("readings", re.compile(r"/(readings/|memo\.py|figures\.py|dates\.py|numerals\.py)")),
    ("outline + date", re.compile(r"/(outline|outline/|docdate|lark_cache)")),
    ("read", re.compile(r"/read/")),
    ("JSON", re.compile(r"/render/")),
)


# The engine's own dispatch, wherever it sits: the rule runner and the declarations call into the
# families (a family counted from there, not from itself).
_DISPATCH = re.compile(r"/rules/(run|declare)\.py$")


def _family(filename: str) -> str | None:
    if _DISPATCH.search(filename):
        return None
    for name, rx in FAMILIES:
        if rx.search(filename):
            return name
    return None


def family_shares(paths: list[Path]) -> dict:
    """cProfile of check + JSON over ``paths``: each family's share of the whole time, counted
    where it is entered from code of no family (the engine, the api): its callees included
    (a rule's own reading of figures is the rule's), nothing counted twice; the rest is the
    engine's own time."""
    check_file, to_json = _api()
    for p in paths[:5]:
        to_json(check_file(str(p)))
    profiler = cProfile.Profile()
    t = time.perf_counter()
    profiler.enable()
    for p in paths:
        to_json(check_file(str(p)))
    profiler.disable()
    wall = time.perf_counter() - t
    stats = pstats.Stats(profiler).stats
    total = sum(own for (_, _, own, _, _) in stats.values())
    shares = {name: 0.0 for name, _ in FAMILIES}
    for (filename, _, _), (_, _, _, _, callers) in stats.items():
        family = _family(filename)
        if family is None:
            continue
        for (caller_file, _, _), (_, _, _, cumulative) in callers.items():
            if _family(caller_file) is None:
                shares[family] += cumulative
    kb = sum(p.stat().st_size for p in paths) / 1024
    return {"files": len(paths), "kb": kb / len(paths), "ms_per_kb_profiled": wall * 1000 / kb,
            "shares": {k: v / total for k, v in shares.items()}}


def profile(paths: list[Path]) -> None:
    """Where the time of a serial in-process batch goes, by module and by function."""
    check_file, to_json = _api()
    for p in paths[:10]:
        to_json(check_file(str(p)))
    profiler = cProfile.Profile()
    profiler.enable()
    for p in paths:
        to_json(check_file(str(p)))
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_module: dict[str, float] = {}
    for (filename, _, name), (_, _, own, _, _) in stats.stats.items():
        if "/checker/" in filename:
            key = "checker/" + filename.split("/checker/", 1)[1]
        elif filename == "~":
            key = "built-in: " + re.sub(r"<method '(\w+)' of '([\w.]+)' objects>", r"\2.\1", name)
        else:
            key = Path(filename).parent.name + "/" + Path(filename).name
        by_module[key] = by_module.get(key, 0.0) + own
    total = sum(by_module.values())
    print(f"\nprofile: {len(paths)} reports, serial, in-process (cProfile own time by module)")
    for key, own in sorted(by_module.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {own / total * 100:5.1f}%  {key}")
    print("\n  functions by cumulative time:")
    stats.sort_stats("cumulative").print_stats(r"checker", 15)


# --- the run ----------------------------------------------------------------------------------------
def machine(root: Path) -> dict:
    model = ""
    try:
        with open("/proc/cpuinfo") as fh:
            model = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=False).stdout
    dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, check=False).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": model or platform.processor(), "python": platform.python_version(),
            "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "code": str(root), "commit": commit.strip()[:90] + (" (+ uncommitted changes)" if dirty else ""),
            "bytecode": "off (PYTHONDONTWRITEBYTECODE)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"}


def in_process(root: Path, rounds: int, quick: bool) -> dict:
    """The in-process figures of ``root`` (floor, linearity, calibration), measured in a fresh
    process that imports that checkout's ``checker`` (two checkouts cannot share one process)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--root", str(root), "--parts", "inprocess",
               "--rounds", str(rounds), "--json", out.name] + (["--quick"] if quick else [])
        subprocess.run(cmd, check=True, cwd=tempfile.gettempdir(), env=dict(os.environ, PYTHONPATH=str(root)))
        return json.loads(Path(out.name).read_text(encoding="utf-8"))


def in_process_part(root: Path, rounds: int, quick: bool, n_floor: int) -> dict:
    sys.path.insert(0, str(root))
    import checker

    if not Path(checker.__file__).resolve().is_relative_to(root):
        raise SystemExit(f"checker imported from {checker.__file__}, not from {root}")
    batches = corpora(quick)[0]
    patterns = template_patterns(root)
    figures: dict = {"patterns": len(patterns)}
    figures["floor"] = {name: floor_ratio(files_of(d)[:n_floor], patterns, rounds) for name, d in batches.items()}
    small = small_report()
    large = scaled_copy(small, 2_000_000, HERE / "out" / "large" / f"scaled-{small.stem}.txt")
    figures["linearity"] = linearity(small, large, rounds)
    real = sorted((SHARED / "real").glob("*.txt"))
    corpus_files = sorted((SHARED / "corpus").glob("*.txt"))
    sets = {"generated (.txt)": [p for p in files_of(batches["generated"]) if p.suffix == ".txt"][: n_floor // 2]}
    if corpus_files:
        sets["corpus (5 reports)"] = corpus_files * 4
    if real:
        sets["real openings (20)"] = real
    figures["calibration"] = {name: family_shares(paths) for name, paths in sets.items()}
    return figures


def corpora(quick: bool) -> tuple[dict[str, Path], Path, Path]:
    n_batch, n_memory = (200, 1000) if quick else (1000, 10_000)
    gen = generated(f"gen{n_batch}", n_batch, 15_000, 1)
    copies = corpus_copies(n_batch)
    memory = generated(f"gen{n_memory}m", n_memory, 15_000, 2)
    corpus_files = sorted((SHARED / "corpus").glob("*.txt"))
    one = max(corpus_files, key=lambda p: p.stat().st_size) if corpus_files else files_of(generated("one", 1, 17_000, 11, "txt"))[0]
    return {"generated": gen} | ({"corpus5": copies} if copies else {}), memory, one


def table(label: str, f: dict, batches: dict[str, Path], one: Path, n_memory: int) -> None:
    c, fl, lin, mem = f["cli"], f["floor"], f["linearity"], f["memory"]
    m = f["machine"]
    n_batch = len(files_of(next(iter(batches.values()))))
    print("\n" + "=" * 100)
    print(f"{label}: {m['code']} at {m['commit']}" + ("  [--quick]" if f["quick"] else ""))
    print("=" * 100)
    print(f"1. start-up: `fzcheck check` of one {one.stat().st_size / 1000:.0f} KB report ({one.name}), median of 3 a round")
    print(f"   {show(c['startup'], '{:.3f}', ' s')}   target ≤ {TARGETS['startup_s']} s:"
          f" {verdict(c['startup']['median'] <= TARGETS['startup_s'])}")
    print(f"   (the interpreter alone, `python -c pass`: {show(c['python'], '{:.3f}', ' s')})")
    print(f"2. batch: {n_batch} reports of ~15 KB, --jobs 2, JSON to a file (reports/s)")
    for name in batches:
        ok = c[f"{name} jobs2"]["median"] >= TARGETS["jobs2_per_s"]
        print(f"   {name:10} --jobs 2: {show(c[f'{name} jobs2'])}   target ≥ {TARGETS['jobs2_per_s']}/s: {verdict(ok)}")
    print("   --jobs 1 (reports/s)")
    for name in batches:
        print(f"   {name:10} --jobs 1: {show(c[f'{name} jobs1'])}")
    print("   CPU time of all the run's processes, ms a report (steadier than wall time on a loaded machine;"
          " 2 cores at N ms a report can do 2000/N reports/s)")
    for name in batches:
        print(f"   {name:10} --jobs 2: {show(c[f'{name} cpu2'], '{:.1f}')}; --jobs 1: {show(c[f'{name} cpu1'], '{:.1f}')}")
    print("3. --jobs 2 over --jobs 1 (per round)")
    for name in batches:
        ok = c[f"{name} speedup"]["median"] >= TARGETS["speedup"]
        print(f"   {name:10}: {show(c[f'{name} speedup'], '{:.2f}', '×')}   target ≥ {TARGETS['speedup']}×: {verdict(ok)}")
    print(f"4. cost over the floor (serial, one warm process; floor = read + normalise + each of"
          f" {f['patterns']} template patterns once over the paragraphs' text)")
    for name, x in fl.items():
        print(f"   {name:10}: {show(x['ratio'], '{:.2f}', '×')}; fzcheck {x['fzcheck_ms']['median']:.2f} ms/report,"
              f" floor {x['floor_ms']['median']:.2f} ms   target ≤ {TARGETS['floor_ratio']}×:"
              f" {verdict(x['ratio']['median'] <= TARGETS['floor_ratio'])}")
    print(f"5. linearity: check + JSON per KB, {lin['large_kb']:.0f} KB ÷ {lin['small_kb']:.0f} KB"
          f" ({lin['large_ms_per_kb']['median']:.3f} vs {lin['small_ms_per_kb']['median']:.3f} ms/KB)")
    print(f"   {show(lin['ratio'], '{:.2f}')}   target within ±{TARGETS['linearity']:.0%}:"
          f" {verdict(abs(lin['ratio']['median'] - 1) <= TARGETS['linearity'])}")
    print(f"   (without the cost every report pays, {lin['fixed_ms']['median']:.1f} ms for its title and opening alone:"
          f" {show(lin['ratio_without_fixed'], '{:.2f}')})")
    print(f"6. peak memory: {n_memory} reports, --jobs 2, JSON (this run alone, its own process tree)")
    print(f"   summed RSS of the tree {show(mem['tree_rss_mb'], '{:.0f}', ' MB')} ({mem['procs']} processes;"
          f" PSS {mem['tree_pss_mb']['median']:.0f} MB), largest process {mem['largest_mb']['median']:.0f} MB,"
          f" {mem['per_s']['median']:.0f} reports/s")
    scope = "" if n_memory >= 10_000 else f" (for 10,000 reports; this run: {n_memory})"
    print(f"   target ≤ {TARGETS['peak_mb']} MB{scope}: {verdict(mem['tree_rss_mb']['median'] <= TARGETS['peak_mb'])}")
    print("calibration: share of check + JSON time (cProfile, a family counted with its callees)")
    names = [n for n, _ in FAMILIES]
    print("   " + " " * 20 + "".join(f"{n:>16}" for n in names) + "   ms/KB profiled")
    for name, cal in f["calibration"].items():
        print(f"   {name:20}" + "".join(f"{cal['shares'][n] * 100:15.0f}%" for n in names)
              + f"   {cal['ms_per_kb_profiled']:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="fzcheck benchmark (issue 17): every figure, with its target")
    ap.add_argument("--quick", action="store_true", help="fewer rounds and reports (development); every figure still printed")
    ap.add_argument("--rounds", type=int, help="rounds per figure (default 5; --quick 3)")
    ap.add_argument("--memory-rounds", type=int, help="rounds of the 10,000-report memory run (default: --rounds)")
    ap.add_argument("--root", type=Path, default=HERE.parent, help="the fzcheck checkout to measure (default: this one)")
    ap.add_argument("--against", type=Path, help="a second checkout (e.g. the code before a change), measured in the same rounds")
    ap.add_argument("--profile", action="store_true", help="also profile a serial batch (cProfile)")
    ap.add_argument("--json", type=Path, help="also write every figure and round to this file")
    ap.add_argument("--only", choices=("cli", "memory"), help="only the command-line figures (1-3), or only the memory run (6)")
    ap.add_argument("--parts", default="all", choices=("all", "inprocess"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    rounds = args.rounds or (3 if args.quick else 5)
    memory_rounds = args.memory_rounds or rounds
    n_memory, n_floor = (1000, 60) if args.quick else (10_000, 300)
    roots = [args.root.resolve()] + ([args.against.resolve()] if args.against else [])
    if args.parts == "inprocess":
        figures = in_process_part(roots[0], rounds, args.quick, n_floor)
        if args.profile:
            profile(files_of(corpora(args.quick)[0]["generated"])[:n_floor])
        args.json.write_text(json.dumps(figures, default=str), encoding="utf-8")
        return 0

    jobs = 2
    labels = ["this" if not args.against else "after", "before"][: len(roots)]
    runners = {label: Runner(root) for label, root in zip(labels, roots)}
    figures = {label: {"machine": machine(root), "rounds": rounds, "quick": args.quick} for label, root in zip(labels, roots)}
    m = figures[labels[0]]["machine"]
    print(f"machine: {m['nproc']} cores, {m['cpu']}, Python {m['python']}, bytecode {m['bytecode']},"
          f" load average {' '.join(f'{x:.1f}' for x in m['load'] or ())}")
    for label in labels:
        print(f"code ({label}): {figures[label]['machine']['code']} at {figures[label]['machine']['commit']}")
    print(f"command: {' '.join(runners[labels[0]].cli)} (PYTHONPATH=the checkout), {rounds} alternating rounds per figure"
          + (" [--quick: figures for development, not for the record]" if args.quick else ""))
    print("corpora:", flush=True)
    batches, memory, one = corpora(args.quick)
    for name, directory in batches.items():
        paths = files_of(directory)
        print(f"  {name}: {len(paths)} reports, {megabytes(paths):.1f} MB, median"
              f" {statistics.median(p.stat().st_size for p in paths) / 1000:.1f} KB ({directory})")

    if args.only == "memory":
        rounds = 0
    # 1-3: the command line, alternating rounds (and alternating checkouts)
    print(f"\nrunning the command line: {rounds} rounds of start-up + each corpus at --jobs 2 and --jobs 1 …", flush=True)
    for runner in runners.values() if rounds else ():
        runner.run(["check", str(one)])  # warm: page cache, bytecode, grammar cache
        for directory in batches.values():
            runner.batch(directory, jobs)
    samples = {label: {"startup": [], "python": []} for label in labels}
    for label in labels:
        for name in batches:
            samples[label] |= {f"{name} jobs2": [], f"{name} jobs1": [], f"{name} speedup": [], f"{name} cpu2": [],
                           f"{name} cpu1": []}
    for r in range(rounds):
        steps = [(label, "startup", None, 0) for label in labels]
        steps += [(label, name, d, j) for name, d in batches.items() for j in (jobs, 1) for label in labels]
        per_round = {}
        for label, name, directory, j in (steps if r % 2 == 0 else steps[::-1]):
            runner = runners[label]
            if directory is None:
                samples[label]["startup"].append(statistics.median(runner.run(["check", str(one)])["wall"] for _ in range(3)))
                t = time.perf_counter()
                subprocess.run([sys.executable, "-c", "pass"], check=True)
                samples[label]["python"].append(time.perf_counter() - t)
            else:
                run = runner.batch(directory, j)
                per_round[(label, name, j)] = run["per_s"]
                samples[label][f"{name} cpu{j}"].append(run["cpu_ms"])
        for label in labels:
            for name in batches:
                samples[label][f"{name} jobs2"].append(per_round[(label, name, jobs)])
                samples[label][f"{name} jobs1"].append(per_round[(label, name, 1)])
                samples[label][f"{name} speedup"].append(per_round[(label, name, jobs)] / per_round[(label, name, 1)])
        print(f"  round {r + 1}: " + ", ".join(f"{lb + ' ' if len(labels) > 1 else ''}{n} --jobs {j} {v:.0f}/s"
                                                for (lb, n, j), v in per_round.items()), flush=True)
    for label in labels:
        figures[label]["cli"] = {k: spread(v) for k, v in samples[label].items() if v}
    if args.only:
        memory_rounds = memory_rounds if args.only == "memory" else 0

    # 4, 5 and the calibration: in one warm process per checkout
    print(f"\nin-process: floor ({n_floor} reports a corpus), linearity, calibration …", flush=True)
    for label, root in zip(labels, roots):
        figures[label] |= {} if args.only else in_process(root, rounds, args.quick)

    # 6: peak memory, the 10,000-report run alone
    print(f"\npeak memory: {n_memory} reports, --jobs {jobs}, JSON to a file, {memory_rounds} rounds …", flush=True)
    runs: dict[str, list[dict]] = {label: [] for label in labels}
    for r in range(memory_rounds):
        for label in (labels if r % 2 == 0 else labels[::-1]):
            runs[label].append(runners[label].batch(memory, jobs, sample=True))
    for label in labels:
        x = runs[label]
        if not x:
            continue
        figures[label]["memory"] = {"tree_rss_mb": spread([y.get("tree_rss_mb", 0) for y in x]),
                                    "tree_pss_mb": spread([y.get("tree_pss_mb", 0) for y in x]),
                                    "largest_mb": spread([y["maxrss_mb"] for y in x]),
                                    "per_s": spread([y["per_s"] for y in x]), "procs": max(y.get("procs", 0) for y in x)}

    for label in labels[::-1]:
        if args.only:
            print(f"\n{label}: {figures[label]['machine']['commit']}")
            for key, value in (figures[label]["cli"] | figures[label].get("memory", {})).items():
                if isinstance(value, dict):
                    print(f"   {key:28} {show(value, '{:.2f}')}")
        else:
            table(label, figures[label], batches, one, n_memory)
    if args.against and not args.only:
        a, b = figures["after"], figures["before"]
        print("\nbefore → after (medians of the same rounds)")
        rows = [("start-up s", a["cli"]["startup"], b["cli"]["startup"])]
        for name in batches:
            rows += [(f"{name} --jobs 2 /s", a["cli"][f"{name} jobs2"], b["cli"][f"{name} jobs2"]),
                     (f"{name} --jobs 2 CPU ms/report", a["cli"][f"{name} cpu2"], b["cli"][f"{name} cpu2"]),
                     (f"{name} --jobs 1 CPU ms/report", a["cli"][f"{name} cpu1"], b["cli"][f"{name} cpu1"]),
                     (f"{name} --jobs 1 /s", a["cli"][f"{name} jobs1"], b["cli"][f"{name} jobs1"]),
                     (f"{name} speed-up", a["cli"][f"{name} speedup"], b["cli"][f"{name} speedup"]),
                     (f"{name} over floor", a["floor"][name]["ratio"], b["floor"][name]["ratio"])]
        rows += [("linearity", a["linearity"]["ratio"], b["linearity"]["ratio"]),
                 ("peak MB", a["memory"]["tree_rss_mb"], b["memory"]["tree_rss_mb"]),
                 ("memory run /s", a["memory"]["per_s"], b["memory"]["per_s"])]
        for name, after, before in rows:
            print(f"   {name:28} {before['median']:9.3f} → {after['median']:9.3f}  ({after['median'] / before['median']:.2f}×)")
    print("\n(wall-clock figures: on a loaded machine they drop; compare medians of the same run, and see min/max)")

    if args.profile:
        in_process_profile = [sys.executable, str(Path(__file__).resolve()), "--root", str(roots[0]), "--parts",
                              "inprocess", "--rounds", "1", "--profile", "--json", os.devnull] + (["--quick"] if args.quick else [])
        subprocess.run(in_process_profile, check=True, env=dict(os.environ, PYTHONPATH=str(roots[0])))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    for runner in runners.values():
        shutil.rmtree(runner.cwd, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
