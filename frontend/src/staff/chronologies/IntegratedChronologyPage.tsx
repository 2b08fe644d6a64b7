import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { BackLink, Button, Input, Table } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { formatDate, formatTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { StateTag } from '../common/StatusTags';
import { downloadExport, useIntegratedChronology, type ExportFormat, type Filters } from './chronologyApi';
import { SUBMISSION_STATES, timeText } from './labels';
import type { DayGroup, Gap, IntegratedChronology } from './types';
import './chronologies.css';

const DEFAULT_GAP_DAYS = 30;

/** The filters as the URL holds them, so a filtered view can be bookmarked and shared. */
function filtersFrom(params: URLSearchParams): Filters {
  const gap = Number(params.get('gap') ?? DEFAULT_GAP_DAYS);
  return {
    agencyIds: params.getAll('agency'),
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    q: params.get('q') ?? undefined,
    gapDays: Number.isInteger(gap) && gap >= 1 && gap <= 3650 ? gap : DEFAULT_GAP_DAYS,
  };
}

function paramsFrom(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  filters.agencyIds.forEach((id) => params.append('agency', id));
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.q) params.set('q', filters.q);
  if (filters.gapDays !== DEFAULT_GAP_DAYS) params.set('gap', String(filters.gapDays));
  return params;
}

/**
 * Every agency's submitted entries in one timeline: day by day, several agencies' entries of a day together, and the
 * periods in which no agency recorded contact shown as gaps. Filters live in the URL; exports hold what is shown.
 */
export function IntegratedChronologyPage() {
  const { reviewId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const { data, error, isPending } = useIntegratedChronology(reviewId, filters);
  usePageTitle(data ? `Integrated chronology: ${data.child_reference}` : 'Integrated chronology');
  if (isPending) return <Loading what="the integrated chronology" />;
  if (error) return <LoadProblem error={error} what="integrated chronology" />;
  const filtered = params.toString() !== '';
  return (
    <>
      <BackLink to={`/reviews/${reviewId}/chronologies`}>All chronologies for this review</BackLink>
      <span className="govuk-caption-l">{data.child_reference}</span>
      <h1 className="govuk-heading-l">Integrated chronology</h1>
      <p className="govuk-body">
        Every agency’s submitted chronology merged into one timeline. Periods of more than {data.gap_days} days in which no agency recorded any contact are shown as gaps.
      </p>
      <Contributions chronology={data} />
      <FilterForm key={params.toString()} filters={filters} chronology={data} onApply={(next) => setParams(paramsFrom(next))} />
      {filtered && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/reviews/${reviewId}/chronologies/integrated`}>
            Clear the filters
          </Link>
        </p>
      )}
      <h2 className="govuk-heading-m">
        {data.total} {data.total === 1 ? 'entry' : 'entries'} on {data.days.length} {data.days.length === 1 ? 'day' : 'days'}
        {data.gaps.length ? `, ${data.gaps.length} ${data.gaps.length === 1 ? 'gap' : 'gaps'}` : ''}
      </h2>
      <Downloads reviewId={reviewId} filters={filters} />
      {data.days.length === 0 && <p className="govuk-body">No submitted entries match these filters.</p>}
      {data.days.map((day) => (
        <Day key={day.date} day={day} />
      ))}
    </>
  );
}

function Contributions({ chronology }: { chronology: IntegratedChronology }) {
  if (!chronology.contributions.length) return <p className="govuk-body">No agency has been asked for a chronology yet.</p>;
  return (
    <Table
      caption="What each agency has submitted"
      captionSize="s"
      columns={[{ header: 'Agency' }, { header: 'Status' }, { header: 'Entries merged', numeric: true }]}
      rows={chronology.contributions.map((c) => ({
        key: c.chronology_id,
        cells: [c.agency.name, <StateTag key="state" state={SUBMISSION_STATES[c.state as keyof typeof SUBMISSION_STATES] ?? SUBMISSION_STATES.draft} />, String(c.entries)],
      }))}
    />
  );
}

interface FilterProps {
  filters: Filters;
  chronology: IntegratedChronology;
  onApply: (filters: Filters) => void;
}

function FilterForm({ filters, chronology, onApply }: FilterProps) {
  const [agencies, setAgencies] = useState(filters.agencyIds);
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [q, setQ] = useState(filters.q ?? '');
  const [gap, setGap] = useState(String(filters.gapDays));
  const [gapError, setGapError] = useState<string>();
  function apply(event: FormEvent) {
    event.preventDefault();
    const days = Number(gap);
    if (!Number.isInteger(days) || days < 1 || days > 3650) return setGapError('Gap must be a whole number of days between 1 and 3650');
    setGapError(undefined);
    onApply({ agencyIds: agencies, from: from || undefined, to: to || undefined, q: q.trim() || undefined, gapDays: days });
  }
  const toggle = (id: string) => setAgencies((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  return (
    <form onSubmit={apply} noValidate className="app-filters" aria-label="Filter the chronology">
      <fieldset className="govuk-fieldset govuk-!-margin-bottom-4">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Agencies</legend>
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {chronology.contributions.map((c) => (
            <div className="govuk-checkboxes__item" key={c.agency.id}>
              <input className="govuk-checkboxes__input" id={`agency-${c.agency.id}`} type="checkbox" checked={agencies.includes(c.agency.id)} onChange={() => toggle(c.agency.id)} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`agency-${c.agency.id}`}>
                {c.agency.name}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="app-filters__row">
        <Input id="filter-from" type="date" label="From" widthClass="govuk-input--width-10" value={from} onChange={(e) => setFrom(e.target.value)} />
        <Input id="filter-to" type="date" label="To" widthClass="govuk-input--width-10" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <Input id="filter-q" label="Containing the words" hint="Searches what happened, its significance and the source" value={q} onChange={(e) => setQ(e.target.value)} />
      <Input id="filter-gap" label="Show a gap when no agency recorded contact for more than" hint="Days" inputMode="numeric" widthClass="govuk-input--width-4" error={gapError} value={gap} onChange={(e) => setGap(e.target.value)} />
      <Button variant="secondary">Apply filters</Button>
    </form>
  );
}

const FORMATS: [ExportFormat, string][] = [
  ['xlsx', 'Download as an Excel spreadsheet (.xlsx)'],
  ['csv', 'Download as CSV'],
  ['docx', 'Download as a Word document (.docx)'],
];

function Downloads({ reviewId, filters }: { reviewId: string; filters: Filters }) {
  const [error, setError] = useState<string>();
  const download = (format: ExportFormat) => {
    setError(undefined);
    downloadExport(reviewId, filters, format).catch((e: unknown) => setError(errorMessage(e)));
  };
  return (
    <div className="govuk-!-margin-bottom-4">
      {error && <p className="govuk-error-message">{error}</p>}
      <p className="govuk-body govuk-!-margin-bottom-1">Download what is shown:</p>
      <ul className="govuk-list">
        {FORMATS.map(([format, label]) => (
          <li key={format}>
            <button type="button" className="app-link-button" onClick={() => download(format)}>
              {label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function GapNotice({ gap }: { gap: Gap }) {
  return (
    <div className="govuk-warning-text app-chronology-gap">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Gap: </span>No agency recorded contact for {gap.days} days, from {formatDate(gap.starts_on, false)} to{' '}
        {formatDate(gap.ends_on, false)}
      </strong>
    </div>
  );
}

function Day({ day }: { day: DayGroup }) {
  const several = day.agencies.length > 1;
  const headingId = `day-${day.date}`;
  return (
    <>
      {day.gap_before && <GapNotice gap={day.gap_before} />}
      <section aria-labelledby={headingId} className={`app-chronology-day${several ? ' app-chronology-day--several' : ''}`}>
        <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={headingId}>
          {formatDate(day.date)}
        </h3>
        <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">
          {day.entries.length} {day.entries.length === 1 ? 'entry' : 'entries'}
          {several ? ` from ${day.agencies.length} agencies: ${day.agencies.map((a) => a.name).join(', ')}` : ` from ${day.agencies[0]?.name ?? ''}`}
        </p>
        <Table
          caption={<span className="govuk-visually-hidden">Entries of {formatDate(day.date)}</span>}
          captionSize="s"
          wide
          columns={[{ header: 'Time' }, { header: 'Agency' }, { header: 'Source' }, { header: 'What happened' }, { header: 'Significance' }]}
          rows={day.entries.map((entry) => ({
            key: entry.id,
            cells: [
              timeText(entry.occurred_time, formatTime),
              entry.agency.name,
              entry.source,
              <span className="app-pre-line" key="what">{entry.what_happened}</span>,
              <span className="app-pre-line" key="significance">{entry.significance}</span>,
            ],
          }))}
        />
      </section>
    </>
  );
}
