import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/problem';
import { editing, versioned, type Versioned, ifMatchParam } from '../../api/versioned';
import type { InformationRequest, InformationResponse, InformationResponseRevision } from '../../api/types';
import { BackLink, NotificationBanner, SummaryList } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { Details } from '../common/Details';
import { ReasonsForm } from '../common/ReasonsForm';
import { DueText, StateTag } from '../common/StatusTags';
import { Timeline } from '../common/Timeline';
import { REQUEST_STATES } from '../labels';
import { useMe } from '../useMe';
import { InformationResponseForm } from './InformationResponseForm';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { IdentifyingDetails } from '../cases/IdentifyingDetails';
import { ChaseRequest } from './ChaseRequest';

/** One agency's additional information request: its response form, or what was submitted. */
export function InformationRequestPage() {
  const { id = '' } = useParams();
  const key = ['information-request', id];
  const client = useQueryClient();
  const { data: me } = useMe();
  const [banner, setBanner] = useState<string>();
  const { data, error, isPending } = useQuery({
    queryKey: key,
    queryFn: async () => versioned(await api.GET('/api/v1/information-requests/{request_id}', { params: { path: { request_id: id } } })),
  });
  const path = { request_id: id };
  const done = (message?: string) => (updated: Versioned<InformationRequest>) => {
    client.setQueryData(key, updated);
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['deadlines'] });
    void client.invalidateQueries({ queryKey: ['rapid-review', updated.record.rapid_review_id] });
    if (message) setBanner(message);
  };
  // The draft and the submission replace what was read: both go with its ETag, so nobody overwrites a colleague.
  type Edit = { body: InformationResponse; etag: string | null };
  const saveDraft = useMutation({
    mutationFn: ({ body, etag }: Edit) =>
      editing('response', async () => versioned(await api.PUT('/api/v1/information-requests/{request_id}/draft', { params: { path, header: ifMatchParam(etag) }, body }))),
    onSuccess: done(),
  });
  const submit = useMutation({
    mutationFn: ({ body, etag }: Edit) =>
      editing('response', async () => versioned(await api.POST('/api/v1/information-requests/{request_id}/submit', { params: { path, header: ifMatchParam(etag) }, body }))),
    onSuccess: done('Your response has been submitted to the business office.'),
  });
  const giveBack = useMutation({
    mutationFn: async (reasons: string) => versioned(await api.POST('/api/v1/information-requests/{request_id}/return', { params: { path }, body: { reasons } })),
    onSuccess: done('The response has been returned to the agency for more information.'),
  });
  // Every response the agency submitted, once there is one: the page shows the history when one was returned.
  const revisions = useQuery({
    queryKey: [...key, 'revisions'],
    queryFn: async () => unwrap(await api.GET('/api/v1/information-requests/{request_id}/revisions', { params: { path } })),
    enabled: (data?.record.revision ?? 0) > 0,
  });
  usePageTitle(data ? `Information request: ${data.record.agency.name}` : 'Information request');
  if (isPending) return <Loading what="the information request" />;
  if (error) return <LoadProblem error={error} what="information request" />;
  const request = data.record;

  // The buttons the API offers this person now: the agency answers, the business office returns for more.
  const answering = request.allowed_actions.includes('save_draft') || request.allowed_actions.includes('submit');
  const canReturn = request.allowed_actions.includes('return');
  const history = revisions.data ?? [];
  return (
    <>
      <BackLink to={me?.permissions.includes('rapid_reviews:read') ? `/rapid-reviews/${request.rapid_review_id}` : '/'}>Back</BackLink>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <span className="govuk-caption-l">Additional information request: {request.child_reference}</span>
      <h1 className="govuk-heading-l">{request.agency.name}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <StateTag state={REQUEST_STATES[request.state]} /> },
          { key: 'Requested', value: formatDate(request.requested_on) },
          { key: 'Response due', value: <DueText due={request.due} /> },
          ...(request.note ? [{ key: 'What to focus on', value: <span className="app-pre-line">{request.note}</span> }] : []),
          ...(request.submitted_at
            ? [{ key: request.resubmitted ? 'Resubmitted' : 'Submitted', value: `${longDate(request.submitted_at)}${request.submitted_by_name ? ` by ${request.submitted_by_name}` : ''}` }]
            : []),
        ]}
      />
      {(me?.agency?.id === request.agency.id || me?.permissions.includes('identifying_details:read')) && (
        <IdentifyingDetails caseId={request.case_id} reference={request.child_reference} />
      )}
      {request.state === 'returned' && request.return_reasons && (
        <div className="govuk-inset-text">
          <strong>Returned for more information:</strong> <span className="app-pre-line">{request.return_reasons}</span>
        </div>
      )}
      {answering && (
        <section aria-labelledby="response-heading">
          <h2 className="govuk-heading-m" id="response-heading">
            Your agency’s response
          </h2>
          <InformationResponseForm
            initial={request.draft ?? request.submission}
            onSaveDraft={(body) => saveDraft.mutateAsync({ body, etag: data.etag })}
            onSubmit={(body) => submit.mutateAsync({ body, etag: data.etag })}
          />
        </section>
      )}
      {!answering && request.submission && <Submission response={request.submission} />}
      {!answering && !request.submission && <p className="govuk-body">The agency has not submitted a response yet.</p>}
      {(history.length > 1 || history.some((r) => r.returned_at)) && <RevisionHistory revisions={history} />}
      <ChaseRequest request={request} onChanged={done} />
      {canReturn && (
        <section aria-labelledby="return-heading">
          <h2 className="govuk-heading-m" id="return-heading">
            Ask for more information
          </h2>
          <ReasonsForm id="return-reasons" label="What more is needed?" button="Return for more information" variant="warning" onSubmit={giveBack.mutateAsync} />
        </section>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Back to your dashboard
        </Link>
      </p>
      <Timeline queryKey={key} load={async () => unwrap(await api.GET('/api/v1/information-requests/{request_id}/timeline', { params: { path } }))} />
    </>
  );
}

function longDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'long' });
}

function Submission({ response }: { response: InformationResponse }) {
  return (
    <section aria-labelledby="submission-heading">
      <h2 className="govuk-heading-m" id="submission-heading">
        Submitted response
      </h2>
      <ResponseSummary response={response} />
    </section>
  );
}

/** Every response the agency submitted, oldest first, with each return and its reasons: nothing is overwritten. */
function RevisionHistory({ revisions }: { revisions: InformationResponseRevision[] }) {
  return (
    <section aria-labelledby="revisions-heading">
      <h2 className="govuk-heading-m" id="revisions-heading">
        Revision history
      </h2>
      <ol className="govuk-list">
        {revisions.map((revision) => (
          <li key={revision.number} aria-labelledby={`revision-${revision.number}`}>
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`revision-${revision.number}`}>
              Response {revision.number}
              {revision.resubmission ? ' (resubmitted)' : ''}
            </h3>
            <p className="govuk-body">
              Submitted {longDate(revision.submitted_at)} by {revision.submitted_by_name}
            </p>
            {revision.returned_at && (
              <div className="govuk-inset-text">
                <strong>
                  Returned {longDate(revision.returned_at)}
                  {revision.returned_by_name ? ` by ${revision.returned_by_name}` : ''}:
                </strong>{' '}
                <span className="app-pre-line">{revision.return_reasons}</span>
              </div>
            )}
            <Details summary={`Response ${revision.number} as submitted`}>
              <ResponseSummary response={revision.content} />
            </Details>
          </li>
        ))}
      </ol>
    </section>
  );
}

function ResponseSummary({ response }: { response: InformationResponse }) {
  const text = (v: string | undefined) => <span className="app-pre-line">{v || 'Not given'}</span>;
  return (
    <SummaryList
      rows={[
        { key: 'Involvement', value: text(response.involvement) },
        {
          key: 'Key contacts',
          value: response.key_contacts?.length ? (
            <ul className="govuk-list">
              {response.key_contacts.map((c, i) => (
                <li key={i}>
                  {formatDate(c.date, false)}, {c.contact_type}: {c.summary}
                </li>
              ))}
            </ul>
          ) : (
            'None'
          ),
        },
        { key: 'Analysis', value: text(response.analysis) },
        { key: 'Immediate learning', value: text(response.immediate_learning) },
        { key: 'Actions taken', value: text(response.actions_taken) },
        { key: 'Good practice', value: text(response.good_practice) },
        { key: 'Author', value: `${response.author_name ?? ''}, ${response.author_role ?? ''}` },
      ]}
    />
  );
}
