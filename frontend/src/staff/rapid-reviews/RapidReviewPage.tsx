import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/problem';
import { BackLink, SummaryList } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { caseRow } from '../cases/CaseLink';
import { DueText, StateTag } from '../common/StatusTags';
import { Timeline } from '../common/Timeline';
import { RAPID_REVIEW_STATES } from '../labels';
import { useMe } from '../useMe';
import { Briefing } from './Briefing';
import { Comments } from './Comments';
import { DecisionPanels } from './DecisionPanels';
import { ImmediateActions } from './ImmediateActions';
import { Meeting } from './MeetingForm';
import { NationalPanel } from './NationalPanel';
import { rapidKey, useRapidReview } from './rapidApi';
import { RequestsPanel } from './RequestsPanel';
import { LoadProblem } from '../../components/layout/LoadProblem';

/** The rapid review workspace: requests, meeting, recommendation, decision, comments and briefing. */
export function RapidReviewPage() {
  const { id = '' } = useParams();
  const { data: review, error, isPending } = useRapidReview(id);
  const { data: me } = useMe();
  usePageTitle(review ? `Rapid review for ${review.child_reference}` : 'Rapid review');
  if (isPending) return <Loading what="the rapid review" />;
  if (error) return <LoadProblem error={error} what="rapid review" />;
  return (
    <>
      <BackLink to="/rapid-reviews">All rapid reviews</BackLink>
      <span className="govuk-caption-l">Rapid review</span>
      <h1 className="govuk-heading-l">{review.child_reference}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <StateTag state={RAPID_REVIEW_STATES[review.state]} /> },
          { key: 'Opened', value: formatDate(review.opened_on) },
          { key: 'Report to the National Panel', value: <DueText due={review.due} /> },
          { key: 'Agencies involved', value: review.agencies.map((a) => a.name).join(', ') || 'None yet' },
          ...(review.notification_id
            ? [{ key: 'Notification', value: <Link className="govuk-link" to={`/incident-notifications/${review.notification_id}`}>Serious incident notification</Link> }]
            : []),
          ...(review.referral_id
            ? [
                {
                  key: 'Came from',
                  value: (
                    <>
                      The safeguarding partners’ <Link className="govuk-link" to={`/referrals/${review.referral_id}`}>decision on the referral</Link> to send the case to a rapid review. Whether to hold a
                      Child Safeguarding Practice Review is decided here.
                    </>
                  ),
                },
              ]
            : []),
          ...caseRow(review.case_id, me),
        ]}
      />
      <RequestsPanel review={review} />
      <Meeting review={review} />
      <ImmediateActions review={review} />
      <DecisionPanels review={review} />
      <NationalPanel review={review} />
      <Comments review={review} />
      <Briefing review={review} />
      <Timeline
        queryKey={rapidKey(id)}
        load={async () => unwrap(await api.GET('/api/v1/rapid-reviews/{rapid_review_id}/timeline', { params: { path: { rapid_review_id: id } } }))}
      />
    </>
  );
}
