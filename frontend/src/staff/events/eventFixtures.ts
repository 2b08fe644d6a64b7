// Canned API answers for the events tests (imported by tests only).
import { json, mockFetch } from '../../test/fetchMock';
import { ME, tokens } from '../../test/fixtures';
import { REFRESH_TOKEN_KEY } from '../../auth/session';
import type { Attendees, Event, EventSummary, Invitation, Review, SignUp } from './types';

const DAY = 24 * 60 * 60 * 1000;
export const REVIEW_ID = '33333333-3333-4333-8333-333333333333';
export const HEALTH = { id: '44444444-4444-4444-8444-444444444444', name: 'Harbourside Health' };

/** What the API offers the business office on a scheduled event before it ends, and once it has taken place. */
export const OFFICE_STEPS = ['edit', 'cancel', 'replace_open_link', 'remove_open_link', 'invite'];
export const AFTER_THE_EVENT = ['mark_attendance'];

/** An event `days` from now (negative: in the past), 9:30 to midday London time, as the business office reads it. */
export function event(overrides: Partial<Event> = {}, days = 14): Event {
  const starts = new Date(Date.now() + days * DAY);
  const date = starts.toISOString().slice(0, 10);
  return {
    id: 'ev-1',
    review_id: REVIEW_ID,
    child_reference: 'Child BM',
    kind: 'practitioner_learning_event',
    title: 'Practitioner learning event',
    date,
    start_time: '09:30',
    end_time: '12:00',
    timezone: 'Europe/London',
    starts_at: starts.toISOString(),
    ends_at: new Date(starts.getTime() + 2.5 * 60 * 60 * 1000).toISOString(),
    location: 'Northtown Civic Centre, Room 2',
    virtual_link: null,
    capacity: 20,
    questions: ['What did you know about the family’s circumstances?'],
    support_note: 'Your safeguarding lead can offer support.',
    status: 'scheduled',
    sign_up_open: true,
    has_open_link: true,
    sign_up_expires_at: new Date(starts.getTime() + 2.5 * 60 * 60 * 1000).toISOString(),
    confirmed: 2,
    waiting: 0,
    places_left: 18,
    created_at: '2025-01-02T09:00:00Z',
    allowed_actions: days < 0 ? AFTER_THE_EVENT : OFFICE_STEPS,
    ...overrides,
  };
}

export function invitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: 'inv-1',
    event_id: 'ev-1',
    agency_id: HEALTH.id,
    agency_name: HEALTH.name,
    name: 'Jo Visitor',
    email: 'jo@health.example.org',
    job_title: 'Health visitor',
    team: '0-5 team',
    involvement: 'Home visits',
    invited_by_name: 'Priya Shah',
    revoked_at: null,
    signed_up: false,
    created_at: '2025-01-03T10:00:00Z',
    allowed_actions: ['revoke'],
    ...overrides,
  };
}

export function signUp(overrides: Partial<SignUp> = {}): SignUp {
  return {
    id: 'su-1',
    event_id: 'ev-1',
    invitation_id: null,
    agency_id: HEALTH.id,
    agency_name: HEALTH.name,
    name: 'Sam Jones',
    email: 'sam@health.example.org',
    job_title: 'School nurse',
    team: '',
    involvement: 'Saw the child at school',
    attendance: 'in_person',
    access_needs: 'Step-free access',
    support: 'after',
    seniority: 'frontline',
    directly_involved: true,
    status: 'confirmed',
    queue_number: 1,
    flagged: false,
    flag_reason: null,
    attended: null,
    created_at: '2025-01-04T10:00:00Z',
    cancelled_at: null,
    allowed_actions: ['cancel'],
    ...overrides,
  };
}

export const SUMMARY: EventSummary = {
  event_id: 'ev-1',
  capacity: 20,
  agencies: [{ agency_id: HEALTH.id, agency_name: HEALTH.name, invited: 1, confirmed: 2, waiting: 0, attended: 0 }],
  totals: { agency_id: null, agency_name: 'All agencies', invited: 1, confirmed: 2, waiting: 0, attended: 0 },
};

export const REVIEW: Review = {
  id: REVIEW_ID,
  case_id: 'c-1',
  child_reference: 'Child BM',
  kind: 'cspr',
  decided_on: '2025-01-01',
  stage: 'practitioner_engagement',
  source_type: null,
  source_id: null,
  rapid_review_id: null,
  referral_id: null,
  lead_reviewer: null,
  agencies: [],
  due: null,
  allowed_actions: [],
  tasks: [],
} as Review;

export const BUSINESS_OFFICE = { ...ME, permissions: ['events:read', 'events:manage', 'events:nominate', 'reviews:read', 'agencies:read'] };
export const HEALTH_LEAD = { ...ME, name: 'Dee Lead', role: 'agency_lead', agency: { ...HEALTH, kind: 'health' }, permissions: ['events:read', 'events:nominate', 'reviews:read'] };
export const SCRUTINEER = { ...ME, name: 'Sol Scrutineer', role: 'scrutineer', permissions: ['events:read', 'reviews:read'] };

/** Signed in as `me`, with one event and its people; `routes` add or replace answers. */
export function eventApi(me: object, ev: Event, routes: Parameters<typeof mockFetch>[0] = {}, attendees: Attendees = { nominations: [invitation()], sign_ups: [signUp()] }) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(me),
    [`GET /api/v1/events/${ev.id}`]: () => new Response(JSON.stringify(ev), { headers: { 'Content-Type': 'application/json', ETag: '"7"' } }),
    [`GET /api/v1/events/${ev.id}/invitations`]: () => json(attendees.nominations),
    [`GET /api/v1/events/${ev.id}/attendees`]: () => json(attendees),
    [`GET /api/v1/events/${ev.id}/summary`]: () => json(SUMMARY),
    'GET /api/v1/agencies': () => json({ items: [HEALTH], total: 1, limit: 200, offset: 0 }),
    'GET /api/v1/reviews': () => json({ items: [REVIEW], total: 1, limit: 200, offset: 0 }),
    ...routes,
  });
}
