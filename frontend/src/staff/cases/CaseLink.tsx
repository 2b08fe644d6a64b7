import { Link } from 'react-router';
import type { Me } from '../../api/types';
import type { SummaryRow } from '../../components/govuk';

/** A summary row linking a record to its child's case, for those who may see who looked at it. */
export function caseRow(caseId: string, me: Me | undefined): SummaryRow[] {
  if (!me?.permissions.includes('cases:read')) return [];
  return [
    {
      key: 'The child’s case',
      value: (
        <Link className="govuk-link" to={`/cases/${caseId}`}>
          All records and who has looked at them
        </Link>
      ),
    },
  ];
}
