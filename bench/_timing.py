"""Timing shared by the page benchmarks: one page through Django's test client, and the machine's speed."""

import os
import statistics
import time

TINY = os.environ.get("BENCH_TINY") == "1"


def scale(full, tiny):
    """The size a benchmark runs at: `full`, or `tiny` under BENCH_TINY=1, where the smoke test
    (tests/test_bench.py) runs every module to its end in seconds so that none can rot unseen."""
    return tiny if TINY else full


def measure(client, label, path, *, headers=None, repeat=15, width=40):
    """Print median and p95 of wall-clock and CPU time over `repeat` requests, and the number of SQL queries.

    CPU time is this process's: with SQLite the database works in-process, so it is the server's whole
    work and stays meaningful when other programs share the cores; with PostgreSQL read the wall time."""
    from django.db import connection

    repeat = scale(repeat, 1)
    queries = []

    def counting(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    def once():
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(path, headers=headers or {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
        assert response.status_code == 200 and body, (path, response.status_code)
        return wall, cpu

    once(), once()  # warm caches and the connection
    with connection.execute_wrapper(counting):
        once()
    walls, cpus = zip(*(once() for _ in range(repeat)), strict=True)
    print(
        f"{label:<{width}} wall median {statistics.median(walls):7.1f} p95 {p95(walls):7.1f} ms"
        f"   cpu median {statistics.median(cpus):7.1f} p95 {p95(cpus):7.1f} ms   {len(queries):2d} queries"
    )


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def calibrate():
    """How fast this machine runs plain Python now, to compare runs on machines shared or not."""
    start = time.process_time()
    total = 0
    for i in range(3_000_000):
        total += i
    return (time.process_time() - start) * 1000
