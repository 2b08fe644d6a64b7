"""Between the typed Appendix 1 form and the referral's columns: apply changes, read back, find empty boxes.

A box's column is its form path without "contact" joined by underscores
(`senior_manager.contact.phone` -> `senior_manager_phone`, `child.faith` -> `child_faith`).
"""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from backend.referrals.models import Referral
from backend.referrals.schemas import (
    ChildDetails,
    ChronologyEntry,
    ContactDetails,
    FamilyMember,
    OtherAgency,
    PersonBlock,
    ReferralForm,
    Themes,
)

Path = tuple[str, ...]

_BLOCKS: dict[str, type[BaseModel]] = {
    "referrer": PersonBlock, "senior_manager": PersonBlock, "contact": ContactDetails,
    "child": ChildDetails, "themes": Themes,
}
_TABLES: dict[str, type[BaseModel]] = {
    "other_agencies": OtherAgency, "chronology": ChronologyEntry, "family_members": FamilyMember,
}

# Boxes the referrer may leave empty: the postal address (phone and e-mail suffice), a chronology
# entry's time (often unknown), and the link to a partner agency's account (the name is the box).
OPTIONAL: frozenset[str] = frozenset({
    "referrer.contact.address", "senior_manager.contact.address", "child_reference",
    "other_agencies.agency_id", "chronology.time",
})

# Special category data about the child and family, shown only to those allowed to see it.
IDENTIFYING_CHILD_FIELDS = ("name", "date_of_birth", "home_address", "ethnic_origin", "faith", "disability",
                            "incident_location")
IDENTIFYING_FAMILY_FIELDS = ("name", "date_of_birth", "address")
IDENTIFYING_PATHS = frozenset({f"child.{name}" for name in IDENTIFYING_CHILD_FIELDS} | {"family_members"})


def _leaves(model: type[BaseModel], prefix: Path = ()) -> Iterator[Path]:
    for name in model.model_fields:
        if name in _BLOCKS:
            yield from _leaves(_BLOCKS[name], (*prefix, name))
        else:
            yield (*prefix, name)


LEAVES: tuple[Path, ...] = tuple(_leaves(ReferralForm))


def column(path: Path) -> str:
    return "_".join(part for part in path if part != "contact")


def apply(referral: Referral, form: BaseModel, prefix: Path = ()) -> None:
    """Write the fields the caller sent; a block sent as null empties every box in it."""
    for name in form.model_fields_set:
        value = getattr(form, name)
        path = (*prefix, name)
        if name in _BLOCKS:
            if value is None:
                for leaf in LEAVES:
                    if leaf[: len(path)] == path:
                        setattr(referral, column(leaf), [] if leaf[-1] in _TABLES else None)
            else:
                apply(referral, value, path)
        elif name == "child_reference":
            continue  # the reference is the case's: the service renames the case
        elif name in _TABLES:
            setattr(referral, column(path), list(value or []))
        else:
            setattr(referral, column(path), value)


def _nested(referral: Referral) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for leaf in LEAVES:
        node = tree
        for part in leaf[:-1]:
            node = node.setdefault(part, {})
        node[leaf[-1]] = getattr(referral, column(leaf))
    return tree


def read(referral: Referral) -> ReferralForm:
    return ReferralForm.model_validate(_nested(referral))


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_boxes(referral: Referral, today: dt.date) -> list[tuple[str, str]]:
    """Every box still empty (or inconsistent), as (field path, message): the guidance returns such a form."""
    errors: list[tuple[str, str]] = []
    for leaf in LEAVES:
        dotted, value = ".".join(leaf), getattr(referral, column(leaf))
        if dotted in OPTIONAL:
            continue
        if leaf[-1] in _TABLES:
            errors.extend(_missing_rows(dotted, value))
        elif _empty(value):
            errors.append((dotted, "must be completed before the request is submitted"))
    born, incident = referral.child_date_of_birth, referral.child_date_of_death_or_serious_incident
    if incident is not None and incident > today:
        errors.append(("child.date_of_death_or_serious_incident", "cannot be in the future"))
    if born is not None and incident is not None and born > incident:
        errors.append(("child.date_of_birth", "cannot be after the date of death or serious incident"))
    return errors


def _missing_rows(table: str, rows: list[BaseModel]) -> list[tuple[str, str]]:
    if not rows:
        return [(table, "add at least one row before the request is submitted")]
    return [
        (f"{table}.{index}.{name}", "must be completed before the request is submitted")
        for index, row in enumerate(rows)
        for name in type(row).model_fields
        if f"{table}.{name}" not in OPTIONAL and _empty(getattr(row, name))
    ]


def redacted(form: ReferralForm) -> ReferralForm:
    """The form as someone without access to identifying details sees it: those boxes are null."""
    child = form.child.model_copy(update=dict.fromkeys(IDENTIFYING_CHILD_FIELDS)) if form.child else None
    family = [member.model_copy(update=dict.fromkeys(IDENTIFYING_FAMILY_FIELDS))
              for member in form.family_members or []]
    return form.model_copy(update={"child": child, "family_members": family})


def audit_view(referral: Referral) -> dict[str, Any]:
    """Flat {path: value} for audit diffs; identifying values become a marker, so the log never holds them."""
    view: dict[str, Any] = {}
    for leaf in LEAVES:
        dotted, value = ".".join(leaf), getattr(referral, column(leaf))
        if leaf[-1] in _TABLES:
            value = [row.model_dump(mode="json") for row in value or []]
        elif isinstance(value, dt.date):
            value = value.isoformat()
        view[dotted] = value
    return view


def audit_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for key, new in after.items():
        old = before.get(key)
        if old == new:
            continue
        changes[key] = "changed (identifying, not logged)" if key in IDENTIFYING_PATHS else {"from": old, "to": new}
    return changes
