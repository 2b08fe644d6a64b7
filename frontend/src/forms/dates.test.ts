import { afterEach, describe, expect, it, vi } from 'vitest';
import { dateProblem, isoFromParts, partsFromIso } from './dates';

afterEach(() => vi.useRealTimers());

describe('date boxes', () => {
  it('turn into an ISO date and back', () => {
    expect(isoFromParts({ day: '7', month: '3', year: '2025' })).toBe('2025-03-07');
    expect(partsFromIso('2025-03-07')).toEqual({ day: '7', month: '3', year: '2025' });
    expect(partsFromIso(null)).toEqual({ day: '', month: '', year: '' });
  });

  it('say what is wrong in GOV.UK’s words', () => {
    const what = 'the date the report was sent';
    expect(dateProblem({ day: '', month: '', year: '' }, what)).toBe('Enter the date the report was sent');
    expect(dateProblem({ day: '7', month: '', year: '' }, what)).toBe('The date the report was sent must include a month and year');
    expect(dateProblem({ day: '31', month: '2', year: '2025' }, what)).toBe('The date the report was sent must be a real date');
    expect(dateProblem({ day: '1', month: '1', year: '25' }, what)).toBe('The date the report was sent must be a real date');
    expect(dateProblem({ day: '29', month: '2', year: '2024' }, what)).toBeUndefined();
  });

  it('check past and future against today in London', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-10T23:30:00Z')); // 23:30 in London, still the 10th
    expect(dateProblem({ day: '11', month: '3', year: '2025' }, 'the date', { notFuture: true })).toBe('The date must be today or in the past');
    expect(dateProblem({ day: '10', month: '3', year: '2025' }, 'the date', { notFuture: true })).toBeUndefined();
    expect(dateProblem({ day: '9', month: '3', year: '2025' }, 'the due date', { notPast: true })).toBe('The due date must be today or in the future');
  });
});
