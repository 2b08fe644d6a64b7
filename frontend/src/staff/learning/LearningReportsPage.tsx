import { Link } from 'react-router';
import { errorMessage } from '../../api/problem';
import { usePageTitle } from '../../lib/usePageTitle';
import { useMe } from '../useMe';
import { DisseminationTable } from './Dissemination';
import { useDisseminations } from './reportsApi';

/** The learning reports, and (for an agency) the briefings and responses sent to it, to confirm from here. */
export function LearningReportsPage() {
  usePageTitle('Learning reports');
  const { data: me } = useMe();
  const can = (permission: string) => Boolean(me?.permissions.includes(permission));
  const links = [
    { to: '/learning/figures', text: 'Learning figures', about: 'Actions by agency, progress on each review, timeliness, themes over time; the yearly report', show: can('figures:read') },
    { to: '/learning/recurrent-themes', text: 'Recurrent themes', about: 'Themes counted across reviews, with the reviews each appears in', show: can('recommendations:read') },
    { to: '/learning/repeats', text: 'Repeated recommendations', about: 'Recommendations that repeat earlier ones, and whether the earlier actions were completed', show: can('recommendations:read') },
    { to: '/learning/import', text: 'Import past reviews', about: 'Bring in reviews from before this service from a spreadsheet', show: can('learning:import') },
  ];
  return (
    <>
      <h1 className="govuk-heading-l">Learning reports</h1>
      <ul className="govuk-list">
        {links
          .filter((l) => l.show)
          .map((l) => (
            <li key={l.to} className="govuk-!-margin-bottom-4">
              <Link className="govuk-link govuk-!-font-weight-bold" to={l.to}>
                {l.text}
              </Link>
              <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">{l.about}</span>
            </li>
          ))}
      </ul>
      {can('recommendations:read') && <SentToAgencies agencyName={me?.agency?.name} />}
    </>
  );
}

function SentToAgencies({ agencyName }: { agencyName?: string }) {
  const { data, error } = useDisseminations({});
  return (
    <section aria-labelledby="sent-heading">
      <h2 className="govuk-heading-m" id="sent-heading">
        {agencyName ? `Learning sent to ${agencyName}` : 'Learning briefings and responses sent to agencies'}
      </h2>
      {agencyName && <p className="govuk-body">Confirm each one once a team meeting has discussed it.</p>}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">Nothing has been recorded as sent yet.</p>}
      {data && data.items.length > 0 && <DisseminationTable items={data.items} withSource />}
    </section>
  );
}
