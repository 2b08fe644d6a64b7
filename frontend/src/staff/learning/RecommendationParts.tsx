import { Link } from 'react-router';
import { Tag } from '../../components/govuk';
import { LEARNING_KINDS } from './labels';
import type { Recommendation } from './learningApi';

export function ThemeTags({ themes }: { themes: { id: string; name: string }[] }) {
  if (themes.length === 0) return null;
  return (
    <ul className="govuk-list app-theme-list" aria-label="Themes">
      {themes.map((t) => (
        <li key={t.id} className="govuk-!-display-inline-block govuk-!-margin-right-1">
          <Tag colour="light-blue">{t.name}</Tag>
        </li>
      ))}
    </ul>
  );
}

export function addressees(r: Recommendation): string {
  const names = r.agencies.map((a) => a.name);
  if (r.addressed_to_partnership) names.unshift('The partnership');
  return names.length ? names.join(', ') : 'Not addressed to anyone in particular';
}

/** One recommendation (or sub-part) as the response document reads: its words, to whom, its themes, the response. */
export function RecommendationBlock({ recommendation, headingLevel = 3, link = true }: { recommendation: Recommendation; headingLevel?: 3 | 4; link?: boolean }) {
  const r = recommendation;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const title = `${LEARNING_KINDS[r.kind].one} ${r.label}`;
  return (
    <div className="govuk-!-margin-bottom-6">
      <Heading className={headingLevel === 3 ? 'govuk-heading-s' : 'govuk-heading-s govuk-!-margin-bottom-2'}>
        {link ? (
          <Link className="govuk-link" to={`/recommendations/${r.id}`}>
            {title}
          </Link>
        ) : (
          title
        )}
      </Heading>
      <p className="govuk-body app-pre-line">{r.text}</p>
      {(r.addressed_to_partnership || r.agencies.length > 0) && <p className="govuk-body-s">To: {addressees(r)}</p>}
      <ThemeTags themes={r.themes} />
      {r.response && (
        <div className="govuk-inset-text">
          <span className="govuk-!-font-weight-bold">The partnership’s response: </span>
          <span className="app-pre-line">{r.response}</span>
        </div>
      )}
      {r.parts.length > 0 && (
        <div className="govuk-!-margin-left-4">
          {r.parts.map((part) => (
            <RecommendationBlock key={part.id} recommendation={part} headingLevel={4} link={link} />
          ))}
        </div>
      )}
    </div>
  );
}
