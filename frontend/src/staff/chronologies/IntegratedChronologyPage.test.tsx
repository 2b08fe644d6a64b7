import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch } from '../../test/fetchMock';
import { ME, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { integrated, POLICE } from './fixtures';

afterEach(() => clearSession());

const REVIEWER = { ...ME, name: 'Ruth Kaplan', role: 'lead_reviewer', permissions: ['reviews:read', 'chronologies:read', 'chronologies:read_integrated'] };

function setUp(routes: Parameters<typeof mockFetch>[0] = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(REVIEWER),
    'GET /api/v1/reviews/rv-1/integrated-chronology': () => json(integrated()),
    ...routes,
  });
}

describe('the integrated chronology', () => {
  it('shows several agencies’ entries of one day together, in order, and the gap before the next day', async () => {
    setUp();
    renderApp('/reviews/rv-1/chronologies/integrated');
    const day = await screen.findByRole('region', { name: 'Sunday 2 March 2025' });
    expect(day).toHaveTextContent('3 entries from 3 agencies');
    const rows = within(day).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(['Harbourside Children’s Trust', 'Riverside Academy', 'Harbourside Police']);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Time not known');
    expect(within(rows[2]!).getByRole('rowheader')).toHaveTextContent('11:40pm');
    expect(screen.getByText(/No agency recorded contact for 109 days, from 3 March 2025 to 19 June 2025/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '4 entries on 2 days, 1 gap' })).toBeInTheDocument();
  });

  it('keeps the filters in the URL and sends them to the API', async () => {
    const fetch = setUp();
    const { user } = renderApp('/reviews/rv-1/chronologies/integrated?q=call-out&gap=60');
    expect(await screen.findByLabelText('Containing the words')).toHaveValue('call-out');
    const first = new URL(fetch.calls('GET /api/v1/reviews/rv-1/integrated-chronology')[0]!.url);
    expect(first.searchParams.get('q')).toBe('call-out');
    expect(first.searchParams.get('gap_days')).toBe('60');
    await user.click(screen.getByLabelText('Harbourside Police'));
    await user.type(screen.getByLabelText('From'), '2025-03-01');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('link', { name: 'Clear the filters' });
    const last = new URL(fetch.calls('GET /api/v1/reviews/rv-1/integrated-chronology').at(-1)!.url);
    expect(last.searchParams.getAll('agency_id')).toEqual([POLICE.id]);
    expect(last.searchParams.get('from')).toBe('2025-03-01');
    expect(last.searchParams.get('q')).toBe('call-out');
  });

  it('refuses a gap that is not a whole number of days', async () => {
    setUp();
    const { user } = renderApp('/reviews/rv-1/chronologies/integrated');
    const gap = await screen.findByLabelText(/Show a gap when no agency recorded contact/);
    await user.clear(gap);
    await user.type(gap, 'ten');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('Gap must be a whole number of days between 1 and 3650')).toBeInTheDocument();
  });
});
