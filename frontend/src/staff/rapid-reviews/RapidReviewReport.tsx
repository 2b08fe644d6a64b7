import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import type { RapidReviewReport } from '../../api/types';
import { Button, ButtonGroup, SummaryList, Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { Details } from '../common/Details';
import { download } from '../learning/reportsApi';
import { rapidKey } from './rapidApi';
import { RapidReviewSectionNav } from './RapidReviewSection';

type Section = RapidReviewReport['sections'][number];
type Finding = RapidReviewReport['findings'][number];
type Format = 'docx' | 'pdf';

const FORMATS: Record<Format, string> = { docx: 'Download the report (Word)', pdf: 'Download the report (PDF)' };

/** Who may read the report: the roles that read across agencies (it holds every agency's response). */
export const REPORT_PERMISSION = 'rapid_reviews:report';

/** The rapid review report the National Panel receives: previewed section by section, then downloaded. */
export function RapidReviewReportPage() {
  const { id = '' } = useParams();
  const { data: report, error, isPending } = useQuery({
    queryKey: [...rapidKey(id), 'report'],
    queryFn: async () => unwrap(await api.GET('/api/v1/rapid-reviews/{rapid_review_id}/report', { params: { path: { rapid_review_id: id } } })),
  });
  usePageTitle(report ? `Rapid review report – ${report.child_reference}` : 'Rapid review report');
  if (isPending) return <Loading what="the rapid review report" />;
  if (error) return <LoadProblem error={error} what="rapid review report" />;
  const identifiers = report.findings.filter((f) => f.severity === 'identifier');
  const warnings = report.findings.filter((f) => f.severity !== 'identifier');
  return (
    <>
      <span className="govuk-caption-l">{report.child_reference}</span>
      <h1 className="govuk-heading-l">Rapid review report</h1>
      <RapidReviewSectionNav id={id} current="report" />
      <p className="govuk-body">
        The report the National Panel receives, generated from the rapid review’s records in the Panel’s structure. The child is referred to only as {report.child_reference}.
      </p>
      {identifiers.length > 0 && <Identifying findings={identifiers} refusal={report.download_refused} />}
      {report.sections_to_complete.length > 0 && <ToComplete sections={report.sections.filter((s) => s.to_complete)} />}
      <Downloads id={id} reference={report.child_reference} refusal={report.download_refused} />
      {warnings.length > 0 && (
        <Details summary={`${warnings.length} possible jigsaw identification${warnings.length === 1 ? '' : 's'} to check`}>
          <p className="govuk-body">Harmless alone, these could identify the child together with other details. They do not stop the download.</p>
          <FindingsTable findings={warnings} caption="Details to check" />
        </Details>
      )}
      <h2 className="govuk-heading-m">Contents</h2>
      <ol className="govuk-list govuk-list--number">
        {report.sections.map((s) => (
          <li key={s.key}>
            <a className="govuk-link" href={`#section-${s.key}`}>
              {s.heading}
            </a>
          </li>
        ))}
      </ol>
      {report.sections.map((section) => (
        <ReportSection key={section.key} section={section} />
      ))}
    </>
  );
}

function Identifying({ findings, refusal }: { findings: Finding[]; refusal: string | null }) {
  return (
    <div className="govuk-error-summary" aria-labelledby="identifying-title" role="region">
      <h2 className="govuk-error-summary__title" id="identifying-title">
        The report identifies the child
      </h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{refusal}</p>
        <ul className="govuk-list govuk-error-summary__list">
          {findings.map((f, i) => (
            <li key={i}>
              <a href={`#section-${f.section}`}>{`${where(f)}: ${f.reason}${f.text ? ` (“${f.text}”)` : ''}`}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function ToComplete({ sections }: { sections: Section[] }) {
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-s">
        {sections.length} section{sections.length === 1 ? ' is' : 's are'} still to be completed
      </h2>
      <ul className="govuk-list govuk-list--bullet">
        {sections.map((s) => (
          <li key={s.key}>
            <a className="govuk-link" href={`#section-${s.key}`}>
              {s.heading}
            </a>
          </li>
        ))}
      </ul>
      <p className="govuk-body govuk-!-margin-bottom-0">You can still download the report: these sections say what is to be completed.</p>
    </div>
  );
}

function where(f: Finding): string {
  return [f.section_heading, f.part, f.field].filter(Boolean).join(', ');
}

function FindingsTable({ findings, caption }: { findings: Finding[]; caption: string }) {
  return (
    <Table
      caption={caption}
      captionSize="s"
      columns={[{ header: 'Section' }, { header: 'Where' }, { header: 'What was found' }]}
      rows={findings.map((f, i) => ({
        key: String(i),
        cells: [f.section_heading, [f.part, f.field].filter(Boolean).join(', ') || 'The section’s text', `${f.reason}${f.text ? ` (“${f.text}”)` : ''}`],
      }))}
    />
  );
}

/** The downloads need the staff token, so they are fetched and handed to the browser as a file. */
function Downloads({ id, reference, refusal }: { id: string; reference: string; refusal: string | null }) {
  const [error, setError] = useState<string>();
  async function save(format: Format) {
    setError(undefined);
    try {
      const slug = reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
      await download(`/api/v1/rapid-reviews/${id}/report.${format}`, `rapid-review-report-${slug}.${format}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <section aria-labelledby="download-heading">
      <h2 className="govuk-heading-m" id="download-heading">
        Download
      </h2>
      {refusal && (
        <p className="govuk-hint" id="download-refused">
          You cannot download the report until the records it comes from are corrected: it identifies the child.
        </p>
      )}
      {error && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <ButtonGroup>
        {(Object.keys(FORMATS) as Format[]).map((format) => (
          <Button
            key={format}
            type="button"
            variant="secondary"
            disabled={Boolean(refusal)}
            aria-disabled={Boolean(refusal)}
            aria-describedby={refusal ? 'download-refused' : undefined}
            onClick={() => void save(format)}
          >
            {FORMATS[format]}
          </Button>
        ))}
      </ButtonGroup>
      <p className="govuk-body">
        The date the report went to the Panel is recorded on the <Link className="govuk-link" to={`/rapid-reviews/${id}`}>rapid review</Link>.
      </p>
    </section>
  );
}

function ReportSection({ section }: { section: Section }) {
  return (
    <section aria-labelledby={`section-${section.key}`} className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id={`section-${section.key}`}>
        {section.number}. {section.heading}
      </h2>
      {section.to_complete && (
        <p className="govuk-body">
          <strong className="govuk-tag govuk-tag--yellow">To complete</strong> {section.to_complete}
        </p>
      )}
      {section.parts.map((part, i) => {
        const labelled = part.entries.filter((e) => e.label);
        return (
          <div key={i}>
            {part.heading && <h3 className="govuk-heading-s">{part.heading}</h3>}
            {part.entries
              .filter((e) => !e.label)
              .map((e, j) => (
                <p className="govuk-body app-pre-line" key={j}>
                  {e.text}
                </p>
              ))}
            {labelled.length > 0 && <SummaryList rows={labelled.map((e) => ({ key: e.label, value: <span className="app-pre-line">{e.text}</span> }))} />}
          </div>
        );
      })}
    </section>
  );
}
