import { Link } from 'react-router';
import { errorMessage } from '../../api/problem';
import { Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { DueText, StateTag } from '../common/StatusTags';
import { REVIEW_STAGES, REVIEW_TYPES } from '../labels';
import { useReviews } from './reviewApi';

/** Every review the person can see, newest decision first, with its stage and six-month deadline. */
export function ReviewListPage() {
  usePageTitle('Reviews');
  const { data, error, isPending } = useReviews();
  return (
    <>
      <h1 className="govuk-heading-l">Reviews</h1>
      <p className="govuk-body">A review should be completed and published within six months of the decision to hold it.</p>
      {isPending && <Loading what="reviews" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">There are no reviews you can see.</p>}
      {data && data.items.length > 0 && (
        <div className="app-table-wrapper">
          <Table
            caption={`${data.total} review${data.total === 1 ? '' : 's'}`}
            columns={[{ header: 'Child' }, { header: 'Type' }, { header: 'Stage' }, { header: 'Decided' }, { header: 'Complete by' }]}
            rows={data.items.map((r) => ({
              key: r.id,
              cells: [
                <Link className="govuk-link" to={`/reviews/${r.id}`}>
                  {r.child_reference}
                </Link>,
                REVIEW_TYPES[r.kind],
                <StateTag state={REVIEW_STAGES[r.stage]} />,
                formatDate(r.decided_on, false),
                <DueText due={r.due} />,
              ],
            }))}
          />
        </div>
      )}
    </>
  );
}
