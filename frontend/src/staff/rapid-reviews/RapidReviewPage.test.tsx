import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RapidReview } from '../../api/types';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { informationRequest, me, OFFICE_PERMISSIONS, page, POLICE, rapidReview, tokens, TRUST } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { typeDate } from '../../test/typeDate';

afterEach(() => clearSession());

const OFFICE = me('business_office', OFFICE_PERMISSIONS);
const POLICE_LEAD = me('agency_lead', ['rapid_reviews:read', 'immediate_actions:complete', 'information_requests:respond', 'reviews:read'], { name: 'Dan Reilly', agency: POLICE });
const SCRUTINEER = me('scrutineer', ['rapid_reviews:read', 'rapid_reviews:comment', 'reviews:read'], { name: 'Joseph Mensah' });
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

// As the police lead reads them: only the police's open action may be completed.
const ACTIONS: RapidReview['immediate_actions'] = [
  { id: 'a-1', description: 'Safety plan for the sibling', agency: TRUST, due_date: '2025-03-10', completed_on: null, due: { due_date: '2025-03-10', status: 'open', overdue: true }, allowed_actions: [] },
  { id: 'a-2', description: 'Check police records for the partner', agency: POLICE, due_date: '2099-03-12', completed_on: null, due: { due_date: '2099-03-12', status: 'open', overdue: false }, allowed_actions: ['complete'] },
  { id: 'a-3', description: 'Tell the school', agency: TRUST, due_date: '2025-03-07', completed_on: '2025-03-06', due: { due_date: '2025-03-07', status: 'met', overdue: false }, allowed_actions: [] },
];
const OFFICE_STEPS = { allowed_actions: ['add_immediate_action', 'make_recommendation', 'edit_briefing'] };

function setUp(who: typeof OFFICE, review: Handler | Handler[], routes: Record<string, Handler | Handler[]> = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(who),
    'GET /api/v1/rapid-reviews/rr-1': review,
    'GET /api/v1/rapid-reviews/rr-1/information-requests': () => json(page([])),
    'GET /api/v1/rapid-reviews/rr-1/timeline': () => json([]),
    'GET /api/v1/rapid-reviews/rr-1/learning-briefing': () => json({ rapid_review_id: 'rr-1', child_reference: 'Child BM', title: '', updated_at: null }),
    'GET /api/v1/agencies': () => json(page([TRUST, POLICE])),
    ...routes,
  });
}

describe('immediate actions', () => {
  it('lists each action with its owner, due date and status', async () => {
    setUp(OFFICE, () => json(rapidReview({ immediate_actions: ACTIONS })));
    renderApp('/rapid-reviews/rr-1/immediate-actions');
    const first = await screen.findByRole('heading', { name: 'Action 1: Harbourside Children’s Trust' });
    const card = first.closest('.govuk-summary-card') as HTMLElement;
    expect(within(card).getByText('Safety plan for the sibling')).toBeInTheDocument();
    expect(within(card).getByText('10 March 2025')).toBeInTheDocument();
    expect(within(card).getByText('Overdue')).toHaveClass('govuk-tag--red');
    const done = screen.getByRole('heading', { name: 'Action 3: Harbourside Children’s Trust' }).closest('.govuk-summary-card') as HTMLElement;
    expect(within(done).getByText('Completed')).toHaveClass('govuk-tag--green');
    expect(within(done).getByText('on 6 March 2025')).toBeInTheDocument();
    expect(within(done).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets the business office add an action for an agency', async () => {
    const added = { id: 'a-9', description: 'Visit the family', agency: POLICE, due_date: '2099-01-15', completed_on: null, due: { due_date: '2099-01-15', status: 'open' as const, overdue: false }, allowed_actions: ['complete'] };
    const fetch = setUp(OFFICE, [() => json(rapidReview(OFFICE_STEPS)), () => json(rapidReview({ ...OFFICE_STEPS, immediate_actions: [added] }))], {
      'POST /api/v1/rapid-reviews/rr-1/immediate-actions': () => json(added, 201),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/immediate-actions');
    expect(await screen.findByText('No immediate actions have been recorded.')).toBeInTheDocument();
    await user.type(await screen.findByLabelText('What needs to happen'), 'Visit the family');
    await user.selectOptions(screen.getByLabelText('Agency responsible'), 'Harbourside Police');
    await typeDate(user, screen.getByRole('group', { name: 'Due date' }), '15', '1', '2099');
    await user.click(screen.getByRole('button', { name: 'Add action' }));

    expect(await screen.findByRole('heading', { name: 'Action 1: Harbourside Police' })).toBeInTheDocument();
    const body = await fetch.calls('POST /api/v1/rapid-reviews/rr-1/immediate-actions')[0]!.json();
    expect(body).toEqual({ description: 'Visit the family', agency_id: POLICE.id, due_date: '2099-01-15' });
    expect(screen.getByLabelText('What needs to happen')).toHaveValue('');
  });

  it('checks the form before sending it', async () => {
    const fetch = setUp(OFFICE, () => json(rapidReview(OFFICE_STEPS)));
    const { user } = renderApp('/rapid-reviews/rr-1/immediate-actions');
    await user.click(await screen.findByRole('button', { name: 'Add action' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter what needs to happen' })).toHaveAttribute('href', '#description');
    expect(within(summary).getByRole('link', { name: 'Choose the agency responsible' })).toHaveAttribute('href', '#agency_id');
    expect(within(summary).getByRole('link', { name: 'Enter the due date' })).toHaveAttribute('href', '#due_date');

    await typeDate(user, screen.getByRole('group', { name: /Due date/ }), '15', '1', '');
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    expect(await within(screen.getByRole('alert')).findByRole('link', { name: 'The due date must include a year' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: /Due date/ })).toHaveAccessibleDescription(/Error: The due date must include a year/);
    expect(fetch.calls('POST /api/v1/rapid-reviews/rr-1/immediate-actions')).toHaveLength(0);
  });

  it('lets an agency complete its own actions only, and not add any', async () => {
    const completed = { ...ACTIONS[1]!, completed_on: today(), due: { due_date: '2099-03-12', status: 'met' as const, overdue: false }, allowed_actions: [] };
    const fetch = setUp(POLICE_LEAD, [() => json(rapidReview({ immediate_actions: ACTIONS })), () => json(rapidReview({ immediate_actions: [ACTIONS[0]!, completed, ACTIONS[2]!] }))], {
      'POST /api/v1/rapid-reviews/rr-1/immediate-actions/a-2/complete': () => json(completed),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/immediate-actions');
    const buttons = await screen.findAllByRole('button', { name: /Mark as complete/ });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toHaveAccessibleName('Mark as complete: action 2, Harbourside Police');
    expect(screen.queryByRole('button', { name: 'Add action' })).not.toBeInTheDocument();
    await user.click(buttons[0]!);

    const card = (await screen.findByRole('heading', { name: 'Action 2: Harbourside Police' })).closest('.govuk-summary-card') as HTMLElement;
    expect(await within(card).findByText('Completed')).toBeInTheDocument();
    expect(await fetch.calls('POST /api/v1/rapid-reviews/rr-1/immediate-actions/a-2/complete')[0]!.json()).toEqual({ completed_on: today() });
    expect(screen.queryByRole('button', { name: /Mark as complete/ })).not.toBeInTheDocument();
  });

  it('says why an action could not be completed', async () => {
    setUp(POLICE_LEAD, () => json(rapidReview({ immediate_actions: ACTIONS })), {
      'POST /api/v1/rapid-reviews/rr-1/immediate-actions/a-2/complete': () => problem(409, 'Conflict', { detail: 'This action is already complete.' }),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/immediate-actions');
    await user.click(await screen.findByRole('button', { name: /Mark as complete/ }));
    expect(await screen.findByText('This action is already complete.')).toBeInTheDocument();
  });
});

describe('the National Panel', () => {
  it('records the day the report was sent to the Panel', async () => {
    const fetch = setUp(OFFICE, [() => json(rapidReview({ state: 'decided', hold_cspr: true, allowed_actions: ['send_to_panel'] })), () => json(rapidReview({ state: 'sent_to_panel', sent_to_panel_on: '2025-03-20', allowed_actions: ['record_panel_response'] }))], {
      'POST /api/v1/rapid-reviews/rr-1/panel-submission': () => json(rapidReview({ state: 'sent_to_panel', sent_to_panel_on: '2025-03-20' })),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/national-panel');
    const group = await screen.findByRole('group', { name: 'When was the rapid review report sent to the Panel?' });
    const [y, m, d] = today().split('-').map(Number);
    expect(within(group).getByLabelText('Day')).toHaveValue(String(d));
    expect(within(group).getByLabelText('Month')).toHaveValue(String(m));
    expect(within(group).getByLabelText('Year')).toHaveValue(String(y));
    await typeDate(user, group, '20', '3', '2025');
    await user.click(screen.getByRole('button', { name: 'Record report sent' }));

    expect(await screen.findByText('Thursday 20 March 2025')).toBeInTheDocument();
    expect(await fetch.calls('POST /api/v1/rapid-reviews/rr-1/panel-submission')[0]!.json()).toEqual({ sent_on: '2025-03-20' });
    expect(screen.getByRole('button', { name: 'Record the Panel’s response' })).toBeInTheDocument();
  });

  it('does not send a date that is not real', async () => {
    const fetch = setUp(OFFICE, () => json(rapidReview({ state: 'decided', allowed_actions: ['send_to_panel'] })));
    const { user } = renderApp('/rapid-reviews/rr-1/national-panel');
    await typeDate(user, await screen.findByRole('group', { name: /sent to the Panel/ }), '31', '2', '2025');
    await user.click(screen.getByRole('button', { name: 'Record report sent' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'The date the report was sent must be a real date' })).toHaveAttribute('href', '#sent_on');
    expect(fetch.calls('POST /api/v1/rapid-reviews/rr-1/panel-submission')).toHaveLength(0);
  });

  it('records the Panel’s response, with the API’s date error next to the date', async () => {
    const sentToPanel = rapidReview({ state: 'sent_to_panel', sent_to_panel_on: '2025-03-20', allowed_actions: ['record_panel_response'] });
    const responded = rapidReview({ state: 'panel_responded', sent_to_panel_on: '2025-03-20', panel_agrees: true, panel_responded_on: '2025-03-28', panel_comments: 'Agreed.' });
    const fetch = setUp(OFFICE, [() => json(sentToPanel), () => json(responded)], {
      'POST /api/v1/rapid-reviews/rr-1/panel-response': [
        () => problem(422, 'Unprocessable Content', { errors: [{ field: 'body.responded_on', message: 'The response cannot come before the report was sent' }] }),
        () => json(responded),
      ],
    });
    const { user } = renderApp('/rapid-reviews/rr-1/national-panel');
    await user.click(await screen.findByRole('radio', { name: 'Yes' }));
    await typeDate(user, screen.getByRole('group', { name: /When did the Panel respond/ }), '19', '3', '2025');
    await user.type(screen.getByLabelText('The Panel’s comments (optional)'), 'Agreed.');
    await user.click(screen.getByRole('button', { name: 'Record the Panel’s response' }));
    expect(await screen.findByRole('group', { name: /When did the Panel respond/ })).toHaveAccessibleDescription(/Error: The response cannot come before the report was sent/);

    await typeDate(user, screen.getByRole('group', { name: /When did the Panel respond/ }), '28', '3', '2025');
    await user.click(screen.getByRole('button', { name: 'Record the Panel’s response' }));
    const sent = fetch.calls('POST /api/v1/rapid-reviews/rr-1/panel-response');
    await screen.findByText('Agrees with the decision, Friday 28 March 2025');
    expect(await sent[1]!.json()).toEqual({ agrees: true, responded_on: '2025-03-28', comments: 'Agreed.' });
  });
});

describe('what the screen offers', () => {
  it('shows only the steps the API lists for the caller, in every section, not what the role might suggest', async () => {
    const meeting = { held_on: '2025-03-05', attendees: [{ name: 'Dr A Patel', role: 'Chair', agency: 'ICB' }], facts_reviewed: 'Chronologies.', immediate_action_needed: false, immediate_learning: '', key_practice_episodes: '', characteristics_and_inequalities: '', issues_of_national_importance: '', responses_outstanding: [] };
    setUp(OFFICE, () => json(rapidReview({ meeting, immediate_actions: [{ ...ACTIONS[0]!, allowed_actions: [] }], allowed_actions: [] })));
    const { user } = renderApp('/rapid-reviews/rr-1');
    expect(await screen.findByText('There is nothing for you to do on this rapid review now. Its sections show what has been recorded.')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Sections of this rapid review' });
    const sections = within(nav).getAllByRole('link').map((a) => a.textContent!);
    expect(sections).not.toContain('Learning and actions'); // the office here may not read the learning tracker
    for (const section of sections.slice(1)) {
      await user.click(within(screen.getByRole('navigation', { name: 'Sections of this rapid review' })).getByRole('link', { name: section }));
      expect(await within(screen.getByRole('navigation', { name: 'Sections of this rapid review' })).findByRole('link', { name: section, current: 'page' })).toBeInTheDocument();
      expect(await screen.findAllByRole('heading', { level: 2 })).not.toHaveLength(0);
      for (const name of ['Add action', 'Record recommendation', 'Record decision', 'Record meeting', 'Send requests', 'Save briefing', 'Add comment', 'Record report sent', /Mark as complete/]) {
        expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
      }
      expect(screen.queryByText('Correct the meeting record')).not.toBeInTheDocument();
    }
  });
});

describe('the overview and its sections', () => {
  it('shows where the rapid review is and what the caller may do next, each step linking to its section', async () => {
    const meeting = { held_on: '2025-03-05', attendees: [{ name: 'Dr A Patel', role: 'Chair', agency: 'ICB' }], facts_reviewed: 'Chronologies.', immediate_action_needed: true, immediate_learning: '', key_practice_episodes: '', characteristics_and_inequalities: '', issues_of_national_importance: '', responses_outstanding: [] };
    setUp(OFFICE, () => json(rapidReview({ meeting, immediate_actions: ACTIONS.map((a) => ({ ...a, allowed_actions: [] })), allowed_actions: ['send_information_requests', 'correct_meeting', 'add_immediate_action', 'make_recommendation', 'edit_briefing'] })), {
      'GET /api/v1/rapid-reviews/rr-1/information-requests': () => json(page([informationRequest({ id: 'ir-1', state: 'submitted', allowed_actions: ['return'] }), informationRequest({ id: 'ir-2', agency: TRUST, allowed_actions: [] })])),
    });
    renderApp('/rapid-reviews/rr-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Child BM' })).toBeInTheDocument();
    await vi.waitFor(() => expect(document.title).toMatch(/^Rapid review for Child BM – /));
    expect(within(screen.getByRole('navigation', { name: 'Sections of this rapid review' })).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByText('1 of 2 agencies have responded')).toBeInTheDocument();
    expect(screen.getByText('Held on Wednesday 5 March 2025')).toBeInTheDocument();
    expect(screen.getByText('2 open, 1 completed')).toBeInTheDocument();

    const next = screen.getByRole('region', { name: 'What you can do' });
    const steps = within(next).getAllByRole('link');
    // The step that moves the rapid review on comes first; the rest may be taken at any time.
    expect(steps.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Record the meeting’s recommendation', '/rapid-reviews/rr-1/decision'],
      ['Ask agencies for information', '/rapid-reviews/rr-1/information-requests'],
      ['Correct the meeting record', '/rapid-reviews/rr-1/meeting#correct-meeting'],
      ['Add an immediate action', '/rapid-reviews/rr-1/immediate-actions'],
      ['Write the learning briefing', '/rapid-reviews/rr-1/briefing'],
    ]);
    expect(steps[0]).toHaveAccessibleDescription('To do');
    expect(steps[1]).toHaveAccessibleDescription('Optional');
  });

  it('offers an agency lead their agency’s request to answer and their own immediate action, and nothing of the office’s', async () => {
    setUp(POLICE_LEAD, () => json(rapidReview({ immediate_actions: ACTIONS, allowed_actions: [] })), {
      'GET /api/v1/rapid-reviews/rr-1/information-requests': () => json(page([informationRequest({ id: 'ir-7', state: 'draft' })])),
    });
    renderApp('/rapid-reviews/rr-1');
    const next = await screen.findByRole('region', { name: 'What you can do' });
    const answer = await within(next).findByRole('link', { name: 'Send Harbourside Police’s information' });
    expect(answer).toHaveAttribute('href', '/information-requests/ir-7');
    expect(answer).toHaveAccessibleDescription(/Due 12 March 2025 In progress/);
    const action = within(next).getByRole('link', { name: 'Complete immediate action 2: Harbourside Police' });
    expect(action).toHaveAttribute('href', '/rapid-reviews/rr-1/immediate-actions');
    expect(within(next).getAllByRole('link')).toHaveLength(2);
  });

  it('opens each section as a page of its own from the sub-navigation, marked as current and named in the title, and back returns', async () => {
    setUp(OFFICE, () => json(rapidReview({ allowed_actions: ['record_meeting'] })));
    const { user, router } = renderApp('/rapid-reviews/rr-1');
    const nav = await screen.findByRole('navigation', { name: 'Sections of this rapid review' });
    await user.click(within(nav).getByRole('link', { name: 'Meeting' }));
    expect(await screen.findByRole('heading', { name: 'Record the rapid review meeting' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/rapid-reviews/rr-1/meeting');
    const current = within(screen.getByRole('navigation', { name: 'Sections of this rapid review' })).getByRole('link', { current: 'page' });
    expect(current).toHaveTextContent('Meeting');
    await vi.waitFor(() => expect(document.title).toMatch(/^Meeting: rapid review for Child BM – /));
    expect(screen.getByRole('heading', { level: 1, name: 'Child BM' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'What you can do' })).not.toBeInTheDocument();

    await router.navigate(-1);
    expect(await screen.findByRole('heading', { name: 'What you can do' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/rapid-reviews/rr-1');
  });

  it('opens the section an old link into the one-page workspace pointed at', async () => {
    setUp(OFFICE, () => json(rapidReview({ allowed_actions: ['comment'] })));
    const { router } = renderApp('/rapid-reviews/rr-1#comments-heading');
    expect(await screen.findByRole('heading', { name: 'Scrutineer’s comments' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/rapid-reviews/rr-1/comments');
  });

  it('links the learning tracker’s page to those who may read it', async () => {
    setUp(me('scrutineer', ['rapid_reviews:read', 'rapid_reviews:comment', 'recommendations:read']), () => json(rapidReview()));
    renderApp('/rapid-reviews/rr-1/timeline');
    const nav = await screen.findByRole('navigation', { name: 'Sections of this rapid review' });
    expect(within(nav).getByRole('link', { name: 'Learning and actions' })).toHaveAttribute('href', '/rapid-reviews/rr-1/learning');
    expect(within(nav).getByRole('link', { name: 'Timeline' })).toHaveAttribute('aria-current', 'page');
  });

  it('says the meeting is still to come to those who do not record it', async () => {
    setUp(SCRUTINEER, () => json(rapidReview({ state: 'gathering_information', allowed_actions: ['comment'] })));
    renderApp('/rapid-reviews/rr-1/meeting');
    expect(await screen.findByText(/It has not been recorded yet/)).toBeInTheDocument();
  });
});

describe('comments and the decision', () => {
  it('shows the scrutineer’s comments and lets the scrutineer add one', async () => {
    const comment = { id: 'c-1', author_name: 'Joseph Mensah', body: 'The chronology is thin on health.', created_at: '2025-03-18T10:00:00Z' };
    const fetch = setUp(SCRUTINEER, [() => json(rapidReview({ comments: [comment], allowed_actions: ['comment'] })), () => json(rapidReview({ comments: [comment, { ...comment, id: 'c-2', body: 'Agree with the decision.' }], allowed_actions: ['comment'] }))], {
      'POST /api/v1/rapid-reviews/rr-1/comments': () => json({ ...comment, id: 'c-2', body: 'Agree with the decision.' }, 201),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/comments');
    expect(await screen.findByText('The chronology is thin on health.')).toBeInTheDocument();
    expect(screen.getAllByText('18 March 2025')[0]).toHaveAttribute('dateTime', '2025-03-18T10:00:00Z');
    await user.type(screen.getByLabelText('Your comment'), 'Agree with the decision.');
    await user.click(screen.getByRole('button', { name: 'Add comment' }));
    expect(await screen.findByText('Agree with the decision.')).toBeInTheDocument();
    expect(await fetch.calls('POST /api/v1/rapid-reviews/rr-1/comments')[0]!.json()).toEqual({ body: 'Agree with the decision.' });
    expect(screen.getByLabelText('Your comment')).toHaveValue('');
  });

  it('links a decision to hold a review to the review, and the business office cannot comment', async () => {
    setUp(OFFICE, () => json(rapidReview({ state: 'decided', hold_cspr: true, decided_on: '2025-03-14', review_id: 'rv-9', allowed_actions: ['add_immediate_action', 'send_to_panel', 'edit_briefing'] })));
    const { user } = renderApp('/rapid-reviews/rr-1/decision');
    expect(await screen.findByRole('link', { name: 'Open the Child Safeguarding Practice Review' })).toHaveAttribute('href', '/reviews/rv-9');
    await user.click(within(screen.getByRole('navigation', { name: 'Sections of this rapid review' })).getByRole('link', { name: 'Scrutineer’s comments' }));
    expect(await screen.findByText('No comments yet.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Your comment')).not.toBeInTheDocument();
  });
});

describe('sending information requests', () => {
  it('starts with the agencies involved in the case ticked', async () => {
    const fetch = setUp(OFFICE, () => json(rapidReview({ agencies: [POLICE], allowed_actions: ['send_information_requests'] })), {
      'POST /api/v1/rapid-reviews/rr-1/information-requests': () => json([], 201),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/information-requests');
    const group = await screen.findByRole('group', { name: 'Ask these agencies for additional information' });
    expect(within(group).getByLabelText(POLICE.name)).toBeChecked();
    expect(within(group).getByLabelText(TRUST.name)).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Send requests' }));
    await vi.waitFor(() => expect(fetch.calls('POST /api/v1/rapid-reviews/rr-1/information-requests')).toHaveLength(1));
    expect(await fetch.calls('POST /api/v1/rapid-reviews/rr-1/information-requests')[0]!.json()).toEqual({ agency_ids: [POLICE.id], note: '' });
  });
});

describe('recording the meeting', () => {
  it('warns whose responses have not come in, before the meeting is recorded', async () => {
    setUp(OFFICE, () => json(rapidReview({ allowed_actions: ['record_meeting'] })), {
      'GET /api/v1/rapid-reviews/rr-1/information-requests': () =>
        json(page([informationRequest({ id: 'ir-1', state: 'submitted' }), informationRequest({ id: 'ir-2', state: 'draft', agency: TRUST })])),
    });
    renderApp('/rapid-reviews/rr-1/meeting');
    expect(await screen.findByText(/has not sent their response yet/)).toHaveTextContent(`${TRUST.name} has not sent their response yet`);
  });
});
