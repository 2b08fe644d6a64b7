import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../auth/session';
import { json, mockFetch, problem } from '../test/fetchMock';
import { ME, tokens } from '../test/fixtures';
import { renderApp } from '../test/render';

afterEach(() => clearSession());

const NO_DEADLINES = { items: [], total: 0, limit: 50, offset: 0 };

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user'], email: string, password: string) {
  await user.type(await screen.findByLabelText('Email address'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

function fieldGroup(label: string): HTMLElement {
  const group = screen.getByLabelText(label).closest('.govuk-form-group');
  if (!(group instanceof HTMLElement)) throw new Error(`No form group for ${label}`);
  return group;
}

describe('sign-in page', () => {
  it('validates before calling the API', async () => {
    const fetch = mockFetch({});
    const { user } = renderApp('/sign-in');
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#username');
    expect(within(summary).getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password');
    expect(within(fieldGroup('Email address')).getByText('Enter your email address')).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription('Error: Enter your email address');
    await waitFor(() => expect(document.title).toBe('Error: Sign in – Safeguarding Reviews'));
    expect(fetch.requests).toHaveLength(0);
  });

  it('shows the API’s field error next to the field and in the summary', async () => {
    const fetch = mockFetch({
      'POST /api/v1/auth/token': () =>
        problem(400, 'Sign-in refused', {
          errors: [{ field: 'body.password', message: 'Your account is locked. Try again in 15 minutes' }],
        }),
    });
    const { user } = renderApp('/sign-in');
    await fillAndSubmit(user, 'priya.shah@example.org', 'wrong');

    const message = 'Your account is locked. Try again in 15 minutes';
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: message })).toHaveAttribute('href', '#password');
    expect(within(fieldGroup('Password')).getByText(message)).toBeInTheDocument();

    const [request] = fetch.calls('POST /api/v1/auth/token');
    expect(request?.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(await request?.text());
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'password', username: 'priya.shah@example.org', password: 'wrong' });
  });

  it('shows a problem with no field errors in the summary', async () => {
    mockFetch({ 'POST /api/v1/auth/token': () => problem(400, 'Bad request', { detail: 'Incorrect email or password' }) });
    const { user } = renderApp('/sign-in');
    await fillAndSubmit(user, 'priya.shah@example.org', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('Incorrect email or password');
  });

  it('signs in, keeps the refresh token for the tab and shows my deadlines', async () => {
    const fetch = mockFetch({
      'POST /api/v1/auth/token': () => json(tokens(1)),
      'GET /api/v1/me': () => json(ME),
      'GET /api/v1/deadlines': () => json(NO_DEADLINES),
      'GET /api/v1/referrals': () => json(NO_DEADLINES),
      'GET /api/v1/information-requests': () => json(NO_DEADLINES),
    });
    const { user } = renderApp('/sign-in');
    await fillAndSubmit(user, 'priya.shah@example.org', 'correct horse');

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'My deadlines' })).toBeInTheDocument();
    expect(await screen.findByText('You have no deadlines due.', { exact: false })).toBeInTheDocument();
    expect(await screen.findByText('Priya Shah')).toBeInTheDocument();
    expect(screen.getByText(/Business office/)).toBeInTheDocument();
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    expect(fetch.calls('GET /api/v1/me')[0]?.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const fetch = mockFetch({
      'POST /api/v1/auth/token': [() => json(tokens(1)), () => json(tokens(2))],
      'GET /api/v1/me': [() => problem(401, 'Not authenticated'), () => json(ME)],
      'GET /api/v1/deadlines': () => json(NO_DEADLINES),
    });
    const { user } = renderApp('/sign-in');
    await fillAndSubmit(user, 'priya.shah@example.org', 'correct horse');

    expect(await screen.findByText('Priya Shah')).toBeInTheDocument();
    const refresh = fetch.calls('POST /api/v1/auth/token')[1];
    expect(Object.fromEntries(new URLSearchParams(await refresh?.text()))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
    });
    expect(fetch.calls('GET /api/v1/me').map((r) => r.headers.get('Authorization'))).toEqual([
      'Bearer access-1',
      'Bearer access-2',
    ]);
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });

  it('returns to sign-in with a message when the session cannot be refreshed', async () => {
    sessionStorage.setItem(REFRESH_TOKEN_KEY, 'dead-token');
    mockFetch({ 'POST /api/v1/auth/token': () => problem(400, 'Invalid grant') });
    renderApp('/');
    expect(await screen.findByText('Your session has ended, sign in again')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('signs out by revoking the refresh token', async () => {
    const fetch = mockFetch({
      'POST /api/v1/auth/token': () => json(tokens(1)),
      'POST /api/v1/auth/revoke': () => json({}),
      'GET /api/v1/me': () => json(ME),
      'GET /api/v1/deadlines': () => json(NO_DEADLINES),
    });
    const { user } = renderApp('/sign-in');
    await fillAndSubmit(user, 'priya.shah@example.org', 'correct horse');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByText('You have signed out')).toBeInTheDocument();
    const revoke = fetch.calls('POST /api/v1/auth/revoke')[0];
    expect(await revoke?.text()).toBe('token=refresh-1');
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('after signing out on purpose, the next sign-in starts at the dashboard, not the page left', async () => {
    sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
    mockFetch({
      'POST /api/v1/auth/token': () => json(tokens(1)),
      'POST /api/v1/auth/revoke': () => json({}),
      'GET /api/v1/me': () => json(ME),
      'GET /api/v1/deadlines': () => json(NO_DEADLINES),
      'GET /api/v1/referrals': () => json({ items: [], total: 0, limit: 50, offset: 0 }),
    });
    const { user } = renderApp('/referrals');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByText('You have signed out');

    await fillAndSubmit(user, 'someone.else@example.org', 'correct horse');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
  });
});
