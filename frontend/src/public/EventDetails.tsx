import type { PublicEvent } from '../api/types';
import { SummaryList } from '../components/govuk';
import { formatDate, formatTime } from '../lib/format';

type Attendance = 'in_person' | 'online';

const ONLINE = 'Online (we will send you the link)';

function where(event: PublicEvent, attendance?: Attendance): string {
  if (attendance === 'online' && event.virtual_link) return ONLINE;
  if (attendance === 'in_person' && event.location) return event.location;
  const places = [event.location, event.virtual_link && ONLINE].filter(Boolean);
  return places.join(' or ') || 'To be confirmed';
}

/** When and where the event is: for someone signed up, the place they chose. */
export function EventSummary({ event, attendance }: { event: PublicEvent; attendance?: Attendance }) {
  return (
    <SummaryList
      rows={[
        { key: 'Date', value: formatDate(event.date) },
        { key: 'Time', value: `${formatTime(event.start_time)} to ${formatTime(event.end_time)} (UK time)` },
        { key: attendance ? 'Where you will attend' : 'Where', value: where(event, attendance) },
      ]}
    />
  );
}

/** The questions circulated in advance and the support note. */
export function EventPreparation({ event }: { event: PublicEvent }) {
  return (
    <>
      {event.questions.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Questions to think about before the event</h2>
          <ol className="govuk-list govuk-list--number">
            {event.questions.map((question, i) => (
              <li key={i}>{question}</li>
            ))}
          </ol>
        </>
      )}
      {event.support_note && (
        <>
          <h2 className="govuk-heading-m">Support</h2>
          <div className="govuk-inset-text">{event.support_note}</div>
        </>
      )}
    </>
  );
}
