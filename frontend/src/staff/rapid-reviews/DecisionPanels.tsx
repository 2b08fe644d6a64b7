import { Link } from 'react-router';
import { unwrap } from '../../api/problem';
import type { RapidRecommendation, RapidReview } from '../../api/types';
import { editing, ifMatch } from '../../api/versioned';
import { Radios, SummaryList, Textarea } from '../../components/govuk';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { PartnerDecisionPanel, type PositionInput } from '../common/PartnerDecisionPanel';
import { RAPID_RECOMMENDATIONS } from '../labels';
import { useMe } from '../useMe';
import { useRapidMutation, useRapidReviewEtag } from './rapidApi';
import { SimpleForm } from './SimpleForm';

export const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/**
 * The recommendation and the three safeguarding partners' decision: shown once made, asked for when due (the
 * partners' positions in PartnerDecisionPanel). Each is made on the version of the rapid review on screen (its ETag
 * as If-Match): the recommendation on the meeting record read, each position on the recommendation read. If someone
 * changed it since, the form says so and stays as it was.
 */
export function DecisionPanels({ review }: { review: RapidReview }) {
  const moves = new Set(review.allowed_actions);
  // Whether the caller may open the review it led to: a permission on that record, not a step on this one.
  const { data: me } = useMe();
  const canOpenReview = Boolean(me?.permissions.includes('reviews:read'));
  const etag = useRapidReviewEtag(review.id);
  const onWhatWasRead = { params: { path: { rapid_review_id: review.id } }, headers: ifMatch(etag) };
  const recommend = useRapidMutation(review.id, (v: { recommendation: string; rationale: string; learning_mechanisms: string }) =>
    editing('rapid review', async () =>
      unwrap(
        await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/recommendation', {
          ...onWhatWasRead,
          body: {
            recommendation: v.recommendation as RapidRecommendation['recommendation'],
            rationale: v.rationale,
            learning_mechanisms: v.learning_mechanisms.split('\n').map((s) => s.trim()).filter(Boolean),
          },
        }),
      ),
    ),
  );
  const recordPosition = useRapidMutation(review.id, (v: PositionInput) =>
    editing('rapid review', async () =>
      unwrap(
        await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/partner-positions', {
          ...onWhatWasRead,
          body: { hold_cspr: v.forReview, reasons: v.reasons, recorded_on: v.recordedOn },
        }),
      ),
    ),
  );

  return (
    <>
      <section aria-labelledby="decision-heading" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-m" id="decision-heading">
          Recommendation and decision
        </h2>
        <SummaryList
          rows={[
            { key: 'Recommendation', value: review.recommendation ? RAPID_RECOMMENDATIONS[review.recommendation] : 'Not made yet' },
            ...(review.recommendation_rationale ? [{ key: 'Rationale', value: <span className="app-pre-line">{review.recommendation_rationale}</span> }] : []),
            ...(review.learning_mechanisms.length ? [{ key: 'How the learning is taken forward', value: review.learning_mechanisms.join(', ') }] : []),
            {
              key: 'Safeguarding partners’ decision',
              value: review.hold_cspr === null ? 'Not decided yet' : `${review.hold_cspr ? 'Hold a local Child Safeguarding Practice Review' : 'No local review'}${review.decided_on ? `, ${formatDate(review.decided_on)}` : ''}${review.decided_by_name ? ` (${review.decided_by_name})` : ''}`,
            },
            ...(review.decision_comments ? [{ key: 'Decision comments', value: <span className="app-pre-line">{review.decision_comments}</span> }] : []),
            ...(review.review_id
              ? [{ key: 'The review', value: canOpenReview ? <Link className="govuk-link" to={`/reviews/${review.review_id}`}>Open the Child Safeguarding Practice Review</Link> : 'Opened' }]
              : []),
          ]}
        />
        {moves.has('make_recommendation') && (
          <SimpleForm fields={['recommendation', 'rationale', 'learning_mechanisms'] as const} defaultValues={{ recommendation: '', rationale: '', learning_mechanisms: '' }} button="Record recommendation" onSubmit={recommend.mutateAsync}>
            {({ register }, error) => (
              <>
                <Radios id="recommendation" legend="The meeting’s recommendation" legendSize="s" error={error('recommendation')} items={Object.entries(RAPID_RECOMMENDATIONS).map(([value, label]) => ({ value, label }))} registration={register('recommendation', { required: 'Select the recommendation' })} />
                <Textarea id="rationale" label="Rationale" error={error('rationale')} {...register('rationale', { required: 'Enter the rationale' })} />
                <Textarea id="learning_mechanisms" label="If no review: how the learning is taken forward (one per line)" rows={3} error={error('learning_mechanisms')} {...register('learning_mechanisms')} />
              </>
            )}
          </SimpleForm>
        )}
      </section>
      {review.recommendation && (
        <PartnerDecisionPanel
          subject="rapid_review"
          positions={review.partner_positions}
          outstanding={review.decision_outstanding_from}
          recommendedForReview={review.recommendation === 'local_cspr'}
          canRecord={moves.has('record_partner_position')}
          onRecord={recordPosition.mutateAsync}
        />
      )}
    </>
  );
}
