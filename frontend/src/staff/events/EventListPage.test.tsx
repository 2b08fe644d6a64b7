import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession } from '../../auth/session';
import { json } from '../../test/fetchMock';
import { renderApp } from '../../test/render';
import { BUSINESS_OFFICE, event, eventApi, REVIEW_ID } from './eventFixtures';

afterEach(() => clearSession());

const page = (items: unknown[]) => json({ items, total: items.length, limit: 100, offset: 0 });

// Loading the staff app and typing whole forms in jsdom takes seconds on a busy machine.
describe('the events list', { timeout: 20_000 }, () => {
  it('lists upcoming events with their review, places taken and status', async () => {
    const full = event({ id: 'ev-2', title: 'Open de-brief', kind: 'open_debrief', confirmed: 30, capacity: 30, places_left: 0, waiting: 4 });
    const fetch = eventApi(BUSINESS_OFFICE, event(), { 'GET /api/v1/events': () => page([event(), full]) });
    renderApp('/events');

    const table = await screen.findByRole('table', { name: '2 upcoming events' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getByRole('link', { name: 'Practitioner learning event' })).toHaveAttribute('href', '/events/ev-1');
    expect(within(rows[1]!).getByRole('link', { name: 'Child BM' })).toHaveAttribute('href', `/reviews/${REVIEW_ID}`);
    expect(within(rows[1]!).getByText('2 of 20')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Open for sign-up')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('30 of 30')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('4 waiting')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Full: waiting list')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Upcoming events' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('button', { name: 'Schedule an event' })).toHaveAttribute('href', '/events/new');
    const query = new URL(fetch.calls('GET /api/v1/events')[0]!.url).searchParams;
    expect(query.get('date_from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(query.get('date_to')).toBeNull();
  });

  it('shows past events most recent first', async () => {
    const older = event({ id: 'ev-3', title: 'Author briefing', kind: 'author_briefing' }, -30);
    const recent = event({ id: 'ev-4', title: 'Review group meeting', kind: 'review_group_meeting' }, -3);
    const fetch = eventApi(BUSINESS_OFFICE, event(), { 'GET /api/v1/events': () => page([older, recent]) });
    renderApp('/events?when=past');
    const table = await screen.findByRole('table', { name: '2 past events' });
    const links = within(table).getAllByRole('link', { name: /briefing|meeting/ });
    expect(links.map((l) => l.textContent)).toEqual(['Review group meeting', 'Author briefing']);
    expect(within(table).getAllByText('Taken place')).toHaveLength(2);
    expect(new URL(fetch.calls('GET /api/v1/events')[0]!.url).searchParams.get('date_to')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('puts Events in the navigation only for those who may read events', async () => {
    eventApi({ ...BUSINESS_OFFICE, permissions: ['referrals:read'] }, event(), {
      'GET /api/v1/deadlines': () => page([]),
      'GET /api/v1/referrals': () => page([]),
      'GET /api/v1/information-requests': () => page([]),
    });
    renderApp('/');
    const menu = await screen.findByRole('navigation', { name: 'Menu' });
    expect(await within(menu).findByRole('link', { name: 'Referrals' })).toBeInTheDocument();
    expect(within(menu).queryByRole('link', { name: 'Events' })).not.toBeInTheDocument();
  });

  it('hides scheduling from those who cannot manage events', async () => {
    eventApi({ ...BUSINESS_OFFICE, permissions: ['events:read'] }, event(), { 'GET /api/v1/events': () => page([event()]) });
    renderApp('/events');
    await screen.findByRole('table', { name: '1 upcoming event' });
    expect(within(screen.getByRole('navigation', { name: 'Menu' })).getByRole('link', { name: 'Events' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Schedule an event' })).not.toBeInTheDocument();
    expect(screen.getByText('Child BM').closest('a')).toBeNull();
  });
});
