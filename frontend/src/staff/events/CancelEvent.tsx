import { useEffect, useRef, useState } from 'react';
import { errorMessage, unwrap } from '../../api/problem';
import { Button, ButtonGroup, Textarea } from '../../components/govuk';
import { api } from '../api';
import { useEventMutation } from './eventsApi';
import type { Event } from './types';

/** Cancelling asks first, says what will happen, and takes an optional reason for the record. */
export function CancelEvent({ event, onCancelled }: { event: Event; onCancelled: () => void }) {
  const [asking, setAsking] = useState(false);
  return (
    <section aria-labelledby="cancel-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="cancel-heading">
        Cancel the event
      </h2>
      {asking ? (
        <Confirm event={event} onCancelled={onCancelled} onKeep={() => setAsking(false)} />
      ) : (
        <Button type="button" variant="warning" onClick={() => setAsking(true)}>
          Cancel this event
        </Button>
      )}
    </section>
  );
}

function Confirm({ event, onCancelled, onKeep }: { event: Event; onCancelled: () => void; onKeep: () => void }) {
  const [reason, setReason] = useState('');
  const warning = useRef<HTMLDivElement>(null);
  useEffect(() => warning.current?.focus(), []);
  const cancel = useEventMutation(event.id, async () =>
    unwrap(await api.POST('/api/v1/events/{event_id}/cancel', { params: { path: { event_id: event.id } }, body: { reason: reason.trim() } })),
  );
  return (
    <>
      <div className="govuk-warning-text" tabIndex={-1} ref={warning}>
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <div className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Everyone with a place or on the waiting list will be e-mailed that the event is cancelled, and every sign-up link will stop working. This cannot be undone.
        </div>
      </div>
      {cancel.error && <p className="govuk-error-message">{errorMessage(cancel.error)}</p>}
      <Textarea id="cancel_reason" label="Why is it cancelled? (optional)" hint="Recorded in the event’s history. It is not sent to practitioners." rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      <ButtonGroup>
        <Button type="button" variant="warning" disabled={cancel.isPending} onClick={() => cancel.mutateAsync(undefined).then(onCancelled, () => undefined)}>
          Cancel the event
        </Button>
        <Button type="button" variant="secondary" onClick={onKeep}>
          Keep the event
        </Button>
      </ButtonGroup>
    </>
  );
}
