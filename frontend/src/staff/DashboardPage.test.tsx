import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deadline } from '../api/types';
import { clearSession, REFRESH_TOKEN_KEY } from '../auth/session';
import { json, mockFetch } from '../test/fetchMock';
import { ME, tokens } from '../test/fixtures';
import { renderApp } from '../test/render';

afterEach(() => clearSession());

function deadline(id: string, overrides: Partial<Deadline>): Deadline {
  return {
    id,
    kind: 'information_request',
    title: 'Return additional information request',
    child_reference: 'Child BM',
    case_id: 'c-1',
    due_date: '2025-03-12',
    status: 'open',
    overdue: false,
    working_days_left: 3,
    link: `/referrals/${id}`,
    subject_type: 'referral',
    subject_id: `00000000-0000-4000-8000-00000000000${id.charCodeAt(0) % 10}`,
    owner_agency_id: null,
    owner_user_id: null,
    owner_role: 'business_office',
    met_at: null,
    waived_reason: null,
    ...overrides,
  };
}

describe('dashboard', () => {
  it('groups open deadlines into overdue and due soon', async () => {
    sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
    const items = [
      deadline('a', { title: 'Notify the National Panel', overdue: true, working_days_left: -2, due_date: '2025-03-05' }),
      deadline('b', { working_days_left: 1 }),
      deadline('c', { title: 'Met already', status: 'met' }),
    ];
    mockFetch({
      'POST /api/v1/auth/token': () => json(tokens(1)),
      'GET /api/v1/me': () => json(ME),
      'GET /api/v1/deadlines': () => json({ items, total: 3, limit: 50, offset: 0 }),
      'GET /api/v1/referrals': () => json({ items: [], total: 0, limit: 50, offset: 0 }),
      'GET /api/v1/information-requests': () => json({ items: [], total: 0, limit: 50, offset: 0 }),
    });
    renderApp('/');

    const overdue = await screen.findByRole('table', { name: 'Overdue (1)' });
    expect(within(overdue).getByRole('link', { name: 'Notify the National Panel' })).toHaveAttribute('href', '/referrals/a');
    expect(within(overdue).getByText('Overdue, due 2 working days ago')).toBeInTheDocument();
    const soon = screen.getByRole('table', { name: 'Due soon (1)' });
    expect(within(soon).getByText('Due in 1 working day')).toBeInTheDocument();
    expect(screen.queryByText('Met already')).not.toBeInTheDocument();
  });

  it('counts referrals by stage, only the stages the person can see, each linking to the list', async () => {
    sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
    const totals: Record<string, number> = { submitted: 2, under_consideration: 1, recommendation_made: 0, decided: 4 };
    const fetch = mockFetch({
      'POST /api/v1/auth/token': () => json(tokens(1)),
      'GET /api/v1/me': () => json({ ...ME, agency: null, permissions: ['referrals:read', 'deadlines:read'] }),
      'GET /api/v1/deadlines': () => json({ items: [], total: 0, limit: 50, offset: 0 }),
      'GET /api/v1/referrals': (request) => {
        const state = new URL(request.url).searchParams.get('state') ?? '';
        return json({ items: [], total: totals[state] ?? 99, limit: 0, offset: 0 });
      },
      'GET /api/v1/information-requests': () => json({ items: [], total: 0, limit: 50, offset: 0 }),
    });
    renderApp('/');

    const stages = await screen.findByRole('region', { name: 'Referrals by stage' });
    const submitted = await within(stages).findByRole('link', { name: '2 Submitted' });
    expect(submitted).toHaveAttribute('href', '/referrals?state=submitted');
    expect(within(stages).getByRole('link', { name: '4 Decided' })).toBeInTheDocument();
    // A partnership-wide role never sees an agency's drafts: no "0 drafts" that would be untrue.
    expect(within(stages).queryByRole('link', { name: /Draft|Returned|Awaiting sign-off/ })).not.toBeInTheDocument();
    const asked = fetch.calls('GET /api/v1/referrals').map((r) => new URL(r.url).searchParams.get('state'));
    expect(asked).not.toContain('draft');
  });

  it('shows a proper page for unknown routes', async () => {
    mockFetch({});
    renderApp('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });
});
