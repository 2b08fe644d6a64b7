import type { InformationRequest, Me, Notification, PartnerPosition, PublicEvent, RapidReview, Referral, Review, SignUpCreated, TokenResponse, User } from '../api/types';

export const EVENT: PublicEvent = {
  title: 'Practitioner learning event: Child BM',
  kind: 'practitioner_event',
  date: '2025-03-12',
  start_time: '09:30',
  end_time: '12:00',
  timezone: 'Europe/London',
  location: 'Northtown Civic Centre, Room 2',
  virtual_link: 'https://meet.example.org/abc',
  questions: ['What did you know about the family’s circumstances?', 'What got in the way of sharing information?'],
  support_note: 'Talking about this case may be upsetting. Your agency’s safeguarding lead can offer support.',
  places_left: 12,
  waiting_list_open: true,
};

export function created(overrides: Partial<SignUpCreated> = {}): SignUpCreated {
  return { status: 'confirmed', manage_token: 'm-123', attendance: 'online', flagged: false, flag_reason: null, event: EVENT, ...overrides };
}

export function tokens(n = 1, expiresIn = 900): TokenResponse {
  return { access_token: `access-${n}`, token_type: 'bearer', expires_in: expiresIn, refresh_token: `refresh-${n}`, scope: 'staff' };
}

export const ME: Me = {
  id: '7b0c1f9e-5d0c-4c53-9a0c-2f1f5d1c9a11',
  name: 'Priya Shah',
  email: 'priya.shah@example.org',
  kind: 'user',
  role: 'business_office',
  agency: null,
  scopes: [],
  permissions: [],
};

const agency = { id: '11111111-1111-4111-8111-111111111111', name: 'Harbourside Children’s Trust' } as Referral['referrer']['agency'];
const noSignature = { signed_by_id: null, signed_by_name: null, signed_on: null };

/** A referral with nothing filled in, as a new draft comes back from the API. */
export function emptyReferral(overrides: Partial<Referral> = {}): Referral {
  return {
    id: 'r-1',
    case_id: 'c-1',
    child_reference: 'Child BM',
    state: 'draft',
    referrer: { name: null, designation: null, contact: { phone: null, email: null, address: null }, agency, signature: noSignature },
    senior_manager: { name: null, designation: null, contact: { phone: null, email: null, address: null }, agreed: false, signature: noSignature },
    submitted_to_business_office_on: null,
    review_type_requested: null,
    rationale: null,
    other_agencies: [],
    chronology: [],
    child: {},
    family_members: [],
    background: null,
    areas_of_learning: null,
    themes: {},
    identifying_details_shown: true,
    sign_off_declined_reasons: null,
    returned_reasons: null,
    recommendation: null,
    decision: null,
    partner_positions: partnerPositions(),
    decision_outstanding_from: [],
    due: null,
    allowed_actions: ['edit', 'submit'],
    created_at: '2025-03-03T09:00:00Z',
    updated_at: '2025-03-03T09:00:00Z',
    ...overrides,
  } as Referral;
}

export function informationRequest(overrides: Partial<InformationRequest> = {}): InformationRequest {
  return {
    id: 'ir-1',
    rapid_review_id: 'rr-1',
    case_id: 'c-1',
    child_reference: 'Child BM',
    agency: { id: '22222222-2222-4222-8222-222222222222', name: 'Harbourside Police' },
    requested_on: '2025-03-03',
    note: 'Contacts in the last year',
    state: 'requested',
    submitted_at: null,
    submitted_by_name: null,
    return_reasons: null,
    revision: 0,
    resubmitted: false,
    // As the API answers the agency the request is addressed to, while it is still to answer.
    allowed_actions: ['save_draft', 'submit'],
    due: { due_date: '2025-03-12', status: 'open', overdue: false },
    submission: null,
    draft: null,
    ...overrides,
  } as InformationRequest;
}

export const TRUST = { id: '11111111-1111-4111-8111-111111111111', name: 'Harbourside Children’s Trust', kind: 'childrens_social_care' } as Review['agencies'][number];
export const POLICE = { id: '22222222-2222-4222-8222-222222222222', name: 'Harbourside Police', kind: 'police' } as Review['agencies'][number];

/** Who is signed in: the business office (with every permission it has in the API) or another role. */
export function me(role: NonNullable<Me['role']>, permissions: string[], overrides: Partial<Me> = {}): Me {
  return { ...ME, role, permissions, ...overrides };
}

export const OFFICE_PERMISSIONS = [
  'agencies:read', 'users:manage', 'deadlines:read', 'referrals:read', 'incident_notifications:read', 'incident_notifications:write',
  'rapid_reviews:read', 'rapid_reviews:manage', 'immediate_actions:complete', 'information_requests:read', 'reviews:read', 'reviews:manage',
  'cases:read', 'cases:manage',
];

export function review(overrides: Partial<Review> = {}): Review {
  return {
    id: 'rv-1',
    case_id: 'c-1',
    child_reference: 'Child BM',
    kind: 'cspr',
    decided_on: '2025-03-14',
    stage: 'commissioning',
    source_type: 'rapid_review',
    source_id: 'rr-1',
    rapid_review_id: 'rr-1',
    referral_id: null,
    lead_reviewer: null,
    agencies: [TRUST],
    due: { due_date: '2025-09-14', status: 'open', overdue: false },
    allowed_actions: [],
    tasks: [],
    ...overrides,
  };
}

export const ICB = { id: '33333333-3333-4333-8333-333333333333', name: 'Harbourside Integrated Care Board', kind: 'health' } as Review['agencies'][number];

/** The three safeguarding partners, none of whom has recorded a position yet. */
export function partnerPositions(): PartnerPosition[] {
  return [
    { partner: 'local_authority', label: 'the local authority', agency: TRUST, position: null },
    { partner: 'integrated_care_board', label: 'the integrated care board', agency: ICB, position: null },
    { partner: 'police', label: 'the police', agency: POLICE, position: null },
  ];
}

export function rapidReview(overrides: Partial<RapidReview> = {}): RapidReview {
  return {
    id: 'rr-1',
    case_id: 'c-1',
    child_reference: 'Child BM',
    state: 'meeting_held',
    opened_on: '2025-03-03',
    source_type: 'incident_notification',
    source_id: 'n-1',
    notification_id: 'n-1',
    referral_id: null,
    agencies: [TRUST, POLICE],
    recommendation: null,
    hold_cspr: null,
    review_id: null,
    due: { due_date: '2025-03-24', status: 'open', overdue: false },
    meeting: null,
    immediate_actions: [],
    recommendation_rationale: null,
    learning_mechanisms: [],
    decision_comments: null,
    decided_on: null,
    decided_by_name: null,
    sent_to_panel_on: null,
    panel_agrees: null,
    panel_responded_on: null,
    panel_comments: null,
    comments: [],
    partner_positions: partnerPositions(),
    decision_outstanding_from: [],
    allowed_actions: [],
    ...overrides,
  };
}

export function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'n-1',
    case_id: 'c-1',
    child_reference: 'Child BM',
    incident_date: '2025-02-26',
    became_aware_on: '2025-02-27',
    category: 'serious_harm',
    abuse_or_neglect_suspected: true,
    notified_panel_on: null,
    notifying_agency: TRUST,
    agencies: [TRUST],
    created_at: '2025-02-27T10:00:00Z',
    due: { due_date: '2025-03-06', status: 'open', overdue: false },
    summary: 'Admitted to hospital with unexplained injuries.',
    incident_council: 'Harbourside City Council',
    home_council: 'Harbourside City Council',
    children_count: 1,
    children_characteristics: [
      {
        child: 1,
        age_at_incident: 1,
        sex: 'female',
        ethnicity: 'mixed_white_and_black_caribbean',
        ethnicity_description: null,
        disability: 'no',
        disability_description: null,
        looked_after_status: 'not_looked_after',
        placement_type: null,
        placement_description: null,
        child_in_need_plan: 'past',
        child_protection_plan: 'current',
        known_to_agencies: 'yes',
        known_agencies: 'Health visiting and the police',
      },
    ],
    children: null,
    rapid_review_id: 'rr-1',
    allowed_actions: [],
    ...overrides,
  };
}

export function user(overrides: Partial<User> = {}): User {
  return {
    id: 'u-ruth',
    name: 'Ruth Kaplan',
    email: 'lead.reviewer@example.org',
    job_title: 'Independent lead reviewer',
    role: 'lead_reviewer',
    agency: null,
    active: true,
    locked_until: null,
    reminder_delivery: 'immediate',
    ...overrides,
  } as User;
}

export const page = <T>(items: T[]) => ({ items, total: items.length, limit: 100, offset: 0 });
