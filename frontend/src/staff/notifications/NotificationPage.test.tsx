import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, type Handler, withEtag } from '../../test/fetchMock';
import { me, notification, OFFICE_PERMISSIONS, page, POLICE, tokens, TRUST } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { typeDate } from '../../test/typeDate';

afterEach(() => clearSession());

const OFFICE = me('business_office', OFFICE_PERMISSIONS);
const TRUST_LEAD = me('agency_lead', ['incident_notifications:read', 'rapid_reviews:read'], { agency: TRUST });
// What the API offers the business office on a notification the Panel has not yet been told of.
const OFFERED = { allowed_actions: ['record_panel_notification', 'correct'] };

function setUp(who: typeof OFFICE, read: Handler | Handler[], routes: Record<string, Handler | Handler[]> = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(who),
    'GET /api/v1/incident-notifications/n-1': read,
    'GET /api/v1/incident-notifications/n-1/timeline': () => json([]),
    'GET /api/v1/agencies': () => json(page([TRUST, POLICE])),
    ...routes,
  });
}

describe('a serious incident notification', () => {
  it('lets the business office record the day the National Panel was notified', async () => {
    const notified = notification({ notified_panel_on: '2025-03-03', due: { due_date: '2025-03-06', status: 'met', overdue: false }, allowed_actions: ['correct'] });
    const fetch = setUp(OFFICE, () => withEtag(notification(OFFERED), '"1"'), {
      'PATCH /api/v1/incident-notifications/n-1': () => withEtag(notified, '"2"'),
    });
    const { user } = renderApp('/incident-notifications/n-1');
    const panelRow = (await screen.findByText('National Panel notified', { selector: 'dt' })).nextElementSibling;
    expect(panelRow).toHaveTextContent('Not yet');
    expect(panelRow).toHaveTextContent('Due 6 March 2025');
    await typeDate(user, screen.getByRole('group', { name: 'When was the National Panel notified?' }), '3', '3', '2025');
    await user.click(screen.getByRole('button', { name: 'Record Panel notified' }));

    expect(await screen.findByText('The National Panel notification has been recorded.')).toBeInTheDocument();
    const patch = fetch.calls('PATCH /api/v1/incident-notifications/n-1')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"1"');
    expect(await patch.json()).toEqual({ notified_panel_on: '2025-03-03' });
    expect(screen.getByText('National Panel notified', { selector: 'dt' }).nextElementSibling).toHaveTextContent('Monday 3 March 2025');
    expect(screen.queryByRole('button', { name: 'Record Panel notified' })).not.toBeInTheDocument();
  });

  it('shows the API’s date error next to the date', async () => {
    setUp(OFFICE, () => json(notification(OFFERED)), {
      'PATCH /api/v1/incident-notifications/n-1': () =>
        problem(422, 'Unprocessable Content', { detail: 'Check the dates.', errors: [{ field: 'body.notified_panel_on', message: 'cannot be before the local authority became aware' }] }),
    });
    const { user } = renderApp('/incident-notifications/n-1');
    await typeDate(user, await screen.findByRole('group', { name: /When was the National Panel notified/ }), '20', '2', '2025');
    await user.click(screen.getByRole('button', { name: 'Record Panel notified' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'cannot be before the local authority became aware' })).toHaveAttribute('href', '#notified_panel_on');
    expect(screen.getByRole('group', { name: /When was the National Panel notified/ })).toHaveAccessibleDescription(/Error: cannot be before the local authority became aware/);
  });

  it('corrects what was known at the time, and can clear a Panel date recorded in error', async () => {
    const before = notification({ notified_panel_on: '2025-03-03', agencies: [TRUST, POLICE], allowed_actions: ['correct'] });
    const fetch = setUp(OFFICE, () => withEtag(before, '"5"'), {
      'PATCH /api/v1/incident-notifications/n-1': async (r) => withEtag({ ...before, ...(await r.clone().json()), agencies: [TRUST] }, '"6"'),
    });
    const { user } = renderApp('/incident-notifications/n-1');
    await user.click(await screen.findByText('Correct this notification'));
    await typeDate(user, screen.getByRole('group', { name: 'Date the National Panel was notified' }), '', '', '');
    await user.click(within(screen.getByRole('group', { name: 'Is abuse or neglect known or suspected?' })).getByLabelText('No'));
    await user.clear(screen.getByLabelText('Summary of the incident'));
    await user.type(screen.getByLabelText('Summary of the incident'), 'Fell from a window.');
    await user.click(screen.getByLabelText('Harbourside Police'));
    await user.click(screen.getByRole('button', { name: 'Save corrections' }));

    expect(await screen.findByText('The notification has been corrected.')).toBeInTheDocument();
    const patch = fetch.calls('PATCH /api/v1/incident-notifications/n-1')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"5"');
    expect(await patch.json()).toEqual({
      became_aware_on: '2025-02-27',
      notified_panel_on: null,
      abuse_or_neglect_suspected: false,
      incident_council: 'Harbourside City Council',
      home_council: 'Harbourside City Council',
      summary: 'Fell from a window.',
      agency_ids: [TRUST.id],
    });
  });

  it('corrects what the National Panel was told about the child, without asking who the child is again', async () => {
    const identity = [{ child: 1, name: 'Bethany Marsh', date_of_birth: '2023-06-01', address: '4 Quay Street, Harbourside' }];
    const before = notification({ notified_panel_on: '2025-03-03', children: identity, allowed_actions: ['correct'] });
    const fetch = setUp(OFFICE, () => withEtag(before, '"5"'), {
      'PATCH /api/v1/incident-notifications/n-1': async (r) => {
        const sent = (await r.clone().json()) as { children_characteristics: object[] };
        return withEtag({ ...before, children_characteristics: [{ child: 1, ...sent.children_characteristics[0], age_at_incident: 1 }] }, '"6"');
      },
    });
    const { user } = renderApp('/incident-notifications/n-1');
    await user.click(await screen.findByText('Correct the child’s answers for the National Panel'));
    const form = screen.getByText('Correct the child’s answers for the National Panel').closest('details')!;
    expect(within(form).queryByLabelText('Full name')).not.toBeInTheDocument();
    expect(within(form).queryByLabelText('Home address')).not.toBeInTheDocument();
    // The age is checked against the date of birth the business office may read, as the API checks it.
    expect(within(form).getByLabelText('Age at the incident, in years (optional)')).toHaveValue('1');
    expect(within(form).getByText('Worked out from the date of birth: 1')).toBeInTheDocument();
    await user.click(within(within(form).getByRole('group', { name: 'Looked-after status' })).getByLabelText('Previously looked after'));
    await user.click(within(form).getByRole('button', { name: 'Save the child’s answers' }));
    // A child who was looked after needs a placement type: asked for before anything is sent.
    expect(await within(form).findByRole('alert')).toHaveTextContent('Select the placement type of child 1, who is or was looked after');
    expect(fetch.calls('PATCH /api/v1/incident-notifications/n-1')).toHaveLength(0);
    await user.click(within(within(form).getByRole('group', { name: /Placement type/ })).getByLabelText('Kinship care (family and friends)'));
    await user.click(within(form).getByRole('button', { name: 'Save the child’s answers' }));

    expect(await screen.findByText('The child’s answers for the National Panel have been corrected.')).toBeInTheDocument();
    const patch = fetch.calls('PATCH /api/v1/incident-notifications/n-1')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"5"');
    expect(await patch.json()).toEqual({
      children_characteristics: [{
        age_at_incident: 1, sex: 'female', ethnicity: 'mixed_white_and_black_caribbean', ethnicity_description: null,
        disability: 'no', disability_description: null, looked_after_status: 'previously_looked_after',
        placement_type: 'kinship_care', placement_description: null, child_in_need_plan: 'past',
        child_protection_plan: 'current', known_to_agencies: 'yes', known_agencies: 'Health visiting and the police',
      }],
    });
    expect(screen.getByText('Looked-after status', { selector: 'dt' }).nextElementSibling).toHaveTextContent('Previously looked after');
    expect(screen.getByText('Placement type', { selector: 'dt' }).nextElementSibling).toHaveTextContent('Kinship care (family and friends)');
  });

  it('shows the API’s error on a child’s answer next to that answer', async () => {
    setUp(OFFICE, () => withEtag(notification({ allowed_actions: ['correct'] }), '"5"'), {
      'PATCH /api/v1/incident-notifications/n-1': () =>
        problem(422, 'Unprocessable Content', { detail: 'Check the children.', errors: [{ field: 'body.children_characteristics.0.age_at_incident', message: 'A notification is about a child under 18: child 1 was 19 at the incident' }] }),
    });
    const { user } = renderApp('/incident-notifications/n-1');
    await user.click(await screen.findByText('Correct the child’s answers for the National Panel'));
    const form = screen.getByText('Correct the child’s answers for the National Panel').closest('details')!;
    await user.click(within(form).getByRole('button', { name: 'Save the child’s answers' }));
    const summary = await within(form).findByRole('alert');
    expect(within(summary).getByRole('link', { name: /child 1 was 19 at the incident/ })).toHaveAttribute('href', '#children-0-age_at_incident');
    expect(within(form).getByLabelText('Age at the incident, in years (optional)')).toHaveAccessibleDescription(/Error: A notification is about a child under 18/);
  });

  it('says so when someone else changed the notification first', async () => {
    setUp(OFFICE, () => withEtag(notification(OFFERED), '"1"'), {
      'PATCH /api/v1/incident-notifications/n-1': () => problem(412, 'Precondition Failed'),
    });
    const { user } = renderApp('/incident-notifications/n-1');
    await user.click(await screen.findByRole('button', { name: 'Record Panel notified' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this notification since you opened it. Reload the page to see their changes');
  });

  it('shows agencies the notification without the forms', async () => {
    setUp(TRUST_LEAD, () => json(notification()));
    renderApp('/incident-notifications/n-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Child BM' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record Panel notified' })).not.toBeInTheDocument();
    expect(screen.queryByText('Correct this notification')).not.toBeInTheDocument();
    expect(screen.queryByText(/Correct the child’s answers/)).not.toBeInTheDocument();
    // What the Panel asks about the child, but not who the child is.
    const ethnicity = screen.getByText('Ethnicity', { selector: 'dt' }).nextElementSibling;
    expect(ethnicity).toHaveTextContent('Mixed or multiple: White and Black Caribbean');
    expect(screen.getByText('Child protection plan', { selector: 'dt' }).nextElementSibling).toHaveTextContent('Current');
    expect(screen.queryByText('Name', { selector: 'dt' })).not.toBeInTheDocument();
    expect(screen.getByText(/kept in the case record/)).toBeInTheDocument();
  });

  it('offers only the changes the API lists, whatever the caller’s role', async () => {
    setUp(OFFICE, () => json(notification({ notified_panel_on: '2025-03-03', allowed_actions: ['correct'] })));
    renderApp('/incident-notifications/n-1');
    expect(await screen.findByText('Correct this notification')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record Panel notified' })).not.toBeInTheDocument();
  });
});

describe('recording a new notification', () => {
  it('answers 31 February in GOV.UK’s words and sends nothing', async () => {
    const fetch = setUp(OFFICE, () => json(notification()), { 'POST /api/v1/incident-notifications': () => json(notification(), 201) });
    const { user } = renderApp('/incident-notifications/new');
    await typeDate(user, await screen.findByRole('group', { name: 'Date of the incident' }), '31', '2', '2025');
    await typeDate(user, screen.getByRole('group', { name: 'Date the local authority became aware' }), '3', '3', '2025');
    await user.click(screen.getByRole('button', { name: 'Record notification' }));

    const group = screen.getByRole('group', { name: /Date of the incident/ });
    expect(within(group).getByText(/The date of the incident must be a real date/)).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The date of the incident must be a real date');
    expect(fetch.calls('POST /api/v1/incident-notifications')).toHaveLength(0);
  });
});
