import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import type { ReferralState } from '../../api/types';
import { Button, ButtonLink, NotificationBanner, Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { DueText, StateTag } from '../common/StatusTags';
import { REFERRAL_STATES } from '../labels';
import { useMe } from '../useMe';

export function ReferralListPage() {
  usePageTitle('Referrals');
  const banner = (useLocation().state as { banner?: string } | null)?.banner;
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') || undefined) as ReferralState | undefined;
  const overdue = params.get('overdue') === 'true' ? true : undefined;
  const query = { state, overdue, limit: 100, offset: 0 };
  const { data, error, isPending } = useQuery({
    queryKey: ['referrals', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/referrals', { params: { query } })),
  });

  function filter(form: FormData) {
    const next = new URLSearchParams();
    const s = String(form.get('state') ?? '');
    if (s) next.set('state', s);
    if (form.get('overdue')) next.set('overdue', 'true');
    setParams(next);
  }

  return (
    <>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <h1 className="govuk-heading-l">Referrals</h1>
      <NewReferral />
      <form
        className="govuk-!-margin-bottom-6"
        onSubmit={(e) => {
          e.preventDefault();
          filter(new FormData(e.currentTarget));
        }}
      >
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="state">
            Status
          </label>
          <select className="govuk-select" id="state" name="state" defaultValue={state ?? ''}>
            <option value="">Any status</option>
            {Object.entries(REFERRAL_STATES).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="true" defaultChecked={overdue} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="overdue">
                Only overdue decisions
              </label>
            </div>
          </div>
        </div>
        <Button variant="secondary">Apply filters</Button>
      </form>
      {isPending && <Loading what="referrals" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">No referrals match.</p>}
      {data && data.items.length > 0 && (
        <Table
          caption={`${data.total} referral${data.total === 1 ? '' : 's'}`}
          columns={[{ header: 'Child' }, { header: 'Agency' }, { header: 'Status' }, { header: 'Submitted' }, { header: 'Decision' }]}
          rows={data.items.map((r) => ({
            key: r.id,
            cells: [
              <Link className="govuk-link" to={`/referrals/${r.id}`}>
                {r.child_reference}
              </Link>,
              r.agency.name,
              <StateTag state={REFERRAL_STATES[r.state]} />,
              r.submitted_to_business_office_on ? formatDate(r.submitted_to_business_office_on, false) : 'Not yet',
              <DueText due={r.due} />,
            ],
          }))}
        />
      )}
    </>
  );
}

/** Agency staff start a new request: the form opens empty, and nothing is kept until they save it. */
function NewReferral() {
  const { data: me } = useMe();
  if (!me?.permissions.includes('referrals:draft')) return null;
  return <ButtonLink to="/referrals/new">Start a new referral</ButtonLink>;
}
