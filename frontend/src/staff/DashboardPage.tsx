import { useQuery } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../api/problem';
import type { Deadline } from '../api/types';
import { Link } from 'react-router';
import { Table, Tag } from '../components/govuk';
import { Loading } from '../components/layout/Loading';
import { formatDate, workingDaysPhrase } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';
import { api } from './api';
import { StageCounts } from './dashboard/StageCounts';
import { WaitingForMe } from './dashboard/WaitingForMe';
import { useMe } from './useMe';

const QUERY = { status: 'open', limit: 50, offset: 0 } as const;

export function DashboardPage() {
  usePageTitle('Dashboard');
  const { data: me } = useMe();
  const { data, error, isPending } = useQuery({
    queryKey: ['deadlines', QUERY],
    queryFn: async () => unwrap(await api.GET('/api/v1/deadlines', { params: { query: QUERY } })),
  });

  return (
    <>
      <h1 className="govuk-heading-l">Dashboard</h1>
      {me && <WaitingForMe me={me} />}
      <h2 className="govuk-heading-m">My deadlines</h2>
      {isPending && <Loading what="your deadlines" />}
      {error && <p className="govuk-body govuk-error-message">{errorMessage(error)}</p>}
      {data && <Deadlines items={data.items} total={data.total} />}
      {me?.permissions.includes('referrals:read') && <StageCounts partnershipWide={!me.agency} />}
    </>
  );
}

function Deadlines({ items, total }: { items: Deadline[]; total: number }) {
  const open = items.filter((d) => d.status === 'open').sort((a, b) => a.due_date.localeCompare(b.due_date));
  const overdue = open.filter((d) => d.overdue);
  const dueSoon = open.filter((d) => !d.overdue);

  if (open.length === 0) {
    return <p className="govuk-body">You have no deadlines due. Deadlines appear here when a referral, review or action you work on has one.</p>;
  }
  return (
    <>
      {total > items.length && (
        <p className="govuk-body">
          Showing the first {items.length} of {total} deadlines, earliest first.
        </p>
      )}
      {overdue.length > 0 && <DeadlineTable caption="Overdue" items={overdue} />}
      {dueSoon.length > 0 && <DeadlineTable caption="Due soon" items={dueSoon} />}
    </>
  );
}

function DeadlineTable({ caption, items }: { caption: string; items: Deadline[] }) {
  return (
    <Table
      caption={`${caption} (${items.length})`}
      captionSize="s"
      columns={[{ header: 'Deadline' }, { header: 'Due' }, { header: 'Status' }]}
      rows={items.map((d) => ({
        key: d.id,
        cells: [
          <>
            {d.link ? (
              <Link className="govuk-link" to={d.link}>
                {d.title}
              </Link>
            ) : (
              d.title
            )}
            <span className="govuk-caption-m govuk-!-font-size-16">{d.child_reference}</span>
          </>,
          formatDate(d.due_date, false),
          <DeadlineStatus deadline={d} />,
        ],
      }))}
    />
  );
}

function DeadlineStatus({ deadline }: { deadline: Deadline }) {
  const days = deadline.working_days_left;
  if (deadline.overdue) return <Tag colour="red">Overdue, due {workingDaysPhrase(days)}</Tag>;
  if (days === 0) return <Tag colour="orange">Due today</Tag>;
  return <Tag colour={days <= 2 ? 'yellow' : 'blue'}>Due {workingDaysPhrase(days)}</Tag>;
}
