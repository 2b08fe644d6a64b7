import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, type Handler, withEtag } from '../../test/fetchMock';
import { me, OFFICE_PERMISSIONS, page, POLICE, TRUST, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import type { ActionDetail } from './learningApi';

afterEach(() => clearSession());

const OFFICE = me('business_office', [...OFFICE_PERMISSIONS, 'recommendations:read', 'recommendations:manage', 'actions:read', 'actions:manage', 'themes:manage']);
const POLICE_LEAD = me('agency_lead', ['agencies:read', 'recommendations:read', 'actions:read', 'actions:update'], { name: 'Dan Reilly', agency: POLICE });

function action(overrides: Partial<ActionDetail> = {}): ActionDetail {
  return {
    id: 'act-1', case_id: 'case-1', child_reference: 'Child RM',
    answers: { recommendation_id: 'rec-3a', label: '3a', kind: 'recommendation', text: 'Partners to remind practitioners of their part in parenting assessments.', immediate_action_id: null, rapid_review_id: null, review_id: 'rv-1', source_title: null },
    agency: POLICE, owner: { id: 'u-dan', name: 'Dan Reilly' },
    description: 'Brief every public protection officer on parenting assessments.', intended_outcome: 'Police information in every assessment.',
    due_date: '2027-03-31', due: { due_date: '2027-03-31', status: 'open', overdue: false }, overdue: false, status: 'in_progress',
    themes: [{ id: 'th-1', name: 'Information sharing' }], evidence_of_impact: null, impact_known_by: null, completion_requested_at: null,
    sent_back_reasons: null, closed_at: null, closed_by_name: null, completed_on: null, cancelled_reason: null, updated_at: '2026-11-20T10:00:00Z',
    allowed_actions: [], updates: [], ...overrides,
  };
}

function setUp(who: typeof OFFICE, routes: Record<string, Handler | Handler[]> = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(who),
    'GET /api/v1/agencies': () => json(page([TRUST, POLICE])),
    'GET /api/v1/themes': () => json([{ id: 'th-1', name: 'Information sharing', retired: false, retired_at: null }]),
    ...routes,
  });
}

describe('the action tracker', () => {
  it('reads its filters from the URL, sends them to the API and links each action', async () => {
    const fetch = setUp(OFFICE, { 'GET /api/v1/actions': () => json(page([action({ overdue: true, due: { due_date: '2026-11-02', status: 'open', overdue: true }, due_date: '2026-11-02' })])) });
    renderApp(`/actions?status=in_progress&status=not_started&overdue=true&agency_id=${POLICE.id}&q=briefing`);
    const table = await screen.findByRole('table', { name: '1 action' });
    expect(within(table).getByRole('link', { name: /Brief every public protection officer/ })).toHaveAttribute('href', '/actions/act-1');
    expect(within(table).getByText('Overdue: was due 2 November 2026')).toBeInTheDocument();
    expect(within(table).getByText('Recommendation 3a')).toBeInTheDocument();
    const sent = new URL(fetch.calls('GET /api/v1/actions')[0]!.url).searchParams;
    expect(sent.getAll('status')).toEqual(['in_progress', 'not_started']);
    expect(Object.fromEntries([...sent].filter(([k]) => k !== 'status'))).toMatchObject({ overdue: 'true', agency_id: POLICE.id, q: 'briefing', limit: '50', offset: '0' });
    expect(screen.getByLabelText('In progress')).toBeChecked();
    expect(screen.getByLabelText('Search')).toHaveValue('briefing');
  });

  it('puts the filters applied into the URL, so the view can be shared', async () => {
    const fetch = setUp(OFFICE, { 'GET /api/v1/actions': () => json(page([])) });
    const { user } = renderApp('/actions');
    await screen.findByText('No actions match these filters.');
    await user.click(screen.getByLabelText('Closure requested'));
    await user.selectOptions(screen.getByLabelText('Overdue'), 'Overdue only');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByText('No actions match these filters.');
    const last = new URL(fetch.calls('GET /api/v1/actions').at(-1)!.url).searchParams;
    expect(last.getAll('status')).toEqual(['completion_requested']);
    expect(last.get('overdue')).toBe('true');
  });
});

describe('an action', () => {
  it('offers the agency lead only the steps the API allows, and asks for closure with the evidence of impact', async () => {
    const asked = action({ status: 'completion_requested', allowed_actions: [] });
    const fetch = setUp(POLICE_LEAD, {
      'GET /api/v1/actions/act-1': [() => withEtag(action({ allowed_actions: ['post_update', 'request_completion'] }), '"4"'), () => withEtag(asked, '"5"')],
      'POST /api/v1/actions/act-1/request-completion': [
        () => problem(422, 'Unprocessable content', { detail: 'An action is closed on the evidence of its impact.', errors: [{ field: 'body.evidence_of_impact', message: 'Enter what changed in frontline practice because of this action' }] }),
        () => withEtag(asked, '"5"'),
      ],
    });
    const { user } = renderApp('/actions/act-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Action for Harbourside Police' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve the closure' })).not.toBeInTheDocument();
    expect(screen.queryByText('Cancel the action')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Post the update' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('What has been done', { selector: '#completion-progress' }), 'Briefed at all four team meetings.');
    await user.type(screen.getByLabelText('Evidence of impact'), ' ');
    await user.type(screen.getByLabelText('How you know'), 'Monthly check of assessments.');
    await user.click(screen.getByRole('button', { name: 'Ask for closure' }));
    expect(await screen.findAllByText('Enter what changed in frontline practice because of this action')).not.toHaveLength(0);

    await user.clear(screen.getByLabelText('Evidence of impact'));
    await user.type(screen.getByLabelText('Evidence of impact'), '11 of the last 12 assessments included the police.');
    await user.click(screen.getByRole('button', { name: 'Ask for closure' }));
    expect(await screen.findByText('You asked the business office to close this action')).toBeInTheDocument();
    const posted = fetch.calls('POST /api/v1/actions/act-1/request-completion').at(-1)!;
    expect(posted.headers.get('If-Match')).toBe('"4"');
    expect(await posted.json()).toEqual({ progress: 'Briefed at all four team meetings.', evidence_of_impact: '11 of the last 12 assessments included the police.', impact_known_by: 'Monthly check of assessments.' });
  });

  it('lets the business office approve a closure asked for, showing the evidence and the updates', async () => {
    const requested = action({
      status: 'completion_requested', evidence_of_impact: '11 of 12 assessments included the police.', impact_known_by: 'Monthly audit.', allowed_actions: ['edit', 'approve_closure', 'send_back', 'cancel'],
      updates: [{ id: 'up-1', purpose: 'completion_request', state: 'submitted', submitted_at: '2026-11-20T10:00:00Z', submitted_by_name: 'Dan Reilly', progress: 'Briefed.', evidence_of_impact: '11 of 12 assessments included the police.', impact_known_by: 'Monthly audit.', revision: 1, return_reasons: null }],
    });
    const complete = action({ status: 'complete', completed_on: '2026-11-23', closed_by_name: 'Priya Shah', allowed_actions: [] });
    const fetch = setUp(OFFICE, {
      'GET /api/v1/actions/act-1': [() => withEtag(requested, '"5"'), () => withEtag(complete, '"6"')],
      'POST /api/v1/actions/act-1/approve-closure': () => withEtag(complete, '"6"'),
    });
    const { user } = renderApp('/actions/act-1');
    const updates = await screen.findByRole('heading', { name: /Closure asked for, / });
    expect(updates).toBeInTheDocument();
    expect(screen.getAllByText('11 of 12 assessments included the police.')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Approve the closure' }));
    expect(await screen.findByText('You approved the closure of this action')).toBeInTheDocument();
    expect(fetch.calls('POST /api/v1/actions/act-1/approve-closure')[0]!.headers.get('If-Match')).toBe('"5"');
    expect(await screen.findByText('Complete', { selector: '.govuk-tag' })).toBeInTheDocument();
  });
});
