import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { BackLink, NotificationBanner, SummaryList } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { StateTag } from '../common/StatusTags';
import { useMe } from '../useMe';
import { AttendanceForm } from './AttendanceForm';
import { AttendeesPanel } from './AttendeesPanel';
import { CancelEvent } from './CancelEvent';
import './events.css';
import { useEvent } from './eventsApi';
import { InvitationsPanel } from './InvitationsPanel';
import { EVENT_KINDS, eventStatus } from './labels';
import { OpenLinkPanel } from './OpenLinkPanel';
import { SummaryFigures } from './SummaryFigures';
import { formatInstant, formatTimes } from './time';
import type { Event, OpenLink } from './types';
import { LoadProblem } from '../../components/layout/LoadProblem';

/** One event: its details, how people sign up, who is invited and coming, who came, and the numbers. */
export function EventPage() {
  const { id = '' } = useParams();
  const state = useLocation().state as { banner?: string; openLink?: OpenLink | null } | null;
  const [banner, setBanner] = useState(state?.banner);
  const { data, error, isPending } = useEvent(id);
  const { data: me } = useMe();
  usePageTitle(data ? data.record.title : 'Event');
  if (isPending) return <Loading what="the event" />;
  if (error) return <LoadProblem error={error} what="event" />;
  const event = data.record;
  // Every button comes from what the API offers this person now (backend/events/policy.py).
  const offered = new Set(event.allowed_actions);
  return (
    <>
      <BackLink to="/events">All events</BackLink>
      {banner && <NotificationBanner key={banner} type="success" heading={banner} />}
      <span className="govuk-caption-l">{EVENT_KINDS[event.kind].label}</span>
      <h1 className="govuk-heading-l">{event.title}</h1>
      <Details event={event} linkReview={me?.permissions.includes('reviews:read') ?? false} />
      {offered.has('edit') && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/events/${event.id}/edit`}>
            Change the event’s details
          </Link>
        </p>
      )}
      {offered.has('replace_open_link') && <OpenLinkPanel event={event} shown={state?.openLink ?? null} />}
      <InvitationsPanel event={event} />
      <AttendeesPanel event={event} />
      {offered.has('mark_attendance') && <AttendanceForm event={event} />}
      <SummaryFigures event={event} />
      {offered.has('cancel') && <CancelEvent event={event} onCancelled={() => setBanner('Event cancelled. Everyone with a place has been e-mailed.')} />}
    </>
  );
}

function Details({ event, linkReview }: { event: Event; linkReview: boolean }) {
  return (
    <SummaryList
      rows={[
        { key: 'Status', value: <StateTag state={eventStatus(event)} /> },
        {
          key: 'Review',
          value: linkReview ? (
            <Link className="govuk-link" to={`/reviews/${event.review_id}`}>
              {event.child_reference}
            </Link>
          ) : (
            event.child_reference
          ),
        },
        { key: 'Date', value: formatDate(event.date) },
        { key: 'Time', value: formatTimes(event.start_time, event.end_time) },
        { key: 'Where', value: <Where event={event} /> },
        {
          key: 'Places',
          value: `${event.confirmed} of ${event.capacity} taken${event.waiting ? `, ${event.waiting} on the waiting list` : `, ${event.places_left} left`}`,
        },
        { key: 'Sign-up', value: event.sign_up_open && event.status === 'scheduled' ? 'Open' : 'Closed' },
        { key: 'Open sign-up link', value: event.has_open_link ? `Works until ${formatInstant(event.sign_up_expires_at)}` : 'None: invitation only' },
        {
          key: 'Questions to think about',
          value: event.questions.length ? (
            <ol className="govuk-list govuk-list--number">
              {event.questions.map((q, i) => (
                <li key={i}>{q}</li>
              ))}
            </ol>
          ) : (
            'None'
          ),
        },
        { key: 'Support for practitioners', value: event.support_note ? <span className="app-pre-line">{event.support_note}</span> : 'None given' },
      ]}
    />
  );
}

function Where({ event }: { event: Event }) {
  return (
    <>
      {event.location && <p className="govuk-body govuk-!-margin-bottom-1">In person: {event.location}</p>}
      {event.virtual_link && (
        <p className="govuk-body govuk-!-margin-bottom-0 app-copy-link">
          Online:{' '}
          <a className="govuk-link" href={event.virtual_link} rel="noreferrer noopener" target="_blank">
            {event.virtual_link} (opens in new tab)
          </a>
        </p>
      )}
    </>
  );
}
