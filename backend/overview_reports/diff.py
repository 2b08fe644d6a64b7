"""The differences between two versions of a report, word by word, for reading side by side.

The standard library's `difflib.SequenceMatcher` does the comparing: first paragraph by paragraph (so a long
report costs little where it did not change), then word by word within the paragraphs that did. Each side keeps
its own words: the left (the earlier version) marks what was deleted, the right what was inserted.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_WORD = re.compile(r"\S+\s*")


class Change(StrEnum):
    equal = "equal"
    inserted = "inserted"
    deleted = "deleted"


class ParagraphStatus(StrEnum):
    same = "same"
    changed = "changed"
    inserted = "inserted"
    deleted = "deleted"


@dataclass
class Segment:
    text: str
    change: Change


@dataclass
class ParagraphPair:
    status: ParagraphStatus
    left: list[Segment] = field(default_factory=list)
    right: list[Segment] = field(default_factory=list)
    left_number: int | None = None
    right_number: int | None = None


@dataclass
class Comparison:
    paragraphs: list[ParagraphPair]

    @property
    def changes(self) -> Iterator[Segment]:
        """The inserted and deleted stretches, in order."""
        for pair in self.paragraphs:
            for segment in (*pair.left, *pair.right):
                if segment.change != Change.equal:
                    yield segment

    def count(self, change: Change) -> int:
        return sum(len(segment.text.split()) for segment in self.changes if segment.change == change)


def paragraphs(text: str) -> list[str]:
    """A report's paragraphs (separated by a blank line), numbered from 1 where comments anchor to them."""
    return [p.strip() for p in PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


def _append(segments: list[Segment], text: str, change: Change) -> None:
    if not text:
        return
    if segments and segments[-1].change == change:
        segments[-1].text += text
    else:
        segments.append(Segment(text, change))


def _words(left: str, right: str) -> tuple[list[Segment], list[Segment]]:
    a, b = _WORD.findall(left), _WORD.findall(right)
    matcher = SequenceMatcher(None, [w.strip() for w in a], [w.strip() for w in b], autojunk=False)
    old: list[Segment] = []
    new: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(old, "".join(a[i1:i2]), Change.equal)
            _append(new, "".join(b[j1:j2]), Change.equal)
        else:
            _append(old, "".join(a[i1:i2]), Change.deleted)
            _append(new, "".join(b[j1:j2]), Change.inserted)
    return old, new


def compare(old_text: str, new_text: str) -> Comparison:
    old, new = paragraphs(old_text), paragraphs(new_text)
    pairs: list[ParagraphPair] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                text = old[i1 + offset]
                pairs.append(ParagraphPair(ParagraphStatus.same, [Segment(text, Change.equal)],
                                           [Segment(text, Change.equal)], i1 + offset + 1, j1 + offset + 1))
            continue
        for offset in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + offset, j1 + offset
            if i < i2 and j < j2:
                left, right = _words(old[i], new[j])
                pairs.append(ParagraphPair(ParagraphStatus.changed, left, right, i + 1, j + 1))
            elif i < i2:
                pairs.append(ParagraphPair(ParagraphStatus.deleted, [Segment(old[i], Change.deleted)], [], i + 1))
            else:
                pairs.append(ParagraphPair(ParagraphStatus.inserted, [], [Segment(new[j], Change.inserted)], None,
                                           j + 1))
    return Comparison(pairs)
