import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import { BackLink, ButtonLink, NotificationBanner, SummaryList, Table } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import type { Notification } from '../../api/types';
import { api } from '../api';
import { DueText } from '../common/StatusTags';
import { Timeline } from '../common/Timeline';
import { ETHNICITIES, INCIDENT_CATEGORIES, LOOKED_AFTER_STATUSES, PLACEMENT_TYPES, PLAN_STATUSES, SEXES, YES_NO_NOT_KNOWN } from '../labels';
import { useMe } from '../useMe';
import { notificationKey, useNotification } from './notificationApi';
import { CorrectChildren, CorrectNotification, RecordPanelNotified } from './NotificationForms';
import { LoadProblem } from '../../components/layout/LoadProblem';

export { NewNotificationPage } from './NewNotificationPage';

export function NotificationListPage() {
  usePageTitle('Serious incident notifications');
  const { data: me } = useMe();
  const { data, error, isPending } = useQuery({
    queryKey: ['incident-notifications'],
    queryFn: async () => unwrap(await api.GET('/api/v1/incident-notifications', { params: { query: { limit: 100, offset: 0 } } })),
  });
  return (
    <>
      <h1 className="govuk-heading-l">Serious incident notifications</h1>
      <p className="govuk-body">The National Panel must be notified within 5 working days of the local authority becoming aware of the incident.</p>
      {me?.permissions.includes('incident_notifications:write') && <ButtonLink to="/incident-notifications/new">Record a notification</ButtonLink>}
      {isPending && <Loading what="notifications" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">There are no notifications.</p>}
      {data && data.items.length > 0 && (
        <Table
          caption={`${data.total} notification${data.total === 1 ? '' : 's'}`}
          columns={[{ header: 'Child' }, { header: 'Category' }, { header: 'Incident' }, { header: 'National Panel notified' }]}
          rows={data.items.map((n) => ({
            key: n.id,
            cells: [
              <Link className="govuk-link" to={`/incident-notifications/${n.id}`}>
                {n.child_reference}
              </Link>,
              INCIDENT_CATEGORIES[n.category],
              formatDate(n.incident_date, false),
              n.notified_panel_on ? formatDate(n.notified_panel_on, false) : <DueText due={n.due} />,
            ],
          }))}
        />
      )}
    </>
  );
}

type Characteristics = Notification['children_characteristics'][number];
type Identity = NonNullable<Notification['children']>[number];

function identityRows(c: Identity) {
  return [
    { key: 'Name', value: c.name },
    { key: 'Date of birth', value: formatDate(c.date_of_birth) },
    { key: 'Address', value: <span className="app-pre-line">{c.address}</span> },
  ];
}

const withDescription = (label: string, description: string | null) => (description ? `${label}: ${description}` : label);

/** What the National Panel asks about the child: shown to whoever reads the notification. */
function characteristicRows(c: Characteristics) {
  return [
    { key: 'Age at the incident', value: `${c.age_at_incident} ${c.age_at_incident === 1 ? 'year' : 'years'}` },
    { key: 'Sex', value: SEXES[c.sex] },
    { key: 'Ethnicity', value: withDescription(ETHNICITIES[c.ethnicity], c.ethnicity_description) },
    { key: 'Disability', value: withDescription(YES_NO_NOT_KNOWN[c.disability], c.disability_description) },
    { key: 'Looked-after status', value: LOOKED_AFTER_STATUSES[c.looked_after_status] },
    ...(c.placement_type ? [{ key: 'Placement type', value: withDescription(PLACEMENT_TYPES[c.placement_type], c.placement_description) }] : []),
    { key: 'Child in need plan', value: PLAN_STATUSES[c.child_in_need_plan] },
    { key: 'Child protection plan', value: PLAN_STATUSES[c.child_protection_plan] },
    { key: 'Known to any agency', value: withDescription(YES_NO_NOT_KNOWN[c.known_to_agencies], c.known_agencies) },
  ];
}

export function NotificationPage() {
  const { id = '' } = useParams();
  const { data, error, isPending } = useNotification(id);
  const [banner, setBanner] = useState<string>();
  usePageTitle(data ? `Notification for ${data.record.child_reference}` : 'Serious incident notification');
  if (isPending) return <Loading what="the notification" />;
  if (error) return <LoadProblem error={error} what="notification" />;
  const n = data.record;
  const offered = new Set(n.allowed_actions);
  // A saved change (new values or ETag) starts the forms afresh from what was saved.
  const formKey = JSON.stringify([data.etag, n.notified_panel_on, n.became_aware_on, n.abuse_or_neglect_suspected, n.summary, n.agencies.map((a) => a.id)]);
  return (
    <>
      <BackLink to="/incident-notifications">All notifications</BackLink>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <span className="govuk-caption-l">Serious incident notification</span>
      <h1 className="govuk-heading-l">{n.child_reference}</h1>
      <SummaryList
        rows={[
          { key: 'Nature of the incident', value: INCIDENT_CATEGORIES[n.category] },
          { key: 'Council where the incident happened', value: n.incident_council ?? 'Not recorded' },
          { key: 'Child’s home council', value: n.home_council ?? 'Not recorded' },
          { key: 'Date of incident', value: formatDate(n.incident_date) },
          { key: 'Local authority became aware', value: formatDate(n.became_aware_on) },
          { key: 'Abuse or neglect known or suspected', value: n.abuse_or_neglect_suspected ? 'Yes' : 'No' },
          { key: 'National Panel notified', value: n.notified_panel_on ? formatDate(n.notified_panel_on) : <><span className="govuk-!-display-block govuk-!-margin-bottom-1">Not yet</span><DueText due={n.due} /></> },
          { key: 'Notifying agency', value: n.notifying_agency?.name ?? 'Not recorded' },
          { key: 'Agencies involved', value: n.agencies.map((a) => a.name).join(', ') || 'None recorded' },
          { key: 'Summary', value: <span className="app-pre-line">{n.summary}</span> },
          {
            key: 'Rapid review',
            value: n.rapid_review_id ? (
              <Link className="govuk-link" to={`/rapid-reviews/${n.rapid_review_id}`}>
                Open the rapid review
              </Link>
            ) : (
              'None'
            ),
          },
        ]}
      />
      {offered.has('record_panel_notification') && <RecordPanelNotified key={`record:${formKey}`} versioned={data} onSaved={setBanner} />}
      {offered.has('correct') && <CorrectNotification key={`correct:${formKey}`} versioned={data} onSaved={setBanner} />}
      <section aria-labelledby="children-heading">
        <h2 className="govuk-heading-m" id="children-heading">
          Children ({n.children_count})
        </h2>
        {n.children_characteristics.map((c) => {
          const who = n.children?.find((id) => id.child === c.child);
          return (
            <Fragment key={c.child}>
              <h3 className="govuk-heading-s">Child {c.child}</h3>
              <SummaryList rows={[...(who ? identityRows(who) : []), ...characteristicRows(c)]} />
            </Fragment>
          );
        })}
        {!n.children && <p className="govuk-body">Names, dates of birth and addresses are kept in the case record for those who need them.</p>}
        {offered.has('correct') && <CorrectChildren key={`children:${data.etag}:${JSON.stringify(n.children_characteristics)}`} versioned={data} onSaved={setBanner} />}
      </section>
      <Timeline
        queryKey={notificationKey(id)}
        load={async () => unwrap(await api.GET('/api/v1/incident-notifications/{notification_id}/timeline', { params: { path: { notification_id: id } } }))}
      />
    </>
  );
}
