import { unwrap } from '../../api/problem';
import type { RapidRecommendation, RapidReview } from '../../api/types';
import { Input, Radios, SummaryList, Textarea } from '../../components/govuk';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { RAPID_RECOMMENDATIONS } from '../labels';
import { useRapidMutation } from './rapidApi';
import { SimpleForm } from './SimpleForm';

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

/** The recommendation, the strategic leads' decision and the National Panel dates: shown once made, asked for when due. */
export function DecisionPanels({ review }: { review: RapidReview }) {
  const moves = new Set(review.allowed_moves);
  const path = { rapid_review_id: review.id };
  const recommend = useRapidMutation(review.id, async (v: { recommendation: string; rationale: string; learning_mechanisms: string }) =>
    unwrap(
      await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/recommendation', {
        params: { path },
        body: {
          recommendation: v.recommendation as RapidRecommendation['recommendation'],
          rationale: v.rationale,
          learning_mechanisms: v.learning_mechanisms.split('\n').map((s) => s.trim()).filter(Boolean),
        },
      }),
    ),
  );
  const decide = useRapidMutation(review.id, async (v: { hold_cspr: string; comments: string; decided_on: string }) =>
    unwrap(await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/decision', { params: { path }, body: { ...v, hold_cspr: v.hold_cspr === 'yes' } })),
  );
  const sent = useRapidMutation(review.id, async (v: { sent_on: string }) =>
    unwrap(await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/panel-submission', { params: { path }, body: v })),
  );
  const responded = useRapidMutation(review.id, async (v: { agrees: string; responded_on: string; comments: string }) =>
    unwrap(await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/panel-response', { params: { path }, body: { ...v, agrees: v.agrees === 'yes' } })),
  );

  return (
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
            key: 'Strategic leads’ decision',
            value: review.hold_cspr === null ? 'Not decided yet' : `${review.hold_cspr ? 'Hold a local Child Safeguarding Practice Review' : 'No local review'}${review.decided_on ? `, ${formatDate(review.decided_on)}` : ''}${review.decided_by_name ? ` (${review.decided_by_name})` : ''}`,
          },
          ...(review.decision_comments ? [{ key: 'Decision comments', value: <span className="app-pre-line">{review.decision_comments}</span> }] : []),
          { key: 'Sent to the National Panel', value: review.sent_to_panel_on ? formatDate(review.sent_to_panel_on) : 'Not yet' },
          {
            key: 'National Panel’s response',
            value: review.panel_agrees === null ? 'None yet' : `${review.panel_agrees ? 'Agrees' : 'Does not agree'}${review.panel_responded_on ? `, ${formatDate(review.panel_responded_on)}` : ''}${review.panel_comments ? `: ${review.panel_comments}` : ''}`,
          },
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
      {moves.has('decide') && (
        <SimpleForm fields={['hold_cspr', 'comments', 'decided_on'] as const} defaultValues={{ hold_cspr: '', comments: '', decided_on: today() }} button="Record decision" onSubmit={decide.mutateAsync}>
          {({ register }, error) => (
            <>
              <Radios id="hold_cspr" legend="Will the partnership hold a local Child Safeguarding Practice Review?" legendSize="s" inline error={error('hold_cspr')} items={YES_NO} registration={register('hold_cspr', { required: 'Select whether a review will be held' })} />
              <Textarea id="comments" label="Comments (optional)" {...register('comments')} />
              <Input id="decided_on" type="date" label="Date of the decision" widthClass="govuk-input--width-10" error={error('decided_on')} {...register('decided_on', { required: 'Enter the date of the decision' })} />
            </>
          )}
        </SimpleForm>
      )}
      {moves.has('send_to_panel') && (
        <SimpleForm fields={['sent_on'] as const} defaultValues={{ sent_on: today() }} button="Record report sent" onSubmit={sent.mutateAsync}>
          {({ register }, error) => <Input id="sent_on" type="date" label="Date the rapid review report was sent to the National Panel" widthClass="govuk-input--width-10" error={error('sent_on')} {...register('sent_on', { required: 'Enter the date' })} />}
        </SimpleForm>
      )}
      {moves.has('record_panel_response') && (
        <SimpleForm fields={['agrees', 'responded_on', 'comments'] as const} defaultValues={{ agrees: '', responded_on: today(), comments: '' }} button="Record the Panel’s response" onSubmit={responded.mutateAsync}>
          {({ register }, error) => (
            <>
              <Radios id="agrees" legend="Does the National Panel agree with the decision?" legendSize="s" inline error={error('agrees')} items={YES_NO} registration={register('agrees', { required: 'Select whether the Panel agrees' })} />
              <Input id="responded_on" type="date" label="Date of the Panel’s response" widthClass="govuk-input--width-10" error={error('responded_on')} {...register('responded_on', { required: 'Enter the date' })} />
              <Textarea id="comments" label="The Panel’s comments (optional)" {...register('comments')} />
            </>
          )}
        </SimpleForm>
      )}
    </section>
  );
}
