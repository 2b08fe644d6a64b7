import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { periodOf, ReportingYearFilter, yearLabel } from './ReportingYear';
import { useRecurrentThemes } from './reportsApi';

/** Themes counted across the reviews whose recommendations were made in the chosen year: "recurrent themes". */
export function RecurrentThemesPage() {
  usePageTitle('Recurrent themes');
  const [params] = useSearchParams();
  const period = periodOf(params);
  const { data, error, isPending } = useRecurrentThemes({ made_from: period.from, made_to: period.to });
  return (
    <>
      <span className="govuk-caption-l">Learning reports</span>
      <h1 className="govuk-heading-l">Recurrent themes</h1>
      <p className="govuk-body">
        How many reviews (and other sources, such as imported past reviews and audits) raised each theme, most recurrent first. A theme counts for a review when any of its recommendations, or
        their sub-parts, is tagged with it.
      </p>
      <ReportingYearFilter />
      {isPending && <Loading what="the themes" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.themes.length === 0 && <p className="govuk-body">No recommendations tagged with a theme were made in this period.</p>}
      {data && data.themes.length > 0 && (
        <Table
          wide
          caption={`Themes raised${period.year ? ` in ${yearLabel(period.year)}` : ' in every year'}`}
          columns={[{ header: 'Theme' }, { header: 'Reviews', numeric: true }, { header: 'Recommendations', numeric: true }, { header: 'Raised by' }]}
          rows={data.themes.map((theme) => ({
            key: theme.theme_id,
            cells: [
              <Link className="govuk-link" to={`/recommendations?theme_id=${theme.theme_id}`}>
                {theme.name}
              </Link>,
              theme.sources,
              theme.recommendations,
              <ul className="govuk-list govuk-!-margin-bottom-0">
                {theme.appears_in.map((source) => (
                  <li key={source.key}>
                    {source.review_id ? (
                      <Link className="govuk-link" to={`/reviews/${source.review_id}/learning`}>
                        {source.label}
                      </Link>
                    ) : source.rapid_review_id ? (
                      <Link className="govuk-link" to={`/rapid-reviews/${source.rapid_review_id}/learning`}>
                        {source.label}
                      </Link>
                    ) : (
                      source.label
                    )}{' '}
                    <span className="govuk-body-s">({source.made_on.slice(0, 4)})</span>
                  </li>
                ))}
              </ul>,
            ],
          }))}
        />
      )}
    </>
  );
}
