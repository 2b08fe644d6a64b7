"""A small async load generator (when `wrk` is not installed): `concurrency` clients, each sending one request
after another for `duration` seconds; prints one JSON line in the shape benchmarks/load.py reads from wrk."""

import argparse
import asyncio
import json
import statistics
import time

import httpx


async def _client(client: httpx.AsyncClient, args: argparse.Namespace, stop: float, latencies: list[float],
                  failures: list[int]) -> None:
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
    if args.body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    while time.perf_counter() < stop:
        started = time.perf_counter()
        try:
            answer = await client.request(args.method, args.url, content=args.body or None, headers=headers)
            if answer.status_code >= 400:
                failures[1] += 1
        except httpx.HTTPError:
            failures[0] += 1
        latencies.append((time.perf_counter() - started) * 1000)


async def main(args: argparse.Namespace) -> None:
    latencies: list[float] = []
    failures = [0, 0]
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        started = time.perf_counter()
        stop = started + args.duration
        await asyncio.gather(*(_client(client, args, stop, latencies, failures) for _ in range(args.concurrency)))
        seconds = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0] if latencies else 0.0] * 99
    print(json.dumps({"requests": len(latencies), "seconds": seconds, "errors": failures[0], "non_2xx": failures[1],
                      "p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body", default="")
    parser.add_argument("--token", default="")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--duration", type=float, default=5)
    asyncio.run(main(parser.parse_args()))
