"""A local HTTP server on 127.0.0.1 for the fetch tests: a handler function answers each
request; every request (path, query or body parameters, headers) is logged.  Nothing leaves
the machine."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from netanalysis.fetch import Http

Answer = tuple[int, dict[str, str], bytes]


def no_wait(**kw) -> Http:
    """Polite-HTTP settings for tests: no pause between requests and no back-off wait."""
    return Http(min_interval=0.0, sleep=lambda s: None, **kw)


def env_key_only(monkeypatch, env: str, value: str) -> None:
    """A service key from the environment variable ``env`` only (no keys file is read)."""
    monkeypatch.setenv(env, value)
    monkeypatch.setenv("NETANALYSIS_KEYS", "/nonexistent/keys.toml")


@dataclass
class Seen:
    path: str
    params: dict
    headers: dict[str, str]


@dataclass
class LocalServer:
    answer: Callable[[Seen], Answer]
    log: list[Seen] = field(default_factory=list)

    def __enter__(self) -> LocalServer:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                self._reply(Seen(parts.path, {k: v[-1] for k, v in parse_qs(parts.query).items()},
                                 {k.lower(): v for k, v in self.headers.items()}))

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    params = json.loads(raw)
                except ValueError:
                    params = {k: v[-1] for k, v in parse_qs(raw.decode("utf-8")).items()}
                self._reply(Seen(urlsplit(self.path).path, params, {k.lower(): v for k, v in self.headers.items()}))

            def _reply(self, seen: Seen) -> None:
                outer.log.append(seen)
                status, headers, body = outer.answer(seen)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:  # quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v1/patent/"

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
