import { Link } from 'react-router';
import { BackLink } from '../../components/govuk';
import { useReview } from '../reviews/reviewApi';
import './overview-report.css';

const SECTIONS = [
  { path: 'overview-report', label: 'Overview report' },
  { path: 'sign-off', label: 'Sign-off' },
  { path: 'publication', label: 'Publication' },
] as const;

/** The review's reference as the caption, the page's heading, and links between the report's three pages. */
export function ReportHeader({ reviewId, title, current }: { reviewId: string; title: string; current?: (typeof SECTIONS)[number]['path'] }) {
  const { data } = useReview(reviewId);
  return (
    <>
      <BackLink to={`/reviews/${reviewId}`}>The review</BackLink>
      <span className="govuk-caption-l">{data?.record.child_reference ?? 'Review'}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <nav aria-label="The report" className="govuk-!-margin-bottom-6">
        <ul className="govuk-list govuk-!-margin-bottom-0">
          {SECTIONS.map((section) => (
            <li key={section.path} className="govuk-!-display-inline-block govuk-!-margin-right-4">
              <Link className="govuk-link govuk-link--no-visited-state" to={`/reviews/${reviewId}/${section.path}`} aria-current={section.path === current ? 'page' : undefined}>
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
