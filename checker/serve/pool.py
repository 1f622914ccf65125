"""A bounded pool of worker processes, each check with a time limit.

Processes, not threads: checking is CPU-bound Python, and a process that runs past the time
limit (a pathological upload) can be killed and replaced, which a thread cannot. Each worker
is spawned fresh (no state forked from the server's event loop), warms its template caches,
says it is ready, then checks one upload at a time sent over its pipe. At most ``size``
uploads are checked at once; at most ``max_pending`` may wait or run, beyond that the server
says it is busy instead of queueing without end. A worker that times out or dies is replaced
before it takes the next upload, so the server keeps serving.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

READY_TIMEOUT = 120.0  # seconds a fresh worker may take to start and warm up


class Busy(Exception):
    """Too many uploads are waiting already."""


class TimedOut(Exception):
    """The check ran past the time limit; its worker was replaced."""


class WorkerDied(Exception):
    """The worker process ended during the check (killed, out of memory)."""


def _worker_main(conn: Connection, templates: tuple[str, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group: the server stops us
    # the checker is imported here, once SIGINT is ignored: a spawned worker that is still
    # importing when Ctrl+C comes would otherwise print a traceback of its own
    from .work import check_upload, warm

    warm(templates)
    conn.send(("ready",))
    while True:
        try:
            name, data, options = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        conn.send(check_upload(name, data, options))


class _Worker:
    def __init__(self, templates: tuple[str, ...]) -> None:
        self.templates = templates
        self.process: Any = None
        self.conn: Connection | None = None

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_worker_main, args=(theirs, self.templates), daemon=True, name="fzcheck-worker"
        )
        process.start()
        theirs.close()
        self.process, self.conn = process, ours
        try:
            if ours.poll(READY_TIMEOUT):
                ours.recv()
                return
        except (EOFError, OSError):
            pass
        self.stop()
        raise WorkerDied("a worker process did not start")

    def stop(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(5)
            self.process = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def call(self, task: tuple, timeout: float) -> Any:
        """Send one task and wait at most ``timeout`` seconds; replace the process on failure."""
        if self.process is None or not self.process.is_alive():
            self.stop()
            self.start()
        assert self.conn is not None
        try:
            self.conn.send(task)
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError):
            self.stop()
            self.start()
            raise WorkerDied("worker ended during the check") from None
        self.stop()
        self.start()
        raise TimedOut()


class WorkerPool:
    def __init__(self, size: int, timeout: float, max_pending: int, templates: tuple[str, ...]) -> None:
        self.size = max(1, size)
        self.timeout = timeout
        self.max_pending = max(self.size, max_pending)
        self.templates = templates
        self.pending = 0  # uploads waiting or being checked
        self.busy = 0  # uploads being checked
        self.peak = 0  # the most ever checked at once
        self.checked = 0
        self._workers: list[_Worker] = []
        self._idle: asyncio.Queue[_Worker] | None = None
        self._threads: ThreadPoolExecutor | None = None

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="fzcheck-pool")
        self._idle = asyncio.Queue()
        self._workers = [_Worker(self.templates) for _ in range(self.size)]
        await asyncio.gather(*(loop.run_in_executor(self._threads, w.start) for w in self._workers))
        for w in self._workers:
            self._idle.put_nowait(w)

    async def close(self) -> None:
        if self._threads is None:
            return
        loop = asyncio.get_running_loop()
        for w in self._workers:
            await loop.run_in_executor(None, w.stop)
        self._threads.shutdown(wait=False, cancel_futures=True)
        self._threads = None

    def _release(self, worker: _Worker) -> None:
        self.busy -= 1
        assert self._idle is not None
        self._idle.put_nowait(worker)

    async def run(self, task: tuple) -> Any:
        """The worker's answer to ``task``; Busy, TimedOut or WorkerDied otherwise."""
        if self._idle is None or self._threads is None:
            raise Busy()
        if self.pending >= self.max_pending:
            raise Busy()
        self.pending += 1
        try:
            worker = await self._idle.get()
            self.busy += 1
            self.peak = max(self.peak, self.busy)
            future = asyncio.get_running_loop().run_in_executor(self._threads, worker.call, task, self.timeout)
            try:
                result = await asyncio.shield(future)
            except asyncio.CancelledError:  # the client went away: the worker is freed when it is done
                future.add_done_callback(lambda _: self._release(worker))
                raise
            except BaseException:
                self._release(worker)
                raise
            self._release(worker)
            self.checked += 1
            return result
        finally:
            self.pending -= 1
