import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, withEtag } from '../../test/fetchMock';
import { informationRequest, ME, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { typeDate } from '../../test/typeDate';

afterEach(() => clearSession());

const RESPONSE = { involvement: 'Two call-outs', key_contacts: [], analysis: 'The calls were not linked.', immediate_learning: 'x', actions_taken: 'x', good_practice: 'x', author_name: 'Dan Reilly', author_role: 'Detective sergeant' };

function revision(number: number) {
  return { number, resubmission: number > 1, submitted_at: '2025-03-05T10:00:00Z', submitted_by_name: 'Dan Reilly', returned_at: null, returned_by_name: null, return_reasons: null, content: RESPONSE };
}

const POLICE_LEAD = {
  ...ME,
  name: 'Dan Reilly',
  role: 'agency_lead',
  agency: { id: '22222222-2222-4222-8222-222222222222', name: 'Harbourside Police', kind: 'police' },
  permissions: ['information_requests:read', 'information_requests:respond'],
};

function setUp(routes: Parameters<typeof mockFetch>[0]) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(POLICE_LEAD),
    'GET /api/v1/information-requests/ir-1/timeline': () => json([]),
    'GET /api/v1/information-requests/ir-1/revisions': () => json([]),
    ...routes,
  });
}

describe('the information request response form', () => {
  it('saves a draft with what has been written so far', async () => {
    const fetch = setUp({
      'GET /api/v1/information-requests/ir-1': () => json(informationRequest()),
      'PUT /api/v1/information-requests/ir-1/draft': async (r) => json(informationRequest({ state: 'draft', draft: await r.json() })),
    });
    const { user } = renderApp('/information-requests/ir-1');
    await user.type(await screen.findByLabelText('Your agency’s involvement with the child and family'), 'Two call-outs in 2024');
    await user.click(screen.getByRole('button', { name: 'Add a key contact' }));
    await typeDate(user, screen.getByRole('group', { name: 'Date' }), '2', '11', '2024');
    await user.type(screen.getByLabelText('Type of contact'), 'Domestic call-out');
    await user.type(screen.getByLabelText('Summary'), 'Officers attended');
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));

    expect(await screen.findByText(/Your draft has been saved/)).toBeInTheDocument();
    const body = await fetch.calls('PUT /api/v1/information-requests/ir-1/draft')[0]!.json();
    expect(body).toMatchObject({ involvement: 'Two call-outs in 2024', key_contacts: [{ date: '2024-11-02', contact_type: 'Domestic call-out', summary: 'Officers attended' }], analysis: '' });
  });

  it('shows the boxes the API says are missing on submit, linked from the summary', async () => {
    setUp({
      'GET /api/v1/information-requests/ir-1': () => json(informationRequest({ state: 'returned', return_reasons: 'Say what happened at the school', draft: { involvement: 'Two call-outs', key_contacts: [], analysis: '', immediate_learning: '', actions_taken: '', good_practice: '', author_name: '', author_role: '' } })),
      'POST /api/v1/information-requests/ir-1/submit': () =>
        problem(422, 'Unprocessable Content', { errors: [{ field: 'body.analysis', message: 'Enter your analysis' }, { field: 'body.author_name', message: 'Enter the author’s name' }] }),
    });
    const { user } = renderApp('/information-requests/ir-1');
    expect(await screen.findByText('Say what happened at the school')).toBeInTheDocument();
    expect(screen.getByLabelText('Your agency’s involvement with the child and family')).toHaveValue('Two call-outs');
    await user.click(screen.getByRole('button', { name: 'Submit response' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter your analysis' })).toHaveAttribute('href', '#analysis');
    expect(within(summary).getByRole('link', { name: 'Enter the author’s name' })).toHaveAttribute('href', '#author_name');
    expect(screen.getByLabelText('Analysis of your agency’s involvement')).toHaveAccessibleDescription('Error: Enter your analysis');
  });

  it('shows the submitted response, not the form, once submitted', async () => {
    const submitted = informationRequest({ state: 'submitted', allowed_actions: [], revision: 1, submitted_at: '2025-03-05T10:00:00Z', submitted_by_name: 'Dan Reilly', submission: { involvement: 'x', key_contacts: [], analysis: 'x', immediate_learning: 'x', actions_taken: 'x', good_practice: 'x', author_name: 'x', author_role: 'x' } });
    setUp({
      'GET /api/v1/information-requests/ir-1': [() => json(informationRequest()), () => json(submitted)],
      'POST /api/v1/information-requests/ir-1/submit': async (r) =>
        json(informationRequest({ state: 'submitted', allowed_actions: [], revision: 1, submitted_at: '2025-03-05T10:00:00Z', submitted_by_name: 'Dan Reilly', submission: await r.json() })),
    });
    const { user } = renderApp('/information-requests/ir-1');
    for (const label of ['Your agency’s involvement with the child and family', 'Analysis of your agency’s involvement', 'Immediate learning identified', 'Actions already taken as a result of the learning', 'Good practice', 'Author’s name', 'Author’s role']) {
      await user.type(await screen.findByLabelText(label), 'x');
    }
    await user.click(screen.getByRole('button', { name: 'Submit response' }));
    expect(await screen.findByText('Your response has been submitted to the business office.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Submitted response' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit response' })).not.toBeInTheDocument();
  });

  it('shows the form or the return button only as the API offers them, whatever the role says', async () => {
    // The page once showed the return button to anyone whose role could return: now only the API's allowed_actions do.
    setUp({
      'GET /api/v1/me': () => json({ ...POLICE_LEAD, permissions: [...POLICE_LEAD.permissions, 'rapid_reviews:manage'] }),
      'GET /api/v1/information-requests/ir-1': () => json(informationRequest({ state: 'submitted', allowed_actions: [], revision: 1, submission: RESPONSE })),
      'GET /api/v1/information-requests/ir-1/revisions': () => json([revision(1)]),
    });
    renderApp('/information-requests/ir-1');
    expect(await screen.findByRole('heading', { name: 'Submitted response' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit response' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Return for more information' })).not.toBeInTheDocument();
  });

  it('offers the business office the return when the API lists it', async () => {
    setUp({
      'GET /api/v1/me': () => json({ ...ME, permissions: ['information_requests:read', 'rapid_reviews:manage'] }),
      'GET /api/v1/information-requests/ir-1': () => json(informationRequest({ state: 'submitted', allowed_actions: ['return'], revision: 1, submission: RESPONSE })),
      'GET /api/v1/information-requests/ir-1/revisions': () => json([revision(1)]),
    });
    renderApp('/information-requests/ir-1');
    expect(await screen.findByRole('button', { name: 'Return for more information' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit response' })).not.toBeInTheDocument();
    // One response, never returned: nothing to show as history yet.
    expect(screen.queryByRole('heading', { name: 'Revision history' })).not.toBeInTheDocument();
  });

  it('shows every response the agency submitted, with the reasons each was returned', async () => {
    const returned = { ...revision(1), returned_at: '2025-03-06T15:00:00Z', returned_by_name: 'Priya Shah', return_reasons: 'Add the contacts with the older sibling.' };
    const resubmitted = { ...revision(2), submitted_at: '2025-03-10T09:00:00Z', content: { ...RESPONSE, analysis: 'Nobody asked who lived in the home.' } };
    setUp({
      'GET /api/v1/information-requests/ir-1': () =>
        json(informationRequest({ state: 'submitted', allowed_actions: [], revision: 2, resubmitted: true, submitted_at: '2025-03-10T09:00:00Z', submitted_by_name: 'Dan Reilly', submission: resubmitted.content, return_reasons: returned.return_reasons })),
      'GET /api/v1/information-requests/ir-1/revisions': () => json([returned, resubmitted]),
    });
    const { user } = renderApp('/information-requests/ir-1');
    const history = await screen.findByRole('region', { name: 'Revision history' });
    expect(screen.getByText('Resubmitted')).toBeInTheDocument();
    const first = within(history).getByRole('listitem', { name: 'Response 1' });
    expect(first).toHaveTextContent('Submitted 5 March 2025 by Dan Reilly');
    expect(first).toHaveTextContent('Returned 6 March 2025 by Priya Shah: Add the contacts with the older sibling.');
    const second = within(history).getByRole('listitem', { name: 'Response 2 (resubmitted)' });
    expect(second).not.toHaveTextContent('Returned');
    await user.click(within(second).getByText('Response 2 as submitted'));
    expect(within(second).getByText('Nobody asked who lived in the home.')).toBeVisible();
  });

  it('saves the draft and submits with the version it read, each answer giving the next version', async () => {
    const fetch = setUp({
      // Read again after the save, as the page does: the version the save made.
      'GET /api/v1/information-requests/ir-1': [() => withEtag(informationRequest(), '"2"'), () => withEtag(informationRequest({ state: 'draft' }), '"3"')],
      'PUT /api/v1/information-requests/ir-1/draft': async (r) => withEtag(informationRequest({ state: 'draft', draft: await r.json() }), '"3"'),
      'POST /api/v1/information-requests/ir-1/submit': async (r) => withEtag(informationRequest({ state: 'submitted', allowed_actions: [], submission: await r.json() }), '"4"'),
    });
    const { user } = renderApp('/information-requests/ir-1');
    await user.type(await screen.findByLabelText('Your agency’s involvement with the child and family'), 'Two call-outs in 2024');
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    expect(await screen.findByText(/Your draft has been saved/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit response' }));
    expect(await screen.findByText('Your response has been submitted to the business office.')).toBeInTheDocument();

    expect(fetch.calls('PUT /api/v1/information-requests/ir-1/draft')[0]?.headers.get('If-Match')).toBe('"2"');
    expect(fetch.calls('POST /api/v1/information-requests/ir-1/submit')[0]?.headers.get('If-Match')).toBe('"3"');
  });

  it('explains that a colleague saved the response first (412), rather than failing silently', async () => {
    setUp({
      'GET /api/v1/information-requests/ir-1': () => withEtag(informationRequest({ state: 'draft' }), '"2"'),
      'PUT /api/v1/information-requests/ir-1/draft': () =>
        problem(412, 'Precondition Failed', { detail: 'This record has changed since you read it.', errors: [{ field: 'header.If-Match', message: 'stale' }] }),
    });
    const { user } = renderApp('/information-requests/ir-1');
    await user.type(await screen.findByLabelText('Analysis of your agency’s involvement'), 'Missed visits');
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Someone else changed this response since you opened it. Reload the page to see their changes, then make yours again.');
    expect(summary).not.toHaveTextContent('stale');
    expect(screen.queryByText(/Your draft has been saved/)).not.toBeInTheDocument();
  });
});

describe('who the child is, for the agency asked', () => {
  it('reads the child’s details only when the agency opens them, once', async () => {
    const fetch = setUp({
      'GET /api/v1/information-requests/ir-1': () => json(informationRequest()),
      'GET /api/v1/cases/c-1/identifying-details': () =>
        json({
          case_id: 'c-1',
          reference: 'Child QZ',
          details: [
            { kind: 'name', value: 'Rowan Ashby', about: 'the child', source: { record_type: 'incident_notification', record_id: 'n-1', field: 'children.0.name' } },
            { kind: 'date_of_birth', value: '2025-03-14', about: 'the child', source: { record_type: 'incident_notification', record_id: 'n-1', field: 'children.0.date_of_birth' } },
            { kind: 'name', value: 'Kerry Ashby', about: 'Mother', source: { record_type: 'referral', record_id: 'r-1', field: 'family_members.0.name' } },
          ],
        }),
    });
    const { user } = renderApp('/information-requests/ir-1');
    const summary = await screen.findByText(/to find them in your records/);
    expect(fetch.calls('GET /api/v1/cases/c-1/identifying-details')).toHaveLength(0);

    await user.click(summary);

    expect(await screen.findByText('Rowan Ashby')).toBeInTheDocument();
    expect(screen.getByText('14 March 2025')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Mother' })).getByText('Kerry Ashby')).toBeInTheDocument();
    expect(fetch.calls('GET /api/v1/cases/c-1/identifying-details')).toHaveLength(1);
  });
});

describe('chasing a request', () => {
  it('sends a reminder now and gives a new due date with the reason', async () => {
    sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
    const waiting = informationRequest({ allowed_actions: ['chase', 'change_due_date'] });
    const fetch = mockFetch({
      'POST /api/v1/auth/token': () => json(tokens(1)),
      'GET /api/v1/me': () => json({ ...ME, role: 'business_office', permissions: ['information_requests:read', 'rapid_reviews:read', 'rapid_reviews:manage'] }),
      'GET /api/v1/information-requests/ir-1': () => json(waiting),
      'GET /api/v1/information-requests/ir-1/timeline': () => json([]),
      'POST /api/v1/information-requests/ir-1/chase': () => json(waiting),
      'POST /api/v1/information-requests/ir-1/due-date': () => json(waiting),
    });
    const { user } = renderApp('/information-requests/ir-1');
    await user.click(await screen.findByRole('button', { name: 'Send a reminder now' }));
    expect(await screen.findByText('A reminder has been sent to Harbourside Police’s safeguarding leads.')).toBeInTheDocument();

    await user.click(screen.getByText('Give Harbourside Police a new due date'));
    await user.type(screen.getByLabelText('Day'), '9');
    await user.type(screen.getByLabelText('Month'), '12');
    await user.type(screen.getByLabelText('Year'), '2099');
    await user.type(screen.getByLabelText('Why is the date changing?'), 'The records are held off site.');
    await user.click(screen.getByRole('button', { name: 'Change the due date' }));

    expect(await screen.findByText('Harbourside Police has a new due date.')).toBeInTheDocument();
    expect(await fetch.calls('POST /api/v1/information-requests/ir-1/due-date')[0]!.json()).toEqual({ due_date: '2099-12-09', reason: 'The records are held off site.' });
  });
});
