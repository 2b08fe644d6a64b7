import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { Tag } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { periodOf, ReportingYearFilter } from './ReportingYear';
import { useRepeats } from './reportsApi';

/** Recommendations that repeat earlier ones ("improvements previously identified"), and whether the earlier actions
 * were completed. */
export function RepeatsPage() {
  usePageTitle('Repeated recommendations');
  const [params] = useSearchParams();
  const period = periodOf(params);
  const { data, error, isPending } = useRepeats({ made_from: period.from, made_to: period.to });
  return (
    <>
      <span className="govuk-caption-l">Learning reports</span>
      <h1 className="govuk-heading-l">Repeated recommendations</h1>
      <p className="govuk-body">
        Recommendations linked to earlier ones they repeat, and whether the actions answering the earlier ones were completed. Link a recommendation to those it repeats on its own page.
      </p>
      <ReportingYearFilter />
      {isPending && <Loading what="the report" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.length === 0 && <p className="govuk-body">No recommendation made in this period repeats an earlier one.</p>}
      {data?.map((item) => (
        <section key={item.id} className="govuk-summary-card" aria-labelledby={`repeat-${item.id}`}>
          <div className="govuk-summary-card__title-wrapper">
            <h2 className="govuk-summary-card__title" id={`repeat-${item.id}`}>
              <Link className="govuk-link" to={`/recommendations/${item.id}`}>
                {item.source}, recommendation {item.label}
              </Link>
            </h2>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body">{item.text}</p>
            <p className="govuk-body-s">Made {formatDate(item.made_on, false)}. It repeats:</p>
            <ul className="govuk-list">
              {item.repeats.map((earlier) => (
                <li key={earlier.id} className="govuk-!-margin-bottom-3">
                  <Link className="govuk-link" to={`/recommendations/${earlier.id}`}>
                    {earlier.source}, recommendation {earlier.label}
                  </Link>{' '}
                  ({formatDate(earlier.made_on, false)}): {earlier.text}
                  <span className="govuk-!-display-block">
                    {earlier.actions === 0 ? (
                      <Tag colour="grey">No actions recorded</Tag>
                    ) : earlier.all_complete ? (
                      <Tag colour="green">All {earlier.actions} actions complete</Tag>
                    ) : (
                      <Tag colour="orange">{`${earlier.actions_complete} of ${earlier.actions} actions complete, ${earlier.actions_open} still open`}</Tag>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </section>
      ))}
    </>
  );
}
