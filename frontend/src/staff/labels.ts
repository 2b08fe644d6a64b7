import type { TagColour } from '../components/govuk';
import type { IncidentCategory, InformationRequestState, Notification, RapidReviewState, ReferralState, ReviewStage, ReviewType } from '../api/types';

export const REFERRAL_STATES: Record<ReferralState, { label: string; colour: TagColour }> = {
  draft: { label: 'Draft', colour: 'grey' },
  awaiting_sign_off: { label: 'Awaiting sign-off', colour: 'yellow' },
  submitted: { label: 'Submitted', colour: 'blue' },
  under_consideration: { label: 'Under consideration', colour: 'light-blue' },
  recommendation_made: { label: 'Recommendation made', colour: 'purple' },
  decided: { label: 'Decided', colour: 'green' },
  returned: { label: 'Returned', colour: 'red' },
};

export const REVIEW_TYPES: Record<ReviewType, string> = {
  cspr: 'Child Safeguarding Practice Review',
  case_mapping: 'Case Mapping Exercise',
};

/** What agreeing a referral means: a CSPR is decided at the rapid review, never on the referral itself. */
export const REFERRAL_OUTCOMES: Record<ReviewType, { choice: string; hint: string; agreed: string }> = {
  cspr: {
    choice: 'A rapid review',
    hint: 'The rapid review decides whether to hold a Child Safeguarding Practice Review.',
    agreed: 'Agreed: the case goes to a rapid review',
  },
  case_mapping: {
    choice: 'A case mapping exercise',
    hint: 'A multi-agency look at the case, without a rapid review.',
    agreed: 'Agreed: a case mapping exercise',
  },
};

export const RAPID_REVIEW_STATES: Record<RapidReviewState, { label: string; colour: TagColour }> = {
  gathering_information: { label: 'Gathering information', colour: 'blue' },
  meeting_held: { label: 'Meeting held', colour: 'light-blue' },
  recommendation_made: { label: 'Awaiting decision', colour: 'purple' },
  decided: { label: 'Decided', colour: 'green' },
  sent_to_panel: { label: 'Sent to the National Panel', colour: 'turquoise' },
  panel_responded: { label: 'Panel responded', colour: 'grey' },
};

export const REQUEST_STATES: Record<InformationRequestState, { label: string; colour: TagColour }> = {
  requested: { label: 'Not started', colour: 'blue' },
  draft: { label: 'In progress', colour: 'light-blue' },
  submitted: { label: 'Submitted', colour: 'green' },
  returned: { label: 'Returned for more information', colour: 'red' },
};

export const INCIDENT_CATEGORIES: Record<IncidentCategory, string> = {
  death: 'Death',
  serious_harm: 'Serious harm',
  death_of_looked_after_child: 'Death of a looked-after child',
  death_of_care_leaver_under_25: 'Death of a care leaver (up to and including age 24)',
};

// What the National Panel asks about each child (backend/incident_notifications/characteristics.py).
type Characteristics = Notification['children_characteristics'][number];
export type Sex = Characteristics['sex'];
export type Ethnicity = Characteristics['ethnicity'];
export type YesNoNotKnown = Characteristics['disability'];
export type LookedAfterStatus = Characteristics['looked_after_status'];
export type PlacementType = NonNullable<Characteristics['placement_type']>;
export type PlanStatus = Characteristics['child_in_need_plan'];

export const SEXES: Record<Sex, string> = { female: 'Female', male: 'Male', indeterminate: 'Indeterminate', not_known: 'Not known' };
export const ETHNICITIES: Record<Ethnicity, string> = {
  white_british: 'White: English, Welsh, Scottish, Northern Irish or British',
  white_irish: 'White: Irish',
  white_gypsy_or_irish_traveller: 'White: Gypsy or Irish Traveller',
  white_roma: 'White: Roma',
  white_other: 'White: any other White background',
  mixed_white_and_black_caribbean: 'Mixed or multiple: White and Black Caribbean',
  mixed_white_and_black_african: 'Mixed or multiple: White and Black African',
  mixed_white_and_asian: 'Mixed or multiple: White and Asian',
  mixed_other: 'Mixed or multiple: any other Mixed or multiple background',
  asian_indian: 'Asian or Asian British: Indian',
  asian_pakistani: 'Asian or Asian British: Pakistani',
  asian_bangladeshi: 'Asian or Asian British: Bangladeshi',
  asian_chinese: 'Asian or Asian British: Chinese',
  asian_other: 'Asian or Asian British: any other Asian background',
  black_african: 'Black, Black British, Caribbean or African: African',
  black_caribbean: 'Black, Black British, Caribbean or African: Caribbean',
  black_other: 'Black, Black British, Caribbean or African: any other Black background',
  arab: 'Other ethnic group: Arab',
  other: 'Other ethnic group: any other ethnic group',
  not_known: 'Not known',
};
/** The "any other ..." backgrounds, which may be described in the family's words. */
export const DESCRIBED_ETHNICITIES: readonly Ethnicity[] = ['white_other', 'mixed_other', 'asian_other', 'black_other', 'other'];
export const YES_NO_NOT_KNOWN: Record<YesNoNotKnown, string> = { yes: 'Yes', no: 'No', not_known: 'Not known' };
export const LOOKED_AFTER_STATUSES: Record<LookedAfterStatus, string> = {
  currently_looked_after: 'Currently looked after',
  previously_looked_after: 'Previously looked after',
  care_leaver: 'Care leaver',
  not_looked_after: 'Not looked after',
  not_known: 'Not known',
};
export const PLACEMENT_TYPES: Record<PlacementType, string> = {
  foster_care: 'Foster care',
  kinship_care: 'Kinship care (family and friends)',
  residential_childrens_home: 'Residential children’s home',
  secure: 'Secure children’s home or secure unit',
  placed_with_parents: 'Placed with parents',
  independent_or_semi_independent_living: 'Independent or semi-independent living',
  other: 'Other',
};
export const PLAN_STATUSES: Record<PlanStatus, string> = { current: 'Current', past: 'In the past', never: 'Never', not_known: 'Not known' };

export const RAPID_RECOMMENDATIONS: Record<string, string> = {
  local_cspr: 'Hold a local Child Safeguarding Practice Review',
  no_cspr: 'No review: take the learning forward another way',
  national_review_referral: 'Refer to the National Panel for a national review',
};

/** A review's stages in order (Appendix 4a), each with its tag. */
export const REVIEW_STAGES: Record<ReviewStage, { label: string; colour: TagColour }> = {
  commissioning: { label: 'Commissioning', colour: 'blue' },
  terms_of_reference: { label: 'Terms of reference', colour: 'light-blue' },
  agency_submissions: { label: 'Agency submissions', colour: 'turquoise' },
  practitioner_engagement: { label: 'Practitioner engagement', colour: 'purple' },
  overview_report: { label: 'Overview report', colour: 'pink' },
  sign_off: { label: 'Sign-off', colour: 'orange' },
  publication: { label: 'Publication', colour: 'yellow' },
  published: { label: 'Published', colour: 'green' },
};
