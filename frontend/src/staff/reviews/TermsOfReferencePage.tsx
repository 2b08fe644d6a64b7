import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../../api/problem';
import type { Review } from '../../api/types';
import { editing, ifMatchParam, versioned } from '../../api/versioned';
import { Input, NotificationBanner, Select, SummaryList, Table, Tag, Textarea } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { DateField } from '../../forms/DateField';
import { isoFromParts, NO_DATE, todayParts, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { Details } from '../common/Details';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { sectionKey, useReviewChange, useReviewGroup, useTermsOfReference, type TermsOfReference, type TermsVersion } from './processApi';
import { ReviewSection } from './ReviewSection';

const STATES: Record<TermsVersion['state'], { label: string; colour: 'grey' | 'green' | 'light-blue' }> = {
  draft: { label: 'Draft', colour: 'light-blue' },
  agreed: { label: 'Agreed', colour: 'green' },
  superseded: { label: 'Superseded', colour: 'grey' },
};

/** Terms of reference and key lines of enquiry, version by version; the scrutineer's observations; the review
 * group's agreement; the authors' briefing on what was agreed. */
export function TermsOfReferencePage() {
  return <ReviewSection section="terms-of-reference">{(review) => <Terms review={review} />}</ReviewSection>;
}

function Terms({ review }: { review: Review }) {
  const { data, error, isPending } = useTermsOfReference(review.id);
  const [banner, setBanner] = useState<string>();
  const start = useReviewChange(review.id, async () =>
    unwrap(await api.POST('/api/v1/reviews/{review_id}/terms-of-reference/versions', { params: { path: { review_id: review.id } }, body: {} })),
  );
  if (isPending) return <Loading what="the terms of reference" />;
  if (error) return <LoadProblem error={error} what="terms of reference" />;
  return (
    <>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <p className="govuk-body">
        {data.agreed_version ? `Version ${data.agreed_version} is the one the review group agreed.` : 'The review group has not agreed the terms of reference yet.'}
      </p>
      {data.allowed_actions.includes('new_version') && (
        <SimpleForm fields={[] as const} button={data.versions.length ? 'Start a new draft' : 'Start drafting the terms of reference'} onSubmit={async () => {
          await start.mutateAsync(undefined);
          setBanner('A new draft has been started.');
        }}>
          {() => null}
        </SimpleForm>
      )}
      {data.versions.length === 0 && <p className="govuk-body">There are no versions you can see yet.</p>}
      {data.versions.map((v) => (
        <Version key={v.id} review={review} version={v} onDone={setBanner} />
      ))}
      <AuthorBriefings review={review} terms={data} onDone={setBanner} />
    </>
  );
}

function Version({ review, version, onDone }: { review: Review; version: TermsVersion; onDone: (message: string) => void }) {
  const state = STATES[version.state];
  return (
    <section className="govuk-summary-card" aria-labelledby={`version-${version.id}`}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={`version-${version.id}`}>
          Version {version.number} <Tag colour={state.colour}>{state.label}</Tag>
        </h2>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            { key: 'Terms of reference', value: <span className="app-pre-line">{version.terms || 'Not written yet'}</span> },
            {
              key: 'Key lines of enquiry',
              value: version.key_lines_of_enquiry.length ? (
                <ol className="govuk-list govuk-list--number">
                  {version.key_lines_of_enquiry.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ol>
              ) : (
                'None yet'
              ),
            },
            { key: 'Drafted by', value: version.drafted_by_name },
            ...(version.agreed_on ? [{ key: 'Agreed by the review group', value: `${formatDate(version.agreed_on)} (recorded by ${version.agreed_by_name ?? 'unknown'})` }] : []),
            {
              key: 'Scrutineer’s observations',
              value: version.observations.length ? (
                <ul className="govuk-list">
                  {version.observations.map((o) => (
                    <li key={o.id}>
                      <span className="app-pre-line">{o.text}</span>
                      <span className="govuk-body-s govuk-!-display-block">
                        {o.author_name}, {formatDate(o.created_at.slice(0, 10))}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                'None yet'
              ),
            },
          ]}
        />
        {version.allowed_actions.includes('edit') && <EditDraft review={review} version={version} onDone={onDone} />}
        {version.allowed_actions.includes('comment') && <Observe review={review} version={version} onDone={onDone} />}
        {version.allowed_actions.includes('agree') && <Agree review={review} version={version} onDone={onDone} />}
      </div>
    </section>
  );
}

function EditDraft({ review, version, onDone }: { review: Review; version: TermsVersion; onDone: (message: string) => void }) {
  const params = { params: { path: { review_id: review.id, version_id: version.id } } };
  // The draft's own version, for If-Match: a colleague's change in between is refused (412), not overwritten.
  const read = useQuery({
    queryKey: [...sectionKey(review.id, 'terms-of-reference'), version.id, version.updated_at],
    queryFn: async () => versioned(await api.GET('/api/v1/reviews/{review_id}/terms-of-reference/versions/{version_id}', params)),
  });
  const save = useReviewChange(review.id, async (v: { terms: string; lines: string }) =>
    editing('draft', async () =>
      unwrap(
        await api.PATCH('/api/v1/reviews/{review_id}/terms-of-reference/versions/{version_id}', {
          // Saved quickly after opening, the read may still be on its way: wait for it rather than send no version.
          params: { ...params.params, header: ifMatchParam((read.data ?? (await read.refetch()).data)?.etag ?? null) },
          body: { terms: v.terms, key_lines_of_enquiry: v.lines.split('\n').map((l) => l.trim()).filter(Boolean) },
        }),
      ),
    ),
  );
  return (
    <Details summary="Change the draft" open={!version.terms}>
      <SimpleForm<{ terms: string; lines: string }>
        key={version.updated_at}
        fields={['terms', 'lines']}
        defaultValues={{ terms: version.terms, lines: version.key_lines_of_enquiry.join('\n') }}
        button="Save the draft"
        onSubmit={async (v) => {
          await save.mutateAsync(v);
          onDone(`Version ${version.number} has been saved.`);
        }}
      >
        {({ register }, error) => (
          <>
            <Textarea id={`terms-${version.id}`} label="Terms of reference" hint="The scope, the period under review and the purpose" rows={8} error={error('terms')} {...register('terms')} />
            <Textarea id={`lines-${version.id}`} label="Key lines of enquiry" hint="One on each line" rows={6} error={error('lines')} {...register('lines')} />
          </>
        )}
      </SimpleForm>
    </Details>
  );
}

function Observe({ review, version, onDone }: { review: Review; version: TermsVersion; onDone: (message: string) => void }) {
  const add = useReviewChange(review.id, async (v: { text: string }) =>
    unwrap(
      await api.POST('/api/v1/reviews/{review_id}/terms-of-reference/versions/{version_id}/observations', {
        params: { path: { review_id: review.id, version_id: version.id } },
        body: v,
      }),
    ),
  );
  return (
    <SimpleForm<{ text: string }>
      fields={['text']}
      defaultValues={{ text: '' }}
      button="Add observation"
      onSubmit={async (v) => {
        await add.mutateAsync(v);
        onDone('Your observation has been added.');
      }}
      onDone={(form) => form.reset()}
    >
      {({ register }, error) => <Textarea id={`text-${version.id}`} label={`Your observation on version ${version.number}`} error={error('text')} {...register('text', { required: 'Enter your observation' })} />}
    </SimpleForm>
  );
}

function Agree({ review, version, onDone }: { review: Review; version: TermsVersion; onDone: (message: string) => void }) {
  const group = useReviewGroup(review.id);
  const agree = useReviewChange(review.id, async (v: { agreed_on: DateParts; meeting_id: string }) =>
    unwrap(
      await api.POST('/api/v1/reviews/{review_id}/terms-of-reference/versions/{version_id}/agree', {
        params: { path: { review_id: review.id, version_id: version.id } },
        body: { agreed_on: isoFromParts(v.agreed_on), meeting_id: v.meeting_id || null },
      }),
    ),
  );
  const meetings = group.data?.meetings ?? [];
  return (
    <Details summary={`Record that the review group agreed version ${version.number}`}>
      <SimpleForm<{ agreed_on: DateParts; meeting_id: string }>
        fields={['agreed_on', 'meeting_id']}
        defaultValues={{ agreed_on: todayParts(), meeting_id: '' }}
        button="Record agreement"
        onSubmit={async (v) => {
          await agree.mutateAsync(v);
          onDone(`Version ${version.number} is agreed.`);
        }}
      >
        {({ register, control }, error) => (
          <>
            <DateField control={control} name="agreed_on" legend="Date the review group agreed it" what="the date the review group agreed it" notFuture error={error('agreed_on')} />
            <Select
              id={`meeting-${version.id}`}
              label="At which meeting"
              error={error('meeting_id')}
              options={[{ value: '', label: 'Not at a recorded meeting' }, ...meetings.map((m) => ({ value: m.id, label: `Meeting on ${formatDate(m.held_on)}` }))]}
              {...register('meeting_id')}
            />
          </>
        )}
      </SimpleForm>
    </Details>
  );
}

interface BriefingValues {
  date: DateParts;
  start_time: string;
  end_time: string;
  location: string;
}

function AuthorBriefings({ review, terms, onDone }: { review: Review; terms: TermsOfReference; onDone: (message: string) => void }) {
  const schedule = useReviewChange(review.id, async (v: BriefingValues) =>
    unwrap(
      await api.POST('/api/v1/reviews/{review_id}/terms-of-reference/author-briefings', {
        params: { path: { review_id: review.id } },
        body: { title: 'Authors’ briefing', capacity: 30, date: isoFromParts(v.date) ?? '', start_time: v.start_time, end_time: v.end_time, location: v.location || null },
      }),
    ),
  );
  return (
    <section aria-labelledby="briefing-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="briefing-heading">
        Authors’ briefing
      </h2>
      <p className="govuk-body">After the review group agrees the terms of reference, the agencies’ authors are briefed on them and on what is expected of their reports.</p>
      {terms.author_briefings.length > 0 ? (
        <Table
          caption="Authors’ briefings"
          captionSize="s"
          columns={[{ header: 'Date' }, { header: 'Time' }, { header: 'Where' }]}
          rows={terms.author_briefings.map((b) => ({
            key: b.id,
            cells: [
              <Link className="govuk-link" to={`/events/${b.id}`}>
                {formatDate(b.date)}
              </Link>,
              `${b.start_time.slice(0, 5)} to ${b.end_time.slice(0, 5)}`,
              b.location ?? b.virtual_link ?? '',
            ],
          }))}
        />
      ) : (
        <p className="govuk-body">No briefing has been arranged yet.</p>
      )}
      {terms.allowed_actions.includes('schedule_author_briefing') && (
        <Details summary="Arrange the authors’ briefing" open={terms.author_briefings.length === 0}>
          <SimpleForm<BriefingValues>
            fields={['date', 'start_time', 'end_time', 'location']}
            defaultValues={{ date: NO_DATE, start_time: '10:00', end_time: '11:30', location: '' }}
            button="Arrange briefing"
            onSubmit={async (v) => {
              await schedule.mutateAsync(v);
              onDone('The authors’ briefing has been arranged. Invite the authors from its event page.');
            }}
          >
            {({ register, control }, error) => (
              <>
                <DateField control={control} name="date" legend="Date of the briefing" what="the date of the briefing" error={error('date')} />
                <Input id="start_time" type="time" label="Starts at" widthClass="govuk-input--width-5" error={error('start_time')} {...register('start_time', { required: 'Enter the start time' })} />
                <Input id="end_time" type="time" label="Ends at" widthClass="govuk-input--width-5" error={error('end_time')} {...register('end_time', { required: 'Enter the end time' })} />
                <Input id="location" label="Where" hint="For example, Civic Centre, Committee Room 2" error={error('location')} {...register('location', { required: 'Enter where the briefing will be held' })} />
              </>
            )}
          </SimpleForm>
        </Details>
      )}
    </section>
  );
}
