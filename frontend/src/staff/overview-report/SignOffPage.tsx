import { useState } from 'react';
import { useParams } from 'react-router';
import { NotificationBanner, Tag, Textarea } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { DateField } from '../../forms/DateField';
import { isoFromParts, todayParts, type DateParts } from '../../forms/dates';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useTakeSignOffStep, useSignOff, type SignOff } from './reportApi';
import { ReportHeader } from './ReportHeader';

type StepName = SignOff['steps'][number]['step'];

const BUTTONS: Record<StepName, { button: string; date: string }> = {
  review_group: { button: 'Record the review group’s agreement', date: 'Date the review group agreed the report' },
  sub_group: { button: 'Record the sub group’s agreement', date: 'Date the local learning review sub group agreed the report' },
  local_authority: { button: 'Sign off for the local authority', date: 'Date of your sign-off' },
  integrated_care_board: { button: 'Sign off for the integrated care board', date: 'Date of your sign-off' },
  police: { button: 'Sign off for the police', date: 'Date of your sign-off' },
  national_panel: { button: 'Record the report as sent to the National Panel', date: 'Date it was sent to the National Panel' },
};

/** The sign-off chain as a timeline: each step taken (who, when, which version), what is awaited, and what blocks it. */
export function SignOffPage() {
  const { reviewId = '' } = useParams();
  const { data, error, isPending } = useSignOff(reviewId);
  const take = useTakeSignOffStep(reviewId);
  const [banner, setBanner] = useState<string>();
  usePageTitle('Sign-off');
  if (isPending) return <Loading what="the sign-off" />;
  if (error) return <LoadProblem error={error} what="sign-off" />;
  const steps = data.allowed_actions.filter((s): s is StepName => s in BUTTONS);
  return (
    <>
      <ReportHeader reviewId={reviewId} title="Sign-off" current="sign-off" />
      {banner && <NotificationBanner type="success" heading={banner} />}
      <p className="govuk-body">
        {data.version_number ? `On version ${data.version_number} of the overview report.` : 'The review group agrees the latest version shared; every later step is on that version.'}
      </p>
      {data.blocked_by && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {data.blocked_by}
          </strong>
        </div>
      )}
      <h2 className="govuk-heading-m">Steps taken</h2>
      {data.steps.length === 0 ? (
        <p className="govuk-body">No step has been taken yet.</p>
      ) : (
        <ol className="app-timeline__list govuk-list">
          {data.steps.map((s) => (
            <li key={s.id} className="app-timeline__item">
              <p className="govuk-body govuk-!-margin-bottom-1">
                <strong>{s.label}</strong> — version {s.version_number}, {formatDate(s.decided_on)}{' '}
                {s.invalidated_at && <Tag colour="grey">Replaced by a new version</Tag>}
              </p>
              <p className="govuk-body-s app-secondary-text">
                Recorded by {s.recorded_by.name}, {formatDateTime(s.recorded_at)}
                {s.note ? `. ${s.note}` : ''}
                {s.invalidated_reason ? `. Restarted: ${s.invalidated_reason}` : ''}
              </p>
            </li>
          ))}
        </ol>
      )}
      <h2 className="govuk-heading-m">Awaited</h2>
      {data.pending.length === 0 ? (
        <p className="govuk-body">Sent to the National Panel on {data.sent_to_panel_on ? formatDate(data.sent_to_panel_on) : ''}. Sign-off is complete.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {data.pending.map((p) => (
            <li key={p.step}>
              {p.label}
              {p.due_date ? `, by ${formatDate(p.due_date, false)}` : ''}
            </li>
          ))}
        </ul>
      )}
      {steps.map((step) => (
        <section key={step} className="govuk-!-margin-top-6" aria-label={BUTTONS[step].button}>
          <SimpleForm<{ decided_on: DateParts; note: string }>
            fields={['decided_on', 'note']}
            defaultValues={{ decided_on: todayParts(), note: '' }}
            button={BUTTONS[step].button}
            onSubmit={async ({ decided_on, note }) => {
              const version = data.version_id ?? latestVersionId(data);
              await take.mutateAsync({ step, version_id: version, decided_on: isoFromParts(decided_on), note: note || null });
              setBanner(`${BUTTONS[step].button.replace(/^Record /, 'Recorded: ')}.`);
            }}
          >
            {({ control, register }, error) => (
              <>
                <DateField control={control} name="decided_on" legend={BUTTONS[step].date} what="the date" notFuture error={error('decided_on')} />
                <Textarea id={`${step}-note`} label="Note (optional)" rows={2} error={error('note')} {...register('note')} />
              </>
            )}
          </SimpleForm>
        </section>
      ))}
    </>
  );
}

/** Before the review group agrees, the version is the latest shared: the API names it in `latest_version_id`. */
function latestVersionId(data: SignOff): string {
  return data.latest_version_id ?? '';
}
