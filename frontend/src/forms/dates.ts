/** The day, month and year boxes of a GOV.UK date input, as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const NO_DATE: DateParts = { day: '', month: '', year: '' };

/** "2025-03-07" → { day: '7', month: '3', year: '2025' }; anything else → empty boxes. */
export function partsFromIso(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return { ...NO_DATE };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! };
}

/** All three boxes left empty. */
export function isEmptyDate(parts: DateParts | undefined): boolean {
  return !parts || (!parts.day.trim() && !parts.month.trim() && !parts.year.trim());
}

/** Today in London as date boxes. */
export function todayParts(): DateParts {
  return partsFromIso(new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }));
}

function realDate(parts: DateParts): string | null {
  const [d, m, y] = [parts.day, parts.month, parts.year].map((s) => s.trim());
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!)) return null;
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date the boxes make, or null when they do not make a real date. */
export function isoFromParts(parts: DateParts | undefined): string | null {
  return parts ? realDate(parts) : null;
}

/**
 * What is wrong with a date, in GOV.UK's words, or undefined when it is fine.
 * `what` completes "Enter …", e.g. "the date the report was sent".
 */
export function dateProblem(parts: DateParts | undefined, what: string, { notFuture = false, notPast = false } = {}): string | undefined {
  const p = parts ?? NO_DATE;
  const missing = (['day', 'month', 'year'] as const).filter((k) => !p[k].trim());
  if (missing.length === 3) return `Enter ${what}`;
  if (missing.length > 0) return `${capitalise(what)} must include a ${missing.join(' and ')}`;
  const iso = realDate(p);
  if (!iso) return `${capitalise(what)} must be a real date`;
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  if (notFuture && iso > today) return `${capitalise(what)} must be today or in the past`;
  if (notPast && iso < today) return `${capitalise(what)} must be today or in the future`;
  return undefined;
}

function capitalise(s: string): string {
  return s.replace(/^the /, 'The ').replace(/^./, (c) => c.toUpperCase());
}
