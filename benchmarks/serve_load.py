"""Load on `fzcheck serve`: requests per second and latency for 15 KB drafts, on loopback only.

    python benchmarks/serve_load.py                    # 400 requests, 4 clients, 2 workers
    python benchmarks/serve_load.py --requests 1000 --clients 8 --workers 2 --json out.json

The server is started the way IT staff start it (``python -m checker serve``) on a free port of
127.0.0.1, and stopped at the end; the clients are threads with the standard library's
http.client talking to that address and no other. Each request uploads one generated 15 KB
.txt draft (``benchmarks/generate.py``, seeded; 50 different drafts in turn) to
``POST /api/check`` and waits for the whole fzcheck/1 answer. The run is bounded: at most
``--requests`` requests (≤ 5000) and ``--max-seconds`` of wall time (≤ 600), whichever comes first.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

HOST = "127.0.0.1"  # the only address this benchmark ever talks to
MAX_REQUESTS = 5000
MAX_SECONDS = 600.0


def drafts(count: int, size: int, seed: int) -> list[tuple[str, bytes]]:
    out = []
    for i in range(count):
        draft = generate.build(random.Random(seed * 1000 + i), i, size, "txt")
        out.append((f"{draft.name}.txt", generate.to_text(draft).encode(draft.encoding, errors="replace")))
    return out


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
        "Content-Type: text/plain\r\n\r\n"
    ).encode("utf-8")
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def start_server(workers: int) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "serve", "--host", HOST, "--port", "0", "--jobs", str(workers)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m and "已启动" in line:
            return process, int(m.group(1))
    process.kill()
    raise SystemExit(f"fzcheck serve did not start: {process.stderr.read()}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (Linux /proc; 0 where unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """The process's children, whichever of its threads started them (the pool's threads do)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def run_load(port: int, bodies: list[tuple[bytes, str]], requests: int, clients: int, max_seconds: float) -> dict:
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    issued = 0
    stop_at = time.monotonic() + max_seconds

    def connect() -> http.client.HTTPConnection:
        """A keep-alive connection with Nagle's algorithm off, as browsers and curl have it
        (with it on, the last segment of each upload waits for the server's delayed ACK: +40 ms)."""
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        connection.connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection

    def client() -> None:
        nonlocal issued
        connection = connect()
        while True:
            with lock:
                if issued >= requests or time.monotonic() >= stop_at:
                    break
                body, content_type = bodies[issued % len(bodies)]
                issued += 1
            started = time.perf_counter()
            try:
                connection.request("POST", "/api/check", body=body, headers={"Content-Type": content_type})
                response = connection.getresponse()
                answer = response.read()
                ok = response.status == 200 and json.loads(answer)["schema"] == "fzcheck/1"
            except (OSError, http.client.HTTPException, ValueError) as exc:
                ok, answer = False, str(exc).encode()
                connection.close()
                connection = connect()
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    failures.append(answer[:200].decode("utf-8", "replace"))
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))]

    return {
        "requests": len(latencies) + len(failures),
        "ok": len(latencies),
        "failed": len(failures),
        "first_failures": failures[:3],
        "seconds": round(wall, 2),
        "requests_per_s": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(pct(50) * 1000, 1),
        "p95_ms": round(pct(95) * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=400, help=f"requests in the measured run (≤ {MAX_REQUESTS})")
    ap.add_argument("--clients", type=int, default=4, help="concurrent clients")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the server (--jobs)")
    ap.add_argument("--size", type=int, default=15_000, help="bytes per draft")
    ap.add_argument(
        "--max-seconds", type=float, default=180.0, help=f"wall-time bound of the measured run (≤ {MAX_SECONDS:g})"
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    requests = max(1, min(args.requests, MAX_REQUESTS))
    max_seconds = max(1.0, min(args.max_seconds, MAX_SECONDS))
    texts = drafts(50, args.size, args.seed)
    bodies = [multipart(name, data) for name, data in texts]
    mean_kb = statistics.fmean(len(d) for _, d in texts) / 1000
    process, port = start_server(args.workers)
    try:
        run_load(port, bodies, 2 * args.workers, args.workers, 60)  # warm-up: every worker has checked a draft
        workers = children(process.pid)
        before = cpu_seconds(process.pid), sum(map(cpu_seconds, workers))
        figures = run_load(port, bodies, requests, args.clients, max_seconds)
        after = cpu_seconds(process.pid), sum(map(cpu_seconds, workers))
    finally:
        process.terminate()
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    figures.update(workers=args.workers, clients=args.clients, draft_kb=round(mean_kb, 1), cores=os.cpu_count())
    if figures["requests"]:  # CPU per request: the server process (HTTP, uploads, JSON) and its workers
        figures["server_cpu_ms"] = round((after[0] - before[0]) / figures["requests"] * 1000, 1)
        figures["workers_cpu_ms"] = round((after[1] - before[1]) / figures["requests"] * 1000, 1)
    figures["load_average"] = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else None
    print(
        f"{figures['ok']} of {figures['requests']} requests answered in {figures['seconds']} s "
        f"({args.clients} clients, {args.workers} workers, drafts of {mean_kb:.1f} KB on average): "
        f"{figures['requests_per_s']} requests/s, p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
        f"max {figures['max_ms']} ms; CPU a request: server {figures.get('server_cpu_ms')} ms, "
        f"workers {figures.get('workers_cpu_ms')} ms (load average {figures['load_average']})"
    )
    if figures["failed"]:
        print(f"{figures['failed']} failed, e.g. {figures['first_failures']}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if figures["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
