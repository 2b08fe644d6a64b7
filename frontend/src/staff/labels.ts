import type { TagColour } from '../components/govuk';
import type { IncidentCategory, InformationRequestState, RapidReviewState, ReferralState, ReviewStage, ReviewType } from '../api/types';

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
  death_of_looked_after_child: 'Death of a looked after child',
  death_of_care_leaver_under_25: 'Death of a care leaver under 25',
};

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
