"""What the National Panel's notification asks about each child, and the rules that hold the answers together.

These are characteristics, not identifiers: whoever reads the notification reads them (the rapid review report
prints them in its facts of the case). The name, date of birth and address stay the identifying details, read
only by those allowed and audited. The age at the incident is worked out from the date of birth and kept, so
that it can be read without it.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Sex(StrEnum):
    female = "female"
    male = "male"
    indeterminate = "indeterminate"
    not_known = "not_known"


class Ethnicity(StrEnum):
    """The 2021 Census (ONS) categories the Panel and the children's census use, and "not known"."""

    white_british = "white_british"
    white_irish = "white_irish"
    white_gypsy_or_irish_traveller = "white_gypsy_or_irish_traveller"
    white_roma = "white_roma"
    white_other = "white_other"
    mixed_white_and_black_caribbean = "mixed_white_and_black_caribbean"
    mixed_white_and_black_african = "mixed_white_and_black_african"
    mixed_white_and_asian = "mixed_white_and_asian"
    mixed_other = "mixed_other"
    asian_indian = "asian_indian"
    asian_pakistani = "asian_pakistani"
    asian_bangladeshi = "asian_bangladeshi"
    asian_chinese = "asian_chinese"
    asian_other = "asian_other"
    black_african = "black_african"
    black_caribbean = "black_caribbean"
    black_other = "black_other"
    arab = "arab"
    other = "other"
    not_known = "not_known"


class YesNoNotKnown(StrEnum):
    yes = "yes"
    no = "no"
    not_known = "not_known"


class LookedAfterStatus(StrEnum):
    currently_looked_after = "currently_looked_after"
    previously_looked_after = "previously_looked_after"
    care_leaver = "care_leaver"
    not_looked_after = "not_looked_after"
    not_known = "not_known"  # notifications recorded before the Panel's questions were asked


class PlacementType(StrEnum):
    foster_care = "foster_care"
    kinship_care = "kinship_care"
    residential_childrens_home = "residential_childrens_home"
    secure = "secure"
    placed_with_parents = "placed_with_parents"
    independent_or_semi_independent_living = "independent_or_semi_independent_living"
    other = "other"


class PlanStatus(StrEnum):
    """A child in need plan or a child protection plan: now, before, never."""

    current = "current"
    past = "past"
    never = "never"
    not_known = "not_known"


SEX_LABELS = {Sex.female: "Female", Sex.male: "Male", Sex.indeterminate: "Indeterminate",
              Sex.not_known: "Not known"}
ETHNICITY_LABELS = {
    Ethnicity.white_british: "White: English, Welsh, Scottish, Northern Irish or British",
    Ethnicity.white_irish: "White: Irish",
    Ethnicity.white_gypsy_or_irish_traveller: "White: Gypsy or Irish Traveller",
    Ethnicity.white_roma: "White: Roma",
    Ethnicity.white_other: "White: any other White background",
    Ethnicity.mixed_white_and_black_caribbean: "Mixed or multiple: White and Black Caribbean",
    Ethnicity.mixed_white_and_black_african: "Mixed or multiple: White and Black African",
    Ethnicity.mixed_white_and_asian: "Mixed or multiple: White and Asian",
    Ethnicity.mixed_other: "Mixed or multiple: any other Mixed or multiple background",
    Ethnicity.asian_indian: "Asian or Asian British: Indian",
    Ethnicity.asian_pakistani: "Asian or Asian British: Pakistani",
    Ethnicity.asian_bangladeshi: "Asian or Asian British: Bangladeshi",
    Ethnicity.asian_chinese: "Asian or Asian British: Chinese",
    Ethnicity.asian_other: "Asian or Asian British: any other Asian background",
    Ethnicity.black_african: "Black, Black British, Caribbean or African: African",
    Ethnicity.black_caribbean: "Black, Black British, Caribbean or African: Caribbean",
    Ethnicity.black_other: "Black, Black British, Caribbean or African: any other Black background",
    Ethnicity.arab: "Other ethnic group: Arab",
    Ethnicity.other: "Other ethnic group: any other ethnic group",
    Ethnicity.not_known: "Not known",
}
# The "any other ... background" answers, which the notification may describe.
DESCRIBED_ETHNICITIES = frozenset({Ethnicity.white_other, Ethnicity.mixed_other, Ethnicity.asian_other,
                                   Ethnicity.black_other, Ethnicity.other})
YES_NO_LABELS = {YesNoNotKnown.yes: "Yes", YesNoNotKnown.no: "No", YesNoNotKnown.not_known: "Not known"}
LOOKED_AFTER_LABELS = {
    LookedAfterStatus.currently_looked_after: "Currently looked after",
    LookedAfterStatus.previously_looked_after: "Previously looked after",
    LookedAfterStatus.care_leaver: "Care leaver",
    LookedAfterStatus.not_looked_after: "Not looked after",
    LookedAfterStatus.not_known: "Not known",
}
PLACEMENT_LABELS = {
    PlacementType.foster_care: "Foster care",
    PlacementType.kinship_care: "Kinship care (family and friends)",
    PlacementType.residential_childrens_home: "Residential children's home",
    PlacementType.secure: "Secure children's home or secure unit",
    PlacementType.placed_with_parents: "Placed with parents",
    PlacementType.independent_or_semi_independent_living: "Independent or semi-independent living",
    PlacementType.other: "Other",
}
PLAN_LABELS = {PlanStatus.current: "Current", PlanStatus.past: "In the past", PlanStatus.never: "Never",
               PlanStatus.not_known: "Not known"}

# A placement is asked about for a child in care now or before; a care leaver may say where they lived.
PLACEMENT_REQUIRED = frozenset({LookedAfterStatus.currently_looked_after, LookedAfterStatus.previously_looked_after})
PLACEMENT_ALLOWED = PLACEMENT_REQUIRED | {LookedAfterStatus.care_leaver}
ADULTHOOD = 18
CARE_LEAVER_OLDEST = 24  # "deaths of care leavers up to and including age 24" (Working Together 2023)


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years from `born` to `day`; a 29 February birthday counts from 1 March in other years."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class ChildAnswers:
    """One child's answers, as the rules below need them (from a new notification or a correction)."""

    age_at_incident: int | None
    date_of_birth: dt.date | None
    ethnicity: Ethnicity
    ethnicity_description: str | None
    disability: YesNoNotKnown
    disability_description: str | None
    looked_after_status: LookedAfterStatus
    placement_type: PlacementType | None
    placement_description: str | None
    known_to_agencies: YesNoNotKnown
    known_agencies: str | None


def check_child(index: int, child: ChildAnswers, incident_date: dt.date, care_leaver_death: bool,
                looked_after_death: bool, prefix: str = "body.children") -> list[tuple[str, str]]:
    """Every rule one child's answers break, as (field, message) naming the child by their number on the form."""
    at, who = f"{prefix}.{index}", f"child {index + 1}"
    errors: list[tuple[str, str]] = []
    age = child.age_at_incident
    if child.date_of_birth is not None and child.date_of_birth <= incident_date:
        derived = age_on(child.date_of_birth, incident_date)
        if age is not None and age != derived:
            message = (f"The age at the incident of {who} ({age}) does not match their date of birth, which makes "
                       f"them {derived} on the day of the incident: correct the age or the date of birth")
            errors += [(f"{at}.age_at_incident", message), (f"{at}.date_of_birth", message)]
        age = derived
    if age is not None:
        if care_leaver_death and age > CARE_LEAVER_OLDEST:
            errors.append((f"{at}.age_at_incident", f"The death of a care leaver is notified up to and including "
                                                    f"age {CARE_LEAVER_OLDEST}: {who} was {age} at the incident"))
        elif not care_leaver_death and age >= ADULTHOOD:
            errors.append((f"{at}.age_at_incident", f"A notification is about a child under {ADULTHOOD}: {who} was "
                                                    f"{age} at the incident. For a care leaver up to 24 choose "
                                                    f"'death of a care leaver' as the nature of the incident"))
    status = child.looked_after_status
    if care_leaver_death and status != LookedAfterStatus.care_leaver:
        errors.append((f"{at}.looked_after_status", f"The death of a care leaver is notified for a care leaver: "
                                                    f"choose 'care leaver' as the looked-after status of {who}, "
                                                    f"or choose another nature of incident"))
    if looked_after_death and status != LookedAfterStatus.currently_looked_after:
        errors.append((f"{at}.looked_after_status", f"The death of a looked-after child is notified for a child "
                                                    f"who is currently looked after: choose 'currently looked "
                                                    f"after' for {who}, or choose another nature of incident"))
    if child.placement_type is None and status in PLACEMENT_REQUIRED:
        errors.append((f"{at}.placement_type", f"Select the placement type of {who}, who is or was looked after"))
    if child.placement_type is not None and status not in PLACEMENT_ALLOWED:
        errors.append((f"{at}.placement_type", f"Leave out the placement type of {who}: it is asked only for a "
                                               f"child who is or was looked after"))
    if child.placement_type == PlacementType.other and not child.placement_description:
        errors.append((f"{at}.placement_description", f"Describe the placement of {who}"))
    if child.placement_description and child.placement_type != PlacementType.other:
        errors.append((f"{at}.placement_description", f"Describe the placement of {who} only when it is 'other'"))
    if child.ethnicity_description and child.ethnicity not in DESCRIBED_ETHNICITIES:
        errors.append((f"{at}.ethnicity_description", f"Describe the ethnicity of {who} only for an 'any other' "
                                                      f"background"))
    if child.disability_description and child.disability != YesNoNotKnown.yes:
        errors.append((f"{at}.disability_description", f"Describe the disability of {who} only when they have one"))
    if child.known_agencies and child.known_to_agencies != YesNoNotKnown.yes:
        errors.append((f"{at}.known_agencies", f"Name the agencies that knew {who} only when they were known to "
                                               f"an agency"))
    return errors


def check_children(children: Sequence[ChildAnswers], incident_date: dt.date, care_leaver_death: bool,
                   looked_after_death: bool, prefix: str = "body.children") -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    for index, child in enumerate(children):
        errors += check_child(index, child, incident_date, care_leaver_death, looked_after_death, prefix)
    return errors
