"""The anonymisation check: what in a text meant for the public could identify the child or the family.

Pure and fast (no database, no model): `CaseCheck(details)` prepares the case's identifying details once
(the names, dates, addresses, schools and characteristics `cases/identifying.py` gathers) and `check(text)`
returns every finding with its position, so a screen can mark it.

- Identifiers (each must be resolved before sign-off or publication): the case's names, whole or in part, in
  any case, with possessives; its dates of birth and incident in every common UK form; the streets and
  postcodes of its addresses; its schools; and anyone's postcode, NHS number (checked by its check digit),
  National Insurance number, telephone number or e-mail address.
- Warnings (jigsaw identification: harmless alone, identifying together): exact dates beside a birth, death or
  incident; exact ages beside a named place; named streets, towns, schools and hospitals; the case's own rare
  combination of ethnicity, disability and faith.

Common words are not findings: "Ben" does not flag "benefit", a name that is also a word ("Will", "Grace") counts
only with its capital letter, a month alone is not a date, and "4.6.15" counts only when it is one of the case's
dates (reports number their paragraphs so).
"""

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from backend.anonymisation.dates import WrittenDate, find_dates
from backend.anonymisation.patterns import POSTCODE, Identifier, find_identifiers
from backend.anonymisation.words import (
    COMMON_WORD_NAMES,
    GENERIC_CHARACTERISTIC_WORDS,
    GENERIC_PLACE_WORDS,
    INSTITUTION_SUFFIXES,
    NAME_TITLES,
    SCHOOL_WORDS,
    STREET_SUFFIXES,
    STREET_WORDS,
)


class Severity(StrEnum):
    identifier = "identifier"
    warning = "warning"


class FindingKind(StrEnum):
    name = "name"
    date = "date"
    address = "address"
    postcode = "postcode"
    school = "school"
    nhs_number = "nhs_number"
    national_insurance_number = "national_insurance_number"
    phone_number = "phone_number"
    email_address = "email_address"
    exact_date = "exact_date"
    age_beside_place = "age_beside_place"
    named_place = "named_place"
    rare_combination = "rare_combination"


@dataclass(frozen=True)
class Known:
    """One identifying detail of the case: its kind (`cases.schemas.DetailKind`), value and whom it is about."""

    kind: str
    value: str
    about: str


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    severity: Severity
    text: str
    start: int
    end: int
    reason: str

    @property
    def key(self) -> str:
        """The same words of the same kind, wherever and in whichever version they are (what an acceptance names)."""
        return f"{self.kind.value}:{normalise(self.text)}"


def normalise(text: str) -> str:
    return re.sub(r"[\s\-'’]+", " ", text).strip().casefold()


_GENERIC: dict[Identifier, tuple[FindingKind, str]] = {
    Identifier.postcode: (FindingKind.postcode, "A postcode"),
    Identifier.nhs_number: (FindingKind.nhs_number, "An NHS number"),
    Identifier.national_insurance_number: (FindingKind.national_insurance_number, "A National Insurance number"),
    Identifier.phone_number: (FindingKind.phone_number, "A telephone number"),
    Identifier.email_address: (FindingKind.email_address, "An e-mail address"),
}
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen|twenty|twenty-one|twenty-two|twenty-three|twenty-four")
_NUMBER = rf"(?:\d{{1,2}}|{_NUMBER_WORDS})"
_UNIT = r"(?:years?|months?|weeks?|days?)"
_AGE = re.compile(
    rf"\b(?:aged|age)\s+{_NUMBER}(?:\s+{_UNIT})?\b|\b{_NUMBER}[-\s]{_UNIT}[-\s]old\b|\b{_NUMBER}\s+{_UNIT}\s+of\s+age\b",
    re.IGNORECASE)
_LIFE_EVENT = re.compile(r"\b(?:born|birth|birthday|died|dies|death|deceased|passed away|incident|injured|injury|"
                         r"injuries|killed|fatal)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s)|\n")
_PLACE_SUFFIX = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in STREET_SUFFIXES + INSTITUTION_SUFFIXES) + r")\b")
_CAPITALISED_RUN = re.compile(r"((?:[A-Z][\w'’.&-]*[ \t]+){1,4})$")
_ABBREVIATIONS = {"street": r"(?:street|st\.?)", "road": r"(?:road|rd\.?)", "avenue": r"(?:avenue|ave\.?)",
                  "lane": r"(?:lane|ln\.?)", "close": r"(?:close|cl\.?)", "drive": r"(?:drive|dr\.?)"}
_HOUSE = r"(?:\b(?:flat|apartment|unit)\s+\w+,?\s+)?(?:\b\d+[a-z]?,?\s+)?"
_ANY_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_PLAIN_PLACES = frozenset({"home", "the family home", "family home", "at home", "hospital", "school", "park",
                           "uk", "england", "united kingdom", "wales", "n/a", "unknown", "not known"})


def _pieces(word: str) -> str:
    """A name or word as a pattern: its hyphens, apostrophes and spaces may be written any of those ways."""
    return r"[-'’\s]?".join(re.escape(piece) for piece in re.split(r"[-'’]", word) if piece)


def _alternation(patterns: Iterable[str]) -> str:
    return "|".join(sorted(set(patterns), key=len, reverse=True))


def _bounded(pattern: str) -> str:
    return rf"(?<![\w])(?:{pattern})(?![\w])"


@dataclass
class _Lookup:
    """One kind of the case's details as a compiled pattern, and what each normalised match is about."""

    kind: FindingKind
    severity: Severity
    regex: re.Pattern[str] | None = None
    reasons: dict[str, str] = field(default_factory=dict)
    default_reason: str = ""

    def compile(self, patterns: dict[str, str], flags: int = re.IGNORECASE) -> None:
        if patterns:
            self.regex = re.compile(_bounded(_alternation(patterns)), flags)

    def find(self, text: str) -> Iterator[Finding]:
        if self.regex is None:
            return
        for match in self.regex.finditer(text):
            found = match.group()
            key = normalise(re.sub(r"^\d+[a-z]?,?\s+", "", found, flags=re.I))
            reason = self.reasons.get(key) or self.reasons.get(key.replace(" ", ""), self.default_reason)
            yield Finding(self.kind, self.severity, found, match.start(), match.end(), reason)


def _split_address(value: str) -> tuple[list[str], list[str], list[str]]:
    """An address's streets (house numbers dropped), its towns and districts, and its postcodes."""
    postcodes = [m.group() for m in POSTCODE.finditer(value.upper())]
    streets: list[str] = []
    towns: list[str] = []
    for part in re.split(r"[,\n;]+", value):
        part = _ANY_POSTCODE.sub("", part).strip(" .")
        part = re.sub(r"^(?:flat|apartment|unit)\s+\w+\s*", "", part, flags=re.I)
        numbered = re.match(r"^\d+[a-z]?\b\s*", part, flags=re.I)
        part = part[numbered.end():] if numbered else part
        if not re.search(r"[A-Za-z]{2}", part) or normalise(part) in _PLAIN_PLACES:
            continue
        words = part.split()
        if words[-1].casefold().rstrip(".") in STREET_WORDS or (numbered and not streets):
            streets.append(part)
        else:
            towns.append(part)
    return streets, towns, postcodes


def _street_pattern(street: str) -> str:
    words = street.split()
    last = _ABBREVIATIONS.get(words[-1].casefold().rstrip("."), _pieces(words[-1]))
    return _HOUSE + r"\s+".join([*(_pieces(w) for w in words[:-1]), last])


def _postcode_pattern(postcode: str) -> str:
    compact = postcode.replace(" ", "")
    return re.escape(compact[:-3]) + r"\s?" + re.escape(compact[-3:])


def _capitalised(word: str) -> str:
    """Matches the word only written with a capital: "Will", "WILL", never "will"."""
    return f"(?:{_pieces(word[:1].upper() + word[1:].casefold())}|{_pieces(word.upper())})"


class CaseCheck:
    """The case's identifying details, prepared once; `check` runs on as many texts as needed."""

    def __init__(self, details: Iterable[Known]) -> None:
        self.names = _Lookup(FindingKind.name, Severity.identifier)
        self.common_names = _Lookup(FindingKind.name, Severity.identifier)
        self.streets = _Lookup(FindingKind.address, Severity.identifier)
        self.postcodes = _Lookup(FindingKind.postcode, Severity.identifier)
        self.towns = _Lookup(FindingKind.named_place, Severity.warning)
        self.schools = _Lookup(FindingKind.school, Severity.identifier)
        self.dates: list[tuple[dt.date, str, str]] = []  # (date, kind, about)
        self.characteristics: dict[str, _Lookup] = {}
        names: dict[str, str] = {}
        common: dict[str, str] = {}
        streets: dict[str, str] = {}
        postcodes: dict[str, str] = {}
        towns: dict[str, str] = {}
        schools: dict[str, str] = {}
        traits: dict[str, dict[str, str]] = {}
        for detail in details:
            value, about = detail.value.strip(), detail.about
            if not value:
                continue
            if detail.kind == "name":
                self._name(value, about, names, common)
            elif detail.kind in ("address", "place"):
                found_streets, found_towns, found_postcodes = _split_address(value)
                whose = f"{about}'s address" if detail.kind == "address" else about
                for street in found_streets:
                    streets[_street_pattern(street)] = street
                    self.streets.reasons[normalise(street)] = f"Names the street of {whose}"
                for town in found_towns:
                    towns[_pieces(town)] = town
                    self.towns.reasons[normalise(town)] = (f"Names the town of {whose}" if detail.kind == "address"
                                                           else f"Names {about}")
                for postcode in found_postcodes:
                    postcodes[_postcode_pattern(postcode)] = postcode
                    self.postcodes.reasons[normalise(postcode).replace(" ", "")] = f"The postcode of {whose}"
            elif detail.kind == "school":
                self._school(value, about, schools)
            elif detail.kind in ("date_of_birth", "date_of_incident"):
                try:
                    self.dates.append((dt.date.fromisoformat(value[:10]), detail.kind, about))
                except ValueError:
                    continue
            elif detail.kind in ("ethnicity", "disability", "faith"):
                terms = traits.setdefault(detail.kind, {})
                if len(value) >= 4:
                    terms[_pieces(value)] = value
                for word in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", value):
                    if word.casefold() not in GENERIC_CHARACTERISTIC_WORDS:
                        terms[_pieces(word)] = word
        self.names.compile(names)
        self.common_names.compile(common, flags=0)
        self.streets.compile(streets)
        self.postcodes.compile(postcodes)
        self.towns.compile(towns, flags=0)
        self.schools.compile(schools)
        for kind, terms in traits.items():
            lookup = _Lookup(FindingKind.rare_combination, Severity.warning,
                             default_reason=f"The case's own {kind.replace('_', ' ')}, beside its other "
                                            "characteristics in this text: together they may identify the child")
            lookup.compile(terms)
            self.characteristics[kind] = lookup

    def _name(self, value: str, about: str, names: dict[str, str], common: dict[str, str]) -> None:
        reason = f"Names {about}"
        parts = [p for p in re.split(r"\s+", value) if p.casefold().rstrip(".") not in NAME_TITLES]
        parts = [p.strip(".,()\"") for p in parts if len(p.strip(".,()\"")) >= 2]
        if len(parts) > 1:
            names[r"\s+".join(_pieces(p) for p in parts)] = value
            self.names.reasons[normalise(" ".join(parts))] = reason
        pieces = parts + [piece for p in parts if "-" in p for piece in p.split("-") if len(piece) >= 2]
        for part in pieces:
            if part.casefold() in COMMON_WORD_NAMES or len(part) <= 2:
                common[_capitalised(part)] = part
                self.common_names.reasons[normalise(part)] = reason
            else:
                names[_pieces(part)] = part
                self.names.reasons.setdefault(normalise(part), reason)

    def _school(self, value: str, about: str, schools: dict[str, str]) -> None:
        reason = f"Names {about}"
        schools[r"\s+".join(_pieces(w) for w in value.split())] = value
        self.schools.reasons[normalise(value)] = reason
        stem = [w for w in value.split() if w.casefold().strip(".'’") not in SCHOOL_WORDS]
        if stem and stem != value.split():
            kinds = r"(?:\s+(?:primary|secondary|infants?|juniors?|nursery|community|church of england|c\s?of\s?e|" \
                    r"ce|rc|catholic|high))*\s+(?:school|academy|primary|college|nursery|infants|juniors)"
            schools[r"\s+".join(_pieces(w) for w in stem) + kinds] = value
        self.schools.default_reason = reason

    def check(self, text: str) -> list[Finding]:
        """Every finding in `text`, in order of position; findings never overlap (identifiers win)."""
        found: list[Finding] = []
        for lookup in (self.names, self.common_names, self.streets, self.postcodes, self.towns, self.schools):
            found += lookup.find(text)
        for match in find_identifiers(text):
            kind, reason = _GENERIC[match.kind]
            found.append(Finding(kind, Severity.identifier, match.text, match.start, match.end, reason))
        sentences = _Sentences(text)
        found += self._dates(text, sentences)
        found += _named_places(text)
        found += self._combinations(text)
        kept = _without_overlaps(found)
        kept += _ages_beside_places(text, sentences, kept)
        return sorted(_without_overlaps(kept), key=lambda f: f.start)

    def _dates(self, text: str, sentences: "_Sentences") -> Iterator[Finding]:
        for written in find_dates(text):
            finding = self._case_date(written)
            if finding is not None:
                yield finding
            elif written.complete and not written.ambiguous and sentences.has(_LIFE_EVENT, written.start):
                yield Finding(FindingKind.exact_date, Severity.warning, written.text, written.start, written.end,
                              "An exact date beside a birth, death or incident: with other details it could "
                              "identify the child")

    def _case_date(self, written: WrittenDate) -> Finding | None:
        for day, kind, about in self.dates:
            what = f"the date of birth of {about}" if kind == "date_of_birth" else "the date of the incident"
            if written.is_day(day):
                return Finding(FindingKind.date, Severity.identifier, written.text, written.start, written.end,
                               f"Gives {what}")
            if written.is_month_of(day):
                severity = Severity.identifier if kind == "date_of_birth" else Severity.warning
                return Finding(FindingKind.date, severity, written.text, written.start, written.end,
                               f"Gives the month and year of {what.removeprefix('the date of ')}")
            if written.is_birthday_of(day) and kind == "date_of_birth":
                return Finding(FindingKind.date, Severity.warning, written.text, written.start, written.end,
                               f"Gives the birthday of {about}")
        return None

    def _combinations(self, text: str) -> list[Finding]:
        mentioned = {kind: list(lookup.find(text)) for kind, lookup in self.characteristics.items()}
        mentioned = {kind: found for kind, found in mentioned.items() if found}
        if len(mentioned) < 2:
            return []
        return [finding for found in mentioned.values() for finding in found]


def check(text: str, details: Iterable[Known]) -> list[Finding]:
    """The findings in `text` for a case with these identifying details (see `CaseCheck` to check many texts)."""
    return CaseCheck(details).check(text)


class _Sentences:
    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text)]

    def bounds(self, position: int) -> tuple[int, int]:
        index = bisect_right(self.ends, position)
        start = self.ends[index - 1] if index > 0 else 0
        end = self.ends[index] if index < len(self.ends) else len(self.text)
        return start, end

    def has(self, pattern: re.Pattern[str], position: int) -> bool:
        start, end = self.bounds(position)
        return pattern.search(self.text, start, end) is not None


def _named_places(text: str) -> Iterator[Finding]:
    """Capitalised names ending in a street or institution word ("Marsh Lane", "Harbourside General Hospital"),
    without the words that name no particular place ("the Family Court", "a Primary School")."""
    for match in _PLACE_SUFFIX.finditer(text):
        before = _CAPITALISED_RUN.search(text, max(0, match.start() - 80), match.start())
        if before is None:
            continue
        words = before.group(1).split()
        offset = before.start(1)
        while words and words[0].casefold().rstrip(".,") in GENERIC_PLACE_WORDS:
            offset = text.index(words[0], offset) + len(words[0])
            words = words[1:]
        if not words:
            continue
        start = text.index(words[0], offset)
        yield Finding(FindingKind.named_place, Severity.warning, text[start:match.end()], start, match.end(),
                      "Names a street, school, hospital or other place: with other details it could identify "
                      "the child")


def _ages_beside_places(text: str, sentences: _Sentences, found: list[Finding]) -> Iterator[Finding]:
    places = [f.start for f in found if f.kind in (FindingKind.named_place, FindingKind.address, FindingKind.school)]
    if not places:
        return
    spans = sorted({sentences.bounds(position) for position in places})
    for start, end in spans:  # only the sentences that name a place
        for match in _AGE.finditer(text, start, end):
            yield Finding(FindingKind.age_beside_place, Severity.warning, match.group(), match.start(), match.end(),
                          "An exact age beside a named place: together they could identify the child")


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Identifiers before warnings, longer before shorter: a finding overlapping a kept one is dropped."""
    ranked = sorted(findings, key=lambda f: (f.severity != Severity.identifier, f.start - f.end, f.start))
    kept: list[Finding] = []
    starts: list[int] = []  # the kept findings' spans, in order: they never overlap, so their ends are in order too
    ends: list[int] = []
    for finding in ranked:
        index = bisect_left(starts, finding.end)
        if index > 0 and ends[index - 1] > finding.start:
            continue
        kept.append(finding)
        starts.insert(index, finding.start)
        ends.insert(index, finding.end)
    return kept
