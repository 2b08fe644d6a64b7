import type { TagColour } from '../../components/govuk';
import type { Event, EventKind, SignUp } from './types';

export const EVENT_KINDS: Record<EventKind, { label: string; hint: string }> = {
  practitioner_learning_event: {
    label: 'Practitioner learning event',
    hint: 'Frontline practitioners who worked with the family talk through the case with the lead reviewer.',
  },
  involved_practitioner_debrief: {
    label: 'De-brief for practitioners involved',
    hint: 'Shares the findings with those involved, within a couple of days of publication.',
  },
  open_debrief: { label: 'Open de-brief', hint: 'Shares the learning with any practitioner, around publication.' },
  author_briefing: { label: 'Agency author briefing', hint: 'Briefs the agencies’ report authors.' },
  review_group_meeting: { label: 'Review group meeting', hint: '' },
};

export const ATTENDANCE: Record<SignUp['attendance'], string> = { in_person: 'In person', online: 'Online' };

export const SUPPORT: Record<SignUp['support'], string> = {
  none: '',
  before: 'Wants support before the event',
  after: 'Wants support after the event',
  both: 'Wants support before and after the event',
};

export const SENIORITY: Record<SignUp['seniority'], string> = {
  frontline: 'Frontline practitioner',
  first_line_manager: 'First line manager',
  senior_service_manager: 'Senior service manager',
};

/** Whether the event has started, by the clock of the device (the API decides for real). */
export const hasStarted = (event: Event, now = Date.now()) => now >= Date.parse(event.starts_at);
export const hasEnded = (event: Event, now = Date.now()) => now >= Date.parse(event.ends_at);

/** One status for a list or a page: cancelled, over, closed, full or open. */
export function eventStatus(event: Event, now = Date.now()): { label: string; colour: TagColour } {
  if (event.status === 'cancelled') return { label: 'Cancelled', colour: 'red' };
  if (hasEnded(event, now)) return { label: 'Taken place', colour: 'grey' };
  if (!event.sign_up_open) return { label: 'Sign-up closed', colour: 'yellow' };
  if (event.places_left === 0) return { label: 'Full: waiting list', colour: 'orange' };
  return { label: 'Open for sign-up', colour: 'green' };
}
