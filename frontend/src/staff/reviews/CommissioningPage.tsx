import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../../api/problem';
import type { Review } from '../../api/types';
import { NotificationBanner, SummaryList, Table } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useMe } from '../useMe';
import { sectionKey, useCommissioning, useReviewChange, type Commissioning } from './processApi';
import { ReviewForm } from './ReviewForm';
import { ReviewSection } from './ReviewSection';

/** Commissioning: the lead reviewer appointed, and the National Panel, Ofsted and the DfE told who leads it. */
export function CommissioningPage() {
  return <ReviewSection section="commissioning">{(review, etag) => <Commissioned review={review} etag={etag} />}</ReviewSection>;
}

function Commissioned({ review, etag }: { review: Review; etag: string | null }) {
  const { data, error, isPending } = useCommissioning(review.id);
  const { data: me } = useMe();
  const [banner, setBanner] = useState<string>();
  const client = useQueryClient();
  function saved() {
    // A new lead reviewer means the national bodies are to be told again.
    void client.invalidateQueries({ queryKey: sectionKey(review.id, 'commissioning') });
    setBanner('The review has been updated.');
  }
  if (isPending) return <Loading what="the commissioning" />;
  if (error) return <LoadProblem error={error} what="commissioning" />;
  return (
    <>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <SummaryList rows={[{ key: 'Lead reviewer', value: data.lead_reviewer?.name ?? 'Not appointed yet' }]} />
      {me?.permissions.includes('reviews:manage') && (
        <ReviewForm key={`${etag}:${review.lead_reviewer?.id}`} versioned={{ record: review, etag }} onSaved={saved} />
      )}
      <NationalBodies review={review} commissioning={data} onSent={setBanner} />
    </>
  );
}

function NationalBodies({ review, commissioning, onSent }: { review: Review; commissioning: Commissioning; onSent: (message: string) => void }) {
  const send = useReviewChange(review.id, async () =>
    unwrap(await api.POST('/api/v1/reviews/{review_id}/commissioning/notices', { params: { path: { review_id: review.id } } })),
  );
  if (review.kind !== 'cspr') return null;
  return (
    <section aria-labelledby="notices-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="notices-heading">
        Telling the national bodies
      </h2>
      <p className="govuk-body">
        The business office tells the National Panel, Ofsted and the Department for Education that the review has been commissioned and who leads it. The e-mail gives the review’s
        anonymised reference only.
      </p>
      <Table
        caption="Who has been told about the lead reviewer appointed now"
        captionSize="s"
        wide
        columns={[{ header: 'Body' }, { header: 'E-mail address' }, { header: 'Told on' }]}
        rows={commissioning.recipients.map((r) => ({ key: r.recipient, cells: [r.label, r.address, r.told_on ? formatDate(r.told_on) : 'Not yet told'] }))}
      />
      {commissioning.allowed_actions.includes('send_notices') && (
        <SimpleForm fields={[] as const} button="Send the notices" onSubmit={async () => {
          await send.mutateAsync(undefined);
          onSent('The notices have been sent to the outbox.');
        }}>
          {() => null}
        </SimpleForm>
      )}
      {commissioning.notices.length > 0 && (
        <Table
          caption="Every notice sent"
          captionSize="s"
          wide
          columns={[{ header: 'Sent on' }, { header: 'To' }, { header: 'Lead reviewer named' }, { header: 'Sent by' }]}
          rows={commissioning.notices.map((n) => ({ key: n.id, cells: [formatDate(n.sent_on), n.address, n.lead_reviewer_name, n.sent_by_name] }))}
        />
      )}
    </section>
  );
}
