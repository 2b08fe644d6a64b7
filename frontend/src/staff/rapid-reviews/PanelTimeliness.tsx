import type { RapidReviewSummary } from '../../api/types';
import { Tag } from '../../components/govuk';
import { formatDate } from '../../lib/format';

type Timeliness = NonNullable<RapidReviewSummary['panel_timeliness']>;

const COUNTED_FROM: Record<Timeliness['counted_from_event'], string> = {
  panel_notified: 'the notification to the National Panel',
  became_aware: 'the day the local authority became aware',
  rapid_review_opened: 'the day the rapid review opened',
};

const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

/** "9 of 15": the working days used of the 15 for the report to the National Panel. */
export function workingDaysUsed(timeliness: Timeliness | null | undefined): string {
  return timeliness ? `${timeliness.working_days_used} of ${timeliness.working_days_allowed}` : 'Not counting yet';
}

/** Whether the report went to the Panel on time: a GOV.UK tag, or nothing while it is not sent and not yet due. */
export function SentOnTime({ timeliness }: { timeliness: Timeliness | null | undefined }) {
  if (!timeliness || timeliness.sent_on_time === null) return null;
  if (timeliness.sent_on_time) return <Tag colour="green">Sent on time</Tag>;
  if (timeliness.sent_on) return <Tag colour="red">{`Sent ${days(timeliness.working_days_late)} late`}</Tag>;
  return <Tag colour="red">{`Not sent: ${days(timeliness.working_days_late)} overdue`}</Tag>;
}

/** The working days on the rapid review's page: used of 15, counted from when, and whether sent on time. */
export function PanelTimeliness({ timeliness }: { timeliness: Timeliness | null | undefined }) {
  if (!timeliness) return <>The 15 working days start when the notification is sent to the National Panel.</>;
  return (
    <>
      <p className="govuk-body govuk-!-margin-bottom-1">
        Working days used: {workingDaysUsed(timeliness)} <SentOnTime timeliness={timeliness} />
      </p>
      <p className="govuk-hint govuk-!-margin-bottom-0">
        Counted from {COUNTED_FROM[timeliness.counted_from_event]} on {formatDate(timeliness.counted_from, false)}; due {formatDate(timeliness.due_date, false)}
      </p>
    </>
  );
}
