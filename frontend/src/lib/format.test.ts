import { describe, expect, it } from 'vitest';
import { formatDate, formatTime, workingDaysPhrase } from './format';

describe('format', () => {
  it('formats calendar dates without shifting them', () => {
    expect(formatDate('2025-01-14')).toBe('Tuesday 14 January 2025');
    expect(formatDate('2025-03-30', false)).toBe('30 March 2025');
  });

  it('formats times the GOV.UK way', () => {
    expect(formatTime('09:30')).toBe('9:30am');
    expect(formatTime('14:00')).toBe('2pm');
    expect(formatTime('12:00')).toBe('midday');
  });

  it('describes working days left', () => {
    expect(workingDaysPhrase(1)).toBe('in 1 working day');
    expect(workingDaysPhrase(0)).toBe('today');
    expect(workingDaysPhrase(-3)).toBe('3 working days ago');
  });
});
