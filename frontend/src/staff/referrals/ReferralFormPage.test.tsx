import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { emptyReferral, ME, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

function signedIn(routes: Parameters<typeof mockFetch>[0]) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json({ ...ME, role: 'agency_lead', permissions: ['referrals:read', 'referrals:draft'] }),
    ...routes,
  });
}

describe('submitting an incomplete referral', () => {
  it('lists every missing box in the error summary, linking to the box, and shows it next to the box', async () => {
    const referral = emptyReferral();
    const fetch = signedIn({
      'GET /api/v1/referrals/r-1': () => new Response(JSON.stringify(referral), { headers: { 'Content-Type': 'application/json', ETag: '"3"' } }),
      'PATCH /api/v1/referrals/r-1': () => new Response(JSON.stringify(referral), { headers: { 'Content-Type': 'application/json', ETag: '"4"' } }),
      'POST /api/v1/referrals/r-1/submit': () =>
        problem(422, 'Unprocessable Content', {
          detail: 'Every box of the form must be completed before it is submitted; 2 are empty or inconsistent.',
          errors: [
            { field: 'child.name', message: 'must be completed before the request is submitted' },
            { field: 'chronology', message: 'add at least one row before the request is submitted' },
          ],
        }),
    });
    const { user } = renderApp('/referrals/r-1/edit');

    await user.click(await screen.findByRole('button', { name: 'Submit for sign-off' }));

    const summary = await screen.findByRole('alert');
    const nameLink = within(summary).getByRole('link', { name: 'Child’s details: Name must be completed before the request is submitted' });
    expect(nameLink).toHaveAttribute('href', '#child-name');
    expect(within(summary).getByRole('link', { name: 'Brief chronology: add at least one row before the request is submitted' })).toHaveAttribute('href', '#chronology');
    const nameBox = document.getElementById('child-name')!;
    expect(nameBox).toHaveAccessibleDescription(/Error: Child’s details: Name must be completed/);
    expect(within(screen.getByRole('link', { name: /Child’s details/, description: /There is a problem/ }).closest('li')!).getByText('There is a problem')).toBeInTheDocument();
    await waitFor(() => expect(document.title).toMatch(/^Error: /));
    // The draft was saved with the version it was read at before submitting.
    expect(fetch.calls('PATCH /api/v1/referrals/r-1')[0]?.headers.get('If-Match')).toBe('"3"');
  });

  it('explains a change someone else made in the meantime (412)', async () => {
    signedIn({
      'GET /api/v1/referrals/r-1': () => new Response(JSON.stringify(emptyReferral()), { headers: { 'Content-Type': 'application/json', ETag: '"3"' } }),
      'PATCH /api/v1/referrals/r-1': () => problem(412, 'Precondition Failed', { detail: 'stale', errors: [{ field: 'header.If-Match', message: 'stale' }] }),
    });
    const { user } = renderApp('/referrals/r-1/edit');
    await user.click(await screen.findByRole('button', { name: 'Save as draft' }));
    expect(await screen.findByText(/Someone else changed this referral since you opened it/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Reload the referral' })).toBeInTheDocument();
  });
});
