import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { Button, Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { BarChart } from './BarChart';
import { currentReportingYear, periodOf, ReportingYearFilter, yearLabel } from './ReportingYear';
import { download, useFigures, type Figures } from './reportsApi';

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${value}%`);

/** The learning tracker's figures as charts, each with a table of the same numbers, and the yearly report. */
export function FiguresPage() {
  usePageTitle('Learning figures');
  const [params] = useSearchParams();
  const period = periodOf(params);
  const { data, error, isPending } = useFigures({ period_from: period.from, period_to: period.to });
  const [downloadError, setDownloadError] = useState<string>();
  const reportYear = period.year ?? currentReportingYear();
  async function yearly() {
    setDownloadError(undefined);
    try {
      await download(`/api/v1/figures/yearly-report.docx?year=${reportYear}`, `learning-${reportYear}-${reportYear + 1}.docx`);
    } catch (e) {
      setDownloadError(errorMessage(e));
    }
  }
  return (
    <>
      <span className="govuk-caption-l">Learning reports</span>
      <h1 className="govuk-heading-l">Learning figures</h1>
      <p className="govuk-body">
        Actions completed, deadlines due and recommendations made in the chosen reporting year; open and overdue actions are as of today. On time and late are judged on the working-day
        calendar.
      </p>
      <ReportingYearFilter />
      <h2 className="govuk-heading-m">Yearly report</h2>
      <p className="govuk-body">These figures, the recurrent themes, repeated recommendations and dissemination of {yearLabel(reportYear)}, as a Word document for the partnership’s annual report.</p>
      {downloadError && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {downloadError}
        </p>
      )}
      <Button type="button" variant="secondary" onClick={() => void yearly()}>
        Download the yearly report for {yearLabel(reportYear)} (DOCX)
      </Button>
      {isPending && <Loading what="the figures" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && <FigureSections figures={data} />}
    </>
  );
}

function FigureSections({ figures }: { figures: Figures }) {
  const years = [...new Set(figures.themes_over_time.map((t) => t.year))].sort();
  const themes = [...new Set(figures.themes_over_time.map((t) => t.name))].sort();
  const count = (name: string, year: number) => figures.themes_over_time.find((t) => t.name === name && t.year === year)?.sources ?? 0;
  return (
    <>
      <section aria-labelledby="agencies-heading">
        <h2 className="govuk-heading-m" id="agencies-heading">
          Actions by agency
        </h2>
        {figures.agencies.length === 0 ? (
          <p className="govuk-body">No actions to count.</p>
        ) : (
          <>
            <BarChart
              series={[{ name: 'Completed on time' }, { name: 'Completed late' }, { name: 'Open and overdue' }, { name: 'Open, not yet due' }]}
              rows={figures.agencies.map((a) => ({ key: a.agency.id, label: a.agency.name, values: [a.completed_on_time, a.completed_late, a.overdue, a.open - a.overdue] }))}
            />
            <Table
              wide
              caption="Actions by agency, in numbers"
              captionSize="s"
              columns={[
                { header: 'Agency' },
                { header: 'Open', numeric: true },
                { header: 'Overdue', numeric: true },
                { header: 'Completed on time', numeric: true },
                { header: 'Completed late', numeric: true },
                { header: 'Completed with evidence of impact', numeric: true },
              ]}
              rows={figures.agencies.map((a) => ({
                key: a.agency.id,
                cells: [
                  <Link className="govuk-link" to={`/actions?agency_id=${a.agency.id}`}>
                    {a.agency.name}
                  </Link>,
                  a.open,
                  a.overdue,
                  a.completed_on_time,
                  a.completed_late,
                  percent(a.evidence_share),
                ],
              }))}
            />
          </>
        )}
      </section>
      <section aria-labelledby="reviews-heading">
        <h2 className="govuk-heading-m" id="reviews-heading">
          Progress on each review’s actions
        </h2>
        {figures.sources.length === 0 ? (
          <p className="govuk-body">No actions to count.</p>
        ) : (
          <>
            <BarChart series={[{ name: 'Percentage complete' }]} max={100} rows={figures.sources.map((s) => ({ key: s.key, label: s.label, values: [s.percent_complete] }))} />
            <Table
              wide
              caption="Actions complete by review"
              captionSize="s"
              columns={[{ header: 'Review' }, { header: 'Actions', numeric: true }, { header: 'Complete', numeric: true }, { header: 'Percentage complete', numeric: true }]}
              rows={figures.sources.map((s) => ({ key: s.key, cells: [s.label, s.actions, s.complete, percent(s.percent_complete)] }))}
            />
          </>
        )}
      </section>
      {figures.timeliness.length > 0 && (
        <section aria-labelledby="timeliness-heading">
          <h2 className="govuk-heading-m" id="timeliness-heading">
            Timeliness
          </h2>
          <BarChart
            series={[{ name: 'Met on time' }, { name: 'Met late' }, { name: 'Open and overdue' }]}
            rows={figures.timeliness.map((t) => ({ key: t.kind, label: t.label, values: [t.on_time, t.late, t.overdue_open] }))}
          />
          <Table
            caption="Deadlines met on time and late"
            captionSize="s"
            columns={[{ header: 'Deadline' }, { header: 'Met on time', numeric: true }, { header: 'Met late', numeric: true }, { header: 'Open and overdue', numeric: true }, { header: 'On time', numeric: true }]}
            rows={figures.timeliness.map((t) => ({ key: t.kind, cells: [t.label, t.on_time, t.late, t.overdue_open, percent(t.percent_on_time)] }))}
          />
        </section>
      )}
      <section aria-labelledby="themes-heading">
        <h2 className="govuk-heading-m" id="themes-heading">
          Recurrent themes over time
        </h2>
        <p className="govuk-body">
          How many reviews raised each theme in each reporting year. <Link className="govuk-link" to="/learning/recurrent-themes">See which reviews</Link>.
        </p>
        {themes.length === 0 ? (
          <p className="govuk-body">No recommendations tagged with a theme.</p>
        ) : (
          <Table
            wide
            caption="Reviews raising each theme, by reporting year"
            captionSize="s"
            columns={[{ header: 'Theme' }, ...years.map((y) => ({ header: `${y} to ${String(y + 1).slice(2)}`, numeric: true }))]}
            rows={themes.map((name) => ({ key: name, cells: [name, ...years.map((y) => count(name, y))] }))}
          />
        )}
      </section>
    </>
  );
}
