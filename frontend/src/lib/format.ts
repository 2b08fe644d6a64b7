/** "2025-01-14" → "Tuesday 14 January 2025" (the date is a calendar date, so no time zone shift). */
export function formatDate(isoDate: string, withWeekday = true): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const date = new Date(Date.UTC(y, m - 1, d));
  const dayMonthYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
  return withWeekday ? `${weekday.format(date)} ${dayMonthYear.format(date)}` : dayMonthYear.format(date);
}

/** "09:30" → "9:30am", "14:00" → "2pm", "12:00" → "midday" (GOV.UK style). */
export function formatTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  if (h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m)) return hhmm;
  if (h === 12 && m === 0) return 'midday';
  if (h === 0 && m === 0) return 'midnight';
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const minutes = m === 0 ? '' : `:${String(m).padStart(2, '0')}`;
  return `${hour12}${minutes}${h < 12 ? 'am' : 'pm'}`;
}

/** "in 1 working day", "in 3 working days", "today", "2 working days ago". */
export function workingDaysPhrase(days: number): string {
  const plural = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;
  if (days === 0) return 'today';
  return days > 0 ? `in ${plural(days)}` : `${plural(-days)} ago`;
}

/** An instant as people in England read it: "14 Mar 2025, 10:05" (London time, whatever the browser's zone). */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));
}
