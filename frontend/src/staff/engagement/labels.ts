import type { TagColour } from '../../components/govuk';
import type { FamilyContact, FamilyRelationship, OneToOne, ParallelProcess } from './engagementApi';

export const CONTACT_KINDS: Record<FamilyContact['kind'], string> = {
  initial_letter: 'Initial letter',
  medical_records_consent: 'Consent to access medical records',
  mid_process_letter: 'Mid-process letter',
  findings_offer: 'Offer to hear the findings before publication',
  lead_reviewer_contact: 'Contact with the lead reviewer',
  other: 'Other contact',
};

export const ANSWERS: Record<NonNullable<FamilyContact['answer']>, string> = {
  given: 'Consent given',
  refused: 'Consent refused',
  accepted: 'Accepted',
  declined: 'Declined',
};

export const RELATIONSHIP_KINDS: Record<FamilyRelationship['kind'], string> = {
  partner: 'partner of',
  former_partner: 'former partner of',
  parent: 'parent of',
  sibling: 'sibling of',
  half_sibling: 'half-sibling of',
  grandparent: 'grandparent of',
  other: 'otherwise related to',
};

export const PROCESS_KINDS: Record<ParallelProcess['kind'], string> = {
  criminal_investigation: 'Criminal investigation',
  prosecution: 'Prosecution',
  care_proceedings: 'Care proceedings',
  single_agency_review: 'Single-agency review',
  case_mapping: 'Case mapping',
  disciplinary: 'Disciplinary process',
  lado: 'LADO enquiry',
  other: 'Other process',
};

export const PROCESS_STATUSES: Record<ParallelProcess['status'], { label: string; colour: TagColour }> = {
  planned: { label: 'Planned', colour: 'grey' },
  active: { label: 'Active', colour: 'blue' },
  concluded: { label: 'Concluded', colour: 'green' },
};

export const ONE_TO_ONE_STATES: Record<OneToOne['state'], { label: string; colour: TagColour }> = {
  offered: { label: 'Offered', colour: 'blue' },
  held: { label: 'Held', colour: 'green' },
  declined: { label: 'Declined', colour: 'grey' },
};

export const CRIMINAL = new Set<ParallelProcess['kind']>(['criminal_investigation', 'prosecution']);
