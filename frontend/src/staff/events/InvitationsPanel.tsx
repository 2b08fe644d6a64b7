import { useState } from 'react';
import { errorMessage, unwrap } from '../../api/problem';
import { Button, Input, Tag, Textarea, Table } from '../../components/govuk';
import { ErrorMessage } from '../../components/govuk/ErrorMessage';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { Details } from '../common/Details';
import { useAgencies } from '../notifications/useAgencies';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useEventMutation, useInvitations } from './eventsApi';
import { londonParts } from './time';
import type { Event, Invitation, InvitationCreate } from './types';

/**
 * Nominations and invitations: each person gets a personal sign-up link by e-mail. The business office is offered
 * `invite` (anyone, of any agency or none); an agency's leads `nominate` (their own agency's practitioners).
 */
export function InvitationsPanel({ event }: { event: Event }) {
  const businessOffice = event.allowed_actions.includes('invite');
  const canInvite = businessOffice || event.allowed_actions.includes('nominate');
  const { data, error } = useInvitations(event.id);
  const revocable = (data ?? []).some((inv) => inv.allowed_actions.includes('revoke'));
  const [status, setStatus] = useState('');
  const revoke = useEventMutation(event.id, async (invitation: Invitation) =>
    unwrap(
      await api.POST('/api/v1/events/{event_id}/invitations/{invitation_id}/revoke', {
        params: { path: { event_id: event.id, invitation_id: invitation.id } },
      }),
    ),
  );
  const noun = businessOffice ? 'Invitations' : 'Nominations';
  return (
    <section aria-labelledby="invitations-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="invitations-heading">
        {noun}
      </h2>
      <p className="govuk-body">
        Agencies nominate the frontline practitioners who worked with the child or family. Senior service managers who were not directly involved are asked not to attend, so that practitioners can speak openly.
      </p>
      <p className="govuk-body" role="status">
        {status}
      </p>
      {revoke.error && <p className="govuk-error-message">{errorMessage(revoke.error)}</p>}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.length === 0 && <p className="govuk-body">Nobody has been {businessOffice ? 'invited' : 'nominated'} yet.</p>}
      {data && data.length > 0 && (
        <Table
          wide
          caption={`${data.length} ${data.length === 1 ? 'person' : 'people'} invited or nominated`}
          captionSize="s"
          columns={[{ header: 'Name' }, { header: 'Agency' }, { header: 'Invited by' }, { header: 'Status' }, ...(revocable ? [{ header: 'Action' }] : [])]}
          rows={data.map((inv) => ({
            key: inv.id,
            cells: [
              <>
                {inv.name}
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{inv.email}</span>
                {inv.job_title && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{[inv.job_title, inv.team].filter(Boolean).join(', ')}</span>}
              </>,
              inv.agency_name ?? 'No agency',
              `${inv.invited_by_name}, ${formatDate(londonParts(inv.created_at).date, false)}`,
              inv.revoked_at ? <Tag colour="grey">Revoked</Tag> : inv.signed_up ? <Tag colour="green">Signed up</Tag> : <Tag colour="blue">Invited</Tag>,
              ...(revocable
                ? [
                    !inv.allowed_actions.includes('revoke') ? (
                      ''
                    ) : (
                      <Button
                        type="button"
                        variant="secondary"
                        className="govuk-!-margin-bottom-0"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutateAsync(inv).then(() => setStatus(`${inv.name}’s invitation is revoked: their link no longer works.`), () => undefined)}
                      >
                        Revoke<span className="govuk-visually-hidden"> {inv.name}’s invitation</span>
                      </Button>
                    ),
                  ]
                : []),
            ],
          }))}
        />
      )}
      {canInvite && <InviteForm event={event} businessOffice={businessOffice} />}
    </section>
  );
}

interface Values {
  name: string;
  email: string;
  job_title: string;
  team: string;
  involvement: string;
  agency_id: string;
}
const FIELDS = ['name', 'email', 'job_title', 'team', 'involvement', 'agency_id'] as const;
const EMPTY: Values = { name: '', email: '', job_title: '', team: '', involvement: '', agency_id: '' };

function InviteForm({ event, businessOffice }: { event: Event; businessOffice: boolean }) {
  const invite = useEventMutation(event.id, async (v: Values) => {
    const body: InvitationCreate = { name: v.name, email: v.email.trim(), job_title: v.job_title, team: v.team, involvement: v.involvement, agency_id: v.agency_id || null };
    return unwrap(await api.POST('/api/v1/events/{event_id}/invitations', { params: { path: { event_id: event.id } }, body }));
  });
  const sent = invite.data;
  return (
    <>
      <h3 className="govuk-heading-s">{businessOffice ? 'Invite someone' : 'Nominate a practitioner from your agency'}</h3>
      {sent && (
        <div className="govuk-inset-text" role="status">
          <p className="govuk-body">
            Invitation e-mailed to {sent.name} at <span className="app-copy-link">{sent.email}</span>.
          </p>
          <Details summary={`If the e-mail does not reach ${sent.name}`}>
            <p className="govuk-body">Send them their personal sign-up link another way. It is shown only now.</p>
            <p className="govuk-body app-copy-link">{sent.sign_up_url}</p>
          </Details>
        </div>
      )}
      <SimpleForm<Values> fields={FIELDS} defaultValues={EMPTY} button={businessOffice ? 'Send invitation' : 'Send nomination'} onSubmit={invite.mutateAsync} onDone={(f) => f.reset(EMPTY)}>
        {({ register }, error) => (
          <>
            <Input id="name" label="Full name" autoComplete="off" error={error('name')} {...register('name', { validate: (s) => (s.trim() ? true : 'Enter the person’s full name') })} />
            <Input id="email" type="email" label="Email address" hint="Their personal sign-up link is sent here." spellCheck={false} autoComplete="off" error={error('email')} {...register('email', { validate: (s) => (/^\S+@\S+\.\S+$/.test(s.trim()) ? true : s.trim() ? 'Enter an email address in the correct format, like name@example.org' : 'Enter the person’s email address') })} />
            <Input id="job_title" label="Job title (optional)" error={error('job_title')} {...register('job_title')} />
            <Input id="team" label="Team (optional)" error={error('team')} {...register('team')} />
            <Textarea id="involvement" label="How were they involved with the child or family? (optional)" rows={3} error={error('involvement')} {...register('involvement')} />
            {businessOffice && <AgencySelect error={error('agency_id')} registration={register('agency_id')} />}
          </>
        )}
      </SimpleForm>
    </>
  );
}

function AgencySelect({ error, registration }: { error?: string; registration: React.ComponentProps<'select'> }) {
  const { data: agencies } = useAgencies();
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor="agency_id">
        Agency
      </label>
      {error && <ErrorMessage id="agency_id-error" message={error} />}
      <select className={`govuk-select${error ? ' govuk-select--error' : ''}`} id="agency_id" aria-describedby={error ? 'agency_id-error' : undefined} {...registration}>
        <option value="">No agency (for example, the officer in charge of a criminal case)</option>
        {agencies?.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}
