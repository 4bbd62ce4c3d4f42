"""A read-only SPARQL 1.1 Protocol endpoint over a built graph (/sparql, and /query as Oxigraph names it)."""
from __future__ import annotations

import concurrent.futures
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from kg.errors import QueryError
from kg.store import GRAPH_TYPES, RESULT_TYPES, GraphStore

PATHS = ("/sparql", "/query")
_BY_MEDIA = {media: fmt for fmt, media in {**RESULT_TYPES, **GRAPH_TYPES}.items()}
_BY_MEDIA.update({"application/json": "json", "application/xml": "xml", "text/xml": "xml", "text/plain": "tsv"})


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep one query from taking the endpoint down."""

    timeout_s: float = 30.0
    max_result_bytes: int = 50_000_000


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


def make_handler(store: GraphStore, limits: Limits, pool: concurrent.futures.Executor) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "geokg"

        def log_message(self, fmt: str, *args: object) -> None:  # quiet by default; errors still reach the client
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            url = urlsplit(self.path)
            if url.path not in PATHS:
                return self.reply(HTTPStatus.NOT_FOUND, f"no endpoint at {url.path}; use /sparql")
            params = parse_qs(url.query)
            if "update" in params:
                return self.reply(HTTPStatus.FORBIDDEN, "updates are refused: the graph is read-only")
            if "query" not in params:
                return self.reply(HTTPStatus.BAD_REQUEST, "missing the query parameter")
            self.run(params["query"][0])

        def do_POST(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            if url.path not in PATHS:
                return self.reply(HTTPStatus.NOT_FOUND, f"no endpoint at {url.path}; use /sparql")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if kind == "application/sparql-update":
                return self.reply(HTTPStatus.FORBIDDEN, "updates are refused: the graph is read-only")
            if kind == "application/sparql-query":
                return self.run(body)
            params = parse_qs(body)
            if "update" in params:
                return self.reply(HTTPStatus.FORBIDDEN, "updates are refused: the graph is read-only")
            if "query" not in params:
                return self.reply(HTTPStatus.BAD_REQUEST, "missing the query parameter")
            self.run(params["query"][0])

        def run(self, query: str) -> None:
            fmt = negotiate(self.headers.get("Accept") or "")
            future = pool.submit(store.answer, query, fmt)
            try:
                answer = future.result(timeout=limits.timeout_s)
            except concurrent.futures.TimeoutError:
                return self.reply(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {limits.timeout_s:g} s")
            except QueryError as e:
                status = HTTPStatus.FORBIDDEN if "read-only" in str(e) else HTTPStatus.BAD_REQUEST
                return self.reply(status, str(e))
            if len(answer.body) > limits.max_result_bytes:
                return self.reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                  f"result of {len(answer.body)} bytes is over the cap of {limits.max_result_bytes}; add a LIMIT")
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", f"{answer.media_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def reply(self, status: HTTPStatus, message: str) -> None:
            data = (message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def make_server(store: GraphStore, host: str = "127.0.0.1", port: int = 7878, limits: Limits = Limits()) -> ThreadingHTTPServer:
    """Return an HTTP server (not yet serving) answering SPARQL over `store` at /sparql and /query."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="sparql")
    server = ThreadingHTTPServer((host, port), make_handler(store, limits, pool))
    server.daemon_threads = True
    return server


def serve_in_background(server: ThreadingHTTPServer) -> threading.Thread:
    """Start serving on a daemon thread (tests, notebooks); stop with server.shutdown()."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
