import { SummaryList } from '../../components/govuk';
import { formatDate } from '../../lib/format';
import type { AnalysisReportContent, Signatures } from '../chronologies/types';
import '../chronologies/chronologies.css';

const BOXES = [
  ['analysis', 'In-depth analysis'],
  ['learning', 'Learning'],
  ['learning_addressed', 'How the learning has been addressed to date'],
  ['outstanding_action', 'Outstanding action'],
  ['evidence_of_impact', 'Evidence ‘so what’'],
] as const;

function signed(signature: { name: string; signed_on: string } | null | undefined): string {
  return signature ? `${signature.name}, ${formatDate(signature.signed_on, false)}` : 'Not signed';
}

/** A report as written: Section 1's names and signatures, then every key event's boxes. */
export function ReportView({ report, signatures, headingLevel = 3 }: { report: AnalysisReportContent; signatures?: Signatures | null; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  const text = (v: string | null | undefined) => <span className="app-pre-line">{v || 'Not given'}</span>;
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Author', value: `${report.author_name || 'Not given'}${report.author_role ? `, ${report.author_role}` : ''}` },
          { key: 'Agency manager', value: report.manager_name || 'Not given' },
          ...(signatures
            ? [
                { key: 'Author’s signature', value: signed(signatures.author) },
                { key: 'Agency manager’s signature', value: signed(signatures.manager) },
                ...(signatures.revision_author || signatures.revision_manager
                  ? [
                      { key: 'Revision: author’s signature', value: signed(signatures.revision_author) },
                      { key: 'Revision: agency manager’s signature', value: signed(signatures.revision_manager) },
                    ]
                  : []),
              ]
            : []),
        ]}
      />
      {(report.key_events ?? []).map((event, i) => (
        <section className="app-key-event" key={i} aria-labelledby={`key-event-${i}`}>
          <Heading className="govuk-heading-s" id={`key-event-${i}`}>
            Key event {i + 1}: {event.title || 'Untitled'}
            {event.date ? `, ${formatDate(event.date, false)}` : ''}
          </Heading>
          <SummaryList rows={BOXES.map(([name, label]) => ({ key: label, value: text(event[name]) }))} />
        </section>
      ))}
    </>
  );
}
