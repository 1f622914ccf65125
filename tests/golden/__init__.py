"""Golden outputs: the JSON fzcheck gives on every draft the test suite checks, the corpus,
../shared/real and the bundled example, recorded once so that a restructure or a speed-up can be
shown to keep behaviour (tests/test_golden.py compares).

Record the drafts the suite checks (their inputs: text, file bytes, options) and then the outputs:

    FZCHECK_GOLDEN_RECORD=1 pytest -p no:randomly -q     # writes tests/golden/drafts.jsonl.gz
    python -m tests.golden --update                      # writes tests/golden/outputs.json.gz

Update the outputs only for a deliberate change of behaviour, and name it in the commit.
"""

from __future__ import annotations

import atexit
import base64
import dataclasses
import datetime as dt
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHARED = ROOT.parent / "shared"
DRAFTS = HERE / "drafts.jsonl.gz"
OUTPUTS = HERE / "outputs.json.gz"
_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")


# --- recording (from tests/conftest.py when FZCHECK_GOLDEN_RECORD is set) ------------------
def options_record(options: Any) -> dict | None:
    """The options as data, or None when they name a file that will not be there later."""
    from checker.template import builtin_names

    if options.template not in builtin_names() or options.previous is not None:
        return None
    out = {}
    for f in dataclasses.fields(options):
        value = getattr(options, f.name)
        if value == f.default or (f.default_factory is not dataclasses.MISSING and value == f.default_factory()):
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, tuple):
            value = list(value)
        elif hasattr(value, "items"):
            value = dict(value)
        out[f.name] = value
    return out


def options_from(record: dict) -> Any:
    from checker.engine import Options

    values = dict(record)
    if "date" in values:
        values["date"] = dt.date.fromisoformat(values["date"])
    for name in ("exclude", "include"):
        if name in values:
            values[name] = tuple(values[name])
    if isinstance(values.get("skip_non_reports"), list):
        values["skip_non_reports"] = frozenset(values["skip_non_reports"])
    return Options(**values)


class Recorder:
    """Appends each distinct draft checked through the library entry points to DRAFTS."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.seen: set[str] = set()
        if DRAFTS.exists():
            for case in read_drafts():
                self.seen.add(case["id"])
        self.out = gzip.open(DRAFTS, "at", encoding="utf-8", newline="\n")
        atexit.register(self.out.close)

    def add(self, case: dict) -> None:
        key = hashlib.sha256(json.dumps(case, sort_keys=True).encode()).hexdigest()[:16]
        if key in self.seen:
            return
        self.seen.add(key)
        if os.getpid() != self.pid:  # a batch worker forked from the test process
            return
        self.out.write(json.dumps({"id": key, **case}) + "\n")
        self.out.flush()

    def install(self, monkeypatch_target: Any) -> None:
        engine = monkeypatch_target
        recorder = self
        check_text, check_file, check_data = engine.check_text, engine.check_file, engine.check_data

        def text_recorded(text, options=engine.Options(), path="<text>", markdown=False):
            record = options_record(options)
            if record is not None:
                recorder.add({"kind": "text", "text": text, "path": path, "markdown": markdown, "options": record})
            return check_text(text, options, path, markdown)

        def file_recorded(path, options=engine.Options()):
            record = options_record(options)
            p = Path(path)
            if record is not None and p.suffix.lower() in _SUFFIXES and p.is_file() and p.stat().st_size < 400_000:
                data = p.read_bytes()
                recorder.add({"kind": "data", "name": p.name, "data": base64.b64encode(data).decode(), "options": record})
            return check_file(path, options)

        def data_recorded(data, name, options=engine.Options(), format_name=None):
            record = options_record(options)
            if record is not None and len(data) < 400_000:
                recorder.add({"kind": "data", "name": name, "format": format_name,
                              "data": base64.b64encode(data).decode(), "options": record})
            return check_data(data, name, options, format_name)

        engine.check_text, engine.check_file, engine.check_data = text_recorded, file_recorded, data_recorded


def read_drafts() -> Iterator[dict]:
    if not DRAFTS.exists():
        return
    with gzip.open(DRAFTS, "rt", encoding="utf-8", newline="\n") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


# --- replaying -------------------------------------------------------------------------------
def shared_files() -> list[Path]:
    files = [ROOT / "examples" / "liuxi-2023-draft.txt"]
    for folder in (SHARED / "corpus", SHARED / "real"):
        if folder.is_dir():
            files += sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
    return files


def _json(result: Any) -> Any:
    """The result's record in fzcheck's JSON output (through the public renderer)."""
    from checker.render import RenderContext, render

    ctx = RenderContext(version="golden", checked_at=dt.datetime(2026, 1, 1))
    return json.loads(render([result], "json", ctx))["results"][0]


def outputs() -> dict[str, Any]:
    """Case id -> the JSON record of its result, for every recorded draft and shared file."""
    from checker import engine

    out: dict[str, Any] = {}
    for path in shared_files():
        # named from the checkout's root or shared/'s parent, whatever the checkout's folder is called
        name = path.relative_to(ROOT if ROOT in path.parents else SHARED.parent).as_posix()
        result = engine.check_data(path.read_bytes(), name)
        out[f"file:{name}"] = _json(result)
    for case in read_drafts():
        options = options_from(case["options"])
        if case["kind"] == "text":
            result = engine.check_text(case["text"], options, case["path"], case["markdown"])
        else:
            result = engine.check_data(base64.b64decode(case["data"]), case["name"], options, case.get("format"))
        out[case["id"]] = _json(result)
    return out


def stored() -> dict[str, Any]:
    with gzip.open(OUTPUTS, "rt", encoding="utf-8") as f:
        return json.load(f)


def main(argv: list[str]) -> int:
    if argv != ["--update"]:
        print("usage: python -m tests.golden --update", file=sys.stderr)
        return 2
    data = outputs()
    with gzip.open(OUTPUTS, "wt", encoding="utf-8") as f:
        json.dump(data, f, sort_keys=True, separators=(",", ":"))
    print(f"{len(data)} outputs written to {OUTPUTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
