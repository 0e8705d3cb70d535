"""Web latency under a bounded local load: p50/p95 per page at a fixed request rate.

    python bench/web_latency.py [--db hafen.db] [--rate 100] [--seconds 20] [--workers 8] [--no-match]

A large store for it: ``python bench/make_big_store.py --out /tmp/big.db`` (100,000 entities).

Without --db, examples/ is built into a temporary store first. The server is ``hafen serve``
in its own process on 127.0.0.1 only (stopped by its pid at the end); requests are sent at a
fixed rate, round-robin over the pages, never faster, so the load stays bounded.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from hafen.build import build
from hafen.store.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[1]


def _pages(db: str, match: bool) -> list[str]:
    """The pages to load: the most documented organisation (the worst profile) and a typical one."""
    with SQLiteStore(db) as store:
        orgs = store.read_entities(type="ORG", limit=1)
        top = orgs["items"][0]["id"]
        typical = store.read_entities(type="ORG", limit=1, offset=orgs["total"] // 10)["items"][0]["id"]
        doc = store.read_documents(limit=1, offset=1)["items"][0]["id"]
    pages = [
        "/",
        "/search?q=Logistik",
        f"/entity/{top}",
        f"/entity/{typical}",
        f"/doc/{doc}",
        "/graph",
        "/map",
        "/datasets",
        "/docs",
        "/api/entities?limit=50",
        "/api/search?q=Dortmund",
        "/api/graph",
    ]
    return [*pages, "/match?q=KI+Logistik"] if match else pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store to serve (default: build examples/ into a temp file)")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second (default 100)")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration (default 20)")
    parser.add_argument("--workers", type=int, default=8, help="client threads (default 8)")
    parser.add_argument(
        "--no-match", action="store_true", help="leave /match out (its index is slow to build)"
    )
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="hafen-bench-")
    db = args.db
    if not db:
        db = str(Path(tmp.name) / "bench.db")
        with SQLiteStore(db) as store:
            build([REPO / "examples"], store)
    pages = _pages(db, match=not args.no_match)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "hafen.cli", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(base + "/api/stats", timeout=5)
            break
        except httpx.HTTPError:
            time.sleep(0.05)

    latencies: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    local = threading.local()

    def fetch(path: str) -> None:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(base_url=base, timeout=30)
        t0 = time.perf_counter()
        try:
            ok = client.get(path).status_code == 200
        except httpx.HTTPError:
            ok = False
        elapsed = time.perf_counter() - t0
        with lock:
            if ok:
                latencies[path].append(elapsed)
            else:
                failures[path] += 1

    with httpx.Client(base_url=base, timeout=600) as warm:
        for path in pages:  # warm caches (graph centrality, map, matcher) outside the measurement
            t0 = time.perf_counter()
            status = warm.get(path).status_code
            print(f"warm-up {path[:40]:<40} {status} {time.perf_counter() - t0:7.2f} s", flush=True)

    interval = 1.0 / args.rate
    total = int(args.rate * args.seconds)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for i in range(total):
            due = start + i * interval
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(fetch, pages[i % len(pages)])
    wall = time.perf_counter() - start
    server.terminate()
    server.wait(timeout=10)

    done = sum(len(v) for v in latencies.values())
    print(
        f"{done} requests in {wall:.1f} s ({done / wall:.0f} req/s achieved, target {args.rate:.0f}); "
        f"failures: {sum(failures.values())}"
    )
    print(f"{'page':<32} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    for path in pages:
        xs = sorted(latencies[path])
        if not xs:
            print(f"{path:<32} {0:>5} {'-':>8} {'-':>8}")
            continue
        p95 = xs[min(len(xs) - 1, int(0.95 * len(xs)))]
        print(f"{path[:32]:<32} {len(xs):>5} {statistics.median(xs) * 1000:>8.1f} {p95 * 1000:>8.1f}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
