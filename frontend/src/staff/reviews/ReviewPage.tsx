import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/problem';
import type { Me, Review } from '../../api/types';
import { BackLink, NotificationBanner, SummaryList } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { caseRow } from '../cases/CaseLink';
import { DueText, StateTag } from '../common/StatusTags';
import { SectionNav } from '../common/SectionNav';
import { Timeline } from '../common/Timeline';
import { REVIEW_STAGES, REVIEW_TYPES } from '../labels';
import { useMe } from '../useMe';
import { reviewKey, useReview, useWorkingDaysLeft } from './reviewApi';
import { ReviewTaskList } from './ReviewTaskList';
import { REVIEW_SECTIONS } from './sections';
import { StageSteps } from './StageSteps';
import { LoadProblem } from '../../components/layout/LoadProblem';

/**
 * One review: its stage, six-month deadline, lead reviewer and agencies, what decided it, the task list of what is
 * done and outstanding at each stage (each task linking to its section), the next stage when it may be taken, and
 * its timeline.
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { data, error, isPending } = useReview(id);
  const { data: me } = useMe();
  const [banner, setBanner] = useState<string>();
  usePageTitle(data ? `Review for ${data.record.child_reference}` : 'Review');
  if (isPending) return <Loading what="the review" />;
  if (error) return <LoadProblem error={error} what="review" />;
  const review = data.record;
  return (
    <>
      <BackLink to="/reviews">All reviews</BackLink>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <span className="govuk-caption-l">{REVIEW_TYPES[review.kind]}</span>
      <h1 className="govuk-heading-l">{review.child_reference}</h1>
      <SectionNav label="Sections of this review" base={`/reviews/${id}`} sections={REVIEW_SECTIONS} current="" />
      <SummaryList
        rows={[
          { key: 'Stage', value: <StateTag state={REVIEW_STAGES[review.stage]} /> },
          { key: 'Decision to hold the review', value: formatDate(review.decided_on) },
          { key: 'Complete and publish by', value: <Deadline review={review} me={me} /> },
          { key: 'Lead reviewer', value: review.lead_reviewer?.name ?? 'Not commissioned yet' },
          { key: 'Agencies involved', value: review.agencies.map((a) => a.name).join(', ') || 'None yet' },
          ...source(review, me),
          ...caseRow(review.case_id, me),
        ]}
      />
      <StageSteps review={review} etag={data.etag} onMoved={setBanner} />
      <ReviewTaskList review={review} />
      <Timeline queryKey={reviewKey(id)} load={async () => unwrap(await api.GET('/api/v1/reviews/{review_id}/timeline', { params: { path: { review_id: id } } }))} />
    </>
  );
}

function Deadline({ review, me }: { review: Review; me: Me | undefined }) {
  const { data: days } = useWorkingDaysLeft(review, Boolean(me?.permissions.includes('deadlines:read')));
  if (!review.due) return <>Six months from the decision</>;
  return (
    <>
      <DueText due={review.due} />
      {review.due.status === 'open' && days !== undefined && (
        <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">{daysLeft(days)}</span>
      )}
    </>
  );
}

function daysLeft(days: number): string {
  const plural = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;
  if (days === 0) return 'Due today';
  return days > 0 ? `${plural(days)} left` : `${plural(-days)} overdue`;
}

/** The rapid review or referral that decided this review, linked for those who may open it. */
function source(review: Review, me: Me | undefined) {
  if (!review.source_id) return [];
  const kinds: Record<string, { key: string; text: string; href: string; permission: string }> = {
    rapid_review: { key: 'Decided by', text: 'The rapid review', href: `/rapid-reviews/${review.source_id}`, permission: 'rapid_reviews:read' },
    referral: { key: 'Decided by', text: 'The referral', href: `/referrals/${review.source_id}`, permission: 'referrals:read' },
  };
  const kind = review.source_type ? kinds[review.source_type] : undefined;
  if (!kind) return [];
  const value = me?.permissions.includes(kind.permission) ? (
    <Link className="govuk-link" to={kind.href}>
      {kind.text}
    </Link>
  ) : (
    kind.text
  );
  return [{ key: kind.key, value }];
}
