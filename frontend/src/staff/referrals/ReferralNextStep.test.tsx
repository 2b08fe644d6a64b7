import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { emptyReferral, ME, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const decided = emptyReferral({
  state: 'decided',
  allowed_actions: [],
  decision: { agreed: true, review_type: 'cspr', comments: 'Agreed.', decided_on: '2025-03-10', decided_by_name: 'Sam Lead' },
} as never);

function signedIn(routes: Parameters<typeof mockFetch>[0]) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json({ ...ME, role: 'agency_lead', permissions: ['referrals:read', 'rapid_reviews:read', 'reviews:read'] }),
    'GET /api/v1/referrals/r-1': () => json(decided),
    'GET /api/v1/referrals/r-1/timeline': () => json([]),
    ...routes,
  });
}

const page = (items: unknown[]) => json({ items, total: items.length, limit: 1, offset: 0 });

describe('an agreed referral', () => {
  it('links to the rapid review it opened, found by the referral as its source', async () => {
    const fetch = signedIn({
      'GET /api/v1/rapid-reviews': () => page([{ id: 'rr-9', child_reference: 'Child BM' }]),
      'GET /api/v1/reviews': () => page([]),
    });
    renderApp('/referrals/r-1');

    const link = await screen.findByRole('link', { name: 'Go to the rapid review for Child BM' });
    expect(link).toHaveAttribute('href', '/rapid-reviews/rr-9');
    const asked = new URL(fetch.calls('GET /api/v1/rapid-reviews')[0]!.url);
    expect(asked.searchParams.get('source_id')).toBe('r-1');
    expect(screen.queryByRole('link', { name: /Go to the review for/ })).not.toBeInTheDocument();
  });

  it('links to the review a case mapping exercise set up', async () => {
    signedIn({
      'GET /api/v1/rapid-reviews': () => page([]),
      'GET /api/v1/reviews': () => page([{ id: 'rv-3', child_reference: 'Child BM' }]),
    });
    renderApp('/referrals/r-1');

    expect(await screen.findByRole('link', { name: 'Go to the review for Child BM' })).toHaveAttribute('href', '/reviews/rv-3');
  });
});

describe('a referral that cannot be opened', () => {
  it('says it was not found, with a heading and a way back, rather than a bare message', async () => {
    sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
    mockFetch({
      'POST /api/v1/auth/token': () => json(tokens(1)),
      'GET /api/v1/me': () => json(ME),
      'GET /api/v1/referrals/r-404': () => problem(404, 'Not found', { detail: 'No such referral.' }),
    });
    renderApp('/referrals/r-404');
    expect(await screen.findByRole('heading', { level: 1, name: 'Referral not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your dashboard' })).toHaveAttribute('href', '/');
  });
});
