import type { Me, PublicEvent, SignUpCreated, TokenResponse } from '../api/types';

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
  return { status: 'confirmed', manage_token: 'm-123', flagged: false, flag_reason: null, event: EVENT, ...overrides };
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
