import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { Button, ErrorSummary, Input, NotificationBanner, Select, Table, Tag, Textarea } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { DOCUMENTS, useDraft, useOverviewReport, useSaveDraft, useShareVersion, useUploadDraft, type OverviewReport, type ReportDocument, type VersionSummary } from './reportApi';
import { ReportHeader } from './ReportHeader';

/** The overview report and executive summary: every version shared, the lead reviewer's draft, and a comparison of any two. */
export function OverviewReportPage() {
  const { reviewId = '' } = useParams();
  const { data, error, isPending } = useOverviewReport(reviewId);
  const [banner, setBanner] = useState<string>();
  usePageTitle('Overview report');
  if (isPending) return <Loading what="the overview report" />;
  if (error) return <LoadProblem error={error} what="overview report" />;
  const versions = data.documents.flatMap((d) => d.versions);
  return (
    <>
      <ReportHeader reviewId={reviewId} title="Overview report" current="overview-report" />
      {banner && <NotificationBanner type="success" heading={banner} />}
      {data.documents.map((document) => (
        <section key={document.document} aria-labelledby={`${document.document}-heading`} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id={`${document.document}-heading`}>
            {DOCUMENTS[document.document]}
          </h2>
          <VersionsTable reviewId={reviewId} versions={document.versions} document={document.document} />
          {data.allowed_actions.includes('save_draft') && <DraftEditor reviewId={reviewId} report={data} document={document.document} onDone={setBanner} />}
        </section>
      ))}
      {versions.length >= 2 && <CompareForm reviewId={reviewId} versions={versions} />}
    </>
  );
}

function VersionsTable({ reviewId, versions, document }: { reviewId: string; versions: VersionSummary[]; document: ReportDocument }) {
  if (versions.length === 0) return <p className="govuk-body">No version of the {DOCUMENTS[document].toLowerCase()} has been shared yet.</p>;
  return (
    <Table
      caption={`Versions of the ${DOCUMENTS[document].toLowerCase()}`}
      captionSize="s"
      columns={[{ header: 'Version' }, { header: 'Shared' }, { header: 'What changed' }, { header: 'Anonymisation' }, { header: 'Open comments', numeric: true }]}
      rows={[...versions].reverse().map((v) => ({
        key: v.id,
        cells: [
          <Link key="v" className="govuk-link" to={`/reviews/${reviewId}/overview-report/versions/${v.id}`}>
            Version {v.number}
          </Link>,
          `${formatDateTime(v.shared_at)}${v.shared_by ? ` by ${v.shared_by.name}` : ''}`,
          v.note || '—',
          v.unresolved_findings ? <Tag colour="red">{`${v.unresolved_findings} to resolve`}</Tag> : <Tag colour="green">No findings to resolve</Tag>,
          v.open_comments,
        ],
      }))}
    />
  );
}

/** The lead reviewer's working copy: typed, or a Word document's text; saved with the version read, then shared. */
function DraftEditor({ reviewId, report, document, onDone }: { reviewId: string; report: OverviewReport; document: ReportDocument; onDone: (message: string) => void }) {
  const draft = useDraft(reviewId, document, true);
  const save = useSaveDraft(reviewId, document);
  const upload = useUploadDraft(reviewId, document);
  const share = useShareVersion(reviewId);
  const name = DOCUMENTS[document].toLowerCase();
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<string>();
  if (draft.isPending) return <Loading what={`the draft ${name}`} />;
  const current = draft.data ?? null;
  const signOffBegun = report.documents.some((d) => d.versions.length > 0);
  const findings = current?.record.findings.filter((f) => !f.accepted).length ?? 0;
  return (
    <div className="govuk-!-margin-top-6">
      <h3 className="govuk-heading-s">Your draft {name}</h3>
      {current && (
        <p className="govuk-body">
          Last saved {formatDateTime(current.record.updated_at)}.{' '}
          {findings > 0 ? <Tag colour="red">{`${findings} anonymisation finding${findings === 1 ? '' : 's'}`}</Tag> : <Tag colour="green">No anonymisation findings</Tag>}
        </p>
      )}
      {current && findings > 0 && (
        <ul className="govuk-list govuk-list--bullet">
          {current.record.findings
            .filter((f) => !f.accepted)
            .map((f) => (
              <li key={`${f.start}-${f.key}`}>
                “{f.text}” in paragraph {f.paragraph}: {f.reason}
              </li>
            ))}
        </ul>
      )}
      <SimpleForm<{ text: string }>
        key={current?.etag ?? 'new'}
        fields={['text']}
        defaultValues={{ text: current?.record.text ?? '' }}
        button={`Save the draft ${name}`}
        onSubmit={async ({ text }) => {
          await save.mutateAsync({ text, etag: current?.etag ?? null });
          onDone(`The draft ${name} has been saved.`);
        }}
      >
        {({ register }, error) => (
          <Textarea id={`${document}-text`} label={`Text of the ${name}`} hint="Separate paragraphs with a blank line. Comments refer to paragraphs by number." rows={14} error={error('text')} {...register('text')} />
        )}
      </SimpleForm>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          setUploadError(undefined);
          if (!file) return setUploadError('Choose a Word document (.docx)');
          try {
            await upload.mutateAsync({ file, etag: current?.etag ?? null });
            onDone(`The Word document’s text is now the draft ${name}.`);
          } catch (e) {
            setUploadError(errorMessage(e));
          }
        }}
      >
        <ErrorSummary errors={uploadError ? [{ fieldId: `${document}-file`, message: uploadError }] : []} />
        <div className={`govuk-form-group${uploadError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor={`${document}-file`}>
            Or upload a Word document (.docx) as the draft
          </label>
          {uploadError && (
            <p className="govuk-error-message" id={`${document}-file-error`}>
              <span className="govuk-visually-hidden">Error:</span> {uploadError}
            </p>
          )}
          <input
            className={`govuk-file-upload${uploadError ? ' govuk-file-upload--error' : ''}`}
            id={`${document}-file`}
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-describedby={uploadError ? `${document}-file-error` : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <Button variant="secondary">Upload the document</Button>
      </form>
      {current && report.allowed_actions.includes('share_version') && (
        <SimpleForm<{ note: string; restart_reason: string }>
          fields={['note', 'restart_reason']}
          button={`Share as a new version`}
          onSubmit={async ({ note, restart_reason }) => {
            const shared = await share.mutateAsync({ document, note: note || null, restart_reason: restart_reason || null });
            onDone(`Version ${shared.number} of the ${name} has been shared with the review group.`);
          }}
        >
          {({ register }, error) => (
            <>
              <Input id={`${document}-note`} label="What changed (optional)" error={error('note')} {...register('note')} />
              {signOffBegun && (
                <Textarea id={`${document}-restart_reason`} label="If sign-off has begun: why a new version is needed" hint="A new version after a sign-off step restarts the sign-off from the review group’s agreement." rows={3} error={error('restart_reason')} {...register('restart_reason')} />
              )}
            </>
          )}
        </SimpleForm>
      )}
    </div>
  );
}

function CompareForm({ reviewId, versions }: { reviewId: string; versions: VersionSummary[] }) {
  const navigate = useNavigate();
  const options = versions.map((v) => ({ value: v.id, label: `${DOCUMENTS[v.document]}, version ${v.number}` }));
  const [left, setLeft] = useState(versions[versions.length - 2]?.id ?? '');
  const [right, setRight] = useState(versions[versions.length - 1]?.id ?? '');
  return (
    <section aria-labelledby="compare-heading">
      <h2 className="govuk-heading-m" id="compare-heading">
        Compare two versions
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void navigate(`/reviews/${reviewId}/overview-report/compare?left=${left}&right=${right}`);
        }}
      >
        <Select id="compare-left" label="Earlier version" options={options} value={left} onChange={(e) => setLeft(e.target.value)} />
        <Select id="compare-right" label="Later version" options={options} value={right} onChange={(e) => setRight(e.target.value)} />
        <Button variant="secondary">Compare</Button>
      </form>
    </section>
  );
}
