import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import type { InformationRequestState, Me, RapidReviewState, ReferralState } from '../../api/types';
import { api } from '../api';
import { DueText } from '../common/StatusTags';

interface Item {
  id: string;
  href: string;
  title: string;
  detail: ReactNode;
}

function Panel({ title, query, empty }: { title: string; query: { data?: Item[]; error: unknown; isPending: boolean }; empty: string }) {
  return (
    <section className="govuk-!-margin-bottom-6" aria-label={title}>
      <h3 className="govuk-heading-s">
        {title}
        {query.data ? ` (${query.data.length})` : ''}
      </h3>
      {query.isPending && <p className="govuk-body">Loading…</p>}
      {query.error ? <p className="govuk-body">{errorMessage(query.error)}</p> : null}
      {query.data && query.data.length === 0 && <p className="govuk-body">{empty}</p>}
      {query.data && query.data.length > 0 && (
        <ul className="govuk-list">
          {query.data.map((item) => (
            <li key={item.id}>
              <Link className="govuk-link" to={item.href}>
                {item.title}
              </Link>{' '}
              <span className="govuk-body-s">{item.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReferralsIn({ state, title, empty }: { state: ReferralState; title: string; empty: string }) {
  const query = useQuery({
    queryKey: ['referrals', { state, limit: 50, offset: 0 }],
    queryFn: async () => unwrap(await api.GET('/api/v1/referrals', { params: { query: { state, limit: 50, offset: 0 } } })),
    select: (page): Item[] => page.items.map((r) => ({ id: r.id, href: `/referrals/${r.id}`, title: `${r.child_reference}, ${r.agency.name}`, detail: r.due ? <DueText due={r.due} /> : null })),
  });
  return <Panel title={title} query={query} empty={empty} />;
}

function RequestsIn({ states, title, empty }: { states: InformationRequestState[]; title: string; empty: string }) {
  const query = useQuery({
    queryKey: ['information-requests', { limit: 100, offset: 0 }],
    queryFn: async () => unwrap(await api.GET('/api/v1/information-requests', { params: { query: { limit: 100, offset: 0 } } })),
    select: (page): Item[] =>
      page.items
        .filter((r) => states.includes(r.state))
        .map((r) => ({ id: r.id, href: `/information-requests/${r.id}`, title: `${r.child_reference}, ${r.agency.name}`, detail: <DueText due={r.due} /> })),
  });
  return <Panel title={title} query={query} empty={empty} />;
}

function RapidReviewsIn({ state, title, empty }: { state: RapidReviewState; title: string; empty: string }) {
  const query = useQuery({
    queryKey: ['rapid-reviews', { state }],
    queryFn: async () => unwrap(await api.GET('/api/v1/rapid-reviews', { params: { query: { state, limit: 50, offset: 0 } } })),
    select: (page): Item[] => page.items.map((r) => ({ id: r.id, href: `/rapid-reviews/${r.id}`, title: r.child_reference, detail: <DueText due={r.due} /> })),
  });
  return <Panel title={title} query={query} empty={empty} />;
}

/** What is waiting for the signed-in person, by role. */
export function WaitingForMe({ me }: { me: Me }) {
  let panels: ReactNode;
  switch (me.role) {
    case 'agency_manager':
      panels = <ReferralsIn state="awaiting_sign_off" title="Referrals awaiting your sign-off" empty="No referrals are waiting for your sign-off." />;
      break;
    case 'business_office':
      panels = (
        <>
          <ReferralsIn state="submitted" title="Submitted referrals to consider" empty="No submitted referrals are waiting." />
          <RequestsIn states={['submitted']} title="Information requests submitted" empty="No agency responses are waiting to be read." />
        </>
      );
      break;
    case 'strategic_lead':
      panels = (
        <>
          <ReferralsIn state="recommendation_made" title="Referrals awaiting the safeguarding partners’ decision" empty="No referrals are waiting for the partners’ decision." />
          <RapidReviewsIn state="recommendation_made" title="Rapid reviews awaiting the safeguarding partners’ decision" empty="No rapid reviews are waiting for the partners’ decision." />
        </>
      );
      break;
    case 'scrutineer':
      panels = (
        <RapidReviewsIn
          state="recommendation_made"
          title="Rapid reviews about to be decided: your comment is wanted"
          empty="No rapid reviews are waiting for the partners’ decision."
        />
      );
      break;
    case 'agency_lead':
      panels = (
        <>
          <RequestsIn states={['requested', 'draft', 'returned']} title="Information requests to answer" empty="Your agency has no information requests to answer." />
          <ReferralsIn state="returned" title="Returned referrals" empty="None of your agency’s referrals have been returned." />
        </>
      );
      break;
    default:
      return null;
  }
  return (
    <section aria-labelledby="waiting-heading">
      <h2 className="govuk-heading-m" id="waiting-heading">
        Waiting for you
      </h2>
      {panels}
    </section>
  );
}
