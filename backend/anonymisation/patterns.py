"""Identifiers of anyone, found anywhere in a text by their shape: UK postcodes, NHS numbers (checked by their
modulus 11 check digit), National Insurance numbers, UK telephone numbers and e-mail addresses."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class Identifier(StrEnum):
    postcode = "postcode"
    nhs_number = "nhs_number"
    national_insurance_number = "national_insurance_number"
    phone_number = "phone_number"
    email_address = "email_address"


@dataclass(frozen=True)
class Match:
    kind: Identifier
    start: int
    end: int
    text: str


# Written in capitals, as postcodes are; the case's own postcodes are also looked for in any case.
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)"
                      r" ?\d[ABD-HJLNP-UW-Z]{2})\b")
_NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
# Two prefix letters (not D, F, I, Q, U, V; the second not O; never BG, GB, KN, NK, NT, TN, ZZ), six digits,
# a suffix A-D, spaced or not.
_NI = re.compile(r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s-]?\)?){8,9}\d(?!\d)")
_EMAIL = re.compile(r"\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


def nhs_checksum_ok(digits: str) -> bool:
    """The NHS number's tenth digit is its modulus 11 check digit (weights 10 down to 2); 10 is never valid."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def find_identifiers(text: str) -> Iterator[Match]:
    """Every identifier in `text`; an NHS number is not also reported as a telephone number."""
    for match in _EMAIL.finditer(text):
        yield Match(Identifier.email_address, match.start(), match.end(), match.group())
    for match in POSTCODE.finditer(text):
        yield Match(Identifier.postcode, match.start(), match.end(), match.group())
    for match in _NI.finditer(text):
        yield Match(Identifier.national_insurance_number, match.start(), match.end(), match.group())
    nhs: list[tuple[int, int]] = []
    for match in _NHS.finditer(text):
        if nhs_checksum_ok("".join(match.groups())):
            nhs.append((match.start(), match.end()))
            yield Match(Identifier.nhs_number, match.start(), match.end(), match.group())
    for match in _PHONE.finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in nhs):
            yield Match(Identifier.phone_number, match.start(), match.end(), match.group().rstrip())
