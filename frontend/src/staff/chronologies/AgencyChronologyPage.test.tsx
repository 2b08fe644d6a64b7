import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, withEtag } from '../../test/fetchMock';
import { ME, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { typeDate } from '../../test/typeDate';
import { chronology, entry, POLICE } from './fixtures';

afterEach(() => clearSession());

const POLICE_LEAD = { ...ME, name: 'Dan Reilly', role: 'agency_lead', agency: POLICE, permissions: ['reviews:read', 'chronologies:read', 'chronologies:write'] };
const URL_ = '/reviews/rv-1/chronologies/ch-1';

function setUp(routes: Parameters<typeof mockFetch>[0]) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(POLICE_LEAD),
    'GET /api/v1/chronologies/ch-1/timeline': () => json([]),
    'GET /api/v1/chronologies/ch-1/revisions': () => json([]),
    ...routes,
  });
}

/** Fills in the entry form (the storm log's domestic incident of 2 March 2025) and adds it. */
async function addEntry(user: ReturnType<typeof renderApp>['user'], time?: string) {
  await typeDate(user, screen.getByRole('group', { name: 'Date' }), '2', '3', '2025');
  if (time) await user.type(screen.getByLabelText('Time (if known)'), time);
  await user.type(screen.getByLabelText('Source'), 'Storm log 1187');
  await user.type(screen.getByLabelText('What happened'), 'Domestic incident');
  await user.type(screen.getByLabelText('Significance'), 'Child present');
  await user.click(screen.getByRole('button', { name: 'Add the entry' }));
}

describe('an agency’s chronology', () => {
  it('adds an entry to the draft from the GOV.UK date input', async () => {
    const fetch = setUp({
      'GET /api/v1/chronologies/ch-1': [() => withEtag(chronology(), '"1"'), () => withEtag(chronology({ state: 'draft', draft_entries: [entry('e1', '2025-03-02', 'Domestic incident', '23:40:00')] }), '"2"')],
      'POST /api/v1/chronologies/ch-1/entries': async (r) => json({ id: 'e1', version: 1, ...(await r.json()) }, 201),
    });
    const { user } = renderApp(URL_);
    await screen.findByRole('heading', { name: 'Add an entry' });
    await addEntry(user, '23.40');
    expect(await screen.findByText('The entry has been added to your draft.')).toBeInTheDocument();
    const body = await fetch.calls('POST /api/v1/chronologies/ch-1/entries')[0]!.json();
    expect(body).toEqual({ occurred_on: '2025-03-02', occurred_time: '23:40', source: 'Storm log 1187', what_happened: 'Domestic incident', significance: 'Child present' });
    expect(await screen.findByRole('region', { name: 'Your draft: 1 entry' })).toHaveTextContent('11:40pm');
  });

  it('submits against the version an entry just added gave the chronology, even while it is still being read', async () => {
    let release = () => {};
    const reread = new Promise<void>((resolve) => (release = resolve));
    const added = chronology({ state: 'draft', draft_entries: [entry('e1', '2025-03-02', 'Domestic incident', '23:40:00')] });
    const fetch = setUp({
      'GET /api/v1/chronologies/ch-1': [
        () => withEtag(chronology({ state: 'draft' }), '"1"'),
        async () => {
          await reread; // the page's re-read after the entry: slow, still on its way when Submit is pressed
          return withEtag(added, '"2"');
        },
        () => withEtag(added, '"2"'),
      ],
      'POST /api/v1/chronologies/ch-1/entries': async (r) => json({ id: 'e1', version: 1, ...(await r.json()) }, 201),
      'POST /api/v1/chronologies/ch-1/submit': () => withEtag(chronology({ state: 'submitted', allowed_actions: [] }), '"3"'),
    });
    const { user } = renderApp(URL_);
    await screen.findByRole('heading', { name: 'Add an entry' });
    await addEntry(user);
    await screen.findByText('The entry has been added to your draft.');
    await user.click(screen.getByRole('button', { name: 'Submit the chronology' }));
    expect(await screen.findByText('Your chronology has been submitted to the review.')).toBeInTheDocument();
    expect(fetch.calls('POST /api/v1/chronologies/ch-1/submit')[0]!.headers.get('If-Match')).toBe('"2"');
    release();
  });

  it('lists every bad cell of a refused upload by row and column', async () => {
    setUp({
      'GET /api/v1/chronologies/ch-1': () => withEtag(chronology(), '"1"'),
      'POST /api/v1/chronologies/ch-1/entries/import': () =>
        problem(422, 'Unprocessable content', {
          detail: '1 row has problems; nothing was imported.',
          errors: [
            { field: 'file.rows.3.occurred_on', message: 'Row 3, column A (Date): the date must be a real date, like 14/03/2026' },
            { field: 'file.rows.3.what_happened', message: 'Row 3, column D (What happened): enter what happened' },
          ],
        }),
    });
    const { user } = renderApp(URL_);
    const input = await screen.findByLabelText('Upload a file');
    await user.upload(input, new File(['Date,Time,Source,What happened,Significance\n'], 'police.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload entries' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Row 3, column A (Date): the date must be a real date, like 14/03/2026' })).toHaveAttribute('href', '#chronology-file');
    expect(within(summary).getByRole('link', { name: 'Row 3, column D (What happened): enter what happened' })).toBeInTheDocument();
    expect(screen.getByLabelText('Upload a file')).toHaveAccessibleDescription(/nothing was imported/);
  });

  it('shows the submitted entries without the form once submitted, and the return only as the API offers it', async () => {
    setUp({
      'GET /api/v1/me': () => json({ ...ME, role: 'lead_reviewer', permissions: ['chronologies:read'] }),
      'GET /api/v1/chronologies/ch-1': () =>
        withEtag(chronology({ state: 'submitted', revision: 1, draft_entries: null, draft_entry_count: null, allowed_actions: ['return'], entries: [entry('e1', '2025-03-02', 'Domestic incident')] }), '"3"'),
      'GET /api/v1/chronologies/ch-1/revisions': () => json([]),
    });
    renderApp(URL_);
    expect(await screen.findByRole('region', { name: 'Submitted chronology: 1 entries' })).toHaveTextContent('Domestic incident');
    expect(screen.queryByRole('heading', { name: 'Add an entry' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Return the chronology' })).toBeInTheDocument();
  });
});
