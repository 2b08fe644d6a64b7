import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Referral } from '../../api/types';
import { clearSession, REFRESH_TOKEN_KEY } from '../../auth/session';
import { json, mockFetch, problem, type Handler, withEtag } from '../../test/fetchMock';
import { emptyReferral, me, POLICE, tokens } from '../../test/fixtures';
import { renderApp } from '../../test/render';

afterEach(() => clearSession());

const STALE = { detail: 'This record has changed since you read it.', errors: [{ field: 'header.If-Match', message: 'stale' }] };
const STALE_MESSAGE = 'Someone else changed this referral since you opened it. Reload the page to see their changes';

const awaitingSignOff = emptyReferral({ state: 'awaiting_sign_off', allowed_actions: ['sign_off', 'decline_sign_off'] });
const underConsideration = emptyReferral({ state: 'under_consideration', allowed_actions: ['return', 'recommendation'] });
const recommended = emptyReferral({
  state: 'recommendation_made',
  allowed_actions: ['record_partner_position'],
  decision_outstanding_from: ['local_authority', 'integrated_care_board', 'police'],
  recommendation: { review_recommended: true, review_type: 'cspr', comments: 'Criteria met.', reason: 'Serious harm.', legal_advice_sought: false, recommended_on: '2025-03-10', recommended_by_name: 'Bea Office' },
} as never);

function signedIn(role: 'agency_manager' | 'business_office' | 'strategic_lead', referral: Referral, routes: Record<string, Handler | Handler[]>) {
  sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
  return mockFetch({
    'POST /api/v1/auth/token': () => json(tokens(1)),
    'GET /api/v1/me': () => json(me(role, ['referrals:read'], role === 'strategic_lead' ? { agency: POLICE } : {})),
    'GET /api/v1/referrals/r-1': () => withEtag(referral, '"7"'),
    'GET /api/v1/referrals/r-1/timeline': () => json([]),
    ...routes,
  });
}

describe('signing off a referral', () => {
  it('signs off the version on screen: its ETag goes as If-Match', async () => {
    const fetch = signedIn('agency_manager', awaitingSignOff, {
      'POST /api/v1/referrals/r-1/sign-off': () => withEtag({ ...awaitingSignOff, state: 'submitted', allowed_actions: [] }, '"8"'),
    });
    const { user } = renderApp('/referrals/r-1');
    await user.click(await screen.findByLabelText('I agree with this request for consideration of a review'));
    await user.click(screen.getByRole('button', { name: 'Sign off' }));

    expect(await screen.findByText('You have signed off the referral. It has gone to the business office.')).toBeInTheDocument();
    const sent = fetch.calls('POST /api/v1/referrals/r-1/sign-off')[0]!;
    expect(sent.headers.get('If-Match')).toBe('"7"');
    expect(await sent.json()).toEqual({ agree: true });
  });

  it('tells a manager signing for the one the form names that their own details replace them', async () => {
    const named = emptyReferral({
      state: 'awaiting_sign_off',
      allowed_actions: ['sign_off', 'decline_sign_off'],
      senior_manager: { name: 'Nadia Kerr', designation: 'Head of safeguarding', contact: { phone: '01632 960 102', email: null, address: null }, agreed: false, signature: { signed_by_id: null, signed_by_name: null, signed_on: null } },
    } as never);
    const fetch = signedIn('agency_manager', named, {
      'POST /api/v1/referrals/r-1/sign-off': () => withEtag({ ...named, state: 'submitted', allowed_actions: [] }, '"8"'),
    });
    const { user } = renderApp('/referrals/r-1');
    expect(await screen.findByText(/The form names/)).toHaveTextContent('The form names Nadia Kerr as the senior manager');
    expect(screen.getByLabelText('Your designation')).toHaveValue('');
    await user.type(screen.getByLabelText('Your designation'), 'Deputy head of safeguarding');
    await user.click(screen.getByLabelText('I agree with this request for consideration of a review'));
    await user.click(screen.getByRole('button', { name: 'Sign off' }));

    await screen.findByText('You have signed off the referral. It has gone to the business office.');
    expect(await fetch.calls('POST /api/v1/referrals/r-1/sign-off')[0]!.json()).toEqual({ agree: true, designation: 'Deputy head of safeguarding' });
  });

  it('refuses to sign off a referral changed since it was opened (412): says to reload, and keeps the form', async () => {
    signedIn('agency_manager', awaitingSignOff, { 'POST /api/v1/referrals/r-1/sign-off': () => problem(412, 'Precondition Failed', STALE) });
    const { user } = renderApp('/referrals/r-1');
    const agree = await screen.findByLabelText('I agree with this request for consideration of a review');
    await user.click(agree);
    await user.click(screen.getByRole('button', { name: 'Sign off' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(STALE_MESSAGE);
    expect(agree).toBeChecked();
    expect(screen.queryByText(/You have signed off the referral/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign off' })).toBeInTheDocument();
  });

  it('a stale decline says so in the summary and keeps the reasons, not marking the box as wrong', async () => {
    const fetch = signedIn('agency_manager', awaitingSignOff, { 'POST /api/v1/referrals/r-1/decline-sign-off': () => problem(412, 'Precondition Failed', STALE) });
    const { user } = renderApp('/referrals/r-1');
    const reasons = await screen.findByLabelText('Why are you not signing this off?');
    await user.type(reasons, 'Add what the school saw.');
    await user.click(screen.getByRole('button', { name: 'Decline sign-off' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(STALE_MESSAGE);
    expect(reasons).toHaveValue('Add what the school saw.');
    expect(reasons).not.toHaveAccessibleDescription(/Error/);
    expect(fetch.calls('POST /api/v1/referrals/r-1/decline-sign-off')[0]!.headers.get('If-Match')).toBe('"7"');
  });
});

describe('the business office and the safeguarding partners', () => {
  it('records the recommendation on the version read, and a 412 keeps what was entered', async () => {
    const fetch = signedIn('business_office', underConsideration, { 'POST /api/v1/referrals/r-1/recommendation': () => problem(412, 'Precondition Failed', STALE) });
    const { user } = renderApp('/referrals/r-1');
    const form = (await screen.findByRole('heading', { name: 'Record the business office’s recommendation' })).closest('section')!;
    await user.click(within(within(form).getByRole('group', { name: 'Does the business office recommend the case goes further?' })).getByLabelText('Yes'));
    await user.click(within(form).getByLabelText('A rapid review'));
    await user.type(within(form).getByLabelText('Comments'), 'Criteria met.');
    await user.type(within(form).getByLabelText('Reason'), 'Serious harm and suspected neglect.');
    await user.click(within(within(form).getByRole('group', { name: 'Was legal advice sought?' })).getByLabelText('No'));
    await user.click(within(form).getByRole('button', { name: 'Record recommendation' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent(STALE_MESSAGE);
    expect(within(form).getByLabelText('Reason')).toHaveValue('Serious harm and suspected neglect.');
    const sent = fetch.calls('POST /api/v1/referrals/r-1/recommendation')[0]!;
    expect(sent.headers.get('If-Match')).toBe('"7"');
    expect(await sent.json()).toMatchObject({ review_recommended: true, review_type: 'cspr', legal_advice_sought: false });
  });

  it('a step someone else took first (409) shows its reason; the buttons still come from the referral, not the 409', async () => {
    const submitted = emptyReferral({ state: 'submitted', allowed_actions: ['start_consideration', 'return'] });
    signedIn('business_office', submitted, {
      'POST /api/v1/referrals/r-1/start-consideration': () =>
        json(
          {
            type: '/problems/invalid-transition',
            title: 'Transition not allowed',
            status: 409,
            detail: 'A referral that is under consideration cannot start consideration.',
            current_state: 'under_consideration',
            action: 'start_consideration',
            allowed_actions: ['return', 'recommendation'],
          },
          409,
        ),
    });
    const { user } = renderApp('/referrals/r-1');
    await user.click(await screen.findByRole('button', { name: 'Start consideration' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('A referral that is under consideration cannot start consideration.');
    expect(screen.queryByRole('heading', { name: 'Record the business office’s recommendation' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Safeguarding partners’ decision' })).not.toBeInTheDocument();
  });

  it('records the police’s position on the recommendation read (its ETag as If-Match); the decision waits for all three', async () => {
    const fetch = signedIn('strategic_lead', recommended, {
      'POST /api/v1/referrals/r-1/partner-positions': () => withEtag({ ...recommended, decision_outstanding_from: ['local_authority', 'integrated_care_board'] }, '"7"'),
    });
    const { user } = renderApp('/referrals/r-1');
    await screen.findByRole('heading', { name: 'Record the police’s position' });
    await user.click(within(screen.getByRole('group', { name: 'Should the case go further?' })).getByLabelText('Yes'));
    expect(screen.getByLabelText('A rapid review')).toBeChecked(); // the recommended type
    await user.type(screen.getByLabelText('Comments (optional)'), 'Agreed: proceed.');
    await user.click(screen.getByRole('button', { name: 'Record position' }));

    expect(await screen.findByText('Your position is recorded. The decision stands when all three partners have recorded theirs.')).toBeInTheDocument();
    const sent = fetch.calls('POST /api/v1/referrals/r-1/partner-positions')[0]!;
    expect(sent.headers.get('If-Match')).toBe('"7"');
    expect(await sent.json()).toMatchObject({ agreed: true, review_type: 'cspr', reasons: 'Agreed: proceed.' });
  });
});
