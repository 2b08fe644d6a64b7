import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession } from '../../auth/session';
import { json, problem } from '../../test/fetchMock';
import { renderApp } from '../../test/render';
import { BUSINESS_OFFICE, event, eventApi, REVIEW_ID } from './eventFixtures';

afterEach(() => clearSession());

const LINK = { url: 'http://localhost:8000/sign-up/open-tok', token: 'open-tok', expires_at: '2025-03-12T12:00:00Z' };

// Loading the staff app and typing whole forms in jsdom takes seconds on a busy machine.
describe('scheduling an event', { timeout: 20_000 }, () => {
  it('sends what the business office entered and shows the open sign-up link once', async () => {
    const created = event({ id: 'ev-9', title: 'Learning event' });
    const fetch = eventApi(BUSINESS_OFFICE, created, {
      'POST /api/v1/events': () => json({ ...created, open_link: LINK }, 201),
    });
    const { user } = renderApp(`/events/new?review_id=${REVIEW_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Schedule an event' })).toBeInTheDocument();
    expect(await screen.findByRole('option', { name: /Child BM/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Review')).toHaveValue(REVIEW_ID);
    await user.click(screen.getByLabelText('Practitioner learning event'));
    await user.type(screen.getByLabelText('Title'), 'Learning event');
    const date = screen.getByRole('group', { name: 'Date' });
    await user.type(within(date).getByLabelText('Day'), '12');
    await user.type(within(date).getByLabelText('Month'), '3');
    await user.type(within(date).getByLabelText('Year'), '2030');
    await user.type(screen.getByLabelText('Start time'), '9:30');
    await user.type(screen.getByLabelText('End time'), 'midday');
    await user.click(screen.getByLabelText('In person'));
    await user.type(screen.getByLabelText('Venue'), 'Civic Centre, Room 2');
    await user.type(screen.getByLabelText('Number of places'), '20');
    await user.type(screen.getByLabelText('Questions to think about beforehand (optional)'), 'What did you know?{Enter}{Enter}What got in the way?');
    await user.click(screen.getByRole('button', { name: 'Schedule event' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Learning event' })).toBeInTheDocument();
    expect(screen.getByText('Event scheduled')).toBeInTheDocument();
    expect(screen.getByLabelText('The event’s sign-up link')).toHaveValue(LINK.url);
    const body = await fetch.calls('POST /api/v1/events')[0]!.json();
    expect(body).toEqual({
      review_id: REVIEW_ID,
      kind: 'practitioner_learning_event',
      title: 'Learning event',
      date: '2030-03-12',
      start_time: '09:30',
      end_time: '12:00',
      timezone: 'Europe/London',
      location: 'Civic Centre, Room 2',
      virtual_link: null,
      capacity: 20,
      questions: ['What did you know?', 'What got in the way?'],
      support_note: '',
      sign_up_open: true,
      create_open_link: true,
      open_link_expires_at: null,
    });
  });

  it('checks the form before sending, and lists each problem linked to its field', async () => {
    const fetch = eventApi(BUSINESS_OFFICE, event());
    const { user } = renderApp('/events/new');
    await user.click(await screen.findByRole('button', { name: 'Schedule event' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Select the review this event is for' })).toHaveAttribute('href', '#review_id');
    expect(within(summary).getByRole('link', { name: 'Enter the date of the event' })).toHaveAttribute('href', '#date');
    expect(within(summary).getByRole('link', { name: 'Select in person, online or both' })).toHaveAttribute('href', '#where');
    expect(within(summary).getByRole('link', { name: 'Enter the number of places' })).toHaveAttribute('href', '#capacity');
    await waitFor(() => expect(document.title).toMatch(/^Error: Schedule an event/));
    expect(fetch.calls('POST /api/v1/events')).toHaveLength(0);
  });

  it('shows the API’s field errors next to the fields they belong to', async () => {
    eventApi(BUSINESS_OFFICE, event(), {
      'POST /api/v1/events': () =>
        problem(422, 'Unprocessable Content', {
          detail: 'The event’s details need correcting.',
          errors: [
            { field: 'body.end_time', message: 'must be after the start time' },
            { field: 'body.title', message: 'is shown publicly to practitioners: do not name the child or the review' },
          ],
        }),
    });
    const { user } = renderApp(`/events/new?review_id=${REVIEW_ID}`);
    await screen.findByRole('option', { name: /Child BM/ });
    await user.click(screen.getByLabelText('Open de-brief'));
    await user.type(screen.getByLabelText('Title'), 'De-brief: Child BM');
    const date = screen.getByRole('group', { name: 'Date' });
    await user.type(within(date).getByLabelText('Day'), '1');
    await user.type(within(date).getByLabelText('Month'), '7');
    await user.type(within(date).getByLabelText('Year'), '2030');
    await user.type(screen.getByLabelText('Start time'), '14:00');
    await user.type(screen.getByLabelText('End time'), '13:00');
    await user.click(screen.getByLabelText('Online'));
    await user.type(screen.getByLabelText('Link to join online'), 'https://meet.example.org/x');
    await user.type(screen.getByLabelText('Number of places'), '30');
    await user.click(screen.getByRole('button', { name: 'Schedule event' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'End time: must be after the start time' })).toHaveAttribute('href', '#end_time');
    expect(screen.getByLabelText('End time')).toHaveAccessibleDescription(/Error: End time: must be after the start time/);
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(/Error: Title: is shown publicly to practitioners/);
  });
});

describe('changing an event', { timeout: 20_000 }, () => {
  it('sends only what changed, with the version it was read at', async () => {
    const ev = event();
    const fetch = eventApi(BUSINESS_OFFICE, ev, {
      'PATCH /api/v1/events/ev-1': async (r) => json({ ...ev, ...(await r.json()) }),
    });
    const { user } = renderApp('/events/ev-1/edit');
    const capacity = await screen.findByLabelText('Number of places');
    expect(capacity).toHaveValue('20');
    expect(screen.getByLabelText('Venue')).toHaveValue(ev.location);
    await user.clear(capacity);
    await user.type(capacity, '25');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Event details saved')).toBeInTheDocument();
    const patch = fetch.calls('PATCH /api/v1/events/ev-1')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"7"');
    expect(await patch.json()).toEqual({ capacity: 25 });
  });

  it('says when someone else changed the event first (412)', async () => {
    eventApi(BUSINESS_OFFICE, event(), {
      'PATCH /api/v1/events/ev-1': () => problem(412, 'Precondition Failed', { detail: 'stale' }),
    });
    const { user } = renderApp('/events/ev-1/edit');
    await user.type(await screen.findByLabelText('Title'), ' (morning)');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(/^Someone else changed this event since you opened it\. Reload the page to see their changes/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Reload the event' })).toHaveAttribute('href', '/events/ev-1/edit');
  });

  it('goes back to the event when changing it is not offered (a cancelled event)', async () => {
    eventApi(BUSINESS_OFFICE, event({ status: 'cancelled', allowed_actions: [] }));
    renderApp('/events/ev-1/edit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Practitioner learning event' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Number of places')).not.toBeInTheDocument();
  });
});
