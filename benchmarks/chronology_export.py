"""How long the export of the integrated chronology of the review with 2,000 entries takes (XLSX, the default,
and Word), and the peak memory of the process that serves it (the app in-process, as the business office):

    python -m benchmarks.chronology_export [--url ...] [--json]
"""

import json
import time

from benchmarks.timed import arguments, handles, office_client, peak_rss_mb


def main() -> None:
    args = arguments(__doc__)
    review_id = handles(args.url)["handles"]["review_with_2000_entries"]
    took: dict[str, float] = {}
    with office_client(args.url) as client:
        client.get("/api/v1/me").raise_for_status()
        baseline = peak_rss_mb()  # the app imported and serving, before the job
        for format in ("xlsx", "docx"):
            started = time.perf_counter()
            answer = client.get(f"/api/v1/reviews/{review_id}/integrated-chronology/export?format={format}")
            took[format] = round(time.perf_counter() - started, 2)
            answer.raise_for_status()
    result = {"seconds": took["xlsx"], "docx_seconds": took["docx"], "peak_rss_mb": peak_rss_mb(),
              "baseline_rss_mb": baseline}
    print(json.dumps(result) if args.json else str(result))


if __name__ == "__main__":
    main()
