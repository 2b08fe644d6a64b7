import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, type Handler, withEtag } from '../../test/fetchMock';
import { me, OFFICE_PERMISSIONS, review, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const OFFICE = me('business_office', [...OFFICE_PERMISSIONS, 'overview_reports:read', 'overview_reports:manage', 'overview_reports:comment']);
const BASE = '/api/v1/reviews/rv-1';
const PERSON = { id: 'u-1', name: 'Ruth Kaplan' };
const TEXT = 'Rowan lived with her mother.\n\nThe school raised concerns.';

function version(overrides: Record<string, unknown> = {}) {
  return {
    id: 'v-1', document: 'overview_report', number: 1, source: 'typed', file_name: null, note: 'First draft',
    shared_at: '2027-03-01T09:30:00Z', shared_by: PERSON, words: 9, unresolved_findings: 1, open_comments: 0,
    text: TEXT, paragraphs: ['Rowan lived with her mother.', 'The school raised concerns.'],
    findings: [{ kind: 'name', severity: 'identifier', text: 'Rowan', start: 0, end: 5, reason: 'Names the child', key: 'name:rowan', paragraph: 1, accepted: null }],
    allowed_actions: ['comment', 'accept_finding'],
    ...overrides,
  };
}

function setUp(routes: Record<string, Handler | Handler[]> = {}) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(OFFICE),
    [`GET ${BASE}`]: () => withEtag(review({ stage: 'sign_off' }), '"3"'),
    ...routes,
  });
}

describe('a version of the report', () => {
  it('marks each finding in the text, saying so to screen readers, and lists them linking to where they are', async () => {
    setUp({
      [`GET ${BASE}/overview-report/versions/v-1`]: () => json(version()),
      [`GET ${BASE}/overview-report/versions/v-1/comments`]: () => json([]),
    });
    renderApp('/reviews/rv-1/overview-report/versions/v-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview report, version 1' })).toBeInTheDocument();
    const mark = document.getElementById('finding-1')!;
    expect(mark.tagName).toBe('MARK');
    expect(mark).toHaveTextContent('Finding 1, Name (identifier): Rowan (end of finding)');
    expect(mark).toHaveClass('app-finding--identifier');
    const link = screen.getByRole('link', { name: /Name \(identifier\): “Rowan”, paragraph 1/ });
    expect(link).toHaveAttribute('href', '#finding-1');
    expect(screen.getByText(/1 of 1 findings to resolve/)).toBeInTheDocument();
  });

  it('lets the business office accept a finding with a reason', async () => {
    const fetch = setUp({
      [`GET ${BASE}/overview-report/versions/v-1`]: () => json(version()),
      [`GET ${BASE}/overview-report/versions/v-1/comments`]: () => json([]),
      [`POST ${BASE}/overview-report/findings/accept`]: () => json({ key: 'name:rowan', kind: 'name', text: 'Rowan', reason: 'A pseudonym', accepted_by: PERSON, accepted_at: '2027-03-01T10:00:00Z' }, 201),
    });
    const { user } = renderApp('/reviews/rv-1/overview-report/versions/v-1');
    await user.click(await screen.findByText('Accept a finding (business office)'));
    await user.type(screen.getByLabelText('Why these words may stand in the published report'), 'A pseudonym');
    await user.click(screen.getByRole('button', { name: 'Accept the finding' }));
    expect(await screen.findByText(/The finding has been accepted/)).toBeInTheDocument();
    expect(await fetch.calls(`POST ${BASE}/overview-report/findings/accept`)[0]!.json()).toEqual({ key: 'name:rowan', reason: 'A pseudonym' });
  });
});

describe('the lead reviewer’s draft', () => {
  it('lists the draft’s findings and saves it with the ETag it was read with', async () => {
    const draft = { document: 'overview_report', text: TEXT, source: 'typed', file_name: null, updated_at: '2027-03-01T09:00:00Z', version: 4, findings: version().findings };
    const fetch = setUp({
      'GET /api/v1/me': () => json(me('lead_reviewer', ['reviews:read', 'overview_reports:read', 'overview_reports:write', 'overview_reports:comment'], { name: 'Ruth Kaplan' })),
      [`GET ${BASE}/overview-report`]: () => json({ review_id: 'rv-1', child_reference: 'Child BM', allowed_actions: ['save_draft', 'share_version'], documents: [{ document: 'overview_report', draft: null, versions: [version()] }, { document: 'executive_summary', draft: null, versions: [] }] }),
      [`GET ${BASE}/overview-report/drafts/overview_report`]: () => withEtag(draft, '"4"'),
      [`GET ${BASE}/overview-report/drafts/executive_summary`]: () => problem(404, 'Not found'),
      [`PUT ${BASE}/overview-report/drafts/overview_report`]: () => withEtag({ ...draft, version: 5, findings: [] }, '"5"'),
    });
    const { user } = renderApp('/reviews/rv-1/overview-report');
    expect(await screen.findByText('“Rowan” in paragraph 1: Names the child')).toBeInTheDocument();
    const text = screen.getByLabelText('Text of the overview report');
    await user.clear(text);
    await user.type(text, 'Child BM lived with her mother.');
    await user.click(screen.getByRole('button', { name: 'Save the draft overview report' }));
    expect(await screen.findByText('The draft overview report has been saved.')).toBeInTheDocument();
    const put = fetch.calls(`PUT ${BASE}/overview-report/drafts/overview_report`)[0]!;
    expect(put.headers.get('If-Match')).toBe('"4"');
    expect(await put.json()).toEqual({ text: 'Child BM lived with her mother.' });
    expect(screen.getByRole('link', { name: 'Version 1' })).toHaveAttribute('href', '/reviews/rv-1/overview-report/versions/v-1');
  });
});

describe('comparing two versions', () => {
  it('marks insertions and deletions with words a screen reader reads out', async () => {
    setUp({
      [`GET ${BASE}/overview-report/diff`]: () =>
        json({
          left: version(), right: version({ id: 'v-2', number: 2 }), words_inserted: 1, words_deleted: 1,
          paragraphs: [{ status: 'changed', left_number: 1, right_number: 1, left: [{ text: 'Rowan ', change: 'deleted' }, { text: 'lived.', change: 'equal' }], right: [{ text: 'Child BM ', change: 'inserted' }, { text: 'lived.', change: 'equal' }] }],
        }),
    });
    renderApp('/reviews/rv-1/overview-report/compare?left=v-1&right=v-2');
    expect(await screen.findByText(/1 words inserted, 1 words deleted/)).toBeInTheDocument();
    const inserted = document.querySelector('ins')!;
    const deleted = document.querySelector('del')!;
    expect(inserted).toHaveTextContent('[inserted: Child BM ]');
    expect(deleted).toHaveTextContent('[deleted: Rowan ]');
  });
});

describe('sign-off', () => {
  const chain = {
    review_id: 'rv-1', state: 'awaiting_sub_group', version_id: 'v-2', version_number: 2, latest_version_id: 'v-2', latest_version_number: 2,
    summary_version_id: null, sent_to_panel_on: null, blocked_by: null, allowed_actions: ['sub_group'],
    steps: [{ id: 's-1', step: 'review_group', label: 'The review group agreed the report', version_id: 'v-2', version_number: 2, summary_version_id: null, decided_on: '2027-03-01', note: null, recorded_at: '2027-03-01T10:00:00Z', recorded_by: PERSON, invalidated_at: null, invalidated_reason: null }],
    pending: [{ step: 'sub_group', label: 'The local learning review sub group to agree the report', due_date: '2027-03-15' }],
  };

  it('shows the steps as a timeline and offers only the step allowed, on the version agreed before', async () => {
    const fetch = setUp({
      [`GET ${BASE}/sign-off`]: () => json(chain),
      [`POST ${BASE}/sign-off/steps`]: () => json({ ...chain, state: 'awaiting_partners', allowed_actions: [] }),
    });
    const { user } = renderApp('/reviews/rv-1/sign-off');
    expect(await screen.findByText('The review group agreed the report')).toBeInTheDocument();
    expect(screen.getByText(/The local learning review sub group to agree the report, by 15 March 2027/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign off for the police' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Record the sub group’s agreement' }));
    const body = await fetch.calls(`POST ${BASE}/sign-off/steps`)[0]!.json();
    expect(body).toMatchObject({ step: 'sub_group', version_id: 'v-2' });
  });

  it('says what blocks the next step', async () => {
    setUp({ [`GET ${BASE}/sign-off`]: () => json({ ...chain, state: 'awaiting_review_group', steps: [], allowed_actions: [], blocked_by: 'Resolve the anonymisation findings first: 1 in the overview report (version 2).' }) });
    renderApp('/reviews/rv-1/sign-off');
    expect(await screen.findByText(/Resolve the anonymisation findings first/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Record/ })).not.toBeInTheDocument();
  });
});

describe('publication', () => {
  it('lists what must be done first and refuses to publish while anything is outstanding', async () => {
    const checklist = [
      { key: 'final_version_sent_to_panel', label: 'The final version signed off and sent to the National Panel', done: true, hint: 'Sent on 1 March 2027 (version 2)' },
      { key: 'panel_copy_in_time', label: 'The National Panel had the final report at least 14 days before publication', done: false, hint: 'The Panel had it 13 days before the planned date: publish on 15 March 2027 or later' },
    ];
    setUp({
      [`GET ${BASE}/publication`]: () => withEtag({ review_id: 'rv-1', state: 'planning', planned_at: '2027-03-14T10:00:00Z', members_briefing_on: null, press_statement_on: '2027-03-10', published_at: null, published_version: null, published_summary_version: null, checklist, version: 1, allowed_actions: ['plan'] }, '"1"'),
      [`PATCH ${BASE}/publication`]: () => problem(422, 'Unprocessable content', { detail: 'The publication plan needs correcting.', errors: [{ field: 'body.members_briefing_on', message: 'Must be on or before the publication date' }] }),
    });
    renderApp('/reviews/rv-1/publication');
    expect(await screen.findByText(/13 days before the planned date/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Publish the report now' })).not.toBeInTheDocument();
    expect(screen.getByText('Publishing waits for 1 thing above.')).toBeInTheDocument();
  });
});
