"""The text sizes the forms share: a line, or a box of free text, trimmed, each required or optional; and the
characters no record holds.

A control character (a form feed, an escape, a NUL: anything below a space but the tab and the line breaks, and
DEL) cannot be seen, printed or written into a Word or Excel file (XML refuses it), so a request body carrying one
is refused naming the field (core/schemas.RequestBody), and an imported file's cells are read without them.
"""

import re
from typing import Annotated

from pydantic import StringConstraints

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
OptionalShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
OptionalLongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def has_control_character(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)
