import { useParams } from 'react-router';
import type { RapidReview } from '../../api/types';
import { BackLink } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { SectionNav } from '../common/SectionNav';
import { useMe } from '../useMe';
import { useRapidReview } from './rapidApi';
import { RAPID_REVIEW_SECTIONS, sectionsFor } from './sections';

/**
 * The top of every page of a rapid review: the child's reference as the heading and the links to its sections, the
 * one on screen marked. The section's own heading (the panel's) follows, so the child stays the page's subject.
 */
export function RapidReviewHeader({ review, current }: { review: RapidReview; current: string }) {
  return (
    <>
      <BackLink to="/rapid-reviews">All rapid reviews</BackLink>
      <span className="govuk-caption-l">Rapid review</span>
      <h1 className="govuk-heading-l">{review.child_reference}</h1>
      <RapidReviewSectionNav id={review.id} current={current} />
    </>
  );
}

/** The links to the rapid review's sections the caller may open. */
export function RapidReviewSectionNav({ id, current }: { id: string; current: string }) {
  const { data: me } = useMe();
  return <SectionNav label="Sections of this rapid review" base={`/rapid-reviews/${id}`} sections={sectionsFor(me)} current={current} />;
}

/** The title of a rapid review's page: the section first, as a person scanning their browser tabs reads it. */
export function useRapidReviewTitle(review: RapidReview | undefined, section: string) {
  const label = RAPID_REVIEW_SECTIONS.find((s) => s.section === section)?.label ?? section;
  const of = review ? `rapid review for ${review.child_reference}` : 'rapid review';
  usePageTitle(section ? `${label}: ${of}` : of.charAt(0).toUpperCase() + of.slice(1));
}

/** One section of a rapid review (`/rapid-reviews/:id/<section>`): the header and what the section shows. */
export function RapidReviewSectionPage({ section }: { section: string }) {
  const { id = '' } = useParams();
  const { data: review, error, isPending } = useRapidReview(id);
  useRapidReviewTitle(review, section);
  const content = RAPID_REVIEW_SECTIONS.find((s) => s.section === section)?.content;
  if (isPending) return <Loading what="the rapid review" />;
  if (error) return <LoadProblem error={error} what="rapid review" />;
  return (
    <>
      <RapidReviewHeader review={review} current={section} />
      <div key={section}>{content?.(review)}</div>
    </>
  );
}
