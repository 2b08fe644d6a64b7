import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, type Handler, withEtag } from '../../test/fetchMock';
import { me, OFFICE_PERMISSIONS, page, POLICE, review, tokens, TRUST } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const OFFICE = me('business_office', [...OFFICE_PERMISSIONS, 'review_group:manage', 'terms_of_reference:write', 'terms_of_reference:agree', 'events:manage']);
const SCRUTINEER = me('scrutineer', ['reviews:read', 'terms_of_reference:comment'], { name: 'Joseph Mensah' });

const TASKS = [
  { stage: 'commissioning', key: 'lead_reviewer_appointed', label: 'Appoint the lead reviewer', status: 'completed', hint: 'Ruth Kaplan', section: 'commissioning' },
  { stage: 'commissioning', key: 'national_bodies_told', label: 'Tell the National Panel, Ofsted and the Department for Education', status: 'not_started', hint: 'Not yet told: Ofsted', section: 'commissioning' },
  { stage: 'terms_of_reference', key: 'authors_briefed', label: 'Brief the agencies’ authors', status: 'cannot_start_yet', hint: 'Once the terms of reference are agreed', section: 'terms-of-reference' },
] as const;

function setUp(who: typeof OFFICE, routes: Record<string, Handler | Handler[]> = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(who),
    'GET /api/v1/reviews/rv-1': () => withEtag(review({ tasks: [...TASKS], lead_reviewer: { id: 'u-ruth', name: 'Ruth Kaplan' } }), '"3"'),
    'GET /api/v1/reviews/rv-1/timeline': () => json([]),
    'GET /api/v1/agencies': () => json(page([TRUST, POLICE])),
    'GET /api/v1/deadlines': () => json(page([])),
    ...routes,
  });
}

const GROUP = {
  review_id: 'rv-1',
  members: [{ id: 'm-1', user_id: null, name: 'Helen Morris', agency: TRUST, role: 'Head of service', allowed_actions: ['remove'] }],
  composition: {
    met: false,
    statutory_partners: [
      { partner: 'local_authority', label: 'the local authority (children’s social care)', agency_names: [TRUST.name], met: true },
      { partner: 'health', label: 'health (the integrated care board)', agency_names: [], met: false },
      { partner: 'police', label: 'the police', agency_names: [], met: false },
    ],
    further_agencies: [],
    uninvolved_agencies: [],
    missing: ['A representative of the police', 'A partner agency that has had no involvement with the family'],
  },
  meetings: [],
  allowed_actions: ['add_member', 'record_meeting'],
};

const DRAFT = {
  id: 'v-1', review_id: 'rv-1', number: 1, state: 'draft', terms: 'Birth to the incident.', key_lines_of_enquiry: ['Information sharing'],
  drafted_by_name: 'Ruth Kaplan', created_at: '2025-03-20T10:00:00Z', updated_at: '2025-03-20T10:00:00Z', agreed_on: null, agreed_by_name: null,
  agreed_at_meeting_id: null, observations: [], allowed_actions: ['edit', 'agree'],
};

describe('the review page', () => {
  it('shows what is done and outstanding, stage by stage, each task linking to its section', async () => {
    setUp(OFFICE);
    renderApp('/reviews/rv-1');
    expect(await screen.findByRole('region', { name: 'What is done and what is outstanding' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: /Commissioning/ })).toBeInTheDocument();
    const tell = screen.getByRole('link', { name: 'Tell the National Panel, Ofsted and the Department for Education' });
    expect(tell).toHaveAttribute('href', '/reviews/rv-1/commissioning');
    expect(tell).toHaveAccessibleDescription('Not yet told: Ofsted Not yet started');
    expect(screen.getByRole('link', { name: 'Brief the agencies’ authors' })).toHaveAttribute('href', '/reviews/rv-1/terms-of-reference');
    const nav = screen.getByRole('navigation', { name: 'Sections of this review' });
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Review group' })).toHaveAttribute('href', '/reviews/rv-1/review-group');
  });
});

describe('commissioning', () => {
  it('sends the notices when the API allows it and shows the day each body was told', async () => {
    const before = {
      review_id: 'rv-1', lead_reviewer: { id: 'u-ruth', name: 'Ruth Kaplan' }, notices: [], allowed_actions: ['send_notices'],
      recipients: [{ recipient: 'national_panel', label: 'The National Panel', address: 'panel@example.gov.uk', told_on: null }],
    };
    const after = { ...before, allowed_actions: [], recipients: [{ ...before.recipients[0], told_on: '2025-03-17' }],
      notices: [{ id: 'n-1', recipient: 'national_panel', address: 'panel@example.gov.uk', lead_reviewer_name: 'Ruth Kaplan', sent_on: '2025-03-17', sent_by_name: 'Priya Shah', current: true }] };
    const fetch = setUp(OFFICE, {
      'GET /api/v1/users': () => json(page([])),
      'GET /api/v1/reviews/rv-1/commissioning': [() => json(before), () => json(after)],
      'POST /api/v1/reviews/rv-1/commissioning/notices': () => json(after, 201),
    });
    const { user } = renderApp('/reviews/rv-1/commissioning');
    const table = await screen.findByRole('table', { name: 'Who has been told about the lead reviewer appointed now' });
    expect(within(table).getByText('Not yet told')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send the notices' }));
    expect(await screen.findByText('The notices have been sent to the outbox.')).toBeInTheDocument();
    expect(fetch.calls('POST /api/v1/reviews/rv-1/commissioning/notices')).toHaveLength(1);
    expect(await screen.findByRole('table', { name: 'Every notice sent' })).toHaveTextContent('Ruth Kaplan');
    expect(screen.queryByRole('button', { name: 'Send the notices' })).not.toBeInTheDocument();
  });
});

describe('timescales', () => {
  it('says the National Panel must be told of a delay past six months, and records the day told', async () => {
    const delay = { id: 'd-1', reason: 'Police interviews', expected_completion: '2025-11-30', recorded_on: '2025-06-01', recorded_by_name: 'Priya Shah',
      panel_told_on: null, past_due: true, panel_must_be_told: true, allowed_actions: ['record_panel_told'] };
    const fetch = setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/timescales': () => json({ review_id: 'rv-1', decided_on: '2025-03-14', due_date: '2025-09-14', expected_completion: '2025-11-30',
        panel_must_be_told: true, delays: [delay], allowed_actions: ['record_delay'] }),
      'POST /api/v1/reviews/rv-1/delays/d-1/panel-told': () => json({}),
    });
    const { user } = renderApp('/reviews/rv-1/timescales');
    expect(await screen.findByText('The review is now expected after its six months: the National Panel must be told.')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Delays recorded' })).toHaveTextContent('Must be told');
    await user.click(screen.getByRole('button', { name: 'Record the date told' }));
    const post = fetch.calls('POST /api/v1/reviews/rv-1/delays/d-1/panel-told')[0]!;
    expect(Object.keys(await post.json())).toEqual(['told_on']);
  });

  it('asks for the reason and date of a delay before sending it', async () => {
    const fetch = setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/timescales': () => json({ review_id: 'rv-1', decided_on: '2025-03-14', due_date: '2025-09-14', expected_completion: '2025-09-14',
        panel_must_be_told: false, delays: [], allowed_actions: ['record_delay'] }),
    });
    const { user } = renderApp('/reviews/rv-1/timescales');
    await user.click(await screen.findByRole('button', { name: 'Record the delay' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter the reason for the delay' })).toHaveAttribute('href', '#reason');
    expect(fetch.calls('POST /api/v1/reviews/rv-1/delays')).toHaveLength(0);
  });
});

describe('the review group', () => {
  it('shows what the composition still needs and puts the API’s refusal of a meeting next to its field', async () => {
    setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/review-group': () => json(GROUP),
      'POST /api/v1/reviews/rv-1/review-group/meetings': () => problem(422, 'Unprocessable content', { detail: 'The meeting’s record needs correcting.',
        errors: [{ field: 'body.family_engagement', message: 'Enter the family engagement update: family engagement is an item of every review group meeting' }] }),
    });
    const { user } = renderApp('/reviews/rv-1/review-group');
    expect(await screen.findByText('A representative of the police')).toBeInTheDocument();
    expect(screen.getByText('Not yet', { selector: '.govuk-tag' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Members' })).toHaveTextContent('Helen Morris');
    await user.type(screen.getByRole('textbox', { name: 'Day' }), '1');
    await user.type(screen.getByRole('textbox', { name: 'Month' }), '3');
    await user.type(screen.getByRole('textbox', { name: 'Year' }), '2025');
    await user.type(screen.getByLabelText('Minutes'), 'Scoped the review.');
    await user.type(screen.getByLabelText('Family engagement update'), 'x');
    await user.click(screen.getByRole('button', { name: 'Record meeting' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /Enter the family engagement update/ })).toHaveAttribute('href', '#family_engagement');
  });
});

describe('a meeting’s record', () => {
  it('is corrected on the version read', async () => {
    const meeting = { id: 'mt-1', review_id: 'rv-1', held_on: '2025-03-20', attendees: [{ id: 'm-1', name: 'Helen Morris' }], minutes: 'Scoped.', decisions: '',
      family_engagement: 'Letter delivered.', recorded_by_name: 'Priya Shah', allowed_actions: ['edit'] };
    const fetch = setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/review-group': () => json({ ...GROUP, meetings: [meeting] }),
      'GET /api/v1/reviews/rv-1/review-group/meetings/mt-1': () => withEtag(meeting, '"5"'),
      'PATCH /api/v1/reviews/rv-1/review-group/meetings/mt-1': () => withEtag(meeting, '"6"'),
    });
    const { user } = renderApp('/reviews/rv-1/review-group');
    await screen.findByText('Letter delivered.');
    // Role queries over this long page are slow in jsdom: find the button by its text, then check its name.
    const correct = screen.getByText('Correct this record').closest('button')!;
    expect(correct).toHaveAccessibleName('Correct this record of the meeting on Thursday 20 March 2025');
    await user.click(correct);
    expect(screen.getByRole('heading', { name: 'Correct the record of the meeting on Thursday 20 March 2025' })).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Record meeting' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Decisions'), 'Draft within a week.');
    await user.click(screen.getByRole('button', { name: 'Save corrections' }));
    expect(await screen.findByText('The meeting record has been corrected.')).toBeInTheDocument();
    const patch = fetch.calls('PATCH /api/v1/reviews/rv-1/review-group/meetings/mt-1')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"5"');
    expect(await patch.json()).toMatchObject({ held_on: '2025-03-20', attendee_ids: ['m-1'], decisions: 'Draft within a week.' });
  });
});

describe('the terms of reference', () => {
  it('lets the scrutineer add an observation to a draft, and nothing else', async () => {
    const observed = { ...DRAFT, allowed_actions: ['comment'], observations: [{ id: 'o-1', author_name: 'Joseph Mensah', text: 'Ask about the pandemic.', created_at: '2025-03-21T09:00:00Z' }] };
    const fetch = setUp(SCRUTINEER, {
      'GET /api/v1/reviews/rv-1/terms-of-reference': [
        () => json({ review_id: 'rv-1', agreed_version: null, versions: [{ ...DRAFT, allowed_actions: ['comment'] }], author_briefings: [], allowed_actions: [] }),
        () => json({ review_id: 'rv-1', agreed_version: null, versions: [observed], author_briefings: [], allowed_actions: [] }),
      ],
      'POST /api/v1/reviews/rv-1/terms-of-reference/versions/v-1/observations': () => json(observed, 201),
    });
    const { user } = renderApp('/reviews/rv-1/terms-of-reference');
    await user.type(await screen.findByLabelText('Your observation on version 1'), 'Ask about the pandemic.');
    expect(screen.queryByText('Change the draft')).not.toBeInTheDocument();
    expect(screen.queryByText(/Record that the review group agreed/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add observation' }));
    expect(await screen.findByText('Your observation has been added.')).toBeInTheDocument();
    expect(await (fetch.calls('POST /api/v1/reviews/rv-1/terms-of-reference/versions/v-1/observations')[0]!).json()).toEqual({ text: 'Ask about the pandemic.' });
  });

  it('saves a draft with the ETag of the version read, one key line of enquiry a line', async () => {
    const fetch = setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/terms-of-reference': () => json({ review_id: 'rv-1', agreed_version: null, versions: [DRAFT], author_briefings: [], allowed_actions: [] }),
      'GET /api/v1/reviews/rv-1/terms-of-reference/versions/v-1': () => withEtag(DRAFT, '"2"'),
      'GET /api/v1/reviews/rv-1/review-group': () => json(GROUP),
      'PATCH /api/v1/reviews/rv-1/terms-of-reference/versions/v-1': () => withEtag(DRAFT, '"3"'),
    });
    const { user } = renderApp('/reviews/rv-1/terms-of-reference');
    await user.click(await screen.findByText('Change the draft'));
    const lines = screen.getByLabelText('Key lines of enquiry');
    await user.type(lines, '{Enter}Voice of the child');
    await user.click(screen.getByRole('button', { name: 'Save the draft' }));
    expect(await screen.findByText('Version 1 has been saved.')).toBeInTheDocument();
    const patch = fetch.calls('PATCH /api/v1/reviews/rv-1/terms-of-reference/versions/v-1')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect((await patch.json()).key_lines_of_enquiry).toEqual(['Information sharing', 'Voice of the child']);
  });
});
