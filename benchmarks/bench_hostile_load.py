"""Security load: 50 clients on public, signed-in and dashboard pages while a coordinator posts hostile uploads."""

from __future__ import annotations

import io
import os
import threading
import time
import uuid
import zipfile
from collections import Counter

from actionplan.core.generator import generate_plan
from actionplan.core.writing import write_plan
from benchmarks.served_estate import Session, Tally, hammer, seconds, served_estate

CLIENTS = 50
# Bounds on the coordinator's loop, whatever the duration.
MAX_HOSTILE_UPLOADS = 200
# The zip bomb's main part expands to this many megabytes; the upload itself stays well under the size limit.
BOMB_MB = int(os.environ.get("BENCH_BOMB_MB", "256"))
HUGE_TEXT_MB = 9  # just under the 10 MB upload limit, so the reader gets it


def zip_bomb() -> bytes:
    """A real .docx the service writes, its document part padded with whitespace that compresses ~1000 to 1."""
    real = zipfile.ZipFile(io.BytesIO(write_plan(generate_plan(3, recommendations=4), "docx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in real.infolist():
            content = real.read(item)
            if item.filename != "word/document.xml":
                bomb.writestr(item, content)
                continue
            declaration, rest = content.split(b"?>", 1)
            part_info = zipfile.ZipInfo(item.filename, date_time=item.date_time)
            part_info.compress_type = zipfile.ZIP_DEFLATED
            with bomb.open(part_info, "w", force_zip64=True) as part:
                part.write(declaration + b"?>")
                padding = b" " * (1024 * 1024)
                for _ in range(BOMB_MB):
                    part.write(padding)
                part.write(rest)
    return out.getvalue()


def huge_text() -> bytes:
    line = b"The governor should ensure that prisoners are unlocked for the time set out in the regime.\n"
    return line * (HUGE_TEXT_MB * 1024 * 1024 // len(line))


def _multipart(token: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return body + content + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def main() -> None:
    duration = seconds(60)
    bomb, text = zip_bomb(), huge_text()
    hostile = [("plan.docx", bomb), ("plan.txt", text)]
    with served_estate(workers=2) as estate:
        public = Session(estate.port)
        published = public.links("/published/", r'href="(/plans/\d+/)"')
        analyst = Session(estate.port)
        analyst.sign_in("analyst")
        every_plan = analyst.links("/", r'href="(/plans/\d+/)"')
        coordinator = Session(estate.port)
        coordinator.sign_in("coordinator")
        upload = next(
            path
            for path in (f"{link}upload/" for link in coordinator.links("/", r'href="(/plans/\d+/)"'))
            if coordinator.request("GET", path)[0] == 200
        )
        token = coordinator.token(upload)
        print(
            f"  {CLIENTS} clients for {duration:.0f} s; hostile uploads to {upload}: a {len(bomb) // 1024} KB .docx"
            f" expanding to {BOMB_MB} MB, and {len(text) / 2**20:.1f} MB of text; load average {os.getloadavg()[0]:.1f}"
        )
        stop = threading.Event()
        outcomes: Counter[str] = Counter()

        def post_hostile() -> None:
            deadline = time.monotonic() + duration
            for sent in range(MAX_HOSTILE_UPLOADS):
                if time.monotonic() >= deadline:
                    break
                filename, content = hostile[sent % len(hostile)]
                body, content_type = _multipart(token, filename, content)
                try:
                    status, page, _ = coordinator.request("POST", upload, body, {"Content-Type": content_type})
                except OSError:
                    outcomes[f"{filename}: connection failed"] += 1
                    continue
                refused = status in (400, 413) or (status == 200 and b"govuk-error-summary" in page)
                outcomes[f"{filename}: {'refused with the error page' if refused else f'answered {status}'}"] += 1

        tallies: dict[str, Tally] = {}
        share = CLIENTS // 3
        runs = [
            ("published plan page", public, published, CLIENTS - 2 * share),
            ("signed-in plan page", analyst, every_plan, share),
            ("estate dashboard", analyst, ["/dashboard/"], share),
        ]

        def run(label: str, session: Session, paths: list[str], clients: int) -> None:
            tallies[label] = hammer(session, paths, clients, duration, stop)

        threads = [threading.Thread(target=post_hostile)]
        threads += [threading.Thread(target=run, args=spec) for spec in runs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        server_errors = 0
        for label, *_ in runs:
            tally = tallies[label]
            server_errors += tally.failures + sum(n for status, n in tally.statuses.items() if status >= 500)
            print(tally.line(label))
        server_errors += sum(n for outcome, n in outcomes.items() if "refused" not in outcome)
        for outcome, count in sorted(outcomes.items()):
            print(f"  hostile {outcome}: {count}")
        print(f"  server errors and dropped connections: {server_errors}  {'OK' if server_errors == 0 else 'FAILED'}")
        print(f"  worker RSS after the run: {', '.join(f'{s:.0f}' for s in estate.worker_rss_mb())} MB")


if __name__ == "__main__":
    main()
