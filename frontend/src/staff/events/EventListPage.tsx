import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import { ButtonLink, Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { StateTag } from '../common/StatusTags';
import { useMe } from '../useMe';
import './events.css';
import { EVENT_KINDS, eventStatus } from './labels';
import { formatTimes, londonToday } from './time';
import type { Event } from './types';

const PAGE = 100;

function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}

/** Upcoming events soonest first; past events most recent first (the last page of the API's date order). */
async function loadEvents(when: 'upcoming' | 'past', reviewId: string | undefined) {
  const today = londonToday();
  const query = { review_id: reviewId, ...(when === 'past' ? { date_to: dayBefore(today) } : { date_from: today }), limit: PAGE };
  const first = unwrap(await api.GET('/api/v1/events', { params: { query: { ...query, offset: 0 } } }));
  if (when === 'upcoming') return first;
  const last = first.total > PAGE ? unwrap(await api.GET('/api/v1/events', { params: { query: { ...query, offset: first.total - PAGE } } })) : first;
  return { ...last, items: [...last.items].reverse() };
}

export function EventListPage() {
  const [params] = useSearchParams();
  const when = params.get('when') === 'past' ? 'past' : 'upcoming';
  const reviewId = params.get('review_id') || undefined;
  usePageTitle(when === 'past' ? 'Past events' : 'Events');
  const { data: me } = useMe();
  const { data, error, isPending } = useQuery({
    queryKey: ['events', when, reviewId ?? null],
    queryFn: () => loadEvents(when, reviewId),
  });
  const linkTo = (w: string) => `/events?${new URLSearchParams({ ...(w === 'past' ? { when: w } : {}), ...(reviewId ? { review_id: reviewId } : {}) })}`;
  const forReview = reviewId && data?.items[0]?.child_reference;
  return (
    <>
      {forReview && <span className="govuk-caption-l">{forReview}</span>}
      <h1 className="govuk-heading-l">Practitioner events</h1>
      <p className="govuk-body">Learning events, de-briefs and author briefings. Practitioners sign up from a link, usually on their phone.</p>
      {me?.permissions.includes('events:manage') && <ButtonLink to={`/events/new${reviewId ? `?review_id=${reviewId}` : ''}`}>Schedule an event</ButtonLink>}
      <nav aria-label="Upcoming or past events">
        <ul className="app-events-subnav__list">
          {(['upcoming', 'past'] as const).map((w) => (
            <li key={w} className="govuk-body">
              <Link className={`govuk-link${w === when ? ' govuk-!-font-weight-bold govuk-link--no-visited-state' : ''}`} to={linkTo(w)} aria-current={w === when ? 'page' : undefined}>
                {w === 'past' ? 'Past events' : 'Upcoming events'}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {reviewId && (
        <p className="govuk-body">
          Showing the events of one review. <Link className="govuk-link" to={when === 'past' ? '/events?when=past' : '/events'}>Show every review’s events</Link>
        </p>
      )}
      {isPending && <Loading what="events" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">{when === 'past' ? 'There are no past events.' : 'There are no upcoming events.'}</p>}
      {data && data.items.length > 0 && (
        <Table
          caption={`${data.total} ${when} event${data.total === 1 ? '' : 's'}${data.total > data.items.length ? `, the ${data.items.length} most recent shown` : ''}`}
          columns={[{ header: 'Event' }, { header: 'Review' }, { header: 'Date' }, { header: 'Places taken' }, { header: 'Status' }]}
          rows={data.items.map((event) => ({ key: event.id, cells: row(event, me?.permissions.includes('reviews:read') ?? false) }))}
        />
      )}
    </>
  );
}

function row(event: Event, canSeeReview: boolean) {
  return [
    <>
      <Link className="govuk-link" to={`/events/${event.id}`}>
        {event.title}
      </Link>
      <span className="govuk-body-s app-secondary-text govuk-!-display-block govuk-!-margin-bottom-0">{EVENT_KINDS[event.kind].label}</span>
    </>,
    canSeeReview ? (
      <Link className="govuk-link" to={`/reviews/${event.review_id}`}>
        {event.child_reference}
      </Link>
    ) : (
      event.child_reference
    ),
    <>
      {formatDate(event.date, false)}
      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{formatTimes(event.start_time, event.end_time)}</span>
    </>,
    <>
      {event.confirmed} of {event.capacity}
      {event.waiting > 0 && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{event.waiting} waiting</span>}
    </>,
    <StateTag state={eventStatus(event)} />,
  ];
}
