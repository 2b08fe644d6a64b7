import { useState } from 'react';
import { errorMessage, unwrap } from '../../api/problem';
import { Button, ButtonGroup } from '../../components/govuk';
import { api } from '../api';
import { useEventMutation } from './eventsApi';
import { formatInstant } from './time';
import type { Event, OpenLink } from './types';

type Confirming = 'replace' | 'remove' | null;

/**
 * The event's open sign-up link. Only a hash of it is stored, so it can be shown only when it is made
 * (here, or when the event was scheduled); a lost link is replaced, and the old one stops working.
 */
export function OpenLinkPanel({ event, shown }: { event: Event; shown: OpenLink | null }) {
  const [link, setLink] = useState<OpenLink | null>(shown);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [status, setStatus] = useState('');
  // Keeps the closing time chosen for the old link, unless that time has passed.
  const keepsClosing = event.has_open_link && Date.parse(event.sign_up_expires_at) < Date.parse(event.ends_at) && Date.parse(event.sign_up_expires_at) > Date.now();
  const make = useEventMutation(event.id, async () =>
    unwrap(
      await api.POST('/api/v1/events/{event_id}/open-link', {
        params: { path: { event_id: event.id } },
        body: keepsClosing ? { expires_at: event.sign_up_expires_at } : {},
      }),
    ),
  );
  const remove = useEventMutation(event.id, async () => unwrap(await api.DELETE('/api/v1/events/{event_id}/open-link', { params: { path: { event_id: event.id } } })));
  const failed = make.error ?? remove.error;

  async function makeLink() {
    const made = await make.mutateAsync(undefined).catch(() => null);
    if (!made) return;
    setLink(made);
    setConfirming(null);
    setStatus('New sign-up link made. Any earlier link no longer works.');
  }

  async function removeLink() {
    if (!(await remove.mutateAsync(undefined).catch(() => null))) return;
    setLink(null);
    setConfirming(null);
    setStatus('The sign-up link no longer works. Only people who are invited or nominated can sign up.');
  }

  const offered = new Set(event.allowed_actions);
  return (
    <section aria-labelledby="link-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="link-heading">
        Sign-up link
      </h2>
      <p className="govuk-body" role="status">
        {status}
      </p>
      {failed && <p className="govuk-error-message">{errorMessage(failed)}</p>}
      {link ? (
        <ShownLink link={link} />
      ) : event.has_open_link ? (
        <p className="govuk-body">
          Anyone with the event’s link can sign up until {formatInstant(event.sign_up_expires_at)}. For security, a link is shown only when it is made. If you have lost it, or it has been shared too widely, make a new one.
        </p>
      ) : (
        <p className="govuk-body">There is no open sign-up link: only people who are invited or nominated can sign up.</p>
      )}
      {confirming === null && (
        <ButtonGroup>
          {offered.has('replace_open_link') && (
            <Button type="button" variant="secondary" onClick={() => (event.has_open_link ? setConfirming('replace') : void makeLink())} disabled={make.isPending}>
              {event.has_open_link ? 'Make a new link' : 'Make a sign-up link'}
            </Button>
          )}
          {offered.has('remove_open_link') && (
            <Button type="button" variant="secondary" onClick={() => setConfirming('remove')}>
              Stop the link working
            </Button>
          )}
        </ButtonGroup>
      )}
      {confirming && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {confirming === 'replace'
              ? 'The link you have already shared will stop working. People who signed up with it keep their places.'
              : 'Nobody will be able to sign up with the link. People who signed up with it keep their places.'}
          </div>
        </div>
      )}
      {confirming && (
        <ButtonGroup>
          <Button type="button" variant="warning" disabled={make.isPending || remove.isPending} onClick={() => void (confirming === 'replace' ? makeLink() : removeLink())}>
            {confirming === 'replace' ? 'Make a new link' : 'Stop the link working'}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(null)}>
            Keep the current link
          </Button>
        </ButtonGroup>
      )}
    </section>
  );
}

function ShownLink({ link }: { link: OpenLink }) {
  const [copied, setCopied] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('Link copied.');
    } catch {
      const input = document.getElementById('open-link') as HTMLInputElement | null;
      input?.focus();
      input?.select();
      setCopied('Your browser did not let us copy it: the link is selected, so copy it with your keyboard or menu.');
    }
  }
  return (
    <>
      <p className="govuk-body">
        Share this link with the practitioners you want to come, for example through the agencies’ safeguarding leads. It works until {formatInstant(link.expires_at)}.
      </p>
      <div className="govuk-inset-text">This is the only time the link is shown. Copy it before you leave this page.</div>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="open-link">
          The event’s sign-up link
        </label>
        <input className="govuk-input app-copy-link" id="open-link" type="text" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <Button type="button" onClick={() => void copy()}>
        Copy link
      </Button>
      <p className="govuk-body" role="status">
        {copied}
      </p>
    </>
  );
}
