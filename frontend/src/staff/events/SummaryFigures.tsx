import { Table } from '../../components/govuk';
import { errorMessage } from '../../api/problem';
import { useEventSummary } from './eventsApi';
import { hasStarted } from './labels';
import type { Event } from './types';

/** Invited, confirmed, waiting and attended, in total and by agency (an agency sees its own numbers). */
export function SummaryFigures({ event }: { event: Event }) {
  const { data, error } = useEventSummary(event.id);
  const started = hasStarted(event);
  const figures = data
    ? [
        { label: 'invited', n: data.totals.invited },
        { label: `confirmed, of ${data.capacity} places`, n: data.totals.confirmed },
        { label: 'on the waiting list', n: data.totals.waiting },
        ...(started ? [{ label: 'attended', n: data.totals.attended }] : []),
      ]
    : [];
  return (
    <section aria-labelledby="summary-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="summary-heading">
        Numbers
      </h2>
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && (
        <>
          <ul className="app-count-grid govuk-body">
            {figures.map((f) => (
              <li key={f.label}>
                <span className="govuk-!-font-size-36 govuk-!-font-weight-bold govuk-!-display-block">{f.n}</span> {f.label}
              </li>
            ))}
          </ul>
          {data.agencies.length > 0 && (
            <Table
              caption="By agency"
              captionSize="s"
              columns={[
                { header: 'Agency' },
                { header: 'Invited', numeric: true },
                { header: 'Confirmed', numeric: true },
                { header: 'Waiting', numeric: true },
                ...(started ? [{ header: 'Attended', numeric: true }] : []),
              ]}
              rows={[...data.agencies, data.totals].map((a, i) => ({
                key: `${a.agency_id ?? a.agency_name}-${i}`,
                cells: [a.agency_name, a.invited, a.confirmed, a.waiting, ...(started ? [a.attended] : [])],
              }))}
            />
          )}
        </>
      )}
    </section>
  );
}
