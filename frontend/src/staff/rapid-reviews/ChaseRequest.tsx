import { useState } from 'react';
import { errorMessage } from '../../api/problem';
import { versioned, type Versioned } from '../../api/versioned';
import type { InformationRequest } from '../../api/types';
import { Button, ErrorSummary, Textarea } from '../../components/govuk';
import { DateField } from '../../forms/DateField';
import { isoFromParts, NO_DATE, type DateParts } from '../../forms/dates';
import { api } from '../api';
import { SimpleForm } from './SimpleForm';

interface Props {
  request: InformationRequest;
  onChanged: (message: string) => (updated: Versioned<InformationRequest>) => void;
}

/** For whoever asked: remind the agency now, or give it a new due date with the reason. */
export function ChaseRequest({ request, onChanged }: Props) {
  const path = { request_id: request.id };
  const [problem, setProblem] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const canChase = request.allowed_actions.includes('chase');
  const canMove = request.allowed_actions.includes('change_due_date');
  if (!canChase && !canMove) return null;

  async function chase() {
    setBusy(true);
    setAttempt((n) => n + 1);
    try {
      const updated = versioned(await api.POST('/api/v1/information-requests/{request_id}/chase', { params: { path } }));
      setProblem(undefined);
      onChanged(`A reminder has been sent to ${request.agency.name}’s safeguarding leads.`)(updated);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function move(values: { due_date: DateParts; reason: string }) {
    const dueDate = isoFromParts(values.due_date) ?? '';
    const updated = versioned(
      await api.POST('/api/v1/information-requests/{request_id}/due-date', { params: { path }, body: { due_date: dueDate, reason: values.reason } }),
    );
    onChanged(`${request.agency.name} has a new due date.`)(updated);
  }

  return (
    <section aria-labelledby="chase-heading">
      <h2 className="govuk-heading-m" id="chase-heading">
        Waiting for {request.agency.name}
      </h2>
      {canChase && (
        <>
          <ErrorSummary errors={problem ? [{ message: problem }] : []} focusKey={attempt} />
          <p className="govuk-body">Reminders go out before the due date. You can also send one now.</p>
          <Button type="button" variant="secondary" disabled={busy} onClick={() => void chase()}>
            Send a reminder now
          </Button>
        </>
      )}
      {canMove && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Give {request.agency.name} a new due date</span>
          </summary>
          <div className="govuk-details__text">
            <SimpleForm<{ due_date: DateParts; reason: string }>
              fields={['due_date', 'reason']}
              defaultValues={{ due_date: NO_DATE, reason: '' }}
              button="Change the due date"
              onSubmit={move}
              onDone={(form) => form.reset()}
            >
              {({ control, register }, error) => (
                <>
                  <DateField control={control} name="due_date" legend="New due date" what="the new due date" notPast error={error('due_date')} />
                  <Textarea id="reason" label="Why is the date changing?" hint="The agency sees this on the request’s timeline" error={error('reason')} {...register('reason', { validate: (v) => v.trim() !== '' || 'Enter why the date is changing' })} />
                </>
              )}
            </SimpleForm>
          </div>
        </details>
      )}
    </section>
  );
}
