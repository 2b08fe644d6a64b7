import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import type { Review } from '../../api/types';
import { BackLink } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { SectionNav } from '../common/SectionNav';
import { useReview } from './reviewApi';
import { REVIEW_SECTIONS } from './sections';

/** A section page of one review: the review's reference as caption, the section's heading and the section links. */
export function ReviewSection({ section, children }: { section: string; children: (review: Review, etag: string | null) => ReactNode }) {
  const { id = '' } = useParams();
  const { data, error, isPending } = useReview(id);
  const label = REVIEW_SECTIONS.find((s) => s.section === section)?.label ?? section;
  usePageTitle(data ? `${label}: ${data.record.child_reference}` : label);
  if (isPending) return <Loading what="the review" />;
  if (error) return <LoadProblem error={error} what="review" />;
  const review = data.record;
  return (
    <>
      <BackLink to={`/reviews/${id}`}>Back to the review</BackLink>
      <span className="govuk-caption-l">{review.child_reference}</span>
      <h1 className="govuk-heading-l">{label}</h1>
      <SectionNav label="Sections of this review" base={`/reviews/${id}`} sections={REVIEW_SECTIONS} current={section} />
      {children(review, data.etag)}
    </>
  );
}
