import { useState } from 'react';
import { unwrap } from '../../api/problem';
import type { Review } from '../../api/types';
import { NotificationBanner, SummaryList, Table, Textarea } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { DateField } from '../../forms/DateField';
import { isoFromParts, NO_DATE, todayParts, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useReviewChange, useTimescales, type Delay } from './processApi';
import { ReviewSection } from './ReviewSection';

/** Due six months after the decision; delays with their reasons; whether the National Panel must be told. */
export function TimescalesPage() {
  return <ReviewSection section="timescales">{(review) => <Timescales review={review} />}</ReviewSection>;
}

function Timescales({ review }: { review: Review }) {
  const { data, error, isPending } = useTimescales(review.id);
  const [banner, setBanner] = useState<string>();
  if (isPending) return <Loading what="the timescales" />;
  if (error) return <LoadProblem error={error} what="timescales" />;
  const untold = data.delays.filter((d) => d.panel_must_be_told);
  return (
    <>
      {banner && <NotificationBanner type="success" heading={banner} />}
      {data.panel_must_be_told && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            The review is now expected after its six months: the National Panel must be told.
          </strong>
        </div>
      )}
      <SummaryList
        rows={[
          { key: 'Decision to hold the review', value: formatDate(data.decided_on) },
          { key: 'Due (six months from the decision)', value: formatDate(data.due_date) },
          { key: 'Expected completion', value: formatDate(data.expected_completion) },
        ]}
      />
      <h2 className="govuk-heading-m">Delays</h2>
      {data.delays.length === 0 ? (
        <p className="govuk-body">No delays have been recorded.</p>
      ) : (
        <Table
          caption="Delays recorded"
          captionSize="s"
          wide
          columns={[{ header: 'Recorded on' }, { header: 'Reason' }, { header: 'Now expected by' }, { header: 'National Panel told' }]}
          rows={data.delays.map((d) => ({
            key: d.id,
            cells: [formatDate(d.recorded_on), <span className="app-pre-line">{d.reason}</span>, formatDate(d.expected_completion), panelCell(d)],
          }))}
        />
      )}
      {untold.map((d) => d.allowed_actions.includes('record_panel_told') && <PanelTold key={d.id} review={review} delay={d} onDone={setBanner} />)}
      {data.allowed_actions.includes('record_delay') && <RecordDelay review={review} onDone={setBanner} />}
    </>
  );
}

function panelCell(delay: Delay): string {
  if (delay.panel_told_on) return formatDate(delay.panel_told_on);
  return delay.past_due ? 'Must be told' : 'Not needed (within six months)';
}

function RecordDelay({ review, onDone }: { review: Review; onDone: (message: string) => void }) {
  const record = useReviewChange(review.id, async (v: { reason: string; expected_completion: DateParts }) =>
    unwrap(await api.POST('/api/v1/reviews/{review_id}/delays', { params: { path: { review_id: review.id } }, body: { reason: v.reason, expected_completion: isoFromParts(v.expected_completion) } })),
  );
  return (
    <section aria-labelledby="delay-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="delay-heading">
        Record a delay
      </h2>
      <SimpleForm<{ reason: string; expected_completion: DateParts }>
        fields={['reason', 'expected_completion']}
        defaultValues={{ reason: '', expected_completion: NO_DATE }}
        button="Record the delay"
        onSubmit={async (v) => {
          await record.mutateAsync(v);
          onDone('The delay has been recorded.');
        }}
        onDone={(form) => form.reset()}
      >
        {({ register, control }, error) => (
          <>
            <Textarea id="reason" label="Reason for the delay" error={error('reason')} {...register('reason', { required: 'Enter the reason for the delay' })} />
            <DateField control={control} name="expected_completion" legend="When is the review now expected to be complete?" what="the date the review is now expected to be complete" notPast error={error('expected_completion')} />
          </>
        )}
      </SimpleForm>
    </section>
  );
}

function PanelTold({ review, delay, onDone }: { review: Review; delay: Delay; onDone: (message: string) => void }) {
  const record = useReviewChange(review.id, async (v: { told_on: DateParts }) =>
    unwrap(
      await api.POST('/api/v1/reviews/{review_id}/delays/{delay_id}/panel-told', {
        params: { path: { review_id: review.id, delay_id: delay.id } },
        body: { told_on: isoFromParts(v.told_on) },
      }),
    ),
  );
  return (
    <section aria-labelledby={`told-${delay.id}`} className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id={`told-${delay.id}`}>
        Record when the National Panel was told
      </h2>
      <p className="govuk-body">Of the delay recorded on {formatDate(delay.recorded_on)}: now expected by {formatDate(delay.expected_completion)}.</p>
      <SimpleForm<{ told_on: DateParts }>
        fields={['told_on']}
        defaultValues={{ told_on: todayParts() }}
        button="Record the date told"
        onSubmit={async (v) => {
          await record.mutateAsync(v);
          onDone('The date the National Panel was told has been recorded.');
        }}
      >
        {({ control }, error) => <DateField control={control} name="told_on" legend="Date the National Panel was told" what="the date the National Panel was told" notFuture error={error('told_on')} />}
      </SimpleForm>
    </section>
  );
}
