import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Case, CaseAccess } from '../../api/types';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, type Handler, withEtag } from '../../test/fetchMock';
import { me, OFFICE_PERMISSIONS, page, POLICE, review, tokens, TRUST } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const OFFICE = me('business_office', OFFICE_PERMISSIONS);
const SCRUTINEER = me('scrutineer', ['referrals:read', 'incident_notifications:read', 'rapid_reviews:read', 'information_requests:read']);

const CASE: Case = {
  id: 'c-1',
  reference: 'Child BM',
  created_at: '2025-02-27T10:00:00Z',
  updated_at: '2025-02-27T10:00:00Z',
  notifications: [{ id: 'n-1', category: 'serious_harm', became_aware_on: '2025-02-27', notified_panel_on: '2025-03-03' }],
  referrals: [{ id: 'r-1', state: 'decided', agency: TRUST, submitted_to_business_office_on: '2025-02-20' }],
  rapid_reviews: [{ id: 'rr-1', state: 'gathering_information', opened_on: '2025-02-27' }],
  information_requests: [{ id: 'ir-1', rapid_review_id: 'rr-1', agency: POLICE, state: 'submitted' }],
  reviews: [{ id: 'rv-1', kind: 'cspr', stage: 'commissioning', decided_on: '2025-03-14' }],
};

function access(overrides: Partial<CaseAccess>): CaseAccess {
  return {
    occurred_at: '2025-03-14T10:05:00Z',
    actor_type: 'user',
    actor_id: 'u-1',
    actor_name: 'Priya Shah',
    actor_role: 'business_office',
    actor_agency: null,
    record_type: 'referral',
    record_id: 'r-1',
    method: 'GET',
    path: '/api/v1/referrals/r-1',
    ...overrides,
  };
}

function setUp(who: typeof OFFICE, routes: Record<string, Handler | Handler[]> = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(who),
    'GET /api/v1/cases/c-1': () => withEtag(CASE, '"1"'),
    'GET /api/v1/cases/c-1/access-log': () =>
      json({
        ...page([
          access({ actor_name: 'Dan Reilly', actor_role: 'agency_lead', actor_agency: POLICE, record_type: 'information_request', record_id: 'ir-1', path: '/api/v1/information-requests/ir-1' }),
          access({ occurred_at: '2025-03-13T16:30:00Z', actor_type: 'client', actor_id: 'cl-1', actor_name: 'Trust case system', actor_role: null, actor_agency: TRUST, path: '/api/v1/referrals/r-1/timeline' }),
        ]),
        total: 120,
      }),
    ...routes,
  });
}

describe('a child’s case', () => {
  it('shows the business office its records and who has looked at them, newest first', async () => {
    setUp(OFFICE);
    renderApp('/cases/c-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Child BM' })).toBeInTheDocument();

    const records = screen.getByRole('table', { name: 'Records' });
    const link = (name: string) => within(records).getByRole('link', { name });
    expect(link('Serious incident notification: serious harm')).toHaveAttribute('href', '/incident-notifications/n-1');
    expect(link('Referral from Harbourside Children’s Trust')).toHaveAttribute('href', '/referrals/r-1');
    expect(link('Rapid review')).toHaveAttribute('href', '/rapid-reviews/rr-1');
    expect(link('Information request to Harbourside Police')).toHaveAttribute('href', '/information-requests/ir-1');
    expect(link('Child Safeguarding Practice Review')).toHaveAttribute('href', '/reviews/rv-1');
    expect(within(records).getByText('National Panel notified 3 March 2025')).toBeInTheDocument();
    expect(within(records).getByText('Gathering information')).toHaveClass('govuk-tag');

    expect(screen.getByRole('heading', { level: 2, name: 'Who has looked at this child’s records' })).toBeInTheDocument();
    const log = await screen.findByRole('table', { name: 'Who has looked at this child’s records' });
    const [first, second] = within(log).getAllByRole('row').slice(1);
    expect(first).toHaveTextContent('14 Mar 2025, 10:05');
    expect(first).toHaveTextContent('Dan Reilly');
    expect(first).toHaveTextContent('Agency safeguarding lead, Harbourside Police');
    expect(within(first!).getByRole('link', { name: 'Information request' })).toHaveAttribute('href', '/information-requests/ir-1');
    expect(second).toHaveTextContent('Trust case system');
    expect(second).toHaveTextContent('Integration client, Harbourside Children’s Trust');
    expect(second).toHaveTextContent('GET /api/v1/referrals/r-1/timeline');
    expect(screen.getByText('Showing the latest 2 of 120.')).toBeInTheDocument();
  });

  it('shows someone who may see the case but not who looked at it only its records', async () => {
    const fetch = setUp(SCRUTINEER);
    renderApp('/cases/c-1');
    expect(await screen.findByRole('table', { name: 'Records' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Who has looked at this child’s records' })).not.toBeInTheDocument();
    expect(fetch.calls('GET /api/v1/cases/c-1/access-log')).toHaveLength(0);
  });

  it('is linked from a review for the business office', async () => {
    setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1': () => withEtag(review(), '"3"'),
      'GET /api/v1/reviews/rv-1/timeline': () => json([]),
      'GET /api/v1/agencies': () => json(page([TRUST, POLICE])),
      'GET /api/v1/users': () => json(page([])),
      'GET /api/v1/deadlines': () => json(page([])),
    });
    renderApp('/reviews/rv-1');
    expect(await screen.findByRole('link', { name: 'All records and who has looked at them' })).toHaveAttribute('href', '/cases/c-1');
  });
});
