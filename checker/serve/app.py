"""The Starlette app: the page, its static files and the HTTP API.

Routes: ``GET /`` the page; ``GET /static/{app.js,app.css}``; ``GET /api/options`` (templates,
limits); ``GET /api/rules``; ``POST /api/check`` (multipart ``file`` fields, optional
``template``, ``year``, ``date``) answering with the ``fzcheck/1`` JSON of ``fzcheck check
--format json`` for those files and the id of the cached result in the ``X-Fzcheck-Result``
header; ``GET /api/result/{id}`` (what the page shows) and ``GET /api/result/{id}/download/{fmt}``.

A request that cannot be checked is refused as a whole with ``{"error": {"code", "message"}}``
(message in Chinese): 400 no file, an empty file, a bad option; 413 a file or the request over
its size limit, too many files; 415 a file type that is not a report, or binary content in a
text file; 503 too many uploads waiting. A file that can be read but not checked (a broken or
bomb-like .docx, a check over the time limit) is, as in ``fzcheck check``, that file's ``error``
in the ``fzcheck/1`` JSON, while the others are checked.

Uploads stay in memory (python-multipart spools a part over 1 MB to an anonymous temporary
file, which has no name on disk and is gone when closed; every part is closed before the
response). No name from the client is ever used as a path: it is cut to its last component and
only ever shown.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import re
import sys
from contextlib import asynccontextmanager
from pathlib import Path, PurePath
from typing import Any, Callable
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..config import KEYS
from ..model import FileError, FileResult, FzcheckError
from ..read import SUFFIXES
from ..read.text import _looks_binary
from ..render import BINARY, DOWNLOADS, RenderContext, render, render_bytes
from ..rules import registry
from ..template import builtin_names, load_template
from ..api import template_for
from ..template_view import view_of
from . import ServeConfig
from .cache import Entry, ResultCache
from .pool import Busy, TimedOut, WorkerDied, WorkerPool
from .views import result_page

STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# The downloaded sheet is a self-contained page with its CSS inline and no script at all.
SHEET_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
}
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NAME_LIMIT = 120  # characters of an uploaded file's name kept


class Refused(Exception):
    """The request is refused as a whole: an HTTP status and a Chinese message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def refusal(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _mb(n: int) -> str:
    return f"{n / 1048576:.1f}".rstrip("0").rstrip(".") + " MB"


# --- names ---------------------------------------------------------------------------------
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_name(raw: str | None, number: int) -> str:
    """The uploaded file's name to show: its last path component, without control characters,
    at most NAME_LIMIT characters (the suffix kept). Never used as a path. Browsers write a
    ``"`` in a file name as ``%22`` (and line breaks as ``%0D``/``%0A``), as the HTML standard's
    multipart/form-data encoding says: that is undone here."""
    raw = re.sub("%0[dDaA]", "", (raw or "").replace("%22", '"'))
    name = _UNSAFE_NAME.sub("", raw.replace("\\", "/")).split("/")[-1].strip()
    if name in ("", ".", ".."):
        return f"上传文件{number}"
    if len(name) > NAME_LIMIT:
        suffix = PurePath(name).suffix[:10]
        name = name[: NAME_LIMIT - len(suffix)] + suffix
    return name


def unique_names(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            p = PurePath(name)
            candidate = f"{name[: len(name) - len(p.suffix)]}（{n}）{p.suffix}"
        seen.add(candidate)
        out.append(candidate)
    return out


# --- middleware ----------------------------------------------------------------------------
class SecurityHeaders:
    """Every response: the page's CSP (unless the route set its own) and the usual hardening."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", PAGE_POLICY.encode()))
                for k, v in SECURITY_HEADERS.items():
                    if k.encode() not in present:
                        headers.append((k.encode(), v.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def host_of(header: str) -> str:
    """The host of a Host header, without its port: ``[::1]:8000`` → ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class AllowedHosts:
    """Requests only for the names the server is known by. A server on loopback answers only
    to 127.0.0.1 / localhost, so a page elsewhere cannot reach it through a DNS name that
    points at 127.0.0.1 (DNS rebinding)."""

    def __init__(self, app: Callable, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.strip("[]").lower() for h in hosts}

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            host = host_of(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.hosts:
                response = refusal(400, "bad-host", f"不接受发往 {host or '（空）'} 的请求：请用启动时显示的地址打开")
                return await response(scope, receive, send)
        await self.app(scope, receive, send)


class _TooLarge(Exception):
    pass


def _limited(request: Request, limit: int) -> Request:
    """The request with a body that stops being read once it passes ``limit`` bytes
    (Content-Length can be absent or wrong)."""
    received = 0

    async def receive() -> dict:
        nonlocal received
        message = await request.receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge()
        return message

    return Request(request.scope, receive)


# --- the app -------------------------------------------------------------------------------
def create_app(config: ServeConfig = ServeConfig(), on_ready: Callable[[], None] | None = None) -> Starlette:
    # template name (what the form sends and results carry) -> reference (name or file path)
    templates: dict[str, str] = {}
    for ref in (*builtin_names(), config.options.template, *config.extra_templates):
        templates.setdefault(load_template(ref).name, ref)
    default_template = load_template(config.options.template).name
    pool = WorkerPool(config.workers, config.timeout, config.max_pending, tuple(templates.values()))
    cache = ResultCache(config.cache_entries, config.cache_bytes, config.cache_ttl)
    page = {name: (STATIC / name).read_bytes() for name in ("index.html", *STATIC_TYPES)}

    @asynccontextmanager
    async def lifespan(app: Starlette):
        try:
            await pool.start()
        except (WorkerDied, OSError) as exc:
            print(f"fzcheck: 无法启动检查进程（{exc}），网页服务未能启动", file=sys.stderr, flush=True)
            raise
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            await pool.close()

    async def index(request: Request) -> Response:
        return Response(page["index.html"], media_type="text/html; charset=utf-8")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC_TYPES:
            return refusal(404, "not-found", "没有这个文件")
        return Response(page[name], media_type=STATIC_TYPES[name])

    async def options(request: Request) -> Response:
        return JSONResponse({
            "version": __version__,
            "templates": [{"name": n, "label": load_template(ref).label} for n, ref in templates.items()],
            "default_template": default_template,
            "max_file_bytes": config.max_file_bytes,
            "max_request_bytes": config.max_request_bytes,
            "max_files": config.max_files,
            "timeout": config.timeout,
            "formats": list(DOWNLOADS),
        })

    async def rules(request: Request) -> Response:
        return JSONResponse({"rules": [
            {"id": r.id, "family": r.family, "severity": r.severity, "summary": r.summary}
            for r in registry().values()
        ]})

    def form_options(form: Any):
        def field(key: str) -> str:
            value = form.get(key)
            return value.strip() if isinstance(value, str) else ""

        name = field("template") or default_template
        if name not in templates:
            raise Refused(400, "bad-option", f"未知的模板 {name!r}（可用：{'、'.join(templates)}）")
        changes: dict[str, Any] = {"template": templates[name]}
        try:
            if field("year"):
                changes["year"] = KEYS["year"].validate(field("year"), "报告年度")
            if field("date"):
                changes["date"] = KEYS["date"].validate(field("date"), "成文日期")
        except FzcheckError as exc:
            raise Refused(400, "bad-option", str(exc)) from None
        return dataclasses.replace(config.options, **changes)

    async def read_uploads(form: Any) -> list[tuple[str, bytes]]:
        # a form sent with no file chosen has one part without a name or content: no upload
        uploads = [v for v in form.getlist("file") if isinstance(v, UploadFile) and (v.filename or v.size)]
        if not uploads:
            raise Refused(400, "no-file", "没有收到文件：请选择要检查的报告文件（表单字段 file）")
        if len(uploads) > config.max_files:
            raise Refused(413, "too-many-files", f"一次最多检查 {config.max_files} 个文件，这次上传了 {len(uploads)} 个")
        names = unique_names([safe_name(u.filename, i) for i, u in enumerate(uploads, 1)])
        files = []
        for upload, name in zip(uploads, names):
            kind = SUFFIXES.get(PurePath(name).suffix.lower())
            if kind is None:
                raise Refused(415, "unsupported", f"{name}：不支持的文件类型（支持 .docx .txt .md .html .htm）")
            data = await upload.read(config.max_file_bytes + 1)
            if len(data) > config.max_file_bytes:
                raise Refused(413, "too-large", f"{name}：文件超过上限 {_mb(config.max_file_bytes)}，请压缩图片或拆分后再检查")
            if not data.strip():
                raise Refused(400, "empty", f"{name}：文件是空的，没有可检查的内容")
            if kind in ("txt", "md") and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and _looks_binary(data[:8192]):
                raise Refused(
                    415, "binary", f"{name}：这不是文本文件（含二进制内容），请上传 .docx，或另存为 .txt 后再检查"
                )
            files.append((name, data))
        return files

    async def check(request: Request) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > config.max_request_bytes:
            return refusal(413, "request-too-large",
                           f"上传内容共 {_mb(int(length))}，超过单次上限 {_mb(config.max_request_bytes)}，请分批上传")
        if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
            return refusal(415, "not-multipart", "请以 multipart/form-data 上传报告文件（表单字段 file）")
        form = None
        try:
            form = await _limited(request, config.max_request_bytes).form(
                max_files=config.max_files + 1, max_fields=16, max_part_size=1024,
            )
            opts = form_options(form)
            files = await read_uploads(form)
        except _TooLarge:
            return refusal(413, "request-too-large", f"上传内容超过单次上限 {_mb(config.max_request_bytes)}，请分批上传")
        except (MultiPartException, HTTPException) as exc:  # starlette raises the latter for the former
            said = str(getattr(exc, "message", None) or getattr(exc, "detail", None) or exc)
            if "too many files" in said.lower():
                return refusal(413, "too-many-files", f"一次最多检查 {config.max_files} 个文件")
            return refusal(400, "bad-upload", f"上传内容无法解析：请用表单字段 file 上传文件，一次最多 {config.max_files} 个")
        except Refused as exc:
            return refusal(exc.status, exc.code, exc.message)
        finally:
            if form is not None:
                await form.close()
        if pool.pending + len(files) > pool.max_pending:
            return refusal(503, "busy", "检查服务正忙（排队的文件太多），请稍后再试")
        template = template_for(opts.template)  # the rule ids it names checked, as the CLI does
        template_name, view = template.name, view_of(template)
        answers = await asyncio.gather(*(pool.run((name, data, opts)) for name, data in files), return_exceptions=True)
        results: list[FileResult] = []
        indicators: list[list[dict[str, Any]]] = []
        for (name, _), answer in zip(files, answers):
            if isinstance(answer, Busy):
                return refusal(503, "busy", "检查服务正忙（排队的文件太多），请稍后再试")
            if isinstance(answer, TimedOut):
                answer = (FileResult(name, template_name, FileError(
                    "timeout",
                    f"{name}：检查用时超过上限 {config.timeout:g} 秒，已停止。文件可能过大或内容异常，请拆分后再试。",
                ), view=view), [])
            elif isinstance(answer, BaseException):
                if not isinstance(answer, (WorkerDied, Exception)):
                    raise answer
                answer = (FileResult(name, template_name, FileError(
                    "internal-error", f"{name}：检查进程意外退出（{type(answer).__name__}），请报告此问题",
                ), view=view), [])
            results.append(answer[0])
            indicators.append(answer[1])
        entry = Entry(results, indicators, dict(files), {
            "template": template_name, "year": opts.year, "date": opts.date.isoformat() if opts.date else None,
            "checked_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        })
        key = cache.put(entry)
        body = await run_in_threadpool(render, results, "json", RenderContext(version=__version__))
        return Response(body, media_type="application/json; charset=utf-8", headers={"x-fzcheck-result": key})

    def entry_of(request: Request) -> Entry:
        entry = cache.get(request.path_params["id"])
        if entry is None:
            raise Refused(404, "expired", "这次检查的结果已过期或不存在（服务只在内存中暂存最近的结果），请重新上传检查")
        return entry

    async def result(request: Request) -> Response:
        try:
            entry = entry_of(request)
        except Refused as exc:
            return refusal(exc.status, exc.code, exc.message)
        view = await run_in_threadpool(result_page, entry)
        return Response(json.dumps(view, ensure_ascii=False), media_type="application/json; charset=utf-8")

    async def download(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        try:
            entry = entry_of(request)
            if fmt not in DOWNLOADS:
                raise Refused(404, "unknown-format", f"没有 {fmt} 格式的下载")
            results, number = entry.results, request.query_params.get("file", "")
            if number:
                if not number.isdigit() or not 1 <= int(number) <= len(results):
                    raise Refused(400, "bad-option", f"没有第 {number} 个文件")
                results = [results[int(number) - 1]]
        except Refused as exc:
            return refusal(exc.status, exc.code, exc.message)
        ctx = RenderContext(version=__version__, checked_at=dt.datetime.fromisoformat(entry.options["checked_at"]))
        try:
            if fmt in BINARY:
                inputs = {r.path: entry.inputs[r.path] for r in results if r.path in entry.inputs}
                body: bytes | str = await run_in_threadpool(render_bytes, results, fmt, ctx, inputs)
            else:
                body = await run_in_threadpool(render, results, fmt, ctx)
        except (ValueError, FzcheckError) as exc:
            return refusal(400, "cannot-render", f"无法生成 {fmt} 格式：{exc}")
        stem = PurePath(results[0].path).stem if len(results) == 1 else f"批量检查（{len(results)}份）"
        filename = f"{'修改意见单' if fmt == 'html' else '检查结果'}-{stem}.{fmt}"
        headers = {"content-disposition": f"attachment; filename=\"fzcheck.{fmt}\"; filename*=UTF-8''{quote(filename)}"}
        if fmt == "html":
            headers["content-security-policy"] = SHEET_POLICY
        return Response(body, media_type=MEDIA_TYPES.get(fmt, "application/octet-stream"), headers=headers)

    async def not_found(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 405:
            return refusal(405, "method-not-allowed", "不支持这种请求方法")
        if exc.status_code == 404:
            return refusal(404, "not-found", "没有这个页面")
        return refusal(exc.status_code, "bad-request", f"请求无效（HTTP {exc.status_code}）")

    middleware = [Middleware(SecurityHeaders)]
    if config.allowed_hosts is not None:
        middleware.append(Middleware(AllowedHosts, hosts=config.allowed_hosts))
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/static/{name}", static),
            Route("/api/options", options),
            Route("/api/rules", rules),
            Route("/api/check", check, methods=["POST"]),
            Route("/api/result/{id}", result),
            Route("/api/result/{id}/download/{fmt}", download),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: not_found},
        lifespan=lifespan,
    )
    app.state.pool, app.state.cache, app.state.config = pool, cache, config
    return app
