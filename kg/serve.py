"""A read-only SPARQL 1.1 Protocol endpoint over a built graph (/sparql, and /query as Oxigraph names it).

Served by uvicorn (a maintained ASGI server) with a small Starlette app in front of a pool of
query workers (kg.sandbox). Why not the `oxigraph` package's own server: it has no query time
cap and it would run SERVICE calls to other servers; here every query is checked first (no
SERVICE, no FROM but the graph's own), runs in a worker process that is killed past the time
cap, and every connection has caps on header and body size and on how long a request may take
to arrive. uvicorn finishes in-flight requests on SIGTERM before it exits.
"""
from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from kg.errors import QueryError
from kg.sandbox import Busy, Caps, QueryPool, QueryTimeout
from kg.store import GRAPH_TYPES, RESULT_TYPES

PATHS = ("/sparql", "/query")
_BY_MEDIA = {media: fmt for fmt, media in {**RESULT_TYPES, **GRAPH_TYPES}.items()}
_BY_MEDIA.update({"application/json": "json", "application/xml": "xml", "text/xml": "xml", "text/plain": "tsv"})


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep one client or one query from taking the endpoint down."""

    timeout_s: float = 30.0  # a query past it is stopped (503) and its worker replaced
    max_result_bytes: int = 50_000_000  # 413 past it
    max_body_bytes: int = 1_000_000  # a POSTed query (413 past it)
    max_header_bytes: int = 16_384  # the request line and headers (431 past them)
    request_timeout_s: float = 10.0  # to receive a whole request, head and body (408 past it)
    keep_alive_s: float = 5.0  # an idle connection is closed after it
    workers: int = 2  # query worker processes
    max_memory_mb: int | None = 4096  # address space of a query worker
    caps: Caps = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "caps", Caps(self.timeout_s, self.max_memory_mb))


def negotiate(accept: str) -> str:
    """Return the result format the Accept header prefers (json when it says nothing we know)."""
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            key, _, value = p.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media.strip() in _BY_MEDIA and q > 0:
            ranked.append((-q, i, _BY_MEDIA[media.strip()]))
    return min(ranked)[2] if ranked else "json"


class _TooLarge(Exception):
    pass


def make_app(pool: QueryPool, limits: Limits = Limits()):  # -> starlette.applications.Starlette
    """Return the ASGI app answering SPARQL at /sparql and /query with the pool's store."""
    import anyio
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    def reply(status: HTTPStatus, message: str) -> Response:
        return PlainTextResponse(message + "\n", status_code=int(status))

    async def body_of(request: Request) -> str:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limits.max_body_bytes:
            raise _TooLarge
        chunks, size = [], 0
        with anyio.fail_after(limits.request_timeout_s):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limits.max_body_bytes:
                    raise _TooLarge
                chunks.append(chunk)
        return b"".join(chunks).decode("utf-8", "replace")

    async def run(request: Request, query: str) -> Response:
        fmt = negotiate(request.headers.get("accept") or "")
        try:
            answer = await anyio.to_thread.run_sync(pool.answer, query, fmt)
        except (QueryTimeout, Busy) as e:
            return reply(HTTPStatus.SERVICE_UNAVAILABLE, str(e))
        except QueryError as e:
            status = HTTPStatus.FORBIDDEN if "read-only" in str(e) else HTTPStatus.BAD_REQUEST
            return reply(status, str(e))
        if len(answer.body) > limits.max_result_bytes:
            return reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                         f"result of {len(answer.body)} bytes is over the cap of {limits.max_result_bytes}; add a LIMIT")
        return Response(answer.body, media_type=f"{answer.media_type}; charset=utf-8")

    async def sparql(request: Request) -> Response:
        if request.method == "GET":
            params = parse_qs(request.url.query)
        else:
            try:
                body = await body_of(request)
            except _TooLarge:
                return reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over the cap of {limits.max_body_bytes} bytes")
            except TimeoutError:
                return reply(HTTPStatus.REQUEST_TIMEOUT, f"request body not received within {limits.request_timeout_s:g} s")
            kind = (request.headers.get("content-type") or "").split(";")[0].strip()
            if kind == "application/sparql-update":
                return reply(HTTPStatus.FORBIDDEN, "updates are refused: the graph is read-only")
            if kind == "application/sparql-query":
                return await run(request, body)
            params = parse_qs(body)
        if "update" in params:
            return reply(HTTPStatus.FORBIDDEN, "updates are refused: the graph is read-only")
        if "query" not in params:
            return reply(HTTPStatus.BAD_REQUEST, "missing the query parameter")
        return await run(request, params["query"][0])

    async def not_found(request: Request, exc: Exception) -> Response:
        return reply(HTTPStatus.NOT_FOUND, f"no endpoint at {request.url.path}; use /sparql")

    routes = [Route(path, sparql, methods=["GET", "POST"]) for path in PATHS]
    return Starlette(routes=routes, exception_handlers={404: not_found})


def guarded_protocol(limits: Limits) -> type:
    """uvicorn's HTTP/1.1 protocol with two more guards: the request head must arrive within
    request_timeout_s (408, else a half-sent request holds its connection forever) and fit in
    max_header_bytes (431)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedH11Protocol(H11Protocol):
        _timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _awaiting_head(self) -> bool:
            return self.cycle is None or self.cycle.response_complete

        def _arm(self) -> None:
            self._disarm()
            self._timer = self.loop.call_later(limits.request_timeout_s, self._too_slow)

        def _disarm(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _too_slow(self) -> None:
            if self._awaiting_head() and not self.transport.is_closing():
                self._refuse(HTTPStatus.REQUEST_TIMEOUT, f"request not received within {limits.request_timeout_s:g} s")

        def _refuse(self, status: HTTPStatus, message: str) -> None:
            body = (message + "\n").encode()
            head = (f"HTTP/1.1 {int(status)} {status.phrase}\r\ncontent-type: text/plain; charset=utf-8\r\n"
                    f"content-length: {len(body)}\r\nconnection: close\r\n\r\n").encode()
            self.transport.write(head + body)
            self.transport.close()

        def data_received(self, data: bytes) -> None:
            if self._awaiting_head():
                buffered = self.conn.trailing_data[0] + data
                end = buffered.find(b"\r\n\r\n")
                if (end < 0 and len(buffered) > limits.max_header_bytes) or end > limits.max_header_bytes:
                    self._refuse(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                                 f"request head over the cap of {limits.max_header_bytes} bytes")
                    return
            super().data_received(data)
            if not self._awaiting_head():
                self._disarm()  # the head is in; the app reads the body under its own deadline

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

    return GuardedH11Protocol


def make_server(pool: QueryPool, host: str = "127.0.0.1", port: int = 7878, limits: Limits = Limits()):  # -> uvicorn.Server
    """Return a uvicorn server (not yet serving) for the pool's store."""
    import uvicorn

    config = uvicorn.Config(
        make_app(pool, limits), host=host, port=port, http=guarded_protocol(limits), lifespan="off",
        backlog=2048, timeout_keep_alive=int(max(1, limits.keep_alive_s)), timeout_graceful_shutdown=int(limits.timeout_s) + 5,
        h11_max_incomplete_event_size=limits.max_header_bytes * 4, log_level="warning", access_log=False,
        server_header=False, date_header=False,
    )
    return uvicorn.Server(config)


def listen(host: str, port: int) -> socket.socket:
    """Return a listening socket (port 0: any free port); OSError when the address is taken."""
    return socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET, backlog=2048)


def serve(graph: Path, kind: str, host: str, port: int, limits: Limits, *, on_ready=None) -> None:
    """Serve until SIGINT or SIGTERM; in-flight requests finish first. `on_ready(port)` is called
    once the socket listens and the query workers are up."""
    sock = listen(host, port)
    try:
        with QueryPool(graph, kind, workers=limits.workers, caps=limits.caps) as pool:
            server = make_server(pool, host, port, limits)
            if on_ready is not None:
                on_ready(sock.getsockname()[1])
            asyncio.run(server.serve(sockets=[sock]))
    finally:
        sock.close()
