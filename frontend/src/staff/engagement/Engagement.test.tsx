import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, type Handler, withEtag, problem } from '../../test/fetchMock';
import { me, OFFICE_PERMISSIONS, page, POLICE, review, tokens, TRUST } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const OFFICE = me('business_office', [...OFFICE_PERMISSIONS, 'events:read', 'events:manage', 'family_engagement:read', 'family_engagement:manage', 'parallel_processes:read', 'parallel_processes:manage']);
const STRATEGIC = me('strategic_lead', ['reviews:read', 'family_engagement:read', 'parallel_processes:read', 'events:read']);

function setUp(who: typeof OFFICE, routes: Record<string, Handler | Handler[]> = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(who),
    'GET /api/v1/reviews/rv-1': () => withEtag(review(), '"3"'),
    'GET /api/v1/agencies': () => json(page([TRUST, POLICE])),
    'GET /api/v1/events': () => json(page([])),
    ...routes,
  });
}

const CONTACT = {
  id: 'c-1', review_id: 'rv-1', kind: 'initial_letter', occurred_on: '2026-10-05', with_whom: 'Mother', delivered_by: 'the allocated social worker',
  answer: null, answered_on: null, notes: '', recorded_by_name: 'Priya Shah', allowed_actions: ['edit'],
};
const PROCESS = {
  id: 'pp-1', review_id: 'rv-1', child_reference: 'Child BM', kind: 'criminal_investigation', title: 'Police investigation (Operation Kestrel)', agency_id: POLICE.id,
  agency_name: POLICE.name, status: 'active', started_on: '2026-10-02', concluded_on: null, next_key_date: null, next_key_date_note: '', officer_in_charge_name: 'DC Alex Reid',
  officer_in_charge_email: 'alex.reid@police.example.org', officer_in_charge_phone: '', terms_of_reference_given_on: null, practitioner_event_date_given_on: null,
  holds_publication: true, holding_publication: true, publication_held_until: 'the end of any prosecution', publication_held_until_date: null, outcome: '', notes: '',
  allowed_actions: [] as string[],
};

describe('family engagement', () => {
  it('lists the log and shows the genogram only when asked, without buttons for a reader', async () => {
    const fetch = setUp(STRATEGIC, {
      'GET /api/v1/reviews/rv-1/family': () => json({ review_id: 'rv-1', child_reference: 'Child BM', contacts: [{ ...CONTACT, allowed_actions: [] }], allowed_actions: [] }),
      'GET /api/v1/reviews/rv-1/family/genogram': () =>
        json({
          review_id: 'rv-1', child_reference: 'Child BM', allowed_actions: [], relationships: [],
          members: [{ id: 'm-1', name: 'Kerry Lowe', relationship_to_child: 'Mother', date_of_birth: '1994-03-12', address: '14 Gull Street', household: '', deceased: false, notes: '', allowed_actions: [] }],
        }),
    });
    renderApp('/reviews/rv-1/family');
    const table = await screen.findByRole('table', { name: 'The family engagement log, oldest first' });
    expect(within(table).getByText('Delivered by the allocated social worker')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add to the log' })).not.toBeInTheDocument();
    expect(fetch.calls('GET /api/v1/reviews/rv-1/family/genogram')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Show the genogram' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Kerry Lowe: Mother' })).toBeInTheDocument();
    expect(screen.getByText('12 March 1994')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
  });

  it('sends the entry with its date from the GOV.UK date boxes and shows the API’s refusal in the error summary', async () => {
    const fetch = setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/family': () => json({ review_id: 'rv-1', child_reference: 'Child BM', contacts: [], allowed_actions: ['record_contact'] }),
      'POST /api/v1/reviews/rv-1/family/contacts': () => problem(422, 'Your request has errors', { errors: [{ field: 'body.delivered_by', message: 'Enter who delivered the letter' }] }),
    });
    renderApp('/reviews/rv-1/family');
    await userEvent.click(await screen.findByLabelText('Mid-process letter'));
    const date = screen.getByRole('group', { name: 'Date' });
    await userEvent.type(within(date).getByLabelText('Day'), '2');
    await userEvent.type(within(date).getByLabelText('Month'), '11');
    await userEvent.type(within(date).getByLabelText('Year'), '2026');
    await userEvent.click(screen.getByRole('button', { name: 'Add to the log' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter who delivered the letter');
    const sent = (await fetch.calls('POST /api/v1/reviews/rv-1/family/contacts')[0]!.json()) as Record<string, unknown>;
    expect(sent).toMatchObject({ kind: 'mid_process_letter', occurred_on: '2026-11-02' });
  });
});

describe('the genogram', () => {
  it('changes a person at the version shown, sending it as If-Match', async () => {
    const member = { id: 'm-1', name: 'Kerry Lowe', relationship_to_child: 'Mother', date_of_birth: '1994-03-12', address: '14 Gull Street', household: 'Mother’s home', deceased: false, notes: '', version: 4, allowed_actions: ['edit', 'remove'] };
    const fetch = setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/family': () => json({ review_id: 'rv-1', child_reference: 'Child BM', contacts: [], allowed_actions: ['record_contact'] }),
      'GET /api/v1/reviews/rv-1/family/genogram': () => json({ review_id: 'rv-1', child_reference: 'Child BM', allowed_actions: ['add_member', 'add_relationship'], relationships: [], members: [member] }),
      'PATCH /api/v1/reviews/rv-1/family/members/m-1': () => json({ ...member, address: '2 Dock Road', version: 5 }),
    });
    renderApp('/reviews/rv-1/family');
    await userEvent.click(await screen.findByRole('button', { name: 'Show the genogram' }));
    expect(await screen.findByText('Mother’s home:')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^Change/ }));
    expect(screen.getByRole('heading', { name: 'Change Kerry Lowe’s details' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Add a family member' })).not.toBeInTheDocument();
    const address = screen.getByLabelText('Address (optional)');
    await userEvent.clear(address);
    await userEvent.type(address, '2 Dock Road');
    await userEvent.click(screen.getByRole('button', { name: 'Save the changes' }));
    await waitFor(() => expect(fetch.calls('PATCH /api/v1/reviews/rv-1/family/members/m-1')).toHaveLength(1));
    const sent = fetch.calls('PATCH /api/v1/reviews/rv-1/family/members/m-1')[0]!;
    expect(sent.headers.get('If-Match')).toBe('"4"');
    expect(((await sent.json()) as Record<string, unknown>).address).toBe('2 Dock Road');
  });
});

describe('parallel processes', () => {
  it('tags a process that holds publication and offers only the steps the API allows', async () => {
    const fetch = setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/parallel-processes': () => json([{ ...PROCESS, allowed_actions: ['edit', 'conclude'] }]),
      'POST /api/v1/reviews/rv-1/parallel-processes/pp-1/conclude': () => json({ ...PROCESS, status: 'concluded', holding_publication: false }),
    });
    renderApp('/reviews/rv-1/parallel-processes');
    const card = (await screen.findByRole('heading', { level: 2, name: /Police investigation/ })).closest('.govuk-summary-card') as HTMLElement;
    expect(within(card).getAllByText('Holds publication')[0]).toHaveClass('govuk-tag');
    expect(screen.getByText(/Publication is held back by Police investigation \(Operation Kestrel\)/)).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: /Record that the officer in charge was given the terms of reference/ })).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /Invite DC Alex Reid/ })).not.toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /Record that it has begun/ })).not.toBeInTheDocument();

    await userEvent.click(within(card).getByRole('button', { name: /Record that it has concluded/ }));
    await userEvent.type(within(card).getByLabelText('Outcome (optional)'), 'Charged; trial listed');
    await userEvent.click(within(card).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fetch.calls('POST /api/v1/reviews/rv-1/parallel-processes/pp-1/conclude')).toHaveLength(1));
    const sent = (await fetch.calls('POST /api/v1/reviews/rv-1/parallel-processes/pp-1/conclude')[0]!.json()) as Record<string, unknown>;
    expect(sent.outcome).toBe('Charged; trial listed');
    expect(sent.concluded_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('changing a parallel process', () => {
  it('lifts the hold on publication at the version shown, and hides the recording form meanwhile', async () => {
    const fetch = setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/parallel-processes': () => json([{ ...PROCESS, version: 7, allowed_actions: ['edit', 'conclude'] }]),
      'PATCH /api/v1/reviews/rv-1/parallel-processes/pp-1': () => json({ ...PROCESS, holds_publication: false, holding_publication: false }),
    });
    renderApp('/reviews/rv-1/parallel-processes');
    expect(await screen.findByRole('heading', { level: 2, name: 'Record a parallel process' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Change the details/ }));
    expect(screen.queryByRole('heading', { level: 2, name: 'Record a parallel process' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('This process holds the review’s publication back'));
    await userEvent.click(screen.getByRole('button', { name: 'Save the changes' }));
    await waitFor(() => expect(fetch.calls('PATCH /api/v1/reviews/rv-1/parallel-processes/pp-1')).toHaveLength(1));
    const sent = fetch.calls('PATCH /api/v1/reviews/rv-1/parallel-processes/pp-1')[0]!;
    expect(sent.headers.get('If-Match')).toBe('"7"');
    expect(await sent.json()).toMatchObject({ holds_publication: false, publication_held_until: '', officer_in_charge_name: 'DC Alex Reid' });
  });
});

describe('practitioner engagement', () => {
  it('lists the one-to-ones with their outcome and offers to record the outcome of those still offered', async () => {
    setUp(OFFICE, {
      'GET /api/v1/reviews/rv-1/one-to-ones': () =>
        json([
          { id: 'o-1', review_id: 'rv-1', child_reference: 'Child BM', agency_id: TRUST.id, agency_name: TRUST.name, practitioner_name: 'Bethan Cole', practitioner_role: 'Nurse', offered_on: '2026-11-09', offered_by: 'Priya Shah', state: 'held', held_on: '2026-11-18', held_by: 'Ruth Kaplan', declined_on: null, notes: '', allowed_actions: [] },
          { id: 'o-2', review_id: 'rv-1', child_reference: 'Child BM', agency_id: TRUST.id, agency_name: TRUST.name, practitioner_name: 'Marcus Webb', practitioner_role: 'Social worker', offered_on: '2026-11-13', offered_by: 'Priya Shah', state: 'offered', held_on: null, held_by: null, declined_on: null, notes: '', allowed_actions: ['edit', 'record_held', 'record_declined'] },
        ]),
    });
    renderApp('/reviews/rv-1/practitioners');
    const table = await screen.findByRole('table', { name: 'One-to-one discussions offered' });
    expect(within(table).getByText('on 18 November 2026 with Ruth Kaplan')).toBeInTheDocument();
    const practitioner = screen.getByLabelText('Practitioner');
    expect(within(practitioner).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a practitioner', `Marcus Webb, ${TRUST.name}`]);
    expect(await screen.findByRole('button', { name: 'Record the offer' })).toBeInTheDocument();
  });
});
