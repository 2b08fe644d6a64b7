import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { unwrap } from '../../api/problem';
import type { Referral } from '../../api/types';
import { api } from '../api';

/**
 * Where an agreed referral went next: the rapid review it opened (a CSPR request) or the review record
 * (a case mapping exercise). Found by the source, so the referrer follows the case without asking.
 */
export function ReferralNextStep({ referral }: { referral: Referral }) {
  const agreed = referral.decision?.agreed === true;
  const source = { query: { source_id: referral.id, limit: 1 } };
  const { data } = useQuery({
    queryKey: ['referral-next-step', referral.id],
    enabled: agreed,
    queryFn: async () => {
      const [rapid, reviews] = await Promise.all([
        api.GET('/api/v1/rapid-reviews', { params: source }),
        api.GET('/api/v1/reviews', { params: source }),
      ]);
      // A caller who may not see one of the lists (no permission) simply gets no link from it.
      return {
        rapidReview: rapid.response.ok ? unwrap(rapid).items[0] : undefined,
        review: reviews.response.ok ? unwrap(reviews).items[0] : undefined,
      };
    },
  });
  if (!agreed || !data || (!data.rapidReview && !data.review)) return null;
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-s">What happens next</h2>
      {data.rapidReview && (
        <p className="govuk-body">
          A rapid review has been opened.{' '}
          <Link className="govuk-link" to={`/rapid-reviews/${data.rapidReview.id}`}>
            Go to the rapid review for {data.rapidReview.child_reference}
          </Link>
        </p>
      )}
      {data.review && (
        <p className="govuk-body">
          A review has been set up.{' '}
          <Link className="govuk-link" to={`/reviews/${data.review.id}`}>
            Go to the review for {data.review.child_reference}
          </Link>
        </p>
      )}
    </div>
  );
}
