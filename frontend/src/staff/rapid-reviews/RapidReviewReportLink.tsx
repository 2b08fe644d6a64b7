import { Link } from 'react-router';
import type { Me } from '../../api/types';
import { REPORT_PERMISSION } from './RapidReviewReport';

/** The way to the report for the National Panel, for those who may read it (the roles that read across agencies). */
export function ReportLink({ id, me }: { id: string; me: Me | undefined }) {
  if (!me?.permissions.includes(REPORT_PERMISSION)) return null;
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={`/rapid-reviews/${id}/report`}>
        Preview and download the rapid review report for the National Panel
      </Link>
    </p>
  );
}
