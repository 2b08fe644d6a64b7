import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { Button, ErrorSummary, Input, NotificationBanner, Tag } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { DateField } from '../../forms/DateField';
import { isoFromParts, partsFromIso, todayParts, type DateParts } from '../../forms/dates';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { authFetch } from '../../auth/session';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { usePlanPublication, usePublication, usePublish, useRecordDelayNotice, type Publication } from './reportApi';
import { ReportHeader } from './ReportHeader';

interface PlanForm {
  planned_on: DateParts;
  planned_time: string;
  members_briefing_on: DateParts;
  press_statement_on: DateParts;
}

function londonTime(iso: string | null): string {
  if (!iso) return '10:00';
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(new Date(iso));
}

function londonDate(iso: string | null): string | null {
  return iso ? new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Europe/London' }) : null;
}

/** Publication: the checklist with what blocks it, the plan (date and time, briefing, press statement), publishing, and the PDFs. */
export function PublicationPage() {
  const { reviewId = '' } = useParams();
  const { data, error, isPending } = usePublication(reviewId);
  const plan = usePlanPublication(reviewId);
  const publish = usePublish(reviewId);
  const delay = useRecordDelayNotice(reviewId);
  const [banner, setBanner] = useState<string>();
  const [publishError, setPublishError] = useState<string>();
  usePageTitle('Publication');
  if (isPending) return <Loading what="the publication" />;
  if (error) return <LoadProblem error={error} what="publication" />;
  const publication = data.record;
  const outstanding = publication.checklist.filter((item) => !item.done);
  return (
    <>
      <ReportHeader reviewId={reviewId} title="Publication" current="publication" />
      {banner && <NotificationBanner type="success" heading={banner} />}
      {publication.state === 'published' && publication.published_at ? (
        <Published publication={publication} reviewId={reviewId} />
      ) : (
        <p className="govuk-body">{publication.planned_at ? `Planned for ${formatDateTime(publication.planned_at)}.` : 'Not planned yet.'}</p>
      )}
      <h2 className="govuk-heading-m">Before publication</h2>
      <ul className="govuk-task-list">
        {publication.checklist.map((item) => (
          <li key={item.key} className="govuk-task-list__item">
            <div className="govuk-task-list__name-and-hint">
              <span className="govuk-body">{item.label}</span>
              {item.hint && <div className="govuk-task-list__hint">{item.hint}</div>}
            </div>
            <div className="govuk-task-list__status">{item.done ? 'Done' : <Tag colour="blue">To do</Tag>}</div>
          </li>
        ))}
      </ul>
      {publication.allowed_actions.includes('plan') && (
        <section aria-labelledby="plan-heading" className="govuk-!-margin-top-8">
          <h2 className="govuk-heading-m" id="plan-heading">
            Plan the publication
          </h2>
          <SimpleForm<PlanForm>
            key={data.etag ?? 'new'}
            fields={['planned_on', 'planned_time', 'members_briefing_on', 'press_statement_on']}
            defaultValues={{
              planned_on: partsFromIso(londonDate(publication.planned_at)),
              planned_time: londonTime(publication.planned_at),
              members_briefing_on: partsFromIso(publication.members_briefing_on),
              press_statement_on: partsFromIso(publication.press_statement_on),
            }}
            button="Save the plan"
            onSubmit={async (values) => {
              await plan.mutateAsync({
                etag: data.etag,
                body: {
                  planned_on: isoFromParts(values.planned_on) ?? undefined,
                  planned_time: values.planned_time || undefined,
                  members_briefing_on: isoFromParts(values.members_briefing_on),
                  ...(isoFromParts(values.press_statement_on) ? { press_statement_on: isoFromParts(values.press_statement_on) } : {}),
                },
              });
              setBanner('The publication plan has been saved.');
            }}
          >
            {({ control, register }, error) => (
              <>
                <DateField control={control} name="planned_on" legend="Publication date" what="the publication date" error={error('planned_on')} />
                <Input id="planned_time" label="Time (London)" hint="Usually 10:00" widthClass="govuk-input--width-5" error={error('planned_time')} {...register('planned_time')} />
                <DateField control={control} name="members_briefing_on" legend="Elected members’ briefing" what="the date of the briefing" optional error={error('members_briefing_on')} />
                <DateField control={control} name="press_statement_on" legend="Press statement" hint="Leave empty for two working days before publication" what="the date of the press statement" optional error={error('press_statement_on')} />
              </>
            )}
          </SimpleForm>
        </section>
      )}
      {publication.state === 'planning' && (
        <section aria-labelledby="delay-heading" className="govuk-!-margin-top-8">
          <h2 className="govuk-heading-m" id="delay-heading">
            If the review will be late
          </h2>
          <p className="govuk-body">
            {publication.panel_told_of_delay_on
              ? `The National Panel was told on ${formatDate(publication.panel_told_of_delay_on)} that the review will not be complete within six months.`
              : 'A review not complete within six months of the decision must be reported to the National Panel; until then it shows on the business office’s dashboard.'}
          </p>
          {publication.allowed_actions.includes('record_delay_notice') && !publication.panel_told_of_delay_on && (
            <SimpleForm<{ told_on: DateParts }>
              fields={['told_on']}
              defaultValues={{ told_on: todayParts() }}
              button="Record that the Panel was told"
              onSubmit={async ({ told_on }) => {
                await delay.mutateAsync(isoFromParts(told_on) ?? '');
                setBanner('Recorded: the National Panel was told of the delay.');
              }}
            >
              {({ control }, error) => <DateField control={control} name="told_on" legend="Date the National Panel was told" what="the date the Panel was told" notFuture error={error('told_on')} />}
            </SimpleForm>
          )}
        </section>
      )}
      {publication.state === 'planning' && (
        <section aria-labelledby="publish-heading" className="govuk-!-margin-top-8">
          <h2 className="govuk-heading-m" id="publish-heading">
            Publish
          </h2>
          <ErrorSummary errors={publishError ? [{ message: publishError }] : []} />
          {publication.allowed_actions.includes('publish') ? (
            <Button
              type="button"
              onClick={async () => {
                setPublishError(undefined);
                try {
                  await publish.mutateAsync();
                  setBanner('The report has been published.');
                } catch (e) {
                  setPublishError(errorMessage(e));
                }
              }}
            >
              Publish the report now
            </Button>
          ) : (
            <p className="govuk-body">{outstanding.length ? `Publishing waits for ${outstanding.length} thing${outstanding.length === 1 ? '' : 's'} above.` : 'Only the business office publishes.'}</p>
          )}
        </section>
      )}
    </>
  );
}

function Published({ publication, reviewId }: { publication: Publication; reviewId: string }) {
  const [problem, setProblem] = useState<string>();
  async function download(document: 'overview_report' | 'executive_summary') {
    setProblem(undefined);
    try {
      const response = await authFetch(new Request(`/api/v1/reviews/${reviewId}/publication/documents/${document}.pdf`));
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = window.document.createElement('a');
      link.href = url;
      link.download = `${document.replace('_', '-')}.pdf`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  }
  return (
    <div className="govuk-panel govuk-panel--confirmation app-panel--neutral">
      <h2 className="govuk-panel__title">Published</h2>
      <div className="govuk-panel__body">
        {formatDate(londonDate(publication.published_at) ?? '')} at {londonTime(publication.published_at)}
        <p className="govuk-body govuk-!-margin-top-4">
          <Button type="button" variant="secondary" onClick={() => void download('overview_report')}>
            Download the overview report (PDF, version {publication.published_version?.number})
          </Button>{' '}
          {publication.published_summary_version && (
            <Button type="button" variant="secondary" onClick={() => void download('executive_summary')}>
              Download the executive summary (PDF)
            </Button>
          )}
        </p>
        {problem && <p className="govuk-body">{problem}</p>}
      </div>
    </div>
  );
}
