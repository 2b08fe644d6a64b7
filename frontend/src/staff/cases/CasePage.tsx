import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import type { Case, CaseAccess } from '../../api/types';
import { Table } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { StateTag } from '../common/StatusTags';
import { INCIDENT_CATEGORIES, RAPID_REVIEW_STATES, REFERRAL_STATES, REQUEST_STATES, REVIEW_STAGES, REVIEW_TYPES } from '../labels';
import { ROLE_LABELS } from '../roles';
import { useMe } from '../useMe';
import { useAccessLog, useCase } from './caseApi';

/** One child's case: its reference, every record about the child, and who has looked at them. */
export function CasePage() {
  const { id = '' } = useParams();
  const { data: record, error, isPending } = useCase(id);
  const { data: me } = useMe();
  usePageTitle(record ? `Case of ${record.reference}` : 'Case');
  if (isPending) return <Loading what="the case" />;
  if (error) return <LoadProblem error={error} what="case" />;
  return (
    <>
      <span className="govuk-caption-l">The child’s case</span>
      <h1 className="govuk-heading-l">{record.reference}</h1>
      <p className="govuk-body">Every record about this child, under the one anonymised reference.</p>
      <Table caption="Records" columns={[{ header: 'Record' }, { header: 'Status' }, { header: 'Date' }]} rows={records(record)} />
      {me?.permissions.includes('cases:read') && <AccessLog caseId={record.id} />}
    </>
  );
}

function records(record: Case): { key: string; cells: ReactNode[] }[] {
  const link = (to: string, text: string) => (
    <Link className="govuk-link" to={to}>
      {text}
    </Link>
  );
  return [
    ...record.notifications.map((n) => ({
      key: n.id,
      cells: [
        link(`/incident-notifications/${n.id}`, `Serious incident notification: ${INCIDENT_CATEGORIES[n.category].toLowerCase()}`),
        n.notified_panel_on ? `National Panel notified ${formatDate(n.notified_panel_on, false)}` : 'National Panel not yet notified',
        `Became aware ${formatDate(n.became_aware_on, false)}`,
      ],
    })),
    ...record.referrals.map((r) => ({
      key: r.id,
      cells: [
        link(`/referrals/${r.id}`, `Referral from ${r.agency.name}`),
        <StateTag state={REFERRAL_STATES[r.state]} />,
        r.submitted_to_business_office_on ? `Submitted ${formatDate(r.submitted_to_business_office_on, false)}` : 'Not yet submitted',
      ],
    })),
    ...record.rapid_reviews.map((r) => ({
      key: r.id,
      cells: [link(`/rapid-reviews/${r.id}`, 'Rapid review'), <StateTag state={RAPID_REVIEW_STATES[r.state]} />, `Opened ${formatDate(r.opened_on, false)}`],
    })),
    ...record.information_requests.map((r) => ({
      key: r.id,
      cells: [link(`/information-requests/${r.id}`, `Information request to ${r.agency.name}`), <StateTag state={REQUEST_STATES[r.state]} />, ''],
    })),
    ...record.reviews.map((r) => ({
      key: r.id,
      cells: [link(`/reviews/${r.id}`, REVIEW_TYPES[r.kind]), <StateTag state={REVIEW_STAGES[r.stage]} />, `Decided ${formatDate(r.decided_on, false)}`],
    })),
  ];
}

const RECORDS: Record<string, { text: string; path?: string }> = {
  incident_notification: { text: 'Serious incident notification', path: '/incident-notifications' },
  referral: { text: 'Referral', path: '/referrals' },
  rapid_review: { text: 'Rapid review', path: '/rapid-reviews' },
  information_request: { text: 'Information request', path: '/information-requests' },
  review: { text: 'Review', path: '/reviews' },
  case: { text: 'This case' },
};

/** "Who has looked at this child's records": one row per request that read any of them, newest first. */
function AccessLog({ caseId }: { caseId: string }) {
  const { data, error, isPending } = useAccessLog(caseId, true);
  return (
    <section aria-labelledby="access-log-heading">
      <h2 className="govuk-heading-m" id="access-log-heading">
        Who has looked at this child’s records
      </h2>
      <p className="govuk-body">Each time someone opens one of these records, or this case, it is written here. Newest first.</p>
      {isPending && <Loading what="who has looked at the records" />}
      {error && <p className="govuk-error-message">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">Nobody has opened these records yet.</p>}
      {data && data.items.length > 0 && (
        <>
          <Table
            caption={<span className="govuk-visually-hidden">Who has looked at this child’s records</span>}
            columns={[{ header: 'When' }, { header: 'Who' }, { header: 'What they opened' }]}
            rows={data.items.map((entry, i) => ({ key: `${entry.occurred_at}-${i}`, cells: accessCells(entry) }))}
          />
          {data.total > data.items.length && (
            <p className="govuk-body-s">
              Showing the latest {data.items.length} of {data.total}.
            </p>
          )}
        </>
      )}
    </section>
  );
}

function accessCells(entry: CaseAccess): ReactNode[] {
  const record = RECORDS[entry.record_type] ?? { text: entry.record_type };
  const who = [entry.actor_type === 'client' ? 'Integration client' : entry.actor_role ? ROLE_LABELS[entry.actor_role] : undefined, entry.actor_agency?.name]
    .filter(Boolean)
    .join(', ');
  return [
    <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at)}</time>,
    <>
      {entry.actor_name}
      {who && <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">{who}</span>}
    </>,
    <>
      {record.path ? (
        <Link className="govuk-link" to={`${record.path}/${entry.record_id}`}>
          {record.text}
        </Link>
      ) : (
        record.text
      )}
      <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0 app-secondary-text">
        {entry.method} {entry.path}
      </span>
    </>,
  ];
}
