import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LearningBriefing } from '../../api/types';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, withEtag } from '../../test/fetchMock';
import { ME, rapidReview, tokens, TRUST } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const OFFICE = { ...ME, permissions: ['rapid_reviews:read', 'rapid_reviews:manage', 'information_requests:read'] };
const STALE = { detail: 'This record has changed since you read it.', errors: [{ field: 'header.If-Match', message: 'stale' }] };

const REVIEW = rapidReview({
  notification_id: null,
  agencies: [],
  due: null,
  meeting: {
    held_on: '2025-03-05',
    attendees: [{ name: 'Dr A Patel', role: 'Designated doctor (chair)', agency: 'Integrated Care Board' }],
    facts_reviewed: 'Chronologies from the police and the hospital.',
    immediate_action_needed: false,
    immediate_learning: 'No-access visits to a new baby are escalated.',
    key_practice_episodes: 'The two missed new birth visits.',
    characteristics_and_inequalities: 'No interpreter was offered at the health visits.',
    issues_of_national_importance: 'None identified.',
    responses_outstanding: [],
  },
  allowed_actions: ['send_information_requests', 'correct_meeting', 'add_immediate_action', 'make_recommendation', 'edit_briefing'],
});

const BRIEFING: LearningBriefing = {
  rapid_review_id: 'rr-1',
  case_id: 'c-1',
  child_reference: 'Child BM',
  title: 'Learning from the case of Child BM',
  case_in_brief: '',
  what_happened: '',
  what_we_learned: '',
  good_practice: '',
  what_to_do_differently: '',
  questions_for_your_team: '',
  updated_at: null,
};

function setUp(routes: Parameters<typeof mockFetch>[0]) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(OFFICE),
    'GET /api/v1/rapid-reviews/rr-1': () => withEtag(REVIEW, '"5"'),
    'GET /api/v1/rapid-reviews/rr-1/information-requests': () => json({ items: [], total: 0, limit: 100, offset: 0 }),
    'GET /api/v1/rapid-reviews/rr-1/learning-briefing': () => withEtag(BRIEFING, '"2"'),
    'GET /api/v1/rapid-reviews/rr-1/timeline': () => json([]),
    ...routes,
  });
}

async function correctFacts(user: ReturnType<typeof renderApp>['user'], facts: string) {
  await user.click(await screen.findByText('Correct the meeting record'));
  const box = screen.getByLabelText('Facts reviewed');
  await user.clear(box);
  await user.type(box, facts);
  await user.click(screen.getByRole('button', { name: 'Save corrections' }));
}

describe('correcting the rapid review meeting', () => {
  it('opens the correction when the overview’s step links to it', async () => {
    setUp({});
    renderApp('/rapid-reviews/rr-1/meeting#correct-meeting');
    const summary = await screen.findByText('Correct the meeting record');
    await vi.waitFor(() => expect(summary.closest('details')).toHaveAttribute('open'));
    expect(screen.getByLabelText('Facts reviewed')).toBeVisible();
  });

  it('keeps the correction folded when the meeting section is opened on its own', async () => {
    setUp({});
    renderApp('/rapid-reviews/rr-1/meeting');
    expect((await screen.findByText('Correct the meeting record')).closest('details')).not.toHaveAttribute('open');
  });

  it('sends the version of the rapid review it showed as If-Match', async () => {
    const fetch = setUp({
      'PATCH /api/v1/rapid-reviews/rr-1/meeting': () => withEtag(REVIEW, '"6"'),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/meeting');
    await correctFacts(user, 'Chronologies from all four agencies.');

    expect(await screen.findByText('The meeting record has been corrected.')).toBeInTheDocument();
    const sent = fetch.calls('PATCH /api/v1/rapid-reviews/rr-1/meeting')[0]!;
    expect(sent.headers.get('If-Match')).toBe('"5"');
    expect(await sent.json()).toMatchObject({ facts_reviewed: 'Chronologies from all four agencies.', immediate_action_needed: false });
  });

  it('tells the person someone else changed the rapid review first (412) and to reload', async () => {
    setUp({ 'PATCH /api/v1/rapid-reviews/rr-1/meeting': () => problem(412, 'Precondition Failed', STALE) });
    const { user } = renderApp('/rapid-reviews/rr-1/meeting');
    await correctFacts(user, 'Chronologies from all four agencies.');

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Someone else changed this rapid review since you opened it. Reload the page to see their changes');
    expect(screen.queryByText('The meeting record has been corrected.')).not.toBeInTheDocument();
  });
});

describe('editing the learning briefing', () => {
  it('saves with the version it read as If-Match, and a 412 says someone else saved first', async () => {
    const fetch = setUp({
      'PUT /api/v1/rapid-reviews/rr-1/learning-briefing': [
        async (r) => withEtag({ ...BRIEFING, ...(await r.json()) }, '"3"'),
        () => problem(412, 'Precondition Failed', STALE),
      ],
    });
    const { user } = renderApp('/rapid-reviews/rr-1/briefing');
    await user.type(await screen.findByLabelText('What happened'), 'Visits went unanswered.');
    await user.click(screen.getByRole('button', { name: 'Save briefing' }));
    expect(await screen.findByText('The briefing has been saved.')).toBeInTheDocument();

    // The next save goes with the version the first one answered with.
    await user.type(screen.getByLabelText('What happened'), ' Twice.');
    await user.click(screen.getByRole('button', { name: 'Save briefing' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this learning briefing since you opened it. Reload the page');

    const saves = fetch.calls('PUT /api/v1/rapid-reviews/rr-1/learning-briefing');
    expect(saves.map((r) => r.headers.get('If-Match'))).toEqual(['"2"', '"3"']);
    // Only the briefing's own boxes: the API refuses the read-only fields the form was loaded with.
    expect(Object.keys(await saves[1]!.json()).sort()).toEqual([
      'case_in_brief', 'good_practice', 'questions_for_your_team', 'title', 'what_happened', 'what_to_do_differently', 'what_we_learned',
    ]);
  });
});

describe('the recommendation and the decision', () => {
  const STRATEGIC = { ...ME, role: 'strategic_lead', agency: TRUST, permissions: ['rapid_reviews:read', 'rapid_reviews:decide'] };
  const RECOMMENDED = rapidReview({
    ...REVIEW,
    state: 'recommendation_made',
    recommendation: 'local_cspr',
    recommendation_rationale: 'Significant learning remains.',
    allowed_actions: ['record_partner_position'],
    decision_outstanding_from: ['local_authority', 'integrated_care_board', 'police'],
  });

  it('records the recommendation on the meeting record read (the ETag as If-Match); a 412 says to reload', async () => {
    const fetch = setUp({
      'GET /api/v1/rapid-reviews/rr-1': () => withEtag(REVIEW, '"5"'),
      'POST /api/v1/rapid-reviews/rr-1/recommendation': () => problem(412, 'Precondition Failed', STALE),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/decision');
    await user.click(await screen.findByLabelText('Hold a local Child Safeguarding Practice Review'));
    await user.type(screen.getByLabelText('Rationale'), 'Significant learning remains.');
    await user.click(screen.getByRole('button', { name: 'Record recommendation' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this rapid review since you opened it. Reload the page to see their changes');
    expect(screen.getByLabelText('Rationale')).toHaveValue('Significant learning remains.');
    expect(screen.getByLabelText('Hold a local Child Safeguarding Practice Review')).toBeChecked();
    expect(fetch.calls('POST /api/v1/rapid-reviews/rr-1/recommendation')[0]!.headers.get('If-Match')).toBe('"5"');
  });

  it('a partner records their position on the recommendation read: its ETag goes as If-Match, and a 412 keeps the form', async () => {
    const fetch = setUp({
      'GET /api/v1/me': () => json(STRATEGIC),
      'GET /api/v1/rapid-reviews/rr-1': () => withEtag(RECOMMENDED, '"9"'),
      'POST /api/v1/rapid-reviews/rr-1/partner-positions': () => problem(412, 'Precondition Failed', STALE),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/decision');
    await screen.findByRole('heading', { name: 'Record the local authority’s position' });
    const hold = screen.getByRole('group', { name: 'Should a local Child Safeguarding Practice Review be held?' });
    await user.click(within(hold).getByLabelText('Yes'));
    await user.type(screen.getByLabelText('Comments (optional)'), 'A review is needed.');
    await user.click(screen.getByRole('button', { name: 'Record position' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this rapid review since you opened it. Reload the page to see their changes');
    expect(within(hold).getByLabelText('Yes')).toBeChecked();
    expect(screen.getByLabelText('Comments (optional)')).toHaveValue('A review is needed.');
    const sent = fetch.calls('POST /api/v1/rapid-reviews/rr-1/partner-positions')[0]!;
    expect(sent.headers.get('If-Match')).toBe('"9"');
    expect(await sent.json()).toMatchObject({ hold_cspr: true, reasons: 'A review is needed.' });
  });
});
