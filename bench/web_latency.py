"""Web latency under a bounded local load: p50/p95 per page at a fixed request rate.

    python bench/web_latency.py [--db hafen.db] [--rate 100] [--seconds 20] [--workers 16]
                                [--server-workers N] [--no-match]

A large store for it: ``python bench/make_big_store.py --out /tmp/big.db`` (100,000 entities).

Without --db, examples/ is built into a temporary store first. The server is ``hafen serve``
in its own process on 127.0.0.1 only (stopped by its pid at the end); requests are sent at a
fixed rate, round-robin over the pages, never faster, so the load stays bounded.

Per page: p50/p95 from sending the request, and p95 from the moment it was due (queueing in
the client included: if the server falls behind, this column shows it). At the end: the rate
achieved and the server's CPU seconds per request (the process and its workers, from /proc).
"""

from __future__ import annotations

import argparse
import atexit
import os
import queue
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


def _cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and its child processes so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


TERMS = ["Logistik", "Robotik", "Energie", "Wasserstoff", "Sensorik", "Software", "Chemie", "Mobilität"]
TERMS += ["Cloud", "Photonik", "Dortmund", "Bochum", "Forschung", "Stahl", "Hafen", "Daten", "Bildung"]
NEEDS = ["KI Logistik", "Wasserstoff Speicher", "Robotik Fertigung", "Sensorik Umwelt", "Cloud Sicherheit"]
NEEDS += [
    "Medizintechnik Startup",
    "Photonik Forschung",
    "Mobilität Daten",
    "Chemie Recycling",
    "Bau Energie",
]


def _pages(db: str, match: bool, varied: bool) -> list[list[str]]:
    """The pages to load, each a list of variants asked in turn.

    Fixed: one URL each: the most documented organisation (the worst profile), a typical one,
    one document, one query. Varied: many entities across the ranking, many documents, many
    search terms and needs, so that caches of single pages help only as much as they would
    for real visitors.
    """
    with SQLiteStore(db) as store:
        orgs = store.read_entities(type="ORG", limit=1)
        top = orgs["items"][0]["id"]
        typical = store.read_entities(type="ORG", limit=1, offset=orgs["total"] // 10)["items"][0]["id"]
        doc = store.read_documents(limit=1, offset=1)["items"][0]["id"]
        n = 40 if varied else 1
        busy = [e["id"] for e in store.read_entities(limit=n)["items"]]
        total = store.read_entities(limit=1)["total"]
        spread = [
            store.read_entities(limit=1, offset=(1000 + k * 7919) % total)["items"][0]["id"] for k in range(n)
        ]
        n_docs = store.read_documents(limit=1)["total"]
        docs = [store.read_documents(limit=1, offset=(k * 31) % n_docs)["items"][0]["id"] for k in range(n)]
    terms, needs = (TERMS, NEEDS) if varied else (["Logistik"], ["KI Logistik"])
    pages = [
        ["/"],
        [f"/search?q={t}" for t in terms],
        [f"/entity/{e}" for e in busy] if varied else [f"/entity/{top}"],
        [f"/entity/{e}" for e in spread] if varied else [f"/entity/{typical}"],
        [f"/doc/{d}" for d in docs] if varied else [f"/doc/{doc}"],
        ["/graph"],
        ["/map"],
        ["/datasets"],
        ["/docs"],
        ["/api/entities?limit=50"],
        [f"/api/search?q={t}" for t in reversed(terms)] if varied else ["/api/search?q=Dortmund"],
        ["/api/graph"],
        [f"/entity/{e}?page=3" for e in busy] if varied else [f"/entity/{top}?page=3"],
        [f"/api/entities/{e}" for e in busy] if varied else [f"/api/entities/{top}"],
    ]
    return [*pages, [f"/match?q={q.replace(' ', '+')}" for q in needs]] if match else pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store to serve (default: build examples/ into a temp file)")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second (default 100)")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration (default 20)")
    parser.add_argument("--workers", type=int, default=16, help="client threads (default 16)")
    parser.add_argument(
        "--server-workers", type=int, default=None, help="hafen serve --workers (default: its own default)"
    )
    parser.add_argument(
        "--no-match", action="store_true", help="leave /match out (its index is slow to build)"
    )
    parser.add_argument(
        "--varied",
        action="store_true",
        help="many entities, documents, terms and needs instead of one of each",
    )
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="hafen-bench-")
    db = args.db
    if not db:
        db = str(Path(tmp.name) / "bench.db")
        with SQLiteStore(db) as store:
            build([REPO / "examples"], store)
    pages = _pages(db, match=not args.no_match, varied=args.varied)
    labels = [v[0] + (" …" if len(v) > 1 else "") for v in pages]

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "hafen.cli",
        "serve",
        "--db",
        db,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    if args.server_workers:
        command += ["--workers", str(args.server_workers)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    atexit.register(server.terminate)  # also when the benchmark fails half-way
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(base + "/api/stats", timeout=5)
            break
        except httpx.HTTPError:
            time.sleep(0.05)

    latencies: dict[str, list[float]] = defaultdict(list)
    scheduled: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    clients: queue.SimpleQueue[httpx.Client] = queue.SimpleQueue()
    for _ in range(args.workers):  # made before the clock starts: a client costs milliseconds to set up
        clients.put(httpx.Client(base_url=base, timeout=30))

    def fetch(kind: int, path: str, due: float) -> None:
        client = clients.get()
        t0 = time.perf_counter()
        try:
            ok = client.get(path).status_code == 200
        except httpx.HTTPError:
            ok = False
        now = time.perf_counter()
        clients.put(client)
        with lock:
            if ok:
                latencies[labels[kind]].append(now - t0)
                scheduled[labels[kind]].append(now - due)
            else:
                failures[labels[kind]] += 1

    with httpx.Client(base_url=base, timeout=600) as warm:
        for path in (v[0] for v in pages):  # the whole-store caches and the matcher, not measured
            t0 = time.perf_counter()
            status = warm.get(path).status_code
            print(f"warm-up {path[:40]:<40} {status} {time.perf_counter() - t0:7.2f} s", flush=True)

    # hafen serve warms its caches in the background (fact counts, busy profiles, match index):
    # wait until the server is idle, so that the figures are of serving alone.
    idle_since = time.perf_counter()
    before = _cpu_seconds(server.pid)
    while time.perf_counter() - idle_since < 300:
        time.sleep(1.0)
        now_cpu = _cpu_seconds(server.pid)
        if now_cpu - before < 0.05:
            break
        before = now_cpu
    print(f"server idle after {time.perf_counter() - idle_since:.0f} s of background warm-up", flush=True)
    cpu0 = _cpu_seconds(server.pid)
    interval = 1.0 / args.rate
    total = int(args.rate * args.seconds)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for i in range(total):
            due = start + i * interval
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            kind = i % len(pages)
            variants = pages[kind]
            pool.submit(fetch, kind, variants[(i // len(pages)) % len(variants)], due)
    wall = time.perf_counter() - start
    cpu = _cpu_seconds(server.pid) - cpu0
    server.terminate()
    server.wait(timeout=10)

    done = sum(len(v) for v in latencies.values())
    print(
        f"{done} requests in {wall:.1f} s ({done / wall:.0f} req/s achieved, target {args.rate:.0f}); "
        f"failures: {sum(failures.values())}; "
        f"server CPU {cpu:.1f} s = {cpu / max(done, 1) * 1000:.1f} ms/request"
    )
    print(f"{'page':<32} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p95 due':>8}")

    def p95(xs: list[float]) -> float:
        return sorted(xs)[min(len(xs) - 1, int(0.95 * len(xs)))]

    everything: list[float] = []
    for path in labels:
        xs = latencies[path]
        everything += xs
        if not xs:
            print(f"{path:<32} {0:>5} {'-':>8} {'-':>8} {'-':>8}")
            continue
        print(
            f"{path[:32]:<32} {len(xs):>5} {statistics.median(xs) * 1000:>8.1f} {p95(xs) * 1000:>8.1f} "
            f"{p95(scheduled[path]) * 1000:>8.1f}"
        )
    if everything:
        print(
            f"{'all pages':<32} {len(everything):>5} {statistics.median(everything) * 1000:>8.1f} "
            f"{p95(everything) * 1000:>8.1f}"
        )
    tmp.cleanup()


if __name__ == "__main__":
    main()
