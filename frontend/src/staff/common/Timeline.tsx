import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/problem';
import type { TimelineEntry } from '../../api/types';
import { Loading } from '../../components/layout/Loading';

function when(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));
}

/** "What happened", oldest first, from the record's audit trail. */
export function Timeline({ queryKey, load }: { queryKey: readonly unknown[]; load: () => Promise<TimelineEntry[]> }) {
  const { data, error, isPending } = useQuery({ queryKey: [...queryKey, 'timeline'], queryFn: load });
  return (
    <section aria-labelledby="timeline-heading" className="app-timeline">
      <h2 className="govuk-heading-m" id="timeline-heading">
        Timeline
      </h2>
      {isPending && <Loading what="the timeline" />}
      {error && <p className="govuk-error-message">{errorMessage(error)}</p>}
      {data && data.length === 0 && <p className="govuk-body">Nothing has happened yet.</p>}
      {data && data.length > 0 && (
        <ol className="govuk-list app-timeline__list">
          {data.map((entry, i) => (
            <li key={i} className="app-timeline__item">
              <p className="govuk-body govuk-!-margin-bottom-1">{entry.summary}</p>
              <p className="govuk-body-s app-secondary-text">
                {entry.actor_name}, <time dateTime={entry.occurred_at}>{when(entry.occurred_at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
