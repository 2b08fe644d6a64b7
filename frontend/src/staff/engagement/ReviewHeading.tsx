import { BackLink } from '../../components/govuk';
import { useReview } from '../reviews/reviewApi';

/** The back link to the review and the page's heading, captioned with the child's anonymised reference. */
export function ReviewHeading({ reviewId, title }: { reviewId: string; title: string }) {
  const { data } = useReview(reviewId);
  return (
    <>
      <BackLink to={`/reviews/${reviewId}`}>Back to the review</BackLink>
      {data && <span className="govuk-caption-l">{data.record.child_reference}</span>}
      <h1 className="govuk-heading-l">{title}</h1>
    </>
  );
}

/** A row of a GOV.UK summary card. */
export function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** An error from a button's action, announced. */
export function ActionError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="govuk-error-message" role="alert">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}
