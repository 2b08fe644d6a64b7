import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import { Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { DueText, StateTag } from '../common/StatusTags';
import { RAPID_REVIEW_STATES } from '../labels';
import { SentOnTime, workingDaysUsed } from './PanelTimeliness';

export function RapidReviewListPage() {
  usePageTitle('Rapid reviews');
  const { data, error, isPending } = useQuery({
    queryKey: ['rapid-reviews'],
    queryFn: async () => unwrap(await api.GET('/api/v1/rapid-reviews', { params: { query: { limit: 100, offset: 0 } } })),
  });
  return (
    <>
      <h1 className="govuk-heading-l">Rapid reviews</h1>
      <p className="govuk-body">The rapid review report must reach the National Panel within 15 working days of the notification.</p>
      {isPending && <Loading what="rapid reviews" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">There are no rapid reviews you can see.</p>}
      {data && data.items.length > 0 && (
        <Table
          caption={`${data.total} rapid review${data.total === 1 ? '' : 's'}`}
          columns={[{ header: 'Child' }, { header: 'Status' }, { header: 'Opened' }, { header: 'Report to the Panel' }, { header: 'Working days used' }]}
          rows={data.items.map((r) => ({
            key: r.id,
            cells: [
              <Link className="govuk-link" to={`/rapid-reviews/${r.id}`}>
                {r.child_reference}
              </Link>,
              <StateTag state={RAPID_REVIEW_STATES[r.state]} />,
              formatDate(r.opened_on, false),
              <DueText due={r.due} />,
              <>
                {workingDaysUsed(r.panel_timeliness)} <SentOnTime timeliness={r.panel_timeliness} />
              </>,
            ],
          }))}
        />
      )}
    </>
  );
}
