import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PartnerPosition } from '../../api/types';
import { ICB, me, partnerPositions, POLICE, TRUST } from '../../test/fixtures';
import { PartnerDecisionPanel, type PositionInput } from './PartnerDecisionPanel';

const LA_RECORDED: PartnerPosition = {
  ...partnerPositions()[0]!,
  position: {
    for_review: true,
    review_type: null,
    agrees_with_recommendation: true,
    reasons: 'The criteria are met.',
    recorded_by_name: 'Angela Brooks',
    recorded_by_job_title: 'Director of children’s services (delegated safeguarding partner)',
    recorded_at: '2025-03-10T10:00:00Z',
    recorded_on: '2025-03-10',
  },
};
const POLICE_DISAGREES: PartnerPosition = {
  ...partnerPositions()[2]!,
  position: { ...LA_RECORDED.position!, for_review: false, agrees_with_recommendation: false, reasons: 'The trial comes first.', recorded_by_name: 'Marcus Hale', recorded_by_job_title: null },
};

function panel(props: Partial<Parameters<typeof PartnerDecisionPanel>[0]> & { agency?: typeof TRUST | null } = {}) {
  const { agency = null, ...rest } = props;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['me'], me('strategic_lead', ['rapid_reviews:decide'], { agency }));
  const onRecord = vi.fn(async (_input: PositionInput) => undefined);
  render(
    <QueryClientProvider client={client}>
      <PartnerDecisionPanel
        subject="rapid_review"
        positions={[LA_RECORDED, partnerPositions()[1]!, partnerPositions()[2]!]}
        outstanding={['integrated_care_board', 'police']}
        recommendedForReview
        canRecord={false}
        onRecord={onRecord}
        {...rest}
      />
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), onRecord };
}

describe('the safeguarding partners’ decision panel', () => {
  it('shows each partner’s position, who recorded it and when, or that it is not yet recorded', () => {
    panel({ positions: [LA_RECORDED, partnerPositions()[1]!, POLICE_DISAGREES], outstanding: ['integrated_care_board'] });
    const rows = screen.getAllByRole('term').map((term) => term.closest('.govuk-summary-list__row') as HTMLElement);
    expect(rows.map((row) => within(row).getByRole('term').textContent)).toEqual(['The local authority', 'The integrated care board', 'The police']);
    expect(rows[0]).toHaveTextContent('Hold a local Child Safeguarding Practice Review');
    expect(rows[0]).toHaveTextContent('Agrees with the recommendation');
    expect(rows[0]).toHaveTextContent('Recorded by Angela Brooks, Director of children’s services (delegated safeguarding partner), Monday 10 March 2025');
    expect(rows[1]).toHaveTextContent('Not yet recorded');
    expect(rows[2]).toHaveTextContent('No local review');
    expect(rows[2]).toHaveTextContent('Disagrees with the recommendation');
    expect(rows[2]).toHaveTextContent('The trial comes first.');
    expect(screen.getByText('Waiting for the integrated care board.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers the form only to a partner who may record, for their own partner', () => {
    panel({ canRecord: true, agency: TRUST });
    expect(screen.getByRole('heading', { name: 'Change the local authority’s position' })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Should a local Child Safeguarding Practice Review be held?' })).getByLabelText('Yes')).toBeChecked();
    expect(screen.getByLabelText('Comments (optional)')).toHaveValue('The criteria are met.');
  });

  it('shows no form to someone of another agency, even with the step', () => {
    panel({ canRecord: true, agency: { ...TRUST, id: 'hospital' } });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('asks for reasons when the position differs from the recommendation, and sends nothing without them', async () => {
    const { user, onRecord } = panel({ canRecord: true, agency: ICB });
    expect(screen.getByRole('heading', { name: 'Record the integrated care board’s position' })).toBeInTheDocument();
    await user.click(within(screen.getByRole('group', { name: 'Should a local Child Safeguarding Practice Review be held?' })).getByLabelText('No'));
    expect(screen.getByLabelText('Reasons for disagreeing with the recommendation')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Record position' }));
    expect(await screen.findByRole('link', { name: 'Enter the reasons for disagreeing with the recommendation' })).toBeInTheDocument();
    expect(onRecord).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Reasons for disagreeing with the recommendation'), 'The learning is already in hand.');
    await user.click(screen.getByRole('button', { name: 'Record position' }));
    expect(onRecord).toHaveBeenCalledWith(expect.objectContaining({ forReview: false, reviewType: null, reasons: 'The learning is already in hand.' }));
  });

  it('sends an agreeing position without reasons, dated today unless changed', async () => {
    const { user, onRecord } = panel({ canRecord: true, agency: POLICE });
    await user.click(within(screen.getByRole('group', { name: 'Should a local Child Safeguarding Practice Review be held?' })).getByLabelText('Yes'));
    await user.click(screen.getByRole('button', { name: 'Record position' }));
    const sent = onRecord.mock.calls[0]![0];
    expect(sent).toMatchObject({ forReview: true, reasons: '' });
    expect(sent.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a date in the future', async () => {
    const { user, onRecord } = panel({ canRecord: true, agency: POLICE });
    await user.click(within(screen.getByRole('group', { name: 'Should a local Child Safeguarding Practice Review be held?' })).getByLabelText('Yes'));
    const date = screen.getByRole('group', { name: 'Date the position was reached' });
    await user.clear(within(date).getByLabelText('Year'));
    await user.type(within(date).getByLabelText('Year'), String(new Date().getFullYear() + 1));
    await user.click(screen.getByRole('button', { name: 'Record position' }));
    expect(await screen.findAllByText(/must be today or in the past/)).not.toHaveLength(0);
    expect(onRecord).not.toHaveBeenCalled();
  });

  it('on a referral asks which review, and naming another than the recommended one needs reasons', async () => {
    const { user, onRecord } = panel({
      subject: 'referral',
      positions: partnerPositions(),
      outstanding: ['local_authority', 'integrated_care_board', 'police'],
      recommendedType: 'cspr',
      canRecord: true,
      agency: POLICE,
    });
    await user.click(within(screen.getByRole('group', { name: 'Should the case go further?' })).getByLabelText('Yes'));
    expect(screen.getByLabelText('A rapid review')).toBeChecked();
    await user.click(screen.getByLabelText('A case mapping exercise'));
    await user.click(screen.getByRole('button', { name: 'Record position' }));
    expect(await screen.findByRole('link', { name: 'Enter the reasons for disagreeing with the recommendation' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Reasons for disagreeing with the recommendation'), 'The criteria for a review are not met.');
    await user.click(screen.getByRole('button', { name: 'Record position' }));
    expect(onRecord).toHaveBeenCalledWith(expect.objectContaining({ forReview: true, reviewType: 'case_mapping' }));
  });
});
