"""A small load generator for machines without wrk: `clients` threads, each with one keep-alive
connection, requesting `paths` in turn for `seconds`; returns latencies and errors. Python
threads share one core's worth of interpreter, so it under-reports the server's ceiling; it is
for `make loadtest` to run (and count errors) anywhere, not for the fastest figures."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    latencies: list = field(default_factory=list)  # seconds
    errors: list = field(default_factory=list)
    seconds: float = 0.0

    def percentile(self, fraction):
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else None

    @property
    def p50(self):
        return statistics.median(self.latencies) if self.latencies else None

    @property
    def rate(self):
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def run_load(base, paths, clients, seconds, timeout=10):
    parts = urlsplit(base)
    result = LoadResult()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(offset):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        n = offset
        while time.monotonic() < deadline:
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
                with lock:
                    result.errors.append(f"{path}: {type(error).__name__}")
                continue
            elapsed = time.perf_counter() - started
            with lock:
                if status >= 400:
                    result.errors.append(f"{path}: {status}")
                else:
                    result.latencies.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    return result
