"""How long the action tracker's XLSX export of every action (20,000 in the ten-year database) takes, and the peak
memory of the process that serves it (the app in-process, signed in as the business office):

    python -m benchmarks.actions_export [--url ...] [--json]
"""

import json
import time

from benchmarks.timed import arguments, office_client, peak_rss_mb


def main() -> None:
    args = arguments(__doc__)
    with office_client(args.url) as client:
        client.get("/api/v1/me").raise_for_status()  # warm the app before the clock starts
        baseline = peak_rss_mb()  # the app imported and serving, before the job
        started = time.perf_counter()
        answer = client.get("/api/v1/actions/export.xlsx")
        seconds = time.perf_counter() - started
        answer.raise_for_status()
        total = client.get("/api/v1/actions?limit=1").json()["total"]
    result = {"seconds": round(seconds, 2), "peak_rss_mb": peak_rss_mb(), "baseline_rss_mb": baseline,
              "actions": total, "bytes": len(answer.content)}
    print(json.dumps(result) if args.json else f"{total:,} actions: {result}")


if __name__ == "__main__":
    main()
