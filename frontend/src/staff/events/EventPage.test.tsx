import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession } from '../../auth/session';
import { json } from '../../test/fetchMock';
import { renderApp } from '../../test/render';
import { BUSINESS_OFFICE, event, eventApi, HEALTH, HEALTH_LEAD, invitation, SCRUTINEER, signUp } from './eventFixtures';

afterEach(() => clearSession());

/** The page's heading, once the staff app has loaded (slow on a first import). */
const opened = () => screen.findByRole('heading', { level: 1 });

// Loading the staff app and typing whole forms in jsdom takes seconds on a busy machine.
describe('the event page for the business office', { timeout: 20_000 }, () => {
  it('sends an invitation and shows the personal link in case the e-mail does not arrive', async () => {
    const sent = invitation({ id: 'inv-2', name: 'DC Kay Officer', email: 'kay@police.example.org', agency_id: null, agency_name: null });
    const fetch = eventApi(BUSINESS_OFFICE, event(), {
      'POST /api/v1/events/ev-1/invitations': () => json({ ...sent, sign_up_url: 'http://localhost:8000/sign-up/inv-tok' }, 201),
    });
    const { user } = renderApp('/events/ev-1');
    await opened();
    const section = within(await screen.findByRole('region', { name: 'Invitations' }));
    expect(await section.findByRole('cell', { name: 'Harbourside Health' })).toBeInTheDocument();

    await user.type(section.getByLabelText('Full name'), 'DC Kay Officer');
    await user.type(section.getByLabelText('Email address'), 'kay@police.example.org');
    await user.type(section.getByLabelText('Job title (optional)'), 'Officer in charge of the case');
    expect(section.getByLabelText('Agency')).toHaveValue('');
    await user.click(section.getByRole('button', { name: 'Send invitation' }));

    expect(await section.findByText(/Invitation e-mailed to DC Kay Officer/)).toBeInTheDocument();
    expect(section.getByText('http://localhost:8000/sign-up/inv-tok')).toBeInTheDocument();
    expect(section.getByLabelText('Full name')).toHaveValue('');
    expect(await fetch.calls('POST /api/v1/events/ev-1/invitations')[0]!.json()).toEqual({
      name: 'DC Kay Officer',
      email: 'kay@police.example.org',
      job_title: 'Officer in charge of the case',
      team: '',
      involvement: '',
      agency_id: null,
    });
  });

  it('revokes an invitation', async () => {
    const fetch = eventApi(BUSINESS_OFFICE, event(), {
      'POST /api/v1/events/ev-1/invitations/inv-1/revoke': () => json(invitation({ revoked_at: '2025-01-05T10:00:00Z' })),
    });
    const { user } = renderApp('/events/ev-1');
    await user.click(await screen.findByRole('button', { name: /^Revoke ?Jo Visitor’s invitation$/ }));
    expect(await screen.findByText('Jo Visitor’s invitation is revoked: their link no longer works.')).toBeInTheDocument();
    expect(fetch.calls('POST /api/v1/events/ev-1/invitations/inv-1/revoke')).toHaveLength(1);
  });

  it('records who attended once the event has started', async () => {
    // Once it has started, places are no longer cancelled: each person still holding one can be marked.
    const came = signUp({ allowed_actions: ['mark_attendance'] });
    const missed = signUp({ id: 'su-2', name: 'Alex Reid', queue_number: 2, attended: null, allowed_actions: ['mark_attendance'] });
    const gone = signUp({ id: 'su-3', name: 'Pat Gone', queue_number: 3, status: 'cancelled', allowed_actions: [] });
    const fetch = eventApi(
      BUSINESS_OFFICE,
      event({}, -1),
      { 'POST /api/v1/events/ev-1/attendance': async () => json([{ ...came, attended: true }, { ...missed, attended: false }]) },
      { nominations: [], sign_ups: [came, missed, gone] },
    );
    const { user } = renderApp('/events/ev-1');
    const attendance = within(await screen.findByRole('region', { name: 'Attendance' }));
    const group = within(await attendance.findByRole('group', { name: 'Who attended?' }));
    expect(group.queryByLabelText(/Pat Gone/)).not.toBeInTheDocument();
    await user.click(group.getByLabelText('Sam Jones, Harbourside Health'));
    await user.click(attendance.getByRole('button', { name: 'Save attendance' }));

    expect(await attendance.findByText('Attendance saved: 1 of 2 attended.')).toBeInTheDocument();
    expect(await fetch.calls('POST /api/v1/events/ev-1/attendance')[0]!.json()).toEqual({
      marks: [
        { sign_up_id: 'su-1', attended: true },
        { sign_up_id: 'su-2', attended: false },
      ],
    });
    // Invitations close and places can no longer be cancelled once the event is under way.
    expect(screen.queryByRole('button', { name: 'Send invitation' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Cancel place/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel this event' })).not.toBeInTheDocument();
  });

  it('offers no buttons on a cancelled event', async () => {
    eventApi(BUSINESS_OFFICE, event({ status: 'cancelled', sign_up_open: false, allowed_actions: [] }), {}, {
      nominations: [invitation({ allowed_actions: [] })],
      sign_ups: [signUp({ flagged: true, allowed_actions: [] })],
    });
    renderApp('/events/ev-1');
    await opened();
    expect(await screen.findByText('sam@health.example.org')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Change the event’s details' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Sign-up link' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Attendance' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Full name')).not.toBeInTheDocument();
    expect(within(screen.getByRole('main')).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByText(/needs a look/)).not.toBeInTheDocument();
  });

  it('cancels a place with a reason', async () => {
    const fetch = eventApi(BUSINESS_OFFICE, event(), {
      'POST /api/v1/events/ev-1/sign-ups/su-1/cancel': () => json(signUp({ status: 'cancelled' })),
    });
    const { user } = renderApp('/events/ev-1');
    await user.click(await screen.findByRole('button', { name: /^Cancel place ?of Sam Jones$/ }));
    const section = within(screen.getByRole('region', { name: 'Who is coming' }));
    expect(section.getByRole('heading', { name: 'Cancel Sam Jones’s place' })).toHaveFocus();
    await user.type(section.getByLabelText('Reason (optional)'), 'Asked to come to the open de-brief instead');
    await user.click(section.getByRole('button', { name: 'Cancel their place' }));
    expect(await section.findByText('Sam Jones’s place is cancelled.')).toBeInTheDocument();
    expect(section.getByRole('heading', { name: 'Who is coming' })).toHaveFocus();
    expect(await fetch.calls('POST /api/v1/events/ev-1/sign-ups/su-1/cancel')[0]!.json()).toEqual({ reason: 'Asked to come to the open de-brief instead' });
  });

  it('cancels the event only after saying what will happen', async () => {
    const ev = event();
    const fetch = eventApi(BUSINESS_OFFICE, ev, {
      'POST /api/v1/events/ev-1/cancel': () => json({ ...ev, status: 'cancelled' }),
    });
    const { user } = renderApp('/events/ev-1');
    await user.click(await screen.findByRole('button', { name: 'Cancel this event' }));
    expect(screen.getByText(/Everyone with a place or on the waiting list will be e-mailed/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Why is it cancelled? (optional)'), 'Lead reviewer unwell');
    await user.click(screen.getByRole('button', { name: 'Cancel the event' }));
    expect(await screen.findByText('Event cancelled. Everyone with a place has been e-mailed.')).toBeInTheDocument();
    expect(await fetch.calls('POST /api/v1/events/ev-1/cancel')[0]!.json()).toEqual({ reason: 'Lead reviewer unwell' });
  });

  it('makes a new open link only after a warning, and keeps the closing time chosen before', async () => {
    const closes = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const fetch = eventApi(BUSINESS_OFFICE, event({ sign_up_expires_at: closes }), {
      'POST /api/v1/events/ev-1/open-link': () => json({ url: 'http://localhost:8000/sign-up/new-tok', token: 'new-tok', expires_at: closes }, 201),
    });
    const { user } = renderApp('/events/ev-1');
    const section = within(await screen.findByRole('region', { name: 'Sign-up link' }));
    expect(section.queryByLabelText('The event’s sign-up link')).not.toBeInTheDocument();
    await user.click(section.getByRole('button', { name: 'Make a new link' }));
    expect(section.getByText(/The link you have already shared will stop working/)).toBeInTheDocument();
    await user.click(section.getByRole('button', { name: 'Make a new link' }));
    expect(await section.findByLabelText('The event’s sign-up link')).toHaveValue('http://localhost:8000/sign-up/new-tok');
    expect(await fetch.calls('POST /api/v1/events/ev-1/open-link')[0]!.json()).toEqual({ expires_at: closes });
  });
});

describe('what other people see', { timeout: 20_000 }, () => {
  it('lets an agency lead nominate from their own agency, and nothing the business office does', async () => {
    const fetch = eventApi(
      HEALTH_LEAD,
      event({ allowed_actions: ['nominate'] }),
      { 'POST /api/v1/events/ev-1/invitations': () => json({ ...invitation({ id: 'inv-3', name: 'Lee Nurse' }), sign_up_url: 'http://localhost:8000/sign-up/t' }, 201) },
      { nominations: [invitation()], sign_ups: [signUp({ allowed_actions: [] })] },
    );
    const { user } = renderApp('/events/ev-1');
    const section = within(await screen.findByRole('region', { name: 'Nominations' }));
    expect(screen.getByRole('link', { name: 'Events' })).toBeInTheDocument();
    expect(section.queryByLabelText('Agency')).not.toBeInTheDocument();
    await user.type(section.getByLabelText('Full name'), 'Lee Nurse');
    await user.type(section.getByLabelText('Email address'), 'lee@health.example.org');
    await user.click(section.getByRole('button', { name: 'Send nomination' }));
    expect(await section.findByText(/Invitation e-mailed to Lee Nurse/)).toBeInTheDocument();
    expect((await fetch.calls('POST /api/v1/events/ev-1/invitations')[0]!.json()).agency_id).toBeNull();

    expect(screen.queryByRole('link', { name: 'Change the event’s details' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Sign-up link' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Attendance' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Cancel place/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel this event' })).not.toBeInTheDocument();
    // Their own nomination offers revoking.
    expect(section.getByRole('button', { name: /^Revoke ?Jo Visitor’s invitation$/ })).toBeInTheDocument();
  });

  it('shows a scrutineer the event and its numbers, read only', async () => {
    eventApi(SCRUTINEER, event({ allowed_actions: [] }), {}, { nominations: [invitation({ allowed_actions: [] })], sign_ups: [signUp({ allowed_actions: [] })] });
    renderApp('/events/ev-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Practitioner learning event' })).toBeInTheDocument();
    const numbers = within(await screen.findByRole('region', { name: 'Numbers' }));
    expect(await numbers.findByRole('rowheader', { name: HEALTH.name })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Full name')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Cancel/ })).not.toBeInTheDocument();
  });
});
