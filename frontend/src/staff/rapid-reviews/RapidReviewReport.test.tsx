import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RapidReviewReport } from '../../api/types';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { me, OFFICE_PERMISSIONS, page, rapidReview, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => {
  clearSession();
  vi.unstubAllGlobals();
});
beforeEach(() => {
  // jsdom has no object URLs: the download hands the file to the browser through one.
  URL.createObjectURL = vi.fn(() => 'blob:report');
  URL.revokeObjectURL = vi.fn();
});

const OFFICE = me('business_office', [...OFFICE_PERMISSIONS, 'rapid_reviews:report', 'identifying_details:read']);
const AGENCY_LEAD = me('agency_lead', ['rapid_reviews:read']);

const SECTION_HEADINGS = [
  'The facts of the case',
  "Each agency's involvement",
  'Analysis of key practice episodes',
  "How the child's ethnicity, disability and other characteristics, racism and other inequalities shaped their experience and the practice around them",
  'Immediate safety actions',
  'Learning identified',
  "The recommendation and the partners' decision",
  'Issues of national importance',
  'Sign-off by the safeguarding partners',
];
const KEYS = ['facts', 'agency_involvement', 'key_practice_episodes', 'characteristics_and_inequalities', 'immediate_actions', 'learning', 'decision', 'national_importance', 'sign_off'];

function report(overrides: Partial<RapidReviewReport> = {}): RapidReviewReport {
  const sections: RapidReviewReport['sections'] = KEYS.map((key, i) => ({ key, number: i + 1, heading: SECTION_HEADINGS[i]!, parts: [], to_complete: null }));
  sections[0]!.parts = [{ heading: '', entries: [{ label: 'What happened', text: 'Serious harm to a child' }] }, { heading: 'The child', entries: [{ label: 'Age at the incident', text: '15 years' }] }];
  sections[1]!.parts = [{ heading: 'Harbourside Police', entries: [{ label: 'Analysis', text: 'The intelligence was not linked to the missing episodes.' }] }];
  sections[3]!.parts = [{ heading: '', entries: [{ label: '', text: 'She is a Black British girl; adultification shaped how risk was seen.' }] }];
  return {
    rapid_review_id: 'rr-1',
    case_id: 'c-1',
    child_reference: 'Child EO',
    title: 'Rapid review report: Child EO',
    sections,
    sections_to_complete: [],
    findings: [],
    download_refused: null,
    ...overrides,
  };
}

function setUp(who: typeof OFFICE, body: RapidReviewReport | Response, routes: Parameters<typeof mockFetch>[0] = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(who),
    'GET /api/v1/rapid-reviews/rr-1/report': () => (body instanceof Response ? body : json(body)),
    ...routes,
  });
}

describe('the rapid review report', () => {
  it('previews every section in the Panel’s structure, filled from the records', async () => {
    setUp(OFFICE, report());
    renderApp('/rapid-reviews/rr-1/report');
    expect(await screen.findByRole('heading', { level: 1, name: 'Rapid review report' })).toBeInTheDocument();
    for (const [i, heading] of SECTION_HEADINGS.entries()) {
      expect(screen.getByRole('heading', { level: 2, name: `${i + 1}. ${heading}` })).toBeInTheDocument();
      expect(screen.getByRole('link', { name: heading })).toHaveAttribute('href', `#section-${KEYS[i]}`);
    }
    const agencies = screen.getByRole('region', { name: "2. Each agency's involvement" });
    expect(within(agencies).getByRole('heading', { name: 'Harbourside Police' })).toBeInTheDocument();
    expect(within(agencies).getByText('The intelligence was not linked to the missing episodes.')).toBeInTheDocument();
    expect(screen.getByText('15 years')).toBeInTheDocument();
    expect(screen.getByText('She is a Black British girl; adultification shaped how risk was seen.')).toBeInTheDocument();
  });

  it('downloads the Word and PDF files', async () => {
    const fetch = setUp(OFFICE, report(), {
      'GET /api/v1/rapid-reviews/rr-1/report.docx': () => new Response('PK', { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } }),
      'GET /api/v1/rapid-reviews/rr-1/report.pdf': () => new Response('%PDF', { headers: { 'Content-Type': 'application/pdf' } }),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/report');
    await user.click(await screen.findByRole('button', { name: 'Download the report (Word)' }));
    await user.click(screen.getByRole('button', { name: 'Download the report (PDF)' }));
    await vi.waitFor(() => expect(URL.createObjectURL).toHaveBeenCalledTimes(2));
    expect(fetch.calls('GET /api/v1/rapid-reviews/rr-1/report.docx')).toHaveLength(1);
    expect(fetch.calls('GET /api/v1/rapid-reviews/rr-1/report.pdf')).toHaveLength(1);
  });

  it('says which sections are still to be completed, and the report can still be downloaded', async () => {
    const incomplete = report();
    incomplete.sections[2]!.to_complete = 'Still to be completed: the analysis of key practice episodes (correct the meeting record).';
    setUp(OFFICE, { ...incomplete, sections_to_complete: ['Analysis of key practice episodes'] });
    renderApp('/rapid-reviews/rr-1/report');
    const summary = (await screen.findByRole('heading', { name: '1 section is still to be completed' })).parentElement as HTMLElement;
    expect(within(summary).getByRole('link', { name: 'Analysis of key practice episodes' })).toHaveAttribute('href', '#section-key_practice_episodes');
    const section = screen.getByRole('region', { name: '3. Analysis of key practice episodes' });
    expect(within(section).getByText('To complete')).toHaveClass('govuk-tag--yellow');
    expect(within(section).getByText(/correct the meeting record/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download the report (Word)' })).toBeEnabled();
  });

  it('names the sections that identify the child and disables the downloads with the reason', async () => {
    const refusal = 'The report identifies the child in: Analysis of key practice episodes. Correct the records those sections come from, then download it.';
    setUp(
      OFFICE,
      report({
        download_refused: refusal,
        findings: [
          { section: 'key_practice_episodes', section_heading: 'Analysis of key practice episodes', part: '', field: '', kind: 'name', severity: 'identifier', reason: 'Names the child', text: 'Esme' },
          { section: 'facts', section_heading: 'The facts of the case', part: '', field: 'Summary', kind: 'named_place', severity: 'warning', reason: 'Names a street, school, hospital or other place', text: 'Marsh Lane' },
        ],
      }),
    );
    const { user } = renderApp('/rapid-reviews/rr-1/report');
    const box = (await screen.findByRole('heading', { name: 'The report identifies the child' })).parentElement as HTMLElement;
    expect(within(box).getByText(refusal)).toBeInTheDocument();
    expect(within(box).getByRole('link', { name: 'Analysis of key practice episodes: Names the child (“Esme”)' })).toHaveAttribute('href', '#section-key_practice_episodes');
    for (const name of ['Download the report (Word)', 'Download the report (PDF)']) {
      const button = screen.getByRole('button', { name });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription('You cannot download the report until the records it comes from are corrected: it identifies the child.');
    }
    // The jigsaw warnings do not stop the download: they are listed to check.
    await user.click(screen.getByText('1 possible jigsaw identification to check'));
    expect(screen.getByRole('cell', { name: 'Names a street, school, hospital or other place (“Marsh Lane”)' })).toBeInTheDocument();
  });

  it('shows a download refused after the preview (someone changed a record) as an error', async () => {
    setUp(OFFICE, report(), {
      'GET /api/v1/rapid-reviews/rr-1/report.docx': () => problem(409, 'Conflict', { detail: 'The report identifies the child in: The facts of the case.' }),
    });
    const { user } = renderApp('/rapid-reviews/rr-1/report');
    await user.click(await screen.findByRole('button', { name: 'Download the report (Word)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The report identifies the child in: The facts of the case.');
  });

  it('is offered from the rapid review only to those who may read it', async () => {
    const routes = {
      'GET /api/v1/rapid-reviews/rr-1': () => json(rapidReview()),
      'GET /api/v1/rapid-reviews/rr-1/information-requests': () => json(page([])),
      'GET /api/v1/rapid-reviews/rr-1/timeline': () => json([]),
      'GET /api/v1/rapid-reviews/rr-1/learning-briefing': () => json({ rapid_review_id: 'rr-1', child_reference: 'Child BM', title: '', updated_at: null }),
      'GET /api/v1/agencies': () => json(page([])),
    };
    setUp(OFFICE, report(), routes);
    const { unmount } = renderApp('/rapid-reviews/rr-1');
    const sections = await screen.findByRole('navigation', { name: 'Sections of this rapid review' });
    expect(within(sections).getByRole('link', { name: 'Report for the National Panel' })).toHaveAttribute('href', '/rapid-reviews/rr-1/report');
    unmount();
    clearSession();
    setUp(AGENCY_LEAD, problem(403, 'Forbidden'), routes);
    renderApp('/rapid-reviews/rr-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Child BM' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Report for the National Panel' })).not.toBeInTheDocument();
  });
});
