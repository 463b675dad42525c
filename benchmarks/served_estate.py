"""A demo estate served by gunicorn with production settings on 127.0.0.1, and a keep-alive load client."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
MANAGE = str(REPO / "manage.py")
# BENCH_SECONDS shortens (or lengthens) every timed run, BENCH_ESTABLISHMENTS the estate, to try a bench quickly.
ESTABLISHMENTS = int(os.environ.get("BENCH_ESTABLISHMENTS", "150"))
DEMO_PASSWORD = "demo-actionplan-2026"  # noqa: S105 - the demo accounts' published password


def seconds(default: float) -> float:
    return float(os.environ.get("BENCH_SECONDS", default))


@dataclass
class Estate:
    port: int
    master_pid: int

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each gunicorn worker (the master's children)."""
        sizes = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) != self.master_pid:
                    continue
                status = (entry / "status").read_text()
            except (OSError, IndexError, ValueError):
                continue
            found = re.search(r"VmRSS:\s+(\d+) kB", status)
            if found:
                sizes.append(int(found.group(1)) / 1024)
        return sorted(sizes)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _manage(env: dict[str, str], settings: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, MANAGE, *args],
        env=dict(env, DJANGO_SETTINGS_MODULE=settings),
        check=True,
        capture_output=True,
        timeout=900,
    )


@contextmanager
def served_estate(workers: int = 2, *, keep_rendered: bool = True) -> Iterator[Estate]:
    """The demo estate (ESTABLISHMENTS establishments) on SQLite, served by gunicorn until the block ends.

    ``keep_rendered=False`` serves it as it was before rendered pages, files, figures and components were kept.
    """
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            PYTHONPATH=os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")]),
            SECRET_KEY=secrets.token_urlsafe(60),
            SECURE_SSL_REDIRECT="false",
            ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
            CACHE_URL="db://",
            MEDIA_ROOT=str(Path(folder) / "media"),
            HOST="127.0.0.1",
            PORT=str(port),
            WEB_CONCURRENCY=str(workers),
            # A log line a request is what production writes; here it would only fill the pipe.
            REQUEST_LOG="false",
            ACTIONPLAN_KEEP_RENDERED="true" if keep_rendered else "false",
        )
        local = "actionplan.settings.local"
        _manage(env, local, "migrate", "--no-input")
        _manage(env, local, "createcachetable")
        _manage(env, local, "load_demo", "--establishments", str(ESTABLISHMENTS))
        server = subprocess.Popen(
            [sys.executable, MANAGE, "serve", "--no-prepare"],
            env=dict(env, DJANGO_SETTINGS_MODULE="actionplan.settings.production"),
            stdout=subprocess.DEVNULL,
            stderr=open(Path(folder) / "server.log", "wb"),  # noqa: SIM115 - closed when the folder goes
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError((Path(folder) / "server.log").read_text()) from None
                    time.sleep(0.3)
            yield Estate(port, server.pid)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)


@dataclass
class Session:
    """A visitor: cookies kept between requests, as a browser does."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str]]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, path, body=body or None, headers=self.headers(headers))
            answer = connection.getresponse()
            content = answer.read()
            for header in answer.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return answer.status, content, {k.lower(): v for k, v in answer.getheaders()}
        finally:
            connection.close()

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        sent = {"Host": "127.0.0.1", **(extra or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return sent

    def token(self, path: str) -> str:
        _, form, _ = self.request("GET", path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        if not found:
            raise RuntimeError(f"no form at {path}")
        return found.group(1).decode()

    def sign_in(self, username: str) -> None:
        fields = {"csrfmiddlewaretoken": self.token("/sign-in/"), "username": username, "password": DEMO_PASSWORD}
        status, _, _ = self.request(
            "POST", "/sign-in/", urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302:
            raise RuntimeError(f"{username} could not sign in ({status})")

    def links(self, path: str, pattern: str) -> list[str]:
        _, page, _ = self.request("GET", path)
        return list(dict.fromkeys(re.findall(pattern, page.decode())))


@dataclass
class Tally:
    """What one page answered under load."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: int = 0  # connections refused, reset or timed out
    elapsed: float = 0.0

    def line(self, label: str) -> str:
        if len(self.latencies) < 2:
            return f"  {label}: too few answers ({len(self.latencies)})"
        cuts = statistics.quantiles(self.latencies, n=100)
        errors = self.failures + sum(n for status, n in self.statuses.items() if status >= 500)
        return (
            f"  {label}: {len(self.latencies) / self.elapsed:7.1f} req/s  p50 {cuts[49] * 1000:6.0f} ms"
            f"  p95 {cuts[94] * 1000:6.0f} ms  p99 {cuts[98] * 1000:6.0f} ms  errors {errors}"
            f"  (answers {dict(sorted(self.statuses.items()))})"
        )


def hammer(session: Session, paths: list[str], connections: int, duration: float, stop: threading.Event) -> Tally:
    """GET ``paths`` in turn from ``connections`` threads for ``duration`` seconds, re-using connections."""
    tally = Tally()
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def visitor(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", session.port, timeout=60)
        headers = session.headers()
        turn = offset
        while time.monotonic() < deadline and not stop.is_set():
            path = paths[turn % len(paths)]
            turn += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                answer = connection.getresponse()
                answer.read()
                status = answer.status
                if answer.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                with lock:
                    tally.failures += 1
                continue
            with lock:
                tally.latencies.append(time.perf_counter() - started)
                tally.statuses[status] += 1
        connection.close()

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally.elapsed = time.monotonic() - started
    return tally
