import { unwrap } from '../../api/problem';
import type { RapidReview } from '../../api/types';
import { Radios, SummaryList, Textarea } from '../../components/govuk';
import { DateField } from '../../forms/DateField';
import { isoFromParts, todayParts, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { YES_NO } from './DecisionPanels';
import { PanelTimeliness } from './PanelTimeliness';
import { useRapidMutation } from './rapidApi';
import { SimpleForm } from './SimpleForm';

interface Response {
  agrees: string;
  responded_on: DateParts;
  comments: string;
}

/** The Child Safeguarding Practice Review Panel: when the report went to it, and what it said. */
export function NationalPanel({ review }: { review: RapidReview }) {
  const moves = new Set(review.allowed_actions);
  const path = { rapid_review_id: review.id };
  const sent = useRapidMutation(review.id, async (v: { sent_on: DateParts }) =>
    unwrap(await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/panel-submission', { params: { path }, body: { sent_on: isoFromParts(v.sent_on)! } })),
  );
  const responded = useRapidMutation(review.id, async (v: Response) =>
    unwrap(
      await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/panel-response', {
        params: { path },
        body: { agrees: v.agrees === 'yes', responded_on: isoFromParts(v.responded_on)!, comments: v.comments },
      }),
    ),
  );
  const response =
    review.panel_agrees === null
      ? 'None yet'
      : `${review.panel_agrees ? 'Agrees with the decision' : 'Does not agree with the decision'}${review.panel_responded_on ? `, ${formatDate(review.panel_responded_on)}` : ''}`;
  return (
    <section aria-labelledby="panel-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="panel-heading">
        National Panel
      </h2>
      <p className="govuk-body">The rapid review report goes to the Child Safeguarding Practice Review Panel within 15 working days of the notification.</p>
      <SummaryList
        rows={[
          { key: 'Report sent to the Panel', value: review.sent_to_panel_on ? formatDate(review.sent_to_panel_on) : 'Not yet' },
          { key: '15 working days', value: <PanelTimeliness timeliness={review.panel_timeliness} /> },
          { key: 'The Panel’s response', value: response },
          ...(review.panel_comments ? [{ key: 'The Panel’s comments', value: <span className="app-pre-line">{review.panel_comments}</span> }] : []),
        ]}
      />
      {moves.has('send_to_panel') && (
        <SimpleForm<{ sent_on: DateParts }> fields={['sent_on']} defaultValues={{ sent_on: todayParts() }} button="Record report sent" onSubmit={sent.mutateAsync}>
          {({ control }, error) => (
            <DateField control={control} name="sent_on" legend="When was the rapid review report sent to the Panel?" what="the date the report was sent" notFuture error={error('sent_on')} />
          )}
        </SimpleForm>
      )}
      {moves.has('record_panel_response') && (
        <SimpleForm<Response> fields={['agrees', 'responded_on', 'comments']} defaultValues={{ agrees: '', responded_on: todayParts(), comments: '' }} button="Record the Panel’s response" onSubmit={responded.mutateAsync}>
          {({ register, control }, error) => (
            <>
              <Radios id="agrees" legend="Does the Panel agree with the partnership’s decision?" legendSize="s" inline error={error('agrees')} items={YES_NO} registration={register('agrees', { required: 'Select whether the Panel agrees' })} />
              <DateField control={control} name="responded_on" legend="When did the Panel respond?" what="the date of the Panel’s response" notFuture error={error('responded_on')} />
              <Textarea id="comments" label="The Panel’s comments (optional)" {...register('comments')} />
            </>
          )}
        </SimpleForm>
      )}
    </section>
  );
}
