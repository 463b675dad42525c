"""`make run` on an empty database: migrates, loads the demo estate, serves /, and the demo plans show after sign-in."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from actionplan.storage.demo import DEMO_PASSWORD

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen[str], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"make run stopped early:\n{process.stdout.read() if process.stdout else ''}")
        try:
            urllib.request.urlopen(url, timeout=2)
        except OSError:
            time.sleep(0.5)
        else:
            return
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_make_run_serves_the_demo(tmp_path: Path) -> None:
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    environment.update(PORT=str(port), DATABASE_URL=f"sqlite:///{tmp_path / 'run.sqlite3'}")
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/", process)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        home = opener.open(base + "/")
        assert home.status == 200
        form = opener.open(base + "/sign-in/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert token
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "username": "analyst", "password": DEMO_PASSWORD}
        ).encode()
        signed_in = opener.open(urllib.request.Request(base + "/sign-in/", data=data, headers={"Referer": base}))
        page = signed_in.read().decode()
        assert "Signed in as" in page
        # The demo's six establishments' plans, and the earlier plans of every third (the first and the fourth).
        assert len(re.findall(r'href="/plans/\d+/"', page)) == 8
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "Demo accounts (password for all:" in output
    assert "coordinator" in output
