import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, type Handler, withEtag } from '../../test/fetchMock';
import { me, OFFICE_PERMISSIONS, page, POLICE, review, tokens, TRUST, user } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const OFFICE = me('business_office', OFFICE_PERMISSIONS);
const LEAD_REVIEWER = me('lead_reviewer', ['agencies:read', 'deadlines:read', 'events:read', 'reviews:read'], { name: 'Ruth Kaplan' });

const COMMISSIONING = {
  review_id: 'rv-1',
  lead_reviewer: null,
  recipients: [
    { recipient: 'national_panel', label: 'The National Panel', address: 'panel@example.gov.uk', told_on: null },
    { recipient: 'ofsted', label: 'Ofsted', address: 'ofsted@example.gov.uk', told_on: null },
    { recipient: 'dfe', label: 'The Department for Education', address: 'dfe@example.gov.uk', told_on: null },
  ],
  notices: [],
  allowed_actions: [],
};

function setUp(who: typeof OFFICE, routes: Record<string, Handler | Handler[]> = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(who),
    'GET /api/v1/reviews/rv-1': () => withEtag(review(), '"3"'),
    'GET /api/v1/reviews/rv-1/timeline': () => json([{ occurred_at: '2025-03-14T10:00:00Z', actor_name: 'Fiona Walsh', action: 'create', summary: 'Review opened for Child BM' }]),
    'GET /api/v1/agencies': () => json(page([TRUST, POLICE])),
    'GET /api/v1/users': () => json(page([user()])),
    'GET /api/v1/deadlines': () => json(page([{ subject_id: 'rv-1', working_days_left: 87, kind: 'review_completion' }])),
    'GET /api/v1/reviews/rv-1/commissioning': () => json(COMMISSIONING),
    ...routes,
  });
}

describe('the reviews list', () => {
  it('lists reviews with their stage and deadline, each linking to its page', async () => {
    setUp(OFFICE, {
      'GET /api/v1/reviews': () => json(page([review(), review({ id: 'rv-2', child_reference: 'Child LW', kind: 'case_mapping', stage: 'overview_report', due: { due_date: '2025-04-01', status: 'open', overdue: true } })])),
    });
    renderApp('/reviews');
    const table = await screen.findByRole('table', { name: '2 reviews' });
    expect(within(table).getByRole('link', { name: 'Child BM' })).toHaveAttribute('href', '/reviews/rv-1');
    const lw = within(table).getByRole('row', { name: /Child LW/ });
    expect(within(lw).getByText('Case Mapping Exercise')).toBeInTheDocument();
    expect(within(lw).getByText('Overview report')).toHaveClass('govuk-tag');
    expect(within(lw).getByText('Overdue: was due 1 April 2025')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Reviews' })).toHaveAttribute('aria-current', 'page');
  });
});

describe('a review', () => {
  it('shows the stage, the six-month deadline with working days left, where it came from and its timeline', async () => {
    const fetch = setUp(OFFICE);
    renderApp('/reviews/rv-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Child BM' })).toBeInTheDocument();
    expect(screen.getByText('Child Safeguarding Practice Review')).toBeInTheDocument();
    expect(screen.getByText('Commissioning', { selector: '.govuk-tag' })).toBeInTheDocument();
    expect(screen.getByText('Friday 14 March 2025')).toBeInTheDocument();
    expect(screen.getByText('Due 14 September 2025')).toBeInTheDocument();
    expect(await screen.findByText('87 working days left')).toBeInTheDocument();
    expect(screen.getByText('Not commissioned yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'The rapid review' })).toHaveAttribute('href', '/rapid-reviews/rr-1');
    expect(await screen.findByText('Review opened for Child BM')).toBeInTheDocument();
    const deadlines = new URL(fetch.calls('GET /api/v1/deadlines')[0]!.url).searchParams;
    expect(Object.fromEntries(deadlines)).toMatchObject({ kind: 'review_completion', due_after: '2025-09-14', due_before: '2025-09-14' });
  });

  it('lets the business office commission a lead reviewer, sending the ETag it read', async () => {
    const saved = review({ lead_reviewer: { id: 'u-ruth', name: 'Ruth Kaplan' }, agencies: [TRUST, POLICE] });
    const fetch = setUp(OFFICE, { 'PATCH /api/v1/reviews/rv-1': () => withEtag(saved, '"4"') });
    const { user: person } = renderApp('/reviews/rv-1/commissioning');
    await person.selectOptions(await screen.findByLabelText('Lead reviewer'), 'Ruth Kaplan');
    await person.click(screen.getByLabelText('Harbourside Police'));
    await person.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('The review has been updated.')).toBeInTheDocument();
    const patch = fetch.calls('PATCH /api/v1/reviews/rv-1')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(await patch.json()).toEqual({ lead_reviewer_id: 'u-ruth', agency_ids: [TRUST.id, POLICE.id] });
  });

  it('puts the API’s field error next to the field', async () => {
    setUp(OFFICE, {
      'PATCH /api/v1/reviews/rv-1': () => problem(422, 'Unprocessable Content', { detail: 'Choose an active lead reviewer.', errors: [{ field: 'body.lead_reviewer_id', message: 'not a lead reviewer' }] }),
    });
    const { user: person } = renderApp('/reviews/rv-1/commissioning');
    await person.selectOptions(await screen.findByLabelText('Lead reviewer'), 'Ruth Kaplan');
    await person.click(screen.getByRole('button', { name: 'Save changes' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'not a lead reviewer' })).toHaveAttribute('href', '#lead_reviewer_id');
    expect(screen.getByLabelText('Lead reviewer')).toHaveAccessibleDescription('Error: not a lead reviewer');
  });

  it('offers the next stage only when the API allows it, sending the ETag it read', async () => {
    const moved = review({ stage: 'terms_of_reference', allowed_actions: ['begin_agency_submissions'], lead_reviewer: { id: 'u-ruth', name: 'Ruth Kaplan' } });
    const fetch = setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1': () => withEtag(review({ allowed_actions: ['begin_terms_of_reference'], lead_reviewer: { id: 'u-ruth', name: 'Ruth Kaplan' } }), '"3"'),
      'POST /api/v1/reviews/rv-1/stage': () => withEtag(moved, '"4"'),
    });
    const { user: person } = renderApp('/reviews/rv-1');
    await person.click(await screen.findByRole('button', { name: 'Move on to the terms of reference' }));
    expect(await screen.findByText('The review is now at: Terms of reference.')).toBeInTheDocument();
    const post = fetch.calls('POST /api/v1/reviews/rv-1/stage')[0]!;
    expect(post.headers.get('If-Match')).toBe('"3"');
    expect(await post.json()).toEqual({ step: 'begin_terms_of_reference' });
    expect(await screen.findByRole('button', { name: 'Move on to the agencies’ submissions' })).toBeInTheDocument();
  });

  it('offers no stage step when the API lists none', async () => {
    setUp(OFFICE);
    renderApp('/reviews/rv-1');
    await screen.findByRole('heading', { level: 1, name: 'Child BM' });
    expect(screen.queryByRole('heading', { name: 'Next stage' })).not.toBeInTheDocument();
  });

  it('says so when someone else changed the review first', async () => {
    setUp(OFFICE, { 'PATCH /api/v1/reviews/rv-1': () => problem(412, 'Precondition Failed', { detail: 'The record has changed.' }) });
    const { user: person } = renderApp('/reviews/rv-1/commissioning');
    await person.click(await screen.findByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this review since you opened it. Reload the page to see their changes');
  });

  it('shows a lead reviewer the review without the form or links to stage 1 records they cannot open', async () => {
    const fetch = setUp(LEAD_REVIEWER, { 'GET /api/v1/reviews/rv-1': () => json(review({ lead_reviewer: { id: 'u-ruth', name: 'Ruth Kaplan' } })) });
    renderApp('/reviews/rv-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Child BM' })).toBeInTheDocument();
    expect(screen.getByText('The rapid review')).not.toHaveAttribute('href');
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    const menu = screen.getByRole('navigation', { name: 'Menu' });
    expect(within(menu).getAllByRole('link').map((a) => a.textContent)).toEqual(['Dashboard', 'Reviews', 'Events']);
    expect(fetch.calls('GET /api/v1/users')).toHaveLength(0);
  });
});
