import { Link } from 'react-router';
import type { SignUpCreated } from '../api/types';
import { Panel } from '../components/govuk';
import { usePageTitle } from '../lib/usePageTitle';
import { EventSummary } from './EventDetails';
import { calendarHref } from './publicApi';

export function SignUpConfirmation({ created }: { created: SignUpCreated }) {
  const waiting = created.status === 'waiting_list';
  const title = waiting ? 'You are on the waiting list' : 'You are signed up';
  usePageTitle(title);
  const manage = `/sign-ups/${encodeURIComponent(created.manage_token)}`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title={title}>{created.event.title}</Panel>
        {created.flagged && (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              {created.flag_reason ?? 'The business office will be in touch about your place.'}
            </strong>
          </div>
        )}
        <h2 className="govuk-heading-m">What happens next</h2>
        {waiting ? (
          <p className="govuk-body">The event is full. If a place becomes available, the business office will offer it to the next person on the waiting list and tell you by email.</p>
        ) : (
          <p className="govuk-body">Your place is booked. Add the event to your calendar so you do not miss it.</p>
        )}
        <EventSummary event={created.event} attendance={created.attendance} />
        <p className="govuk-body">
          <a className="govuk-link" href={calendarHref(created.manage_token)} download="event.ics">
            Add to calendar
          </a>
        </p>
        <h2 className="govuk-heading-m">Change your details or cancel</h2>
        <p className="govuk-body">
          Keep this link. It is the only way to change your details or cancel, so do not share it.
        </p>
        <p className="govuk-body app-break-words">
          <Link className="govuk-link" to={manage}>
            Change your details or cancel your place
          </Link>
        </p>
        <p className="govuk-body app-break-words">
          The link’s address is {window.location.origin}
          {manage}
        </p>
      </div>
    </div>
  );
}
