import { Link } from 'react-router';
import { usePageTitle } from '../lib/usePageTitle';

export default function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">If you typed the web address, check it is correct.</p>
        <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
        <p className="govuk-body">
          If you were sent a link to sign up for an event, ask the safeguarding partnership’s business office for a new
          one.
        </p>
        <p className="govuk-body">
          <Link to="/" className="govuk-link">
            Go to your deadlines
          </Link>
        </p>
      </div>
    </div>
  );
}
