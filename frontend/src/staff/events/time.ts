import { formatDate, formatTime } from '../../lib/format';

// Date boxes (day, month, year) are in forms/dates.ts; this module is about event times in England.

/** Events are held at wall-clock times in England; the API takes and gives them as such. */
export const ZONE = 'Europe/London';

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * A time as people type it → "HH:MM" on the 24-hour clock, or null.
 * Takes "9:30", "09.30", "14:00", "930", "2pm", "2:30pm", "midday", "noon", "midnight".
 */
export function parseTime(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'midday' || t === 'noon' || t === '12noon') return '12:00';
  if (t === 'midnight') return '00:00';
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm)?$/.exec(t);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3];
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23 || match[2] === undefined) {
    return null; // "14" alone is ambiguous enough to ask again
  }
  return `${twoDigits(hour)}:${twoDigits(minute)}`;
}

function zoneParts(instant: number): { date: string; time: string; asUtc: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const [y, mo, d, h, mi, s] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map(get);
  return {
    date: `${y}-${mo}-${d}`,
    time: `${h}:${mi}`,
    asUtc: Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)),
  };
}

/** London's wall-clock date and time of an instant. */
export function londonParts(iso: string): { date: string; time: string } {
  const { date, time } = zoneParts(Date.parse(iso));
  return { date, time };
}

/** Today's date in London, "YYYY-MM-DD". */
export function londonToday(now = Date.now()): string {
  return zoneParts(now).date;
}

/** A London wall-clock date and time as an aware ISO instant (UTC), e.g. for `open_link_expires_at`. */
export function londonInstant(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, h!, mi!);
  // The zone's offset at the guess, then again at the corrected instant (right across clock changes).
  let instant = wall - (zoneParts(wall).asUtc - wall);
  instant = wall - (zoneParts(instant).asUtc - instant);
  return new Date(instant).toISOString();
}

/** "Wednesday 12 March 2025 at 9:30am", in London time. */
export function formatInstant(iso: string, withWeekday = false): string {
  const { date, time } = londonParts(iso);
  return `${formatDate(date, withWeekday)} at ${formatTime(time)}`;
}

/** "9:30am to midday". */
export function formatTimes(start: string, end: string): string {
  return `${formatTime(start)} to ${formatTime(end)}`;
}
