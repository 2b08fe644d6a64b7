"""The text sizes the forms share: a line, or a box of free text, trimmed, each required or optional."""

from typing import Annotated

from pydantic import StringConstraints

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
OptionalShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
OptionalLongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
