import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/problem';

/**
 * What a record's page shows when the record cannot be loaded: a heading (every page has one), what went
 * wrong in words, and a way on. A 404 is "not found": the record does not exist or this account may not see it.
 */
export function LoadProblem({ error, what }: { error: unknown; what: string }) {
  const notFound = error instanceof ApiError && error.status === 404;
  const heading = notFound ? `${what[0]!.toUpperCase()}${what.slice(1)} not found` : `Sorry, the ${what} could not be loaded`;
  return (
    <>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        {notFound ? `There is no such ${what}, or your account does not give you access to it.` : errorMessage(error)}
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to your dashboard
        </Link>
      </p>
    </>
  );
}
