import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/problem';
import { BackLink, NotificationBanner, Table } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { DueText, StateTag } from '../common/StatusTags';
import { useReview } from '../reviews/reviewApi';
import { useMe } from '../useMe';
import { chronologiesKey, useChronologies } from './chronologyApi';
import { SUBMISSION_STATES } from './labels';
import { RequestSubmissionsForm } from './RequestSubmissionsForm';

/** A review's agency chronologies: where each has got, the integrated chronology, and asking agencies for theirs. */
export function ChronologiesPage() {
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  const chronologies = useChronologies(reviewId);
  const { data: me } = useMe();
  const client = useQueryClient();
  const [banner, setBanner] = useState<string>();
  const ask = useMutation({
    mutationFn: async (body: { agency_ids: string[]; due_date: string; note: string }) =>
      unwrap(await api.POST('/api/v1/reviews/{review_id}/chronologies', { params: { path: { review_id: reviewId } }, body })),
    onSuccess: (asked) => {
      setBanner(`${asked.length === 1 ? 'One agency has' : `${asked.length} agencies have`} been asked for a chronology.`);
      void client.invalidateQueries({ queryKey: chronologiesKey(reviewId) });
    },
  });
  usePageTitle(review.data ? `Chronologies: ${review.data.record.child_reference}` : 'Chronologies');
  if (review.isPending || chronologies.isPending) return <Loading what="the chronologies" />;
  if (review.error) return <LoadProblem error={review.error} what="review" />;
  if (chronologies.error) return <LoadProblem error={chronologies.error} what="chronologies" />;
  const record = review.data.record;
  const list = chronologies.data;
  const asked = new Set(list.map((c) => c.agency.id));
  const notAsked = record.agencies.filter((a) => !asked.has(a.id));
  const canAsk = Boolean(me?.permissions.includes('review_submissions:request')) && record.stage === 'agency_submissions' && notAsked.length > 0;
  const readsIntegrated = Boolean(me?.permissions.includes('chronologies:read_integrated'));
  const submitted = list.filter((c) => c.state === 'submitted').length;
  return (
    <>
      <BackLink to={`/reviews/${reviewId}`}>Back to the review</BackLink>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <span className="govuk-caption-l">{record.child_reference}</span>
      <h1 className="govuk-heading-l">Agency chronologies</h1>
      <p className="govuk-body">
        Each agency involved lists the dated events of its involvement with the child and family (Appendix 4c). What an agency has not yet
        submitted is seen only by that agency.
      </p>
      {readsIntegrated && (
        <p className="govuk-body">
          <Link className="govuk-link govuk-!-font-weight-bold" to={`/reviews/${reviewId}/chronologies/integrated`}>
            Read the integrated chronology
          </Link>{' '}
          ({submitted} of {list.length} {list.length === 1 ? 'chronology' : 'chronologies'} submitted)
        </p>
      )}
      {list.length === 0 ? (
        <p className="govuk-body">No agency has been asked for a chronology yet.</p>
      ) : (
        <Table
          caption="Chronologies asked for"
          columns={[{ header: 'Agency' }, { header: 'Status' }, { header: 'Entries', numeric: true }, { header: 'Due' }]}
          rows={list.map((c) => ({
            key: c.id,
            cells: [
              <Link className="govuk-link" to={`/reviews/${reviewId}/chronologies/${c.id}`} key="agency">
                {c.agency.name}
              </Link>,
              <StateTag state={SUBMISSION_STATES[c.state]} key="state" />,
              c.draft_entry_count !== null && c.draft_entry_count !== undefined && c.state !== 'submitted'
                ? `${c.draft_entry_count} in draft`
                : String(c.submitted_entry_count),
              <DueText due={c.due} key="due" />,
            ],
          }))}
        />
      )}
      {canAsk && (
        <section aria-labelledby="ask-heading">
          <h2 className="govuk-heading-m" id="ask-heading">
            Ask agencies for their chronologies
          </h2>
          <RequestSubmissionsForm things="chronologies" agencies={notAsked} onSubmit={ask.mutateAsync} />
        </section>
      )}
    </>
  );
}
