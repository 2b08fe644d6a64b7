"""Calendar dates people record after the fact (a letter sent, a discussion held): today or earlier."""

import datetime as dt

from backend.core import clock


def not_in_future(errors: list[tuple[str, str]], field: str, value: dt.date | None, what: str) -> None:
    """Add a GOV.UK style error for `field` when `value` is after today ("Date the letter was sent must be today
    or in the past")."""
    if value is not None and value > clock.today():
        errors.append((field, f"{what} must be today or in the past"))
