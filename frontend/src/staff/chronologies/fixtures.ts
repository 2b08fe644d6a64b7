import type { AnalysisReport, Chronology, IntegratedChronology } from './types';

export const POLICE = { id: '22222222-2222-4222-8222-222222222222', name: 'Harbourside Police', kind: 'police' as const };
export const TRUST = { id: '11111111-1111-4111-8111-111111111111', name: 'Harbourside Children’s Trust', kind: 'childrens_social_care' as const };
export const SCHOOL = { id: '33333333-3333-4333-8333-333333333333', name: 'Riverside Academy', kind: 'education' as const };

export function chronology(overrides: Partial<Chronology> = {}): Chronology {
  return {
    id: 'ch-1',
    review_id: 'rv-1',
    case_id: 'c-1',
    child_reference: 'Child LW',
    agency: POLICE,
    requested_on: '2025-04-01',
    note: '',
    due: { due_date: '2025-04-29', status: 'open', overdue: false },
    state: 'requested',
    submitted_at: null,
    submitted_by_name: null,
    return_reasons: null,
    revision: 0,
    resubmitted: false,
    allowed_actions: ['save_draft', 'submit'],
    submitted_entry_count: 0,
    draft_entry_count: 0,
    entries: [],
    draft_entries: [],
    ...overrides,
  };
}

export function entry(id: string, day: string, what: string, time: string | null = null) {
  return { id, occurred_on: day, occurred_time: time, source: 'Storm log', what_happened: what, significance: 'Child present', version: 1 };
}

export function integrated(overrides: Partial<IntegratedChronology> = {}): IntegratedChronology {
  const at = (agency: typeof POLICE | typeof TRUST | typeof SCHOOL, id: string, day: string, what: string, time: string | null) => ({
    id, agency, occurred_on: day, occurred_time: time, source: 'Record', what_happened: what, significance: 'Matters',
  });
  return {
    review_id: 'rv-1',
    child_reference: 'Child LW',
    gap_days: 30,
    total: 4,
    days: [
      {
        date: '2025-03-02',
        agencies: [TRUST, SCHOOL, POLICE],
        entries: [at(TRUST, 'e1', '2025-03-02', 'Out-of-hours social worker told', null), at(SCHOOL, 'e2', '2025-03-02', 'Arrived hungry at breakfast club', '08:05:00'), at(POLICE, 'e3', '2025-03-02', 'Domestic incident at the home', '23:40:00')],
        gap_before: null,
      },
      {
        date: '2025-06-20',
        agencies: [POLICE],
        entries: [at(POLICE, 'e4', '2025-06-20', 'Second call-out', '21:15:00')],
        gap_before: { starts_on: '2025-03-03', ends_on: '2025-06-19', days: 109 },
      },
    ],
    gaps: [{ starts_on: '2025-03-03', ends_on: '2025-06-19', days: 109 }],
    contributions: [
      { agency: TRUST, chronology_id: 'ch-2', state: 'submitted', revision: 1, submitted_at: '2025-04-20T10:00:00Z', entries: 1 },
      { agency: POLICE, chronology_id: 'ch-1', state: 'submitted', revision: 1, submitted_at: '2025-04-20T10:00:00Z', entries: 2 },
      { agency: SCHOOL, chronology_id: 'ch-3', state: 'submitted', revision: 1, submitted_at: '2025-04-20T10:00:00Z', entries: 1 },
    ],
    ...overrides,
  };
}

export function report(overrides: Partial<AnalysisReport> = {}): AnalysisReport {
  return {
    id: 'ar-1',
    review_id: 'rv-1',
    case_id: 'c-1',
    child_reference: 'Child LW',
    agency: POLICE,
    requested_on: '2025-04-01',
    note: '',
    due: { due_date: '2025-04-29', status: 'open', overdue: false },
    state: 'draft',
    submitted_at: null,
    submitted_by_name: null,
    return_reasons: null,
    revision: 0,
    resubmitted: false,
    allowed_actions: ['save_draft', 'send_for_sign_off'],
    submission: null,
    draft: { author_name: 'Dan Reilly', author_role: '', manager_name: '', key_events: [] },
    signatures: { author: null, manager: null, revision_author: null, revision_manager: null },
    ...overrides,
  };
}
