import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage, unwrap } from '../../api/problem';
import { editing, ifMatch, versioned, ifMatchParam } from '../../api/versioned';
import { BackLink, Button, ErrorSummary, Input, NotificationBanner, SummaryList } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { REPORT_STATES } from '../chronologies/labels';
import type { AnalysisReportContent } from '../chronologies/types';
import { ReasonsForm } from '../common/ReasonsForm';
import { DueText, StateTag } from '../common/StatusTags';
import { Timeline } from '../common/Timeline';
import { reportKey, useRefreshReport, useReport } from './reportApi';
import { ReportForm } from './ReportForm';
import { ReportView } from './ReportView';

/**
 * One agency's key event analysis report: the form for its authors, the sign-off for another manager of the agency,
 * what was submitted for the lead reviewer, and returning it for more work. Buttons come from `allowed_actions`.
 */
export function ReportPage() {
  const { reviewId = '', reportId = '' } = useParams();
  const { data, error, isPending } = useReport(reportId);
  const refresh = useRefreshReport(reportId, reviewId);
  const client = useQueryClient();
  const [banner, setBanner] = useState<string>();
  const path = { report_id: reportId };
  const after = (message: string) => () => {
    setBanner(message);
    refresh();
  };
  // Every step goes with the version read, so nobody signs or overwrites a colleague's newer draft unseen.
  // A saved draft is the version the next step goes with: kept at once, so a refused signing does not leave it stale.
  const save = async (body: AnalysisReportContent, etag: string | null) => {
    const saved = await editing('report', async () => versioned(await api.PUT('/api/v1/analysis-reports/{report_id}/draft', { params: { path, header: ifMatchParam(etag) }, body })));
    client.setQueryData(reportKey(reportId), saved);
    return saved;
  };
  const saveDraft = useMutation({ mutationFn: (body: AnalysisReportContent) => save(body, data?.etag ?? null), onSuccess: refresh });
  const sign = useMutation({
    mutationFn: async ({ body, signature }: { body: AnalysisReportContent; signature: string }) => {
      const saved = await save(body, data?.etag ?? null);
      return editing('report', async () =>
        versioned(await api.POST('/api/v1/analysis-reports/{report_id}/send-for-sign-off', { params: { path }, body: { signature }, headers: ifMatch(saved.etag) })),
      );
    },
    onSuccess: after('You have signed the report. It is waiting for an agency manager to sign it off.'),
  });
  const signOff = useMutation({
    mutationFn: async (signature: string) =>
      editing('report', async () => versioned(await api.POST('/api/v1/analysis-reports/{report_id}/sign-off', { params: { path }, body: { signature }, headers: ifMatch(data?.etag ?? null) }))),
    onSuccess: after('The report has been signed off and submitted to the review.'),
  });
  const reopen = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/analysis-reports/{report_id}/reopen', { params: { path } })),
    onSuccess: after('The report has been reopened for changes. The author’s signature has been withdrawn.'),
  });
  const giveBack = useMutation({
    mutationFn: async (reasons: string) => unwrap(await api.POST('/api/v1/analysis-reports/{report_id}/return', { params: { path }, body: { reasons } })),
    onSuccess: after('The report has been returned to the agency for more work.'),
  });
  usePageTitle(data ? `Key event analysis report: ${data.record.agency.name}` : 'Key event analysis report');
  if (isPending) return <Loading what="the report" />;
  if (error) return <LoadProblem error={error} what="key event analysis report" />;
  const report = data.record;
  const writing = report.allowed_actions.includes('save_draft');
  const awaiting = report.state === 'awaiting_sign_off';

  return (
    <>
      <BackLink to={`/reviews/${reviewId}/analysis-reports`}>All reports for this review</BackLink>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <span className="govuk-caption-l">Key event analysis report: {report.child_reference}</span>
      <h1 className="govuk-heading-l">{report.agency.name}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <StateTag state={REPORT_STATES[report.state]} /> },
          { key: 'Asked for', value: formatDate(report.requested_on, false) },
          { key: 'Due', value: <DueText due={report.due} /> },
          ...(report.note ? [{ key: 'What to focus on', value: <span className="app-pre-line">{report.note}</span> }] : []),
          ...(report.submitted_at
            ? [{ key: report.resubmitted ? 'Resubmitted' : 'Submitted', value: `${formatDateTime(report.submitted_at)}${report.submitted_by_name ? ` by ${report.submitted_by_name}` : ''}` }]
            : []),
        ]}
      />
      {report.state === 'returned' && report.return_reasons && (
        <div className="govuk-inset-text">
          <strong>Returned for more work:</strong> <span className="app-pre-line">{report.return_reasons}</span>
        </div>
      )}
      {writing && (
        <section aria-labelledby="report-heading">
          <h2 className="govuk-heading-l" id="report-heading">
            {report.revision ? 'Revise your report' : 'Your agency’s report'}
          </h2>
          <ReportForm
            key={`${report.id}:${report.revision}`}
            initial={report.draft ?? report.submission}
            onSaveDraft={saveDraft.mutateAsync}
            onSign={(body, signature) => sign.mutateAsync({ body, signature })}
          />
        </section>
      )}
      {awaiting && report.draft && (
        <section aria-labelledby="awaiting-heading">
          <h2 className="govuk-heading-m" id="awaiting-heading">
            The report waiting for sign-off
          </h2>
          <ReportView report={report.draft} signatures={report.signatures} />
        </section>
      )}
      {awaiting && !report.draft && <p className="govuk-body">The agency’s author has signed the report; it is waiting for an agency manager to sign it off.</p>}
      {report.allowed_actions.includes('sign_off') && <SignOffForm onSign={signOff.mutateAsync} />}
      {report.allowed_actions.includes('reopen') && (
        <p className="govuk-body">
          <Button variant="secondary" onClick={() => void reopen.mutateAsync().catch((e: unknown) => setBanner(errorMessage(e)))}>
            Reopen the report for changes
          </Button>
        </p>
      )}
      {!writing && !awaiting && report.submission && (
        <section aria-labelledby="submitted-heading">
          <h2 className="govuk-heading-m" id="submitted-heading">
            Submitted report
          </h2>
          <ReportView report={report.submission} signatures={report.submission.signatures} />
        </section>
      )}
      {!writing && !awaiting && !report.submission && <p className="govuk-body">The agency has not submitted its report yet.</p>}
      {report.allowed_actions.includes('return') && (
        <section aria-labelledby="return-heading">
          <h2 className="govuk-heading-m" id="return-heading">
            Return the report for more work
          </h2>
          <ReasonsForm id="return-reasons" label="What more is needed?" button="Return the report" variant="warning" onSubmit={giveBack.mutateAsync} />
        </section>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/reviews/${reviewId}/analysis-reports`}>
          All reports for this review
        </Link>
      </p>
      <Timeline queryKey={reportKey(reportId)} load={async () => unwrap(await api.GET('/api/v1/analysis-reports/{report_id}/timeline', { params: { path } }))} />
    </>
  );
}

/** An agency manager who did not write the report signs it off, which submits it to the review. */
function SignOffForm({ onSign }: { onSign: (signature: string) => Promise<unknown> }) {
  const [signature, setSignature] = useState('');
  const [problem, setProblem] = useState<{ message: string; onBox: boolean }>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (!signature.trim()) return setProblem({ message: 'Type your full name to sign off the report', onBox: true });
    setBusy(true);
    try {
      await onSign(signature.trim());
      setProblem(undefined);
    } catch (e) {
      const onBox = e instanceof ApiError && (e.problem.errors ?? []).some((x) => x.field === 'body.signature');
      setProblem({ message: errorMessage(e), onBox });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="sign-off-heading">
      <h2 className="govuk-heading-m" id="sign-off-heading">
        Sign off the report
      </h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={problem ? [{ fieldId: problem.onBox ? 'manager-signature' : undefined, message: problem.message }] : []} focusKey={attempt} />
        <p className="govuk-body">By signing off you confirm, as a manager of the agency, that the report is complete and accurate. It is then submitted to the review.</p>
        <Input
          id="manager-signature"
          label="Type your full name to sign off the report"
          autoComplete="name"
          error={problem?.onBox ? problem.message : undefined}
          value={signature}
          onChange={(e) => setSignature(e.target.value)}
        />
        <Button disabled={busy}>Sign off and submit the report</Button>
      </form>
    </section>
  );
}
