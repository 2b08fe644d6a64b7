import { useEffect, useRef, useState } from 'react';
import { errorMessage, unwrap } from '../../api/problem';
import { Button, ButtonGroup, Tag, Textarea, Table } from '../../components/govuk';
import { api } from '../api';
import { useAttendees, useEventMutation } from './eventsApi';
import { ATTENDANCE, hasStarted, SENIORITY, SUPPORT } from './labels';
import type { Event, SignUp } from './types';

/** Who has signed up, in the order they did, with what they need; a place is cancelled where the API offers it. */
export function AttendeesPanel({ event }: { event: Event }) {
  const { data, error } = useAttendees(event.id);
  const [cancelling, setCancelling] = useState<SignUp | null>(null);
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const started = hasStarted(event);
  const signUps = data?.sign_ups ?? [];
  const cancellable = (s: SignUp) => s.allowed_actions.includes('cancel');
  const canCancel = signUps.some(cancellable);
  const waiting = signUps.filter((s) => s.status === 'waiting_list').map((s) => s.id);
  // Only those who can act on a flagged place (by cancelling it) are asked to look at it.
  const flagged = signUps.filter((s) => s.flagged && cancellable(s));
  return (
    <section aria-labelledby="attendees-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="attendees-heading" tabIndex={-1} ref={heading}>
        Who is coming
      </h2>
      <p className="govuk-body" role="status">
        {status}
      </p>
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {flagged.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {flagged.length === 1 ? '1 sign-up needs' : `${flagged.length} sign-ups need`} a look: senior service managers who were not directly involved in the case. Their place is held until you speak to them.
          </div>
        </div>
      )}
      {data && signUps.length === 0 && <p className="govuk-body">Nobody has signed up yet.</p>}
      {signUps.length > 0 && (
        <Table
          wide
          caption={`${signUps.length} sign-up${signUps.length === 1 ? '' : 's'}`}
          captionSize="s"
          columns={[
            { header: 'Name' },
            { header: 'Agency' },
            { header: 'Place' },
            { header: 'Attending' },
            { header: 'Needs' },
            ...(started ? [{ header: 'Attended' }] : []),
            ...(canCancel ? [{ header: 'Action' }] : []),
          ]}
          rows={signUps.map((s) => ({
            key: s.id,
            cells: [
              <>
                {s.name}
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{[s.job_title, s.team].filter(Boolean).join(', ') || SENIORITY[s.seniority]}</span>
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{s.email}</span>
              </>,
              s.agency_name,
              <Place signUp={s} position={waiting.indexOf(s.id) + 1} />,
              ATTENDANCE[s.attendance],
              <Needs signUp={s} />,
              ...(started ? [s.attended === null ? 'Not recorded' : s.attended ? 'Yes' : 'No'] : []),
              ...(canCancel
                ? [
                    !cancellable(s) ? (
                      ''
                    ) : (
                      <Button type="button" variant="secondary" className="govuk-!-margin-bottom-0" onClick={() => setCancelling(s)}>
                        Cancel place<span className="govuk-visually-hidden"> of {s.name}</span>
                      </Button>
                    ),
                  ]
                : []),
            ],
          }))}
        />
      )}
      {cancelling && (
        <CancelPlace
          key={cancelling.id}
          event={event}
          signUp={cancelling}
          onClose={(message) => {
            setCancelling(null);
            if (message) setStatus(message);
            heading.current?.focus();
          }}
        />
      )}
    </section>
  );
}

function Place({ signUp, position }: { signUp: SignUp; position: number }) {
  if (signUp.status === 'cancelled') return <Tag colour="grey">Cancelled</Tag>;
  if (signUp.status === 'waiting_list') return <Tag colour="yellow">{`Waiting list: ${position}`}</Tag>;
  return <Tag colour="green">Confirmed</Tag>;
}

function Needs({ signUp }: { signUp: SignUp }) {
  const lines = [signUp.access_needs, SUPPORT[signUp.support]].filter(Boolean);
  return (
    <>
      {signUp.flagged && signUp.status !== 'cancelled' && (
        <strong className="govuk-tag govuk-tag--orange govuk-!-margin-bottom-1">Senior manager not involved</strong>
      )}
      {lines.length === 0 && !signUp.flagged ? 'None given' : lines.map((line, i) => <span key={i} className="govuk-!-display-block">{line}</span>)}
    </>
  );
}

/** Asks for a reason, then cancels; the first person waiting is offered the place. */
function CancelPlace({ event, signUp, onClose }: { event: Event; signUp: SignUp; onClose: (message?: string) => void }) {
  const [reason, setReason] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const cancel = useEventMutation(event.id, async () =>
    unwrap(
      await api.POST('/api/v1/events/{event_id}/sign-ups/{sign_up_id}/cancel', {
        params: { path: { event_id: event.id, sign_up_id: signUp.id } },
        body: { reason: reason.trim() },
      }),
    ),
  );
  return (
    <div className="govuk-!-margin-top-6">
      <h3 className="govuk-heading-s" tabIndex={-1} ref={heading}>
        Cancel {signUp.name}’s place
      </h3>
      <p className="govuk-body">
        {signUp.status === 'confirmed' ? 'The place is offered to the first person on the waiting list. ' : ''}
        {signUp.name} is not e-mailed about this, so let them know.
      </p>
      {cancel.error && <p className="govuk-error-message">{errorMessage(cancel.error)}</p>}
      <Textarea id="place_reason" label="Reason (optional)" hint="Recorded in the event’s history." rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      <ButtonGroup>
        <Button type="button" variant="warning" disabled={cancel.isPending} onClick={() => cancel.mutateAsync(undefined).then(() => onClose(`${signUp.name}’s place is cancelled.`), () => undefined)}>
          Cancel their place
        </Button>
        <Button type="button" variant="secondary" onClick={() => onClose()}>
          Keep their place
        </Button>
      </ButtonGroup>
    </div>
  );
}
