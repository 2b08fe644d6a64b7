import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { NotificationBanner, Tag } from '../components/govuk';
import { Loading } from '../components/layout/Loading';
import { usePageTitle } from '../lib/usePageTitle';
import { CancelSignUp } from './CancelSignUp';
import { ChangeDetailsForm } from './ChangeDetailsForm';
import { EventSummary } from './EventDetails';
import { LinkProblem } from './LinkProblem';
import { calendarHref, fetchSignUp } from './publicApi';

const STATUS = {
  confirmed: <Tag colour="green">Place booked</Tag>,
  waiting_list: <Tag colour="yellow">On the waiting list</Tag>,
  cancelled: <Tag colour="grey">Cancelled</Tag>,
};

/** /sign-ups/:manageToken: the practitioner's private page to change details or cancel. */
export default function ManageSignUpPage() {
  const { manageToken = '' } = useParams();
  const [saved, setSaved] = useState(false);
  const signUp = useQuery({ queryKey: ['sign-up', manageToken], queryFn: () => fetchSignUp(manageToken) });
  usePageTitle('Your place at the event');

  if (signUp.isPending) return <Loading what="your sign-up" />;
  if (signUp.isError) return <LinkProblem error={signUp.error} what="your sign-up" />;
  const { data } = signUp;
  const cancelled = data.status === 'cancelled';

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {saved && <NotificationBanner type="success" heading="Your details have been saved" />}
        {cancelled && <NotificationBanner heading="Your place has been cancelled" focusOnShow />}
        <span className="govuk-caption-l">Your place at the event</span>
        <h1 className="govuk-heading-l">{data.event.title}</h1>
        <p className="govuk-body">{STATUS[data.status]}</p>
        <EventSummary event={data.event} attendance={data.attendance} />
        {!cancelled && (
          <>
            <p className="govuk-body">
              <a className="govuk-link" href={calendarHref(manageToken)} download="event.ics">
                Add to calendar
              </a>
            </p>
            <ChangeDetailsForm manageToken={manageToken} signUp={data} onSaved={() => setSaved(true)} />
            <CancelSignUp manageToken={manageToken} onCancelled={() => setSaved(false)} />
          </>
        )}
      </div>
    </div>
  );
}
