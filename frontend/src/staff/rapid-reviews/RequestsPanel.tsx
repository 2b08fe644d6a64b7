import { Link } from 'react-router';
import { unwrap } from '../../api/problem';
import type { RapidReview } from '../../api/types';
import { Checkboxes, Table, Textarea } from '../../components/govuk';
import { api } from '../api';
import { DueText, StateTag } from '../common/StatusTags';
import { REQUEST_STATES } from '../labels';
import { useAgencies } from '../notifications/useAgencies';
import { useRapidMutation, useRapidRequests } from './rapidApi';
import { SimpleForm } from './SimpleForm';

/** Additional information requests, one per agency, with their status and due dates. */
export function RequestsPanel({ review }: { review: RapidReview }) {
  const { data } = useRapidRequests(review.id);
  const canSend = review.allowed_actions.includes('send_information_requests');
  return (
    <section aria-labelledby="requests-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="requests-heading">
        Information requests
      </h2>
      {data && data.items.length === 0 && <p className="govuk-body">No agency has been asked for information yet.</p>}
      {data && data.items.length > 0 && (
        <Table
          caption="Requests by agency"
          captionSize="s"
          columns={[{ header: 'Agency' }, { header: 'Status' }, { header: 'Due' }]}
          rows={data.items.map((r) => ({
            key: r.id,
            cells: [
              <Link className="govuk-link" to={`/information-requests/${r.id}`}>
                {r.agency.name}
              </Link>,
              <StateTag state={REQUEST_STATES[r.state]} />,
              <DueText due={r.due} />,
            ],
          }))}
        />
      )}
      {canSend && data && <SendRequests review={review} asked={new Set(data.items.map((r) => r.agency.id))} />}
    </section>
  );
}

interface Values {
  agency_ids: string[];
  note: string;
}

function SendRequests({ review, asked }: { review: RapidReview; asked: Set<string> }) {
  const { data: agencies } = useAgencies();
  const send = useRapidMutation(review.id, async (v: Values) =>
    unwrap(
      await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/information-requests', {
        params: { path: { rapid_review_id: review.id } },
        body: { agency_ids: v.agency_ids, note: v.note },
      }),
    ),
  );
  const choices = (agencies ?? []).filter((a) => !asked.has(a.id));
  if (choices.length === 0) return null;
  // The agencies already involved (named on the notification, or added since) and not yet asked start ticked.
  const involved = review.agencies.filter((a) => !asked.has(a.id)).map((a) => a.id);
  return (
    <SimpleForm<Values> fields={['agency_ids', 'note']} defaultValues={{ agency_ids: involved, note: '' }} button="Send requests" onSubmit={send.mutateAsync} onDone={(f) => f.reset()}>
      {({ register }, error) => (
        <>
          <Checkboxes id="agency_ids" legend="Ask these agencies for additional information" legendSize="s" hint={involved.length ? 'The agencies involved in the case are already selected. Each agency has 7 working days to respond.' : 'Each agency has 7 working days to respond.'} error={error('agency_ids')} items={choices.map((a) => ({ value: a.id, label: a.name }))} registration={register('agency_ids', { validate: (v) => (v?.length ? true : 'Select at least one agency') })} />
          <Textarea id="note" label="What should the agencies focus on? (optional)" rows={3} {...register('note')} />
        </>
      )}
    </SimpleForm>
  );
}
