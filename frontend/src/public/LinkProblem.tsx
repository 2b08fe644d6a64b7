import { ApiError, errorMessage } from '../api/problem';
import { usePageTitle } from '../lib/usePageTitle';

/** Shown when a public link cannot be used: unknown or expired (404), or the service failed. */
export function LinkProblem({ error, what }: { error: unknown; what: string }) {
  const notFound = error instanceof ApiError && error.status === 404;
  const title = notFound ? 'This link has expired or is not right' : 'Sorry, there is a problem with the service';
  usePageTitle(title);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        {notFound ? (
          <>
            <p className="govuk-body">We could not find {what}. Check you used the whole link from the email you were sent.</p>
            <p className="govuk-body">If it still does not work, contact the safeguarding partnership’s business office.</p>
          </>
        ) : (
          <p className="govuk-body">{errorMessage(error)}</p>
        )}
      </div>
    </div>
  );
}
