import { Link } from 'react-router';

/** One section of a record: its path under the record's own (`''` for the overview) and its name in the links. */
export interface Section {
  section: string;
  label: string;
}

/**
 * The links to a record's sections (GOV.UK sub-navigation, after the MoJ pattern), the one on screen marked as the
 * current page. `base` is the record's overview, `/reviews/rv-1`; each section is `${base}/${section}`.
 */
export function SectionNav({ label, base, sections, current }: { label: string; base: string; sections: readonly Section[]; current: string }) {
  return (
    <nav aria-label={label} className="govuk-!-margin-bottom-6">
      <ul className="app-subnav__list">
        {sections.map(({ section, label: text }) => (
          <li key={section}>
            <Link className="govuk-link govuk-link--no-visited-state app-subnav__link" to={section ? `${base}/${section}` : base} aria-current={section === current ? 'page' : undefined}>
              {text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
