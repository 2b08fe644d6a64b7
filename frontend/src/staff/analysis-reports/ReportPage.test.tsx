import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, withEtag } from '../../test/fetchMock';
import { ME, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { POLICE, report } from '../chronologies/fixtures';

afterEach(() => clearSession());

const AUTHOR = { ...ME, name: 'Dan Reilly', role: 'agency_lead', agency: POLICE, permissions: ['analysis_reports:read', 'analysis_reports:write'] };
const PAGE = '/reviews/rv-1/analysis-reports/ar-1';
const KEY_EVENT = {
  date: '2025-03-02', title: 'Call-out not shared', analysis: 'Not shared.', learning: 'Share it.', learning_addressed: 'Policy changed.',
  outstanding_action: 'None.', evidence_of_impact: 'School told next day.',
};

function setUp(routes: Parameters<typeof mockFetch>[0]) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(AUTHOR),
    'GET /api/v1/analysis-reports/ar-1/timeline': () => json([]),
    ...routes,
  });
}

describe('the key event analysis report', () => {
  it('names every empty box in the error summary when signing is refused', async () => {
    const fetch = setUp({
      'GET /api/v1/analysis-reports/ar-1': () => withEtag(report(), '"2"'),
      'PUT /api/v1/analysis-reports/ar-1/draft': async (r) => withEtag(report({ draft: await r.json() }), '"3"'),
      'POST /api/v1/analysis-reports/ar-1/send-for-sign-off': () =>
        problem(422, 'Unprocessable content', {
          detail: 'The report is not complete.',
          errors: [
            { field: 'draft.manager_name', message: 'Enter the agency manager’s name' },
            { field: 'draft.key_events.0.learning', message: 'Enter the learning from key event 1' },
            { field: 'draft.key_events.0.evidence_of_impact', message: 'Enter the evidence of impact (‘so what’) for key event 1' },
          ],
        }),
    });
    const { user } = renderApp(PAGE);
    await user.click(await screen.findByRole('button', { name: 'Add a key event' }));
    await user.type(screen.getByLabelText('Title of the key event'), 'Call-out not shared');
    await user.type(screen.getByLabelText('Type your full name to sign the report as its author'), 'Dan Reilly');
    await user.click(screen.getByRole('button', { name: 'Sign and send for sign-off' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter the agency manager’s name' })).toHaveAttribute('href', '#manager_name');
    expect(within(summary).getByRole('link', { name: 'Enter the learning from key event 1' })).toHaveAttribute('href', '#key_events-0-learning');
    expect(within(summary).getByRole('link', { name: 'Enter the evidence of impact (‘so what’) for key event 1' })).toBeInTheDocument();
    expect(screen.getByLabelText('Learning')).toHaveAccessibleDescription(/Enter the learning from key event 1/);
    // The draft was saved first, with the version read, and the signing went with the version the save made.
    expect(fetch.calls('PUT /api/v1/analysis-reports/ar-1/draft')[0]!.headers.get('If-Match')).toBe('"2"');
    const signing = fetch.calls('POST /api/v1/analysis-reports/ar-1/send-for-sign-off')[0]!;
    expect(signing.headers.get('If-Match')).toBe('"3"');
    expect(await signing.json()).toEqual({ signature: 'Dan Reilly' });
  });

  it('offers the sign-off only when the API lists it, and shows what the manager signs', async () => {
    setUp({
      'GET /api/v1/me': () => json({ ...AUTHOR, name: 'Alison Grant', role: 'agency_manager' }),
      'GET /api/v1/analysis-reports/ar-1': [
        () =>
          withEtag(
            report({
              state: 'awaiting_sign_off',
              allowed_actions: ['reopen', 'sign_off'],
              draft: { author_name: 'Dan Reilly', author_role: '', manager_name: 'Alison Grant', key_events: [KEY_EVENT] },
              signatures: { author: { name: 'Dan Reilly', signed_on: '2025-04-20' }, manager: null, revision_author: null, revision_manager: null },
            }),
            '"4"',
          ),
      ],
      'POST /api/v1/analysis-reports/ar-1/sign-off': async (r) => {
        expect(await r.json()).toEqual({ signature: 'Alison Grant' });
        return withEtag(report({ state: 'submitted', allowed_actions: [] }), '"5"');
      },
    });
    const { user } = renderApp(PAGE);
    const waiting = await screen.findByRole('region', { name: 'The report waiting for sign-off' });
    expect(waiting).toHaveTextContent('Dan Reilly, 20 April 2025');
    expect(within(waiting).getByRole('heading', { name: 'Key event 1: Call-out not shared, 2 March 2025' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Type your full name to sign off the report'), 'Alison Grant');
    await user.click(screen.getByRole('button', { name: 'Sign off and submit the report' }));
    expect(await screen.findByText('The report has been signed off and submitted to the review.')).toBeInTheDocument();
  });

  it('does not offer the sign-off to the author, whatever their role', async () => {
    setUp({
      'GET /api/v1/me': () => json({ ...AUTHOR, role: 'agency_manager', permissions: [...AUTHOR.permissions, 'analysis_reports:sign_off'] }),
      'GET /api/v1/analysis-reports/ar-1': () => withEtag(report({ state: 'awaiting_sign_off', allowed_actions: ['reopen'] }), '"4"'),
    });
    renderApp(PAGE);
    expect(await screen.findByRole('button', { name: 'Reopen the report for changes' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign off and submit the report' })).not.toBeInTheDocument();
  });

  it('shows the lead reviewer the submitted report with its signatures and the return', async () => {
    setUp({
      'GET /api/v1/me': () => json({ ...ME, role: 'lead_reviewer', permissions: ['analysis_reports:read', 'review_submissions:return'] }),
      'GET /api/v1/analysis-reports/ar-1': () =>
        withEtag(
          report({
            state: 'submitted',
            revision: 1,
            draft: null,
            signatures: null,
            allowed_actions: ['return'],
            submission: {
              author_name: 'Dan Reilly', author_role: 'Detective sergeant', manager_name: 'Alison Grant', key_events: [KEY_EVENT],
              signatures: { author: { name: 'Dan Reilly', signed_on: '2025-04-20' }, manager: { name: 'Alison Grant', signed_on: '2025-04-21' }, revision_author: null, revision_manager: null },
            },
          }),
          '"5"',
        ),
    });
    renderApp(PAGE);
    const submitted = await screen.findByRole('region', { name: 'Submitted report' });
    expect(submitted).toHaveTextContent('Alison Grant, 21 April 2025');
    expect(screen.getByRole('button', { name: 'Return the report' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign and send for sign-off' })).not.toBeInTheDocument();
  });
});
