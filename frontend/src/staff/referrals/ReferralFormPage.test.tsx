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

const asDraft = (body: unknown, etag: string) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ETag: etag } });

describe('keeping the work on a draft', () => {
  it('saves every valid answer and keeps a refused one on screen with its error', async () => {
    const referral = emptyReferral({ allowed_actions: ['edit', 'submit', 'delete'] });
    const fetch = signedIn({
      'GET /api/v1/referrals/r-1': () => asDraft(referral, '"3"'),
      'PATCH /api/v1/referrals/r-1': [
        () => problem(422, 'Unprocessable Content', { errors: [{ field: 'body.referrer.contact.email', message: 'Enter an email address in the correct format, like name@example.org' }] }),
        async (r) => asDraft({ ...referral, rationale: ((await r.json()) as { rationale: string }).rationale }, '"4"'),
      ],
    });
    const { user } = renderApp('/referrals/r-1/edit');
    await user.type(await screen.findByLabelText('Email address', { selector: '#referrer-contact-email' }), 'sam.example.org');
    await user.type(screen.getByLabelText(/Rationale/), 'Serious harm.');
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));

    expect(await screen.findByText(/Your draft has been saved, apart from the answers marked below/)).toBeInTheDocument();
    const [, second] = fetch.calls('PATCH /api/v1/referrals/r-1');
    const saved = (await second!.json()) as { rationale: string; referrer: { contact: Record<string, unknown> } };
    expect(saved.rationale).toBe('Serious harm.');
    expect(saved.referrer.contact).not.toHaveProperty('email');
    expect(second!.headers.get('If-Match')).toBe('"3"');
    expect(screen.getByLabelText('Email address', { selector: '#referrer-contact-email' })).toHaveValue('sam.example.org');
    expect(within(screen.getByRole('alert')).getByRole('link', { name: /Enter an email address in the correct format/ })).toHaveAttribute('href', '#referrer-contact-email');
  });

  it('creates nothing until a new referral is first saved', async () => {
    const created = emptyReferral({ id: 'r-9', allowed_actions: ['edit', 'submit', 'delete'] });
    const fetch = signedIn({
      'POST /api/v1/referrals': () => new Response(JSON.stringify(created), { status: 201, headers: { 'Content-Type': 'application/json', ETag: '"1"' } }),
      'GET /api/v1/referrals/r-9': () => asDraft(created, '"1"'),
    });
    const { user, router } = renderApp('/referrals/new');
    await user.type(await screen.findByLabelText('Child reference'), 'Child QZ');
    expect(fetch.calls('POST /api/v1/referrals')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals/r-9/edit'));
    expect(await screen.findByText('Your draft has been saved.')).toBeInTheDocument();
    expect(await fetch.calls('POST /api/v1/referrals')[0]!.json()).toMatchObject({ child_reference: 'Child QZ' });
  });

  it('asks before leaving a page with answers not saved', async () => {
    signedIn({ 'GET /api/v1/referrals': () => json({ items: [], total: 0, limit: 100, offset: 0 }) });
    const { user, router } = renderApp('/referrals/new');
    await user.type(await screen.findByLabelText('Child reference'), 'Child QZ');
    await user.click(screen.getByRole('link', { name: 'Back to referrals' }));

    expect(await screen.findByRole('heading', { name: 'You have answers that are not saved' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Stay on this page' }));
    expect(router.state.location.pathname).toBe('/referrals/new');
    expect(screen.getByLabelText('Child reference')).toHaveValue('Child QZ');
    await user.click(screen.getByRole('link', { name: 'Back to referrals' }));
    await user.click(await screen.findByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals'));
  });

  it('deletes a draft the agency no longer wants, after asking', async () => {
    const referral = emptyReferral({ allowed_actions: ['edit', 'submit', 'delete'] });
    const fetch = signedIn({
      'GET /api/v1/referrals/r-1': () => asDraft(referral, '"3"'),
      'DELETE /api/v1/referrals/r-1': () => new Response(null, { status: 204 }),
      'GET /api/v1/referrals': () => json({ items: [], total: 0, limit: 100, offset: 0 }),
    });
    const { user, router } = renderApp('/referrals/r-1/edit');
    await user.click(await screen.findByRole('button', { name: 'Delete draft' }));
    expect(fetch.calls('DELETE /api/v1/referrals/r-1')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, delete the draft' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals'));
    expect(await screen.findByText(/The draft referral for .* has been deleted/)).toBeInTheDocument();
    expect(fetch.calls('DELETE /api/v1/referrals/r-1')[0]!.headers.get('If-Match')).toBe('"3"');
  });
});
