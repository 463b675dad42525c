"""Real gunicorn servers with production settings for the serving tests, and a small cookie-keeping client."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[2]
MANAGE = str(REPO / "manage.py")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(folder: Path, database_url: str, **extra: str) -> dict[str, str]:
    """Production settings on this machine: DEBUG off, plain HTTP, one shared database, cache and file folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="actionplan.settings.production",
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")]),
        SECRET_KEY=secrets.token_urlsafe(60),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        CACHE_URL="db://",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        HOST="127.0.0.1",
        WEB_CONCURRENCY="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, settings: str | None = None) -> str:
    """Run a management command with these settings (or others), failing loudly."""
    run_env = dict(env, DJANGO_SETTINGS_MODULE=settings or env["DJANGO_SETTINGS_MODULE"])
    done = subprocess.run(
        [sys.executable, MANAGE, *args], env=run_env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def serving(env: dict[str, str], log: Path, *args: str, wait: float = 180) -> Iterator[Server]:
    """``manage.py serve`` on a free port, stopped (with its workers) when the block ends."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, MANAGE, "serve", *args],
            env=dict(env, PORT=str(port)),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port, process, log)
    try:
        _wait_until_listening(server, wait)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _wait_until_listening(server: Server, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"the server stopped early:\n{server.output()}")
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
        except OSError:
            time.sleep(0.3)
        else:
            return
    raise AssertionError(f"nothing listened on port {server.port} within {seconds} s:\n{server.output()}")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")


@dataclass
class Browser:
    """Keeps cookies across servers, as a browser behind a load balancer does."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, server: Server, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body or None, headers=sent)
            answer = connection.getresponse()
            content = answer.read()
            for header in answer.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, content)
        finally:
            connection.close()

    def get(self, server: Server, path: str) -> Response:
        return self.request(server, "GET", path)

    def post(
        self, server: Server, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None
    ) -> Response:
        fields = {"csrfmiddlewaretoken": self.csrf_token(server, path), **fields}
        if not files:
            body = urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        else:
            body, content_type = _multipart(fields, files)
        return self.request(server, "POST", path, body, {"Content-Type": content_type})

    def csrf_token(self, server: Server, path: str) -> str:
        form = self.get(server, path).text
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert found, f"no form at {path}"
        return found.group(1)

    def sign_in(self, server: Server, username: str, password: str) -> None:
        answer = self.post(server, "/sign-in/", {"username": username, "password": password})
        assert answer.status == 302, answer.text


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
