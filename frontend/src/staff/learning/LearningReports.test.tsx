import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ME, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const OFFICE = { ...ME, permissions: ['recommendations:read', 'figures:read', 'learning:import', 'learning:disseminate'] };
const POLICE = { id: '22222222-2222-4222-8222-222222222222', name: 'Harbourside Police', kind: 'police' };

function setUp(routes: Parameters<typeof mockFetch>[0]) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({ 'POST /api/v1/auth/token': () => json(tokens(1)), 'GET /api/v1/me': () => json(OFFICE), ...routes });
}

const FIGURES = {
  period_from: null,
  period_to: null,
  agencies: [{ agency: POLICE, open: 3, overdue: 1, completed_on_time: 4, completed_late: 2, completed_with_evidence: 5, evidence_share: 83.3 }],
  sources: [{ key: 'review:1', label: 'Review – Child RM', review_id: 'r-1', rapid_review_id: null, actions: 4, complete: 1, percent_complete: 25 }],
  timeliness: [{ kind: 'incident_notification', label: 'Notifications (5 working days)', on_time: 9, late: 1, overdue_open: 0, percent_on_time: 90 }],
  themes_over_time: [{ theme_id: 't-1', name: 'Neglect', year: 2024, sources: 2 }, { theme_id: 't-1', name: 'Neglect', year: 2025, sources: 3 }],
};

describe('the learning figures', () => {
  it('give every chart a table of the same numbers', async () => {
    setUp({ 'GET /api/v1/figures': () => json(FIGURES) });
    renderApp('/learning/figures');
    const agencies = await screen.findByRole('region', { name: 'Actions by agency, in numbers' });
    const police = within(agencies).getByRole('row', { name: /Harbourside Police/ });
    expect(within(police).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3', '1', '4', '2', '83.3%']);
    expect(screen.getByRole('row', { name: /Notifications \(5 working days\) 9 1 0 90%/ })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: 'Neglect 2 3' })).toBeInTheDocument();
  });
});

describe('importing past reviews', () => {
  it('lists every bad row and says nothing was imported', async () => {
    setUp({
      'POST /api/v1/learning/history': () =>
        problem(422, 'Unprocessable content', {
          detail: 'The file has 2 problems: nothing was imported. Correct the rows named below and upload it again.',
          errors: [
            { field: 'file.row 4.Themes', message: 'Row 4, column H (Themes): Negelct is not a theme on the partnership’s list' },
            { field: 'file.row 6.Action due date', message: 'Row 6, column N (Action due date): Action due date must be a real date, like 31/03/2024' },
          ],
        }),
    });
    const { user } = renderApp('/learning/import');
    await user.upload(await screen.findByLabelText('Upload the filled-in template'), new File(['x'], 'past.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('nothing was imported');
    expect(within(summary).getAllByRole('link').map((l) => l.textContent)).toEqual([
      'Row 4, column H (Themes): Negelct is not a theme on the partnership’s list',
      'Row 6, column N (Action due date): Action due date must be a real date, like 31/03/2024',
    ]);
  });

  it('confirms what a good file imported', async () => {
    setUp({
      'POST /api/v1/learning/history': () =>
        json({ sources: [{ reference: 'Child LB', title: 'Child Safeguarding Practice Review – Child LB', made_on: '2023-05-31', recommendations: 2, actions: 1 }], recommendations: 2, actions: 1, themes: ['Neglect'] }, 201),
    });
    const { user } = renderApp('/learning/import');
    await user.upload(await screen.findByLabelText('Upload the filled-in template'), new File(['x'], 'past.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('2 recommendations and 1 action imported')).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Child Safeguarding Practice Review – Child LB' })).toBeInTheDocument();
  });
});

describe('recurrent themes', () => {
  it('show each theme with the reviews it appears in', async () => {
    setUp({
      'GET /api/v1/learning/recurrent-themes': () =>
        json({
          made_from: null,
          made_to: null,
          themes: [{ theme_id: 't-1', name: 'Neglect', sources: 2, recommendations: 3, appears_in: [
            { key: 'review:r-1', label: 'Review – Child RM', review_id: 'r-1', rapid_review_id: null, made_on: '2026-06-01' },
            { key: 'other:x', label: 'Child Safeguarding Practice Review – Child ZQ', review_id: null, rapid_review_id: null, made_on: '2023-10-01' },
          ] }],
        }),
    });
    renderApp('/learning/recurrent-themes');
    const row = await screen.findByRole('row', { name: /Neglect/ });
    expect(within(row).getByRole('link', { name: 'Review – Child RM' })).toHaveAttribute('href', '/reviews/r-1/learning');
    expect(row).toHaveTextContent('Child Safeguarding Practice Review – Child ZQ (2023)');
  });
});
