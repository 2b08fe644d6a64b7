import { describe, expect, it } from 'vitest';
import { formatInstant, londonInstant, londonParts, londonToday, parseTime } from './time';
import { dateProblem, isoFromParts } from '../../forms/dates';

describe('event times', () => {
  it('reads times the way people type them', () => {
    expect(parseTime('9:30')).toBe('09:30');
    expect(parseTime('09.30')).toBe('09:30');
    expect(parseTime('14:00')).toBe('14:00');
    expect(parseTime('930')).toBe('09:30');
    expect(parseTime('2pm')).toBe('14:00');
    expect(parseTime('12:30 am')).toBe('00:30');
    expect(parseTime('Midday')).toBe('12:00');
    expect(parseTime('14')).toBeNull();
    expect(parseTime('25:00')).toBeNull();
    expect(parseTime('13pm')).toBeNull();
    expect(parseTime('soon')).toBeNull();
  });

  it('turns London wall-clock times into instants across the clock changes', () => {
    expect(londonInstant('2025-01-14', '09:30')).toBe('2025-01-14T09:30:00.000Z');
    expect(londonInstant('2025-07-01', '09:30')).toBe('2025-07-01T08:30:00.000Z');
    // The day the clocks go forward: 01:30 GMT is before the change, 03:00 BST after it.
    expect(londonInstant('2025-03-30', '03:00')).toBe('2025-03-30T02:00:00.000Z');
    expect(londonParts('2025-07-01T08:30:00Z')).toEqual({ date: '2025-07-01', time: '09:30' });
    expect(formatInstant('2025-07-01T23:30:00Z')).toBe('2 July 2025 at 12:30am');
    expect(londonToday(Date.parse('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
  });

  it('checks date boxes in GOV.UK words', () => {
    expect(isoFromParts({ day: '7', month: '3', year: '2025' })).toBe('2025-03-07');
    expect(isoFromParts({ day: '30', month: '2', year: '2025' })).toBeNull();
    expect(dateProblem({ day: '', month: '', year: '' }, 'the date of the event')).toBe('Enter the date of the event');
    expect(dateProblem({ day: '7', month: '', year: '' }, 'the date of the event')).toBe('The date of the event must include a month and year');
    expect(dateProblem({ day: '30', month: '2', year: '2025' }, 'the date of the event')).toBe('The date of the event must be a real date');
  });
});
