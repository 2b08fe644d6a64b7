import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch } from '../../test/fetchMock';
import { informationRequest, ME, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const page = (items: unknown[]) => ({ items, total: items.length, limit: 50, offset: 0 });
const summary = (id: string, state: string, child: string) => ({
  id,
  child_reference: child,
  state,
  agency: { id: 'a-1', name: 'Harbourside Children’s Trust', kind: 'childrens_social_care' },
  review_type_requested: 'cspr',
  submitted_to_business_office_on: null,
  due: null,
  created_at: '2025-03-03T09:00:00Z',
  updated_at: '2025-03-03T09:00:00Z',
});

function dashboardFor(role: string, permissions: string[], extra: Parameters<typeof mockFetch>[0] = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json({ ...ME, role, permissions }),
    'GET /api/v1/deadlines': () => json(page([])),
    // Lists answer by the state asked for, so each panel gets only its own.
    'GET /api/v1/referrals': (r) => {
      const state = new URL(r.url).searchParams.get('state');
      const all = [summary('r-1', 'awaiting_sign_off', 'Child AB'), summary('r-2', 'submitted', 'Child CD'), summary('r-3', 'recommendation_made', 'Child EF'), summary('r-4', 'returned', 'Child GH')];
      return json(page(all.filter((x) => x.state === state)));
    },
    ...extra,
  });
}

describe('what is waiting on the dashboard, by role', () => {
  it('agency manager: referrals awaiting sign-off', async () => {
    dashboardFor('agency_manager', ['referrals:read', 'referrals:sign_off']);
    renderApp('/');
    const panel = await screen.findByRole('region', { name: 'Referrals awaiting your sign-off' });
    expect(await within(panel).findByRole('link', { name: 'Child AB, Harbourside Children’s Trust' })).toHaveAttribute('href', '/referrals/r-1');
    expect(screen.queryByRole('region', { name: /Information requests/ })).not.toBeInTheDocument();
  });

  it('business office: submitted referrals and submitted information requests, and counts by stage', async () => {
    dashboardFor('business_office', ['referrals:read', 'referrals:consider'], {
      'GET /api/v1/information-requests': () => json(page([informationRequest({ id: 'ir-9', state: 'submitted' }), informationRequest({ id: 'ir-8', state: 'requested' })])),
    });
    renderApp('/');
    const referrals = await screen.findByRole('region', { name: 'Submitted referrals to consider' });
    expect(await within(referrals).findByRole('link', { name: /Child CD/ })).toHaveAttribute('href', '/referrals/r-2');
    const requests = screen.getByRole('region', { name: 'Information requests submitted' });
    expect(await within(requests).findByRole('link', { name: 'Child BM, Harbourside Police' })).toHaveAttribute('href', '/information-requests/ir-9');
    expect(within(requests).getAllByRole('link')).toHaveLength(1);
    const stages = screen.getByRole('region', { name: 'Referrals by stage' });
    expect(await within(stages).findByRole('link', { name: '1 Submitted' })).toHaveAttribute('href', '/referrals?state=submitted');
  });

  it('strategic lead: referrals with a recommendation and rapid reviews awaiting decision', async () => {
    dashboardFor('strategic_lead', ['referrals:read', 'referrals:decide', 'rapid_reviews:read'], {
      'GET /api/v1/rapid-reviews': () => json(page([{ id: 'rr-1', child_reference: 'Child XY', state: 'recommendation_made', due: { due_date: '2025-03-20', status: 'open', overdue: false } }])),
    });
    renderApp('/');
    const referrals = await screen.findByRole('region', { name: 'Referrals awaiting the safeguarding partners’ decision' });
    expect(await within(referrals).findByRole('link', { name: /Child EF/ })).toBeInTheDocument();
    const rapid = screen.getByRole('region', { name: 'Rapid reviews awaiting the safeguarding partners’ decision' });
    expect(await within(rapid).findByRole('link', { name: 'Child XY' })).toHaveAttribute('href', '/rapid-reviews/rr-1');
  });

  it('scrutineer: rapid reviews about to be decided, where a comment is wanted', async () => {
    const fetch = dashboardFor('scrutineer', ['rapid_reviews:read', 'rapid_reviews:comment'], {
      'GET /api/v1/rapid-reviews': () => json(page([{ id: 'rr-1', child_reference: 'Child XY', state: 'recommendation_made', due: { due_date: '2025-03-20', status: 'open', overdue: false } }])),
    });
    renderApp('/');
    const rapid = await screen.findByRole('region', { name: 'Rapid reviews about to be decided: your comment is wanted' });
    expect(await within(rapid).findByRole('link', { name: 'Child XY' })).toHaveAttribute('href', '/rapid-reviews/rr-1');
    expect(new URL(fetch.calls('GET /api/v1/rapid-reviews')[0]!.url).searchParams.get('state')).toBe('recommendation_made');
  });

  it('agency lead: information requests to answer and returned referrals', async () => {
    dashboardFor('agency_lead', ['referrals:read', 'referrals:draft'], {
      'GET /api/v1/information-requests': () => json(page([informationRequest({ id: 'ir-1', state: 'draft' }), informationRequest({ id: 'ir-2', state: 'submitted' })])),
    });
    renderApp('/');
    const requests = await screen.findByRole('region', { name: 'Information requests to answer' });
    expect(await within(requests).findByRole('link', { name: 'Child BM, Harbourside Police' })).toHaveAttribute('href', '/information-requests/ir-1');
    expect(within(requests).getAllByRole('link')).toHaveLength(1);
    const returned = screen.getByRole('region', { name: 'Returned referrals' });
    expect(await within(returned).findByRole('link', { name: /Child GH/ })).toHaveAttribute('href', '/referrals/r-4');
  });
});
