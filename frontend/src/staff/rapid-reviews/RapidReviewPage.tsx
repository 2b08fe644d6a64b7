import { Link, Navigate, useLocation, useParams } from 'react-router';
import type { RapidReview } from '../../api/types';
import { SummaryList } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { caseRow } from '../cases/CaseLink';
import { DueText, StateTag } from '../common/StatusTags';
import { RAPID_RECOMMENDATIONS, RAPID_REVIEW_STATES } from '../labels';
import { useMe } from '../useMe';
import { NextSteps } from './NextSteps';
import { PanelTimeliness } from './PanelTimeliness';
import { useRapidRequests, useRapidReview } from './rapidApi';
import { RapidReviewHeader, useRapidReviewTitle } from './RapidReviewSection';
import { sectionForAnchor, sectionPath } from './sections';

/**
 * A rapid review's overview: where it is, its key dates, and what the caller may do next, each step linking to the
 * section where it is taken. The requests, meeting, actions, decision, Panel, comments, briefing and timeline are
 * sections of their own (sections.tsx), reached by the sub-navigation.
 */
export function RapidReviewPage() {
  const { id = '' } = useParams();
  const { hash } = useLocation();
  const { data: review, error, isPending } = useRapidReview(id);
  useRapidReviewTitle(review, '');
  // A link into the one-page workspace this replaced (`#meeting-heading`) opens the section that part became.
  const old = sectionForAnchor(decodeURIComponent(hash.slice(1)));
  if (old) return <Navigate replace to={sectionPath(id, old.section)} />;
  if (isPending) return <Loading what="the rapid review" />;
  if (error) return <LoadProblem error={error} what="rapid review" />;
  return (
    <>
      <RapidReviewHeader review={review} current="" />
      <h2 className="govuk-heading-m">Where the rapid review is</h2>
      <KeyFacts review={review} />
      <NextSteps review={review} />
    </>
  );
}

/** The rapid review's state and key dates, in the order of the process. */
function KeyFacts({ review }: { review: RapidReview }) {
  const { data: me } = useMe();
  const { data: requests } = useRapidRequests(review.id);
  const answered = requests?.items.filter((r) => r.state === 'submitted').length ?? 0;
  const actionsOpen = review.immediate_actions.filter((a) => !a.completed_on).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <SummaryList
      rows={[
        { key: 'Status', value: <StateTag state={RAPID_REVIEW_STATES[review.state]} /> },
        { key: 'Opened', value: formatDate(review.opened_on) },
        ...(review.notification_id
          ? [{ key: 'Notification', value: <Link className="govuk-link" to={`/incident-notifications/${review.notification_id}`}>Serious incident notification</Link> }]
          : []),
        ...(review.referral_id
          ? [
              {
                key: 'Came from',
                value: (
                  <>
                    The safeguarding partners’ <Link className="govuk-link" to={`/referrals/${review.referral_id}`}>decision on the referral</Link> to send the case to a rapid review. Whether to hold a Child
                    Safeguarding Practice Review is decided here.
                  </>
                ),
              },
            ]
          : []),
        { key: 'Agencies involved', value: review.agencies.map((a) => a.name).join(', ') || 'None yet' },
        ...(requests
          ? [
              {
                key: 'Information from agencies',
                value: requests.items.length === 0 ? 'No agency asked yet' : `${answered} of ${plural(requests.items.length, 'agency has', 'agencies have')} responded`,
              },
            ]
          : []),
        { key: 'Meeting', value: review.meeting ? `Held on ${formatDate(review.meeting.held_on)}` : 'Not held yet' },
        {
          key: 'Immediate actions',
          value: review.immediate_actions.length === 0 ? 'None' : `${actionsOpen} open, ${review.immediate_actions.length - actionsOpen} completed`,
        },
        { key: 'Recommendation', value: review.recommendation ? RAPID_RECOMMENDATIONS[review.recommendation] : 'Not made yet' },
        {
          key: 'Safeguarding partners’ decision',
          value:
            review.hold_cspr === null
              ? `Not decided yet${review.recommendation ? ` (${3 - review.decision_outstanding_from.length} of 3 partners’ positions recorded)` : ''}`
              : `${review.hold_cspr ? 'Hold a local Child Safeguarding Practice Review' : 'No local review'}${review.decided_on ? `, ${formatDate(review.decided_on)}` : ''}`,
        },
        ...(review.review_id && me?.permissions.includes('reviews:read')
          ? [{ key: 'The review', value: <Link className="govuk-link" to={`/reviews/${review.review_id}`}>Open the Child Safeguarding Practice Review</Link> }]
          : []),
        { key: 'Report to the National Panel', value: review.sent_to_panel_on ? `Sent on ${formatDate(review.sent_to_panel_on)}` : <DueText due={review.due} /> },
        { key: '15 working days', value: <PanelTimeliness timeliness={review.panel_timeliness} /> },
        ...caseRow(review.case_id, me),
      ]}
    />
  );
}
