import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { unwrap } from '../../api/problem';
import type { ReferralState } from '../../api/types';
import { api } from '../api';
import { REFERRAL_STATES } from '../labels';

const STATES = Object.keys(REFERRAL_STATES) as ReferralState[];

/** How many referrals the person can see are at each stage; each count links to the filtered list. */
export function StageCounts() {
  const counts = useQueries({
    queries: STATES.map((state) => ({
      queryKey: ['referrals', { state, limit: 1, offset: 0 }],
      queryFn: async () => unwrap(await api.GET('/api/v1/referrals', { params: { query: { state, limit: 1, offset: 0 } } })).total,
    })),
  });
  if (counts.some((c) => c.isError)) return null;
  return (
    <section aria-labelledby="stages-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="stages-heading">
        Referrals by stage
      </h2>
      <ul className="app-count-grid">
        {STATES.map((state, i) => (
          <li key={state}>
            <Link className="govuk-link" to={`/referrals?state=${state}`}>
              <span className="govuk-!-font-size-36 govuk-!-font-weight-bold govuk-!-display-block">{counts[i]?.data ?? '–'}</span>{' '}
              {REFERRAL_STATES[state].label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
