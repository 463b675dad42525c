"""Under gunicorn (2 workers, production settings, demo estate): req/s and p50/p95/p99 at 32 connections, worker RSS."""

from __future__ import annotations

import os
import threading

from benchmarks.served_estate import ESTABLISHMENTS, Session, hammer, seconds, served_estate

CONNECTIONS = 32
# Targets at 2 cores: requests a second for each page, and a worker's memory after the run.
TARGETS = {"published plan page": 300, "signed-in plan page": 100, "estate dashboard": 100}
TARGET_RSS_MB = 200


def main() -> None:
    duration = seconds(30)
    with served_estate(workers=2) as estate:
        public = Session(estate.port)
        published = public.links("/published/", r'href="(/plans/\d+/)"')
        analyst = Session(estate.port)
        analyst.sign_in("analyst")
        every_plan = analyst.links("/", r'href="(/plans/\d+/)"')
        runs = [
            ("published plan page", public, published),
            ("signed-in plan page", analyst, every_plan),
            ("estate dashboard", analyst, ["/dashboard/"]),
        ]
        print(
            f"  {ESTABLISHMENTS} establishments, {CONNECTIONS} connections for {duration:.0f} s each"
            f" ({len(published)} published plans, {len(every_plan)} plans signed in;"
            f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
        for label, session, paths in runs:
            tally = hammer(session, paths, CONNECTIONS, duration, threading.Event())
            rate = len(tally.latencies) / tally.elapsed
            verdict = "within target" if rate >= TARGETS[label] else f"below the target of {TARGETS[label]} req/s"
            print(f"{tally.line(label)}  {verdict}")
        sizes = estate.worker_rss_mb()
        biggest = max(sizes, default=0.0)
        verdict = "within target" if biggest <= TARGET_RSS_MB else "OVER TARGET"
        shown = ", ".join(f"{size:.0f}" for size in sizes)
        print(f"  worker RSS after the run: {shown} MB (target {TARGET_RSS_MB} MB)  {verdict}")


if __name__ == "__main__":
    main()
