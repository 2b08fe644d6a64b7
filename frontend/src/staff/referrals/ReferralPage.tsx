import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { unwrap } from '../../api/problem';
import type { Referral } from '../../api/types';
import { BackLink, NotificationBanner, SummaryList, type SummaryRow } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { Details } from '../common/Details';
import { caseRow } from '../cases/CaseLink';
import { DueText, StateTag } from '../common/StatusTags';
import { Timeline } from '../common/Timeline';
import { REFERRAL_OUTCOMES, REFERRAL_STATES, REVIEW_TYPES } from '../labels';
import { useMe } from '../useMe';
import { ReferralActions } from './ReferralActions';
import { ReferralNextStep } from './ReferralNextStep';
import { referralKey, useReferral } from './referralApi';
import { SECTIONS, toFormValues, type Row } from './referralForm';
import { LoadProblem } from '../../components/layout/LoadProblem';

export function ReferralPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [banner, setBanner] = useState<string | undefined>((location.state as { banner?: string } | null)?.banner);
  const { data, error, isPending } = useReferral(id);
  usePageTitle(data ? `Referral for ${data.record.child_reference}` : 'Referral');
  if (isPending) return <Loading what="the referral" />;
  if (error) return <LoadProblem error={error} what="referral" />;
  const referral = data.record;
  return (
    <>
      <BackLink to="/referrals">All referrals</BackLink>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <span className="govuk-caption-l">Request for consideration of a review</span>
      <h1 className="govuk-heading-l">{referral.child_reference}</h1>
      <Overview referral={referral} />
      <Reasons referral={referral} />
      <Outcome referral={referral} />
      <ReferralNextStep referral={referral} />
      <ReferralActions key={referral.state} referral={referral} etag={data.etag} onDone={setBanner} />
      <FormAnswers referral={referral} />
      <Timeline
        queryKey={referralKey(id)}
        load={async () => unwrap(await api.GET('/api/v1/referrals/{referral_id}/timeline', { params: { path: { referral_id: id } } }))}
      />
    </>
  );
}

function Overview({ referral }: { referral: Referral }) {
  const { data: me } = useMe();
  return (
    <SummaryList
      rows={[
        { key: 'Status', value: <StateTag state={REFERRAL_STATES[referral.state]} /> },
        { key: 'Referring agency', value: referral.referrer.agency.name },
        { key: 'Review requested', value: referral.review_type_requested ? REVIEW_TYPES[referral.review_type_requested] : 'Not given yet' },
        { key: 'Submitted to the business office', value: referral.submitted_to_business_office_on ? formatDate(referral.submitted_to_business_office_on) : 'Not yet' },
        { key: 'Decision due', value: <DueText due={referral.due} /> },
        {
          key: 'Senior manager sign-off',
          value: referral.senior_manager.agreed
            ? `Agreed by ${referral.senior_manager.signature.signed_by_name ?? 'the senior manager'}${referral.senior_manager.signature.signed_on ? ` on ${formatDate(referral.senior_manager.signature.signed_on)}` : ''}`
            : 'Not signed off',
        },
        ...caseRow(referral.case_id, me),
      ]}
    />
  );
}

function Reasons({ referral }: { referral: Referral }) {
  if (referral.state === 'returned' && referral.returned_reasons) {
    return (
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <div className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Returned by the business office: <span className="app-pre-line">{referral.returned_reasons}</span>
        </div>
      </div>
    );
  }
  if (referral.state === 'draft' && referral.sign_off_declined_reasons) {
    return (
      <div className="govuk-inset-text">
        <strong>Sign-off declined:</strong> <span className="app-pre-line">{referral.sign_off_declined_reasons}</span>
      </div>
    );
  }
  return null;
}

/** The written response to the referrer: the recommendation and the decision. */
function Outcome({ referral }: { referral: Referral }) {
  const { recommendation: rec, decision } = referral;
  if (!rec && !decision) return null;
  return (
    <section aria-labelledby="outcome-heading">
      <h2 className="govuk-heading-m" id="outcome-heading">
        Outcome
      </h2>
      {decision && (
        <div className={`govuk-panel ${decision.agreed ? 'govuk-panel--confirmation' : 'app-panel--neutral'}`}>
          <p className="govuk-panel__title govuk-!-font-size-27">{decision.agreed ? (decision.review_type ? REFERRAL_OUTCOMES[decision.review_type].agreed : 'Agreed') : 'Not taken further'}</p>
          <div className="govuk-panel__body govuk-!-font-size-19">
            Decided {formatDate(decision.decided_on)}
            {decision.decided_by_name ? ` by ${decision.decided_by_name}` : ''}
          </div>
        </div>
      )}
      <SummaryList
        rows={[
          ...(decision ? [{ key: 'Decision comments', value: <span className="app-pre-line">{decision.comments}</span> }] : []),
          ...(rec
            ? [
                { key: 'Business office recommendation', value: rec.review_recommended ? (rec.review_type ? `Recommended: ${REFERRAL_OUTCOMES[rec.review_type].choice.toLowerCase()}` : 'Recommended to go further') : 'Not recommended to go further' },
                { key: 'Reason', value: <span className="app-pre-line">{rec.reason}</span> },
                { key: 'Comments', value: <span className="app-pre-line">{rec.comments}</span> },
                { key: 'Legal advice sought', value: rec.legal_advice_sought ? 'Yes' : 'No' },
                { key: 'Recommended', value: `${formatDate(rec.recommended_on)}${rec.recommended_by_name ? ` by ${rec.recommended_by_name}` : ''}` },
              ]
            : []),
        ]}
      />
    </section>
  );
}

const shown = (value: string) => value || <span className="app-secondary-text">Not completed</span>;

/** The form as completed, section by section, folded away under a "details" for a short page. */
function FormAnswers({ referral }: { referral: Referral }) {
  const values = toFormValues(referral);
  return (
    <Details summary="The completed form">
      {!referral.identifying_details_shown && <p className="govuk-body">The child’s and family’s identifying details are not shown to you.</p>}
      {SECTIONS.map((section) => {
        const rows: SummaryRow[] = section.boxes.map((box) => ({
          key: box.label,
          value: shown(String(box.name.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)?.[p], values) ?? '')),
        }));
        const tableRows = section.table ? ((values[section.table.name] as Row[]) ?? []) : [];
        return (
          <section key={section.id}>
            <h3 className="govuk-heading-s">{section.title}</h3>
            {rows.length > 0 && <SummaryList rows={rows} />}
            {section.table && tableRows.length === 0 && <p className="govuk-body">None entered.</p>}
            {section.table &&
              tableRows.map((row, i) => (
                <SummaryList key={i} rows={section.table!.columns.map((c) => ({ key: `${section.table!.rowLabel} ${i + 1}: ${c.label}`, value: shown(row[c.name] ?? '') }))} />
              ))}
          </section>
        );
      })}
    </Details>
  );
}
