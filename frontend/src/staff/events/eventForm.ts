import { get, type FieldErrors } from 'react-hook-form';
import type { Problem } from '../../api/problem';
import type { SummaryError } from '../../components/govuk';
import { toFieldName } from '../../forms/problemToForm';
import { fieldId } from '../../forms/summary';
import { londonInstant, londonParts, parseTime } from './time';
import { dateProblem, isoFromParts, NO_DATE, partsFromIso, type DateParts } from '../../forms/dates';
import type { Event, EventCreate, EventKind, EventUpdate } from './types';

export interface EventFormValues {
  review_id: string;
  kind: EventKind | '';
  title: string;
  date: DateParts;
  start_time: string;
  end_time: string;
  where: ('in_person' | 'online')[];
  location: string;
  virtual_link: string;
  capacity: string;
  questions: string;
  support_note: string;
  sign_up_open: 'yes' | 'no';
  create_open_link: 'yes' | 'no';
  open_link_expires_at: DateParts & { time: string };
}

/** Each field's name as the person sees it, in page order: error summary order and API error prefixes. */
export const FIELD_LABELS = {
  review_id: 'Review',
  kind: 'Type of event',
  title: 'Title',
  date: 'Date',
  start_time: 'Start time',
  end_time: 'End time',
  where: 'How people will attend',
  location: 'Venue',
  virtual_link: 'Link to join online',
  capacity: 'Number of places',
  questions: 'Questions',
  support_note: 'Support for practitioners',
  sign_up_open: 'Sign-up',
  create_open_link: 'Who can sign up',
  open_link_expires_at: 'When sign-up through the link closes',
  'open_link_expires_at.time': 'Time sign-up through the link closes',
} as const;
export type FieldName = keyof typeof FIELD_LABELS;
export const FIELD_NAMES = Object.keys(FIELD_LABELS) as FieldName[];
/** The form's top-level names, for placing API errors. */
export const FORM_ROOTS = [...new Set(FIELD_NAMES.map((n) => n.split('.')[0]!))] as (keyof EventFormValues)[];

export function emptyValues(reviewId = ''): EventFormValues {
  return {
    review_id: reviewId,
    kind: '',
    title: '',
    date: { ...NO_DATE },
    start_time: '',
    end_time: '',
    where: [],
    location: '',
    virtual_link: '',
    capacity: '',
    questions: '',
    support_note: '',
    sign_up_open: 'yes',
    create_open_link: 'yes',
    open_link_expires_at: { ...NO_DATE, time: '' },
  };
}

/** The closing time only when it was set on purpose: a link without one closes when the event ends. */
function closing(event: Event): EventFormValues['open_link_expires_at'] {
  if (!event.has_open_link || Date.parse(event.sign_up_expires_at) === Date.parse(event.ends_at)) return { ...NO_DATE, time: '' };
  const { date, time } = londonParts(event.sign_up_expires_at);
  return { ...partsFromIso(date), time };
}

export function fromEvent(event: Event): EventFormValues {
  return {
    ...emptyValues(event.review_id),
    kind: event.kind,
    title: event.title,
    date: partsFromIso(event.date),
    start_time: event.start_time,
    end_time: event.end_time,
    where: [...(event.location ? (['in_person'] as const) : []), ...(event.virtual_link ? (['online'] as const) : [])],
    location: event.location ?? '',
    virtual_link: event.virtual_link ?? '',
    capacity: String(event.capacity),
    questions: event.questions.join('\n'),
    support_note: event.support_note,
    sign_up_open: event.sign_up_open ? 'yes' : 'no',
    create_open_link: event.has_open_link ? 'yes' : 'no',
    open_link_expires_at: closing(event),
  };
}

function closesAt(v: EventFormValues['open_link_expires_at']): string | null {
  const date = isoFromParts(v);
  const time = parseTime(v.time);
  return date && time ? londonInstant(date, time) : null;
}

/** Every editable field as the form has it; a new event adds its review and whether it has an open link. */
function common(v: EventFormValues): Required<Omit<EventCreate, 'review_id' | 'create_open_link'>> {
  return {
    kind: v.kind as EventKind,
    title: v.title.trim(),
    date: isoFromParts(v.date) ?? '',
    start_time: parseTime(v.start_time) ?? v.start_time,
    end_time: parseTime(v.end_time) ?? v.end_time,
    timezone: 'Europe/London',
    location: v.where.includes('in_person') ? v.location.trim() : null,
    virtual_link: v.where.includes('online') ? v.virtual_link.trim() : null,
    capacity: Number(v.capacity),
    questions: v.questions.split('\n').map((q) => q.trim()).filter(Boolean),
    support_note: v.support_note.trim(),
    sign_up_open: v.sign_up_open === 'yes',
    open_link_expires_at: closesAt(v.open_link_expires_at),
  };
}

export function toCreate(v: EventFormValues): EventCreate {
  const { open_link_expires_at, ...rest } = common(v);
  const open = v.create_open_link === 'yes';
  return { ...rest, review_id: v.review_id, create_open_link: open, open_link_expires_at: open ? open_link_expires_at : null };
}

/** Only what changed since the form was filled from the event, so nobody else's change is overwritten. */
export function toUpdate(v: EventFormValues, was: EventFormValues): EventUpdate {
  const now = common(v);
  const before = common(was);
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof EventUpdate)[]) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key])) changed[key] = now[key];
  }
  return changed as EventUpdate;
}

/** Checks made before sending; the API checks the rest (times in order, the child never named). */
export const RULES = {
  review_id: { required: 'Select the review this event is for' },
  kind: { required: 'Select the type of event' },
  title: { validate: (t: string) => (t.trim() ? true : 'Enter a title for the event') },
  date: (v: EventFormValues) => dateProblem(v.date, 'the date of the event'),
  time: (what: string) => (t: string) => (!t.trim() ? `Enter the ${what}` : parseTime(t) ? true : `Enter the ${what} as a time of day, like 09:30 or 2pm`),
  where: { validate: (w: string[]) => (w?.length ? true : 'Select in person, online or both') },
  location: (v: EventFormValues) => (v.where.includes('in_person') && !v.location.trim() ? 'Enter the venue' : true),
  virtual_link: (v: EventFormValues) => {
    if (!v.where.includes('online')) return true;
    if (!v.virtual_link.trim()) return 'Enter the link to join online';
    return /^https?:\/\/\S+$/i.test(v.virtual_link.trim()) ? true : 'Enter the link in full, starting with https://';
  },
  capacity: {
    validate: (c: string) => {
      if (!c.trim()) return 'Enter the number of places';
      const n = Number(c);
      return Number.isInteger(n) && n >= 1 && n <= 1000 ? true : 'The number of places must be a whole number from 1 to 1000';
    },
  },
  closesDate: (v: EventFormValues) => {
    const c = v.open_link_expires_at;
    if (![c.day, c.month, c.year, c.time].some((s) => s.trim())) return undefined;
    return dateProblem(c, 'the date sign-up through the link closes');
  },
  closesTime: (v: EventFormValues) => {
    const c = v.open_link_expires_at;
    if (![c.day, c.month, c.year, c.time].some((s) => s.trim())) return true;
    if (!c.time.trim()) return 'Enter the time sign-up through the link closes';
    return parseTime(c.time) ? true : 'Enter the time the link closes as a time of day, like 5pm or 17:00';
  },
};

/** The API's field errors with the field's name in front, as the error summary lists them out of context. */
export function labelled(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map(({ field, message }) => {
      const name = toFieldName(field) ?? '';
      const question = /^questions\.(\d+)$/.exec(name);
      if (question) return { field: 'body.questions', message: `Question ${Number(question[1]) + 1}: ${message}` };
      const label = (FIELD_LABELS as Record<string, string>)[name.split('.')[0]!];
      return { field, message: label ? `${label}: ${message}` : message };
    }),
  };
}

/** A field's message: its own, or (for a date group) the first of its boxes'. */
export function fieldError(errors: FieldErrors<EventFormValues>, name: string): string | undefined {
  const entry = get(errors, name) as { message?: string; day?: { message?: string } } | undefined;
  return entry?.message || entry?.day?.message || undefined;
}

export function eventSummaryErrors(errors: FieldErrors<EventFormValues>): SummaryError[] {
  const list: SummaryError[] = [];
  for (const name of FIELD_NAMES) {
    const message = fieldError(errors, name);
    if (message) list.push({ fieldId: fieldId(name), message });
  }
  const server = errors.root?.server?.message;
  if (server) list.push({ message: server });
  return list;
}
