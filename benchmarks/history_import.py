"""How long the history import (backend/learning/history.py) takes for a workbook of 1,000 past recommendations,
each with an agency's action, across 50 past reviews, into the ten-year database; rolled back afterwards, so the
database stays as seeded. The workbook is built before the clock starts.

    python -m benchmarks.history_import [--url ...] [--json]
"""

import io
import json
import os
import time

from benchmarks.timed import arguments, peak_rss_mb

RECOMMENDATIONS, REVIEWS = 1_000, 50


def workbook(agencies: list[str], themes: list[str]) -> bytes:
    from openpyxl import Workbook

    from backend.learning.history import TEMPLATE

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([header for _key, header, _what in TEMPLATE])
    per_review = RECOMMENDATIONS // REVIEWS
    for n in range(RECOMMENDATIONS):
        review, number = divmod(n, per_review)
        agency = agencies[n % len(agencies)]
        sheet.append([f"Child H{review:03d}", "Child Safeguarding Practice Review", f"31/05/{2015 + review % 8}",
                      "Recommendation", str(number + 1), "",
                      "Partners should make sure information about fathers is shared at every strategy discussion.",
                      f"{themes[n % len(themes)]}; {themes[(n * 7 + 3) % len(themes)]}", agency,
                      "The partnership will audit strategy discussions.", agency,
                      "Add fathers' details to every notification.", "Every notification names the father.",
                      f"31/03/{2016 + review % 8}", "Complete" if n % 3 else "In progress",
                      f"15/03/{2016 + review % 8}" if n % 3 else "", "An audit found 48 of 50 named the father."
                      if n % 3 else ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    args = arguments(__doc__)
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("ENVIRONMENT", "test")
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    import backend.models  # noqa: F401
    from backend.core.db import make_engine
    from backend.identity.models import Agency
    from backend.learning import history
    from backend.themes.models import Theme

    engine = make_engine(args.url)
    with Session(engine) as session:
        agencies = list(session.scalars(select(Agency.name).order_by(Agency.name)))
        themes = list(session.scalars(select(Theme.name).where(Theme.retired_at.is_(None)).order_by(Theme.name)))
        content = workbook(agencies, themes)
        started = time.perf_counter()
        result = history.import_history(session, None, content, "history.xlsx")
        session.flush()
        seconds = time.perf_counter() - started
        session.rollback()
    engine.dispose()
    out = {"seconds": round(seconds, 2), "peak_rss_mb": peak_rss_mb(),
           "recommendations": result.recommendations, "actions": result.actions}
    print(json.dumps(out) if args.json else str(out))


if __name__ == "__main__":
    main()
