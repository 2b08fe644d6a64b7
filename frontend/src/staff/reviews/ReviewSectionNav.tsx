import { Link } from 'react-router';
import { REVIEW_SECTIONS } from './sections';

/** The links to a review's sections, the one on screen marked as the current page. */
export function ReviewSectionNav({ reviewId, current }: { reviewId: string; current: string }) {
  return (
    <nav aria-label="Sections of this review" className="govuk-!-margin-bottom-6">
      <ul className="app-subnav__list">
        {REVIEW_SECTIONS.map(({ section, label }) => (
          <li key={section}>
            <Link className="govuk-link govuk-link--no-visited-state app-subnav__link" to={section ? `/reviews/${reviewId}/${section}` : `/reviews/${reviewId}`} aria-current={section === current ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
