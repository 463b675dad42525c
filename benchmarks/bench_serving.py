"""Under gunicorn (2 workers, production settings, demo estate): req/s and p50/p95/p99 at 32 connections, worker RSS."""

from __future__ import annotations

import os
import threading

from benchmarks.served_estate import ESTABLISHMENTS, Session, Tally, hammer, seconds, served_estate

CONNECTIONS = 32
# Targets at 2 cores: requests a second for each page, and a worker's memory after the run.
TARGETS = {"published plan page": 300, "signed-in plan page": 100, "estate dashboard": 100}
TARGET_RSS_MB = 200


def _run(duration: float, *, keep_rendered: bool) -> tuple[dict[str, Tally], list[float]]:
    """Each page hammered in turn on a freshly served estate; what each answered, and the workers' RSS after."""
    with served_estate(workers=2, keep_rendered=keep_rendered) as estate:
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
        tallies = {
            label: hammer(session, paths, CONNECTIONS, duration, threading.Event()) for label, session, paths in runs
        }
        return tallies, estate.worker_rss_mb()


def _rate(tally: Tally) -> float:
    return len(tally.latencies) / tally.elapsed if tally.elapsed else 0.0


def main() -> None:
    duration = seconds(30)
    print(
        f"  {ESTABLISHMENTS} establishments, {CONNECTIONS} connections for {duration:.0f} s a page"
        f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    before, _ = _run(duration, keep_rendered=False)
    kept, sizes = _run(duration, keep_rendered=True)
    print("  as served before pages, files, figures and components were kept (ACTIONPLAN_KEEP_RENDERED=false):")
    for label, tally in before.items():
        print(tally.line(label))
    print("  as served now:")
    for label, tally in kept.items():
        rate = _rate(tally)
        verdict = "within target" if rate >= TARGETS[label] else f"below the target of {TARGETS[label]} req/s"
        ratio = rate / _rate(before[label]) if _rate(before[label]) else float("inf")
        print(f"{tally.line(label)}  {ratio:.1f}x before  {verdict}")
    biggest = max(sizes, default=0.0)
    verdict = "within target" if biggest <= TARGET_RSS_MB else "OVER TARGET"
    shown = ", ".join(f"{size:.0f}" for size in sizes)
    print(f"  worker RSS after the run: {shown} MB (target {TARGET_RSS_MB} MB)  {verdict}")


if __name__ == "__main__":
    main()
