import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { unwrap } from '../../api/problem';
import type { ReferralState } from '../../api/types';
import { api } from '../api';
import { REFERRAL_STATES } from '../labels';

const ALL_STATES = Object.keys(REFERRAL_STATES) as ReferralState[];
/** Until the senior manager signs off (and once returned), a referral is the referring agency's own working paper. */
const AGENCY_ONLY: ReferralState[] = ['draft', 'awaiting_sign_off', 'returned'];

/**
 * How many referrals the person can see are at each stage; each count links to the filtered list. Someone
 * partnership-wide (no agency) never sees an agency's working papers, so those stages are not counted for them:
 * a "0 drafts" would be untrue.
 */
export function StageCounts({ partnershipWide }: { partnershipWide: boolean }) {
  const STATES = partnershipWide ? ALL_STATES.filter((s) => !AGENCY_ONLY.includes(s)) : ALL_STATES;
  const counts = useQueries({
    queries: STATES.map((state) => ({
      queryKey: ['referrals', { state, limit: 0, offset: 0 }],
      queryFn: async () => unwrap(await api.GET('/api/v1/referrals', { params: { query: { state, limit: 0, offset: 0 } } })).total,
    })),
  });
  if (counts.some((c) => c.isError)) return null;
  return (
    <section aria-labelledby="stages-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="stages-heading">
        Referrals by stage
      </h2>
      {partnershipWide && (
        <p className="govuk-body">Drafts, referrals awaiting their senior manager’s sign-off and returned referrals stay with the referring agency until they are submitted.</p>
      )}
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
