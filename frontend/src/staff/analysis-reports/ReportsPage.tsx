import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/problem';
import { BackLink, NotificationBanner, Table } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { REPORT_STATES } from '../chronologies/labels';
import { RequestSubmissionsForm } from '../chronologies/RequestSubmissionsForm';
import { DueText, StateTag } from '../common/StatusTags';
import { useReview } from '../reviews/reviewApi';
import { useMe } from '../useMe';
import { reportsKey, useReports } from './reportApi';

/** A review's key event analysis reports: where each agency's has got, and asking agencies for theirs. */
export function ReportsPage() {
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  const reports = useReports(reviewId);
  const { data: me } = useMe();
  const client = useQueryClient();
  const [banner, setBanner] = useState<string>();
  const ask = useMutation({
    mutationFn: async (body: { agency_ids: string[]; due_date: string; note: string }) =>
      unwrap(await api.POST('/api/v1/reviews/{review_id}/analysis-reports', { params: { path: { review_id: reviewId } }, body })),
    onSuccess: (asked) => {
      setBanner(`${asked.length === 1 ? 'One agency has' : `${asked.length} agencies have`} been asked for a key event analysis report.`);
      void client.invalidateQueries({ queryKey: reportsKey(reviewId) });
    },
  });
  usePageTitle(review.data ? `Key event analysis reports: ${review.data.record.child_reference}` : 'Key event analysis reports');
  if (review.isPending || reports.isPending) return <Loading what="the key event analysis reports" />;
  if (review.error) return <LoadProblem error={review.error} what="review" />;
  if (reports.error) return <LoadProblem error={reports.error} what="key event analysis reports" />;
  const record = review.data.record;
  const asked = new Set(reports.data.map((r) => r.agency.id));
  const notAsked = record.agencies.filter((a) => !asked.has(a.id));
  const canAsk = Boolean(me?.permissions.includes('review_submissions:request')) && record.stage === 'agency_submissions' && notAsked.length > 0;
  return (
    <>
      <BackLink to={`/reviews/${reviewId}`}>Back to the review</BackLink>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <span className="govuk-caption-l">{record.child_reference}</span>
      <h1 className="govuk-heading-l">Key event analysis reports</h1>
      <p className="govuk-body">
        Each agency analyses the key events of its involvement and what it has learned (Appendix 4b). A report is signed by its author and signed off
        by a manager of the agency before it is submitted; until then only the agency sees it.
      </p>
      {reports.data.length === 0 ? (
        <p className="govuk-body">No agency has been asked for a report yet.</p>
      ) : (
        <Table
          caption="Reports asked for"
          columns={[{ header: 'Agency' }, { header: 'Status' }, { header: 'Due' }]}
          rows={reports.data.map((r) => ({
            key: r.id,
            cells: [
              <Link className="govuk-link" key="agency" to={`/reviews/${reviewId}/analysis-reports/${r.id}`}>
                {r.agency.name}
              </Link>,
              <StateTag key="state" state={REPORT_STATES[r.state]} />,
              <DueText key="due" due={r.due} />,
            ],
          }))}
        />
      )}
      {canAsk && (
        <section aria-labelledby="ask-heading">
          <h2 className="govuk-heading-m" id="ask-heading">
            Ask agencies for their reports
          </h2>
          <RequestSubmissionsForm things="key event analysis reports" agencies={notAsked} onSubmit={ask.mutateAsync} />
        </section>
      )}
    </>
  );
}
