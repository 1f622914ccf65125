"""``fzcheck serve``: the checker as a page in the browser, for officers who never open a terminal.

IT staff start it once (``fzcheck serve``); officers open the address it prints, drop their
reports in, read each finding beside their own text and take home the printable sheet. The
page and ``POST /api/check`` (the ``fzcheck/1`` JSON of ``fzcheck check --format json``, for an
office's OA system) are served by a Starlette app (:mod:`.app`) under uvicorn; checks run in a
bounded pool of worker processes with a time limit per file (:mod:`.pool`); results are kept
only in memory, for a while, for the download buttons (:mod:`.cache`).

The web stack is the optional ``serve`` extra: this module imports none of it until the server
is started, so the command line stays light without it.
"""

from __future__ import annotations

import importlib
import ipaddress
import signal
import socket
import sys
from dataclasses import dataclass, field
from ..api import Options
from ..read import DEFAULT_MAX_BYTES

# The extra's packages, by the module each installs.
STACK = {"starlette": "starlette", "uvicorn": "uvicorn", "python_multipart": "python-multipart"}
INSTALL_HINT = "pip install 'fzcheck[serve]'"


@dataclass(frozen=True)
class ServeConfig:
    options: Options = field(default_factory=Options)  # the defaults of every check (template, rules …)
    extra_templates: tuple[str, ...] = ()  # template files offered besides the built-in ones
    workers: int = 2
    timeout: float = 60.0  # seconds per file
    max_file_bytes: int = DEFAULT_MAX_BYTES
    max_request_bytes: int = 50 * 1024 * 1024
    max_files: int = 20  # per request
    max_pending: int = 64  # files waiting or being checked, over all requests
    cache_entries: int = 32
    cache_bytes: int = 256 * 1024 * 1024
    cache_ttl: float = 3600.0  # seconds a result stays downloadable
    allowed_hosts: tuple[str, ...] | None = None  # Host headers accepted (None: any)


def missing_packages() -> list[str]:
    """The packages of the ``serve`` extra that cannot be imported here."""
    missing = []
    for module, package in STACK.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(package)
    return missing


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: any free port); OSError when the address cannot be used."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto named, not 0: asyncio turns Nagle's algorithm off only on sockets that say they are
    # TCP, and without that every response waits ~40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def open_address(host: str, port: int) -> str:
    shown = host if host not in ("0.0.0.0", "::", "") else "127.0.0.1"
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _stopped(signum: int, frame: object) -> None:
    """The signal that stopped the server, heard once more after the shutdown: nothing to do."""


def run_server(config: ServeConfig, host: str, port: int) -> int:
    """Serve until interrupted; the exit code (2 when the address cannot be used)."""
    # deferred: uvicorn and starlette (the app), only when the server starts
    import uvicorn

    from .app import create_app

    try:
        sock = bind(host, port)
    except OSError as exc:
        reason = "端口已被占用" if exc.errno in (98, 48, 10048) else (exc.strerror or str(exc))
        print(f"fzcheck: 无法在 {host}:{port} 上启动网页服务（{reason}），请换一个 --port 或 --host", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    loopback = is_loopback(host)
    if not loopback:
        print(
            f"注意：网页服务绑定在 {host}，不只是本机。同一网络中的任何人都能打开这个页面并上传报告；"
            "只在本机使用时请用 --host 127.0.0.1。",
            file=sys.stderr, flush=True,
        )
    config = ServeConfig(**{**config.__dict__, "allowed_hosts": (*LOOPBACK_HOSTS, host) if loopback else None})
    address = open_address(host, port)
    app = create_app(config, on_ready=lambda: print(
        f"fzcheck 网页检查已启动：请在浏览器中打开 {address}（按 Ctrl+C 停止）", flush=True))
    server = uvicorn.Server(uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="on", server_header=False, date_header=False,
    ))
    print("fzcheck 网页检查正在启动……", flush=True)
    # uvicorn stops gracefully on Ctrl+C or SIGTERM, then raises the signal again for the
    # handler it found: let that be a quiet one, so that stopping the server is a normal end.
    previous = {sig: signal.signal(sig, _stopped) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run(sockets=[sock])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
    print("fzcheck 网页检查已停止。", flush=True)
    return 0
