import { useState } from 'react';
import { errorMessage, unwrap } from '../../api/problem';
import type { ImmediateAction, RapidReview } from '../../api/types';
import { Button, Select, Tag, Textarea } from '../../components/govuk';
import { DateField } from '../../forms/DateField';
import { isoFromParts, NO_DATE, todayParts, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { useAgencies } from '../notifications/useAgencies';
import { useRapidMutation } from './rapidApi';
import { SimpleForm } from './SimpleForm';

/** Immediate actions for children's safety: each owned by one agency with a due date, completed by that agency. */
export function ImmediateActions({ review }: { review: RapidReview }) {
  const canAdd = review.allowed_actions.includes('add_immediate_action');
  const actions = review.immediate_actions;
  return (
    <section aria-labelledby="actions-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="actions-heading">
        Immediate actions
      </h2>
      {actions.length === 0 && <p className="govuk-body">No immediate actions have been recorded.</p>}
      {actions.map((action, i) => (
        <ActionCard key={action.id} review={review} action={action} number={i + 1} />
      ))}
      {canAdd && <AddAction review={review} />}
    </section>
  );
}

function ActionStatus({ action }: { action: ImmediateAction }) {
  if (action.completed_on) return <Tag colour="green">Completed</Tag>;
  if (action.due?.overdue) return <Tag colour="red">Overdue</Tag>;
  if (action.due?.status === 'waived') return <Tag colour="grey">Waived</Tag>;
  return <Tag colour="blue">Open</Tag>;
}

function ActionCard({ review, action, number }: { review: RapidReview; action: ImmediateAction; number: number }) {
  const [error, setError] = useState<string>();
  const complete = useRapidMutation(review.id, async () =>
    unwrap(
      await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/immediate-actions/{action_id}/complete', {
        params: { path: { rapid_review_id: review.id, action_id: action.id } },
        body: { completed_on: isoFromParts(todayParts())! },
      }),
    ),
  );
  const mayComplete = action.allowed_actions.includes('complete');
  const titleId = `action-${action.id}-title`;
  async function markComplete() {
    setError(undefined);
    try {
      await complete.mutateAsync(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title" id={titleId}>
          Action {number}: {action.agency.name}
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <Row label="What needs to happen">
            <span className="app-pre-line">{action.description}</span>
          </Row>
          <Row label="Owner">{action.agency.name}</Row>
          <Row label="Due">{formatDate(action.due_date, false)}</Row>
          <Row label="Status">
            <ActionStatus action={action} />
            {action.completed_on && <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">on {formatDate(action.completed_on, false)}</span>}
          </Row>
        </dl>
        {error && (
          <p className="govuk-error-message" role="alert">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        {mayComplete && (
          <Button type="button" variant="secondary" className="govuk-!-margin-bottom-0" disabled={complete.isPending} onClick={() => void markComplete()}>
            Mark as complete<span className="govuk-visually-hidden">: action {number}, {action.agency.name}</span>
          </Button>
        )}
      </div>
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

interface Values {
  description: string;
  agency_id: string;
  due_date: DateParts;
}

function AddAction({ review }: { review: RapidReview }) {
  const { data: agencies } = useAgencies();
  const add = useRapidMutation(review.id, async (v: Values) =>
    unwrap(
      await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/immediate-actions', {
        params: { path: { rapid_review_id: review.id } },
        body: { description: v.description, agency_id: v.agency_id, due_date: isoFromParts(v.due_date)! },
      }),
    ),
  );
  if (!agencies) return null;
  return (
    <>
      <h3 className="govuk-heading-s">Add an immediate action</h3>
      <SimpleForm<Values>
        fields={['description', 'agency_id', 'due_date']}
        defaultValues={{ description: '', agency_id: '', due_date: { ...NO_DATE } }}
        button="Add action"
        onSubmit={add.mutateAsync}
        onDone={(f) => f.reset()}
      >
        {({ register, control }, error) => (
          <>
            <Textarea id="description" label="What needs to happen" rows={3} error={error('description')} {...register('description', { required: 'Enter what needs to happen' })} />
            <Select
              id="agency_id"
              label="Agency responsible"
              error={error('agency_id')}
              options={[{ value: '', label: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]}
              {...register('agency_id', { required: 'Choose the agency responsible' })}
            />
            <DateField control={control} name="due_date" legend="Due date" what="the due date" notPast error={error('due_date')} />
          </>
        )}
      </SimpleForm>
    </>
  );
}
