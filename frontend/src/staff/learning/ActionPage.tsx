import { useState } from 'react';
import type { UseFormRegister } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import { ifMatch } from '../../api/versioned';
import { Button, NotificationBanner, SummaryList, Textarea } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { ReasonsForm } from '../common/ReasonsForm';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { ActionDue, ActionStatusTag, answersLabel } from './ActionParts';
import { useAction, useLearningMutation, type ActionDetail, type ActionUpdate } from './learningApi';

/** One action: what it answers, its progress and evidence, and the steps the caller may take now. */
export function ActionPage() {
  const { id = '' } = useParams();
  const { data, error, isPending } = useAction(id);
  usePageTitle(data ? `Action for ${data.record.agency.name}` : 'Action');
  if (isPending) return <Loading what="the action" />;
  if (error) return <LoadProblem error={error} what="action" />;
  const { record: action, etag } = data;
  return (
    <>
      <span className="govuk-caption-l">{action.child_reference || action.answers.source_title}</span>
      <h1 className="govuk-heading-l">Action for {action.agency.name}</h1>
      {action.status === 'in_progress' && action.sent_back_reasons && (
        <NotificationBanner heading="The business office sent this action back">
          <p className="govuk-body app-pre-line">{action.sent_back_reasons}</p>
        </NotificationBanner>
      )}
      <SummaryList rows={summary(action)} />
      <Steps action={action} etag={etag} />
      <Updates updates={action.updates} />
    </>
  );
}

function answersLink(action: ActionDetail) {
  const { answers } = action;
  if (answers.recommendation_id) {
    return (
      <Link className="govuk-link" to={`/recommendations/${answers.recommendation_id}`}>
        {answersLabel(action)}
      </Link>
    );
  }
  return (
    <Link className="govuk-link" to={`/rapid-reviews/${answers.rapid_review_id}`}>
      {answersLabel(action)}
    </Link>
  );
}

function summary(action: ActionDetail) {
  const rows = [
    { key: 'Answers', value: <>{answersLink(action)}<p className="govuk-body app-pre-line govuk-!-margin-top-2 govuk-!-margin-bottom-0">{action.answers.text}</p></> },
    { key: 'Action', value: <span className="app-pre-line">{action.description}</span> },
    { key: 'Intended outcome', value: action.intended_outcome || 'Not given' },
    { key: 'Agency', value: action.agency.name },
    { key: 'Owner', value: action.owner?.name ?? 'Not named' },
    { key: 'Due', value: <ActionDue action={action} /> },
    { key: 'Status', value: <ActionStatusTag status={action.status} /> },
    { key: 'Themes', value: action.themes.length ? action.themes.map((t) => t.name).join(', ') : 'None' },
    { key: 'Evidence of impact', value: action.evidence_of_impact ? <span className="app-pre-line">{action.evidence_of_impact}</span> : 'None yet' },
    { key: 'How the impact is known', value: action.impact_known_by ? <span className="app-pre-line">{action.impact_known_by}</span> : 'Not yet said' },
  ];
  if (action.completion_requested_at) rows.push({ key: 'Closure asked for', value: formatDateTime(action.completion_requested_at) });
  if (action.status === 'complete') rows.push({ key: 'Closed', value: <>Approved by {action.closed_by_name}; complete on {action.completed_on ? formatDate(action.completed_on, false) : ''}</> });
  if (action.status === 'cancelled') rows.push({ key: 'Cancelled', value: <>By {action.closed_by_name}: {action.cancelled_reason}</> });
  return rows;
}

interface UpdateValues {
  progress: string;
  evidence_of_impact: string;
  impact_known_by: string;
}

const UPDATE_FIELDS = ['progress', 'evidence_of_impact', 'impact_known_by'] as const;

function Steps({ action, etag }: { action: ActionDetail; etag: string | null }) {
  const allowed = action.allowed_actions;
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();
  const path = { action_id: action.id };
  const headers = ifMatch(etag);
  const body = (v: UpdateValues) => ({ progress: v.progress.trim(), evidence_of_impact: v.evidence_of_impact.trim() || null, impact_known_by: v.impact_known_by.trim() || null });
  const start = useLearningMutation(async () => unwrap(await api.POST('/api/v1/actions/{action_id}/start', { params: { path }, headers })));
  const update = useLearningMutation(async (v: UpdateValues) => unwrap(await api.POST('/api/v1/actions/{action_id}/updates', { params: { path }, headers, body: body(v) })));
  const request = useLearningMutation(async (v: UpdateValues) =>
    unwrap(await api.POST('/api/v1/actions/{action_id}/request-completion', { params: { path }, headers, body: body(v) })),
  );
  const approve = useLearningMutation(async () => unwrap(await api.POST('/api/v1/actions/{action_id}/approve-closure', { params: { path }, headers, body: {} })));
  const sendBack = useLearningMutation(async (reasons: string) => unwrap(await api.POST('/api/v1/actions/{action_id}/send-back', { params: { path }, headers, body: { reasons } })));
  const cancel = useLearningMutation(async (reason: string) => unwrap(await api.POST('/api/v1/actions/{action_id}/cancel', { params: { path }, headers, body: { reason } })));

  async function run(what: string, step: () => Promise<unknown>) {
    setError(undefined);
    try {
      await step();
      setDone(what);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  const empty = { progress: '', evidence_of_impact: action.evidence_of_impact ?? '', impact_known_by: action.impact_known_by ?? '' };
  return (
    <>
      {done && (
        <NotificationBanner type="success" heading={done}>
          {null}
        </NotificationBanner>
      )}
      {error && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {allowed.includes('start') && (
        <Button type="button" variant="secondary" onClick={() => void run('You have started the action', () => start.mutateAsync(undefined))}>
          Start the action
        </Button>
      )}
      {allowed.includes('approve_closure') && (
        <section aria-labelledby="closure-heading" className="govuk-!-margin-bottom-6">
          <h2 className="govuk-heading-m" id="closure-heading">
            Closure asked for
          </h2>
          <p className="govuk-body">Close the action if the evidence shows that frontline practice changed; otherwise send it back saying what is missing.</p>
          <Button type="button" onClick={() => void run('You approved the closure of this action', () => approve.mutateAsync(undefined))}>
            Approve the closure
          </Button>
        </section>
      )}
      {allowed.includes('send_back') && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Send the action back</span>
          </summary>
          <div className="govuk-details__text">
            <ReasonsForm id="send-back-reasons" label="What must the agency do or show before the action can close?" button="Send back" variant="warning" onSubmit={async (reasons) => {
              await sendBack.mutateAsync(reasons);
              setDone('You sent the action back to the agency');
            }} />
          </div>
        </details>
      )}
      {allowed.includes('post_update') && (
        <section aria-labelledby="update-heading" className="govuk-!-margin-bottom-6">
          <h2 className="govuk-heading-m" id="update-heading">
            Post a progress update
          </h2>
          <SimpleForm<UpdateValues> fields={UPDATE_FIELDS} defaultValues={empty} button="Post the update" onSubmit={async (v) => {
            await update.mutateAsync(v);
            setDone('Your update has been posted');
          }}>
            {({ register }, fieldError) => <UpdateFields register={register} fieldError={fieldError} prefix="update" />}
          </SimpleForm>
        </section>
      )}
      {allowed.includes('request_completion') && (
        <section aria-labelledby="completion-heading" className="govuk-!-margin-bottom-6">
          <h2 className="govuk-heading-m" id="completion-heading">
            Ask for the action to be closed
          </h2>
          <p className="govuk-body">The business office closes an action on the evidence of its impact: what changed in frontline practice, and how you know.</p>
          <SimpleForm<UpdateValues> fields={UPDATE_FIELDS} defaultValues={empty} button="Ask for closure" onSubmit={async (v) => {
            await request.mutateAsync(v);
            setDone('You asked the business office to close this action');
          }}>
            {({ register }, fieldError) => <UpdateFields register={register} fieldError={fieldError} prefix="completion" required />}
          </SimpleForm>
        </section>
      )}
      {allowed.includes('cancel') && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Cancel the action</span>
          </summary>
          <div className="govuk-details__text">
            <ReasonsForm id="cancel-reason" label="Why is the action cancelled?" button="Cancel the action" variant="warning" onSubmit={async (reason) => {
              await cancel.mutateAsync(reason);
              setDone('The action is cancelled');
            }} />
          </div>
        </details>
      )}
    </>
  );
}

function UpdateFields({ register, fieldError, prefix, required = false }: {
  register: UseFormRegister<UpdateValues>;
  fieldError: (name: keyof UpdateValues) => string | undefined;
  prefix: string;
  required?: boolean;
}) {
  return (
    <>
      <Textarea id={`${prefix}-progress`} label="What has been done" rows={4} error={fieldError('progress')} {...register('progress', { required: 'Enter what has been done' })} />
      <Textarea
        id={`${prefix}-evidence_of_impact`}
        label={required ? 'Evidence of impact' : 'Evidence of impact (optional)'}
        hint="What changed in frontline practice because of this action"
        rows={4}
        error={fieldError('evidence_of_impact')}
        {...register('evidence_of_impact', required ? { required: 'Enter what changed in frontline practice because of this action' } : {})}
      />
      <Textarea
        id={`${prefix}-impact_known_by`}
        label={required ? 'How you know' : 'How you know (optional)'}
        hint="For example, an audit of cases, supervision records or what children and families told you"
        rows={3}
        error={fieldError('impact_known_by')}
        {...register('impact_known_by', required ? { required: 'Enter how you know that practice changed' } : {})}
      />
    </>
  );
}

function Updates({ updates }: { updates: ActionUpdate[] }) {
  return (
    <section aria-labelledby="updates-heading">
      <h2 className="govuk-heading-m" id="updates-heading">
        Updates
      </h2>
      {updates.length === 0 && <p className="govuk-body">The agency has not posted an update yet.</p>}
      {updates.map((update) => (
        <div className="govuk-summary-card" key={update.id}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {update.purpose === 'completion_request' ? 'Closure asked for' : 'Progress update'}
              {update.submitted_at && `, ${formatDateTime(update.submitted_at)}`}
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <SummaryList
              rows={[
                { key: 'By', value: update.submitted_by_name ?? '' },
                { key: 'What has been done', value: <span className="app-pre-line">{update.progress}</span> },
                ...(update.evidence_of_impact ? [{ key: 'Evidence of impact', value: <span className="app-pre-line">{update.evidence_of_impact}</span> }] : []),
                ...(update.impact_known_by ? [{ key: 'How it is known', value: <span className="app-pre-line">{update.impact_known_by}</span> }] : []),
                ...(update.state === 'returned' ? [{ key: 'Sent back because', value: <span className="app-pre-line">{update.return_reasons}</span> }] : []),
              ]}
            />
          </div>
        </div>
      ))}
    </section>
  );
}
