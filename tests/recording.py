"""A recording HTTP server on 127.0.0.1 for running snippets against the official SDKs.

Each snippet gets its own base URL, ``http://127.0.0.1:<port>/<key>/...``: the
first path segment says which snippet sent a request, so snippets may run in
any order or at the same time.  Every request is recorded as it arrived (method,
raw path and query, headers, body) and answered by a callback that knows what
the snippet's operation returns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it; ``path`` is raw (percent-encoded) and without the key segment."""

    method: str
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header_map(self) -> dict[str, str]:
        """Headers by lower-cased name (each name once: a repeated header fails the caller's check)."""
        found: dict[str, str] = {}
        for name, value in self.headers:
            key = name.lower()
            found[key] = value if key not in found else found[key] + ", " + value
        return found


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str | None
    body: bytes


Answer = Callable[[str, Recorded], Reply]


class RecordingServer:
    """Records requests per key and answers them through ``answer(key, request)``."""

    def __init__(self, answer: Answer) -> None:
        self._answer = answer
        self._lock = threading.Lock()
        self._log: dict[str, list[Recorded]] = {}
        self._server: ThreadingHTTPServer | None = None

    @property
    def port(self) -> int:
        assert self._server is not None, "the server is not running"
        return int(self._server.server_address[1])

    def url(self, key: str) -> str:
        return f"http://127.0.0.1:{self.port}/{key}"

    def requests(self, key: str) -> list[Recorded]:
        with self._lock:
            return list(self._log.get(key, []))

    @contextmanager
    def running(self) -> Iterator[RecordingServer]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        server.daemon_threads = True
        self._server = server
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join()
            self._server = None

    def _record(self, handler: BaseHTTPRequestHandler) -> tuple[str, Recorded]:
        target = handler.path
        path, _, query = target.partition("?")
        _, key, rest = path.split("/", 2) if path.count("/") >= 2 else ("", path, "")
        body = _read_body(handler)
        request = Recorded(
            handler.command,
            "/" + rest,
            query,
            tuple((name, value) for name, value in handler.headers.items()),
            body,
        )
        key = unquote(key)
        with self._lock:
            self._log.setdefault(key, []).append(request)
        return key, request

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def handle_one(self) -> None:
                key, request = outer._record(self)
                try:
                    reply = outer._answer(key, request)
                except (
                    Exception
                ) as exc:  # an answer that cannot be made is a 500 the test sees
                    reply = Reply(
                        500, "text/plain", f"{type(exc).__name__}: {exc}".encode()
                    )
                self.send_response(reply.status)
                if reply.content_type is not None:
                    self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(reply.body)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_one

            def log_message(self, *args: object) -> None:
                pass  # the log is the recording

        return Handler


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""
