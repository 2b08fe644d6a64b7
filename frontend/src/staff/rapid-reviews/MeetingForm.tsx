import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { unwrap } from '../../api/problem';
import type { RapidReview } from '../../api/types';
import { editing, ifMatchParam } from '../../api/versioned';
import { Button, Input, Radios, SummaryList, Textarea } from '../../components/govuk';
import { IsoDateField } from '../../forms/IsoDateField';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { Details } from '../common/Details';
import { useRapidMutation, useRapidRequests, useRapidReviewEtag } from './rapidApi';
import { SimpleForm } from './SimpleForm';

interface Values {
  held_on: string;
  attendees: { name: string; role: string; agency: string }[];
  facts_reviewed: string;
  immediate_action_needed: string;
  immediate_learning: string;
  key_practice_episodes: string;
  characteristics_and_inequalities: string;
  issues_of_national_importance: string;
}
const FIELDS = [
  'held_on',
  'attendees.0.name',
  'attendees.0.role',
  'attendees.0.agency',
  'facts_reviewed',
  'key_practice_episodes',
  'characteristics_and_inequalities',
  'immediate_action_needed',
  'immediate_learning',
  'issues_of_national_importance',
] as const;
const EMPTY_SECTIONS = { key_practice_episodes: '', characteristics_and_inequalities: '', issues_of_national_importance: '' };
/** The question each of the report's sections answers, as the form asks it and the record shows it. */
const EQUALITY_QUESTION = 'How did the child’s ethnicity, disability and other characteristics, racism and other inequalities shape their experience and the practice around them?';
const NOT_COMPLETED = <strong className="govuk-tag govuk-tag--yellow">Still to be completed</strong>;

type Held = NonNullable<RapidReview['meeting']>;

/** The meeting as recorded (correctable until the recommendation), the form to record it, or that it is still to come. */
export function Meeting({ review }: { review: RapidReview }) {
  const { meeting } = review;
  if (meeting) {
    return (
      <section aria-labelledby="meeting-heading" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-m" id="meeting-heading">
          Rapid review meeting
        </h2>
        <SummaryList
          rows={[
            { key: 'Held on', value: formatDate(meeting.held_on) },
            { key: 'Attendees', value: <ul className="govuk-list">{meeting.attendees.map((a, i) => <li key={i}>{`${a.name}, ${a.role}, ${a.agency}`}</li>)}</ul> },
            { key: 'Facts reviewed', value: <span className="app-pre-line">{meeting.facts_reviewed}</span> },
            { key: 'Analysis of key practice episodes', value: answered(meeting.key_practice_episodes) },
            { key: 'The child’s characteristics, racism and other inequalities', value: answered(meeting.characteristics_and_inequalities) },
            { key: 'Immediate action needed for children’s safety', value: meeting.immediate_action_needed ? 'Yes' : 'No' },
            { key: 'Learning identified', value: answered(meeting.immediate_learning) },
            { key: 'Issues of national importance', value: answered(meeting.issues_of_national_importance) },
            {
              key: 'Information still to come at the meeting',
              value: meeting.responses_outstanding.length ? meeting.responses_outstanding.map((r) => r.agency_name).join(', ') : 'None: every agency asked had responded',
            },
          ]}
        />
        {review.allowed_actions.includes('correct_meeting') && <CorrectMeeting review={review} meeting={meeting} />}
      </section>
    );
  }
  if (review.allowed_actions.includes('record_meeting')) return <RecordMeeting review={review} />;
  return (
    <section aria-labelledby="meeting-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="meeting-heading">
        Rapid review meeting
      </h2>
      <p className="govuk-body">The business office records the meeting once it has been held. It has not been recorded yet.</p>
    </section>
  );
}

/** A section of the report the meeting completes: a meeting recorded before the section existed shows it still to do. */
function answered(text: string) {
  return text.trim() ? <span className="app-pre-line">{text}</span> : NOT_COMPLETED;
}

function RecordMeeting({ review }: { review: RapidReview }) {
  const { data: requests } = useRapidRequests(review.id);
  const outstanding = (requests?.items ?? []).filter((r) => r.state !== 'submitted').map((r) => r.agency.name);
  const record = useRapidMutation(review.id, async (v: Values) =>
    unwrap(
      await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/meeting', {
        params: { path: { rapid_review_id: review.id } },
        body: { ...v, immediate_action_needed: v.immediate_action_needed === 'yes', immediate_actions: [] },
      }),
    ),
  );
  return (
    <section aria-labelledby="meeting-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="meeting-heading">
        Record the rapid review meeting
      </h2>
      {outstanding.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {outstanding.length === 1 ? `${outstanding[0]} has` : `${outstanding.slice(0, -1).join(', ')} and ${outstanding[outstanding.length - 1]} have`} not sent their response yet. You can still
            record the meeting: the record will say whose information the meeting did not have.
          </strong>
        </div>
      )}
      <SimpleForm<Values> fields={FIELDS} defaultValues={{ attendees: [{ name: '', role: '', agency: '' }], ...EMPTY_SECTIONS }} button="Record meeting" onSubmit={record.mutateAsync}>
        {(form, error) => <MeetingFields form={form} error={error} />}
      </SimpleForm>
    </section>
  );
}

/** Corrections go with the version of the rapid review on screen: a colleague's change in between is a 412. */
function CorrectMeeting({ review, meeting }: { review: RapidReview; meeting: Held }) {
  const etag = useRapidReviewEtag(review.id);
  const [saved, setSaved] = useState(false);
  const correct = useRapidMutation(review.id, (v: Values) =>
    editing('rapid review', async () =>
      unwrap(
        await api.PATCH('/api/v1/rapid-reviews/{rapid_review_id}/meeting', {
          params: { path: { rapid_review_id: review.id }, header: ifMatchParam(etag) },
          body: { ...v, immediate_action_needed: v.immediate_action_needed === 'yes' },
        }),
      ),
    ),
  );
  async function save(values: Values) {
    setSaved(false);
    await correct.mutateAsync(values);
    setSaved(true);
  }
  const current: Values = {
    held_on: meeting.held_on,
    attendees: meeting.attendees,
    facts_reviewed: meeting.facts_reviewed,
    immediate_action_needed: meeting.immediate_action_needed ? 'yes' : 'no',
    immediate_learning: meeting.immediate_learning,
    key_practice_episodes: meeting.key_practice_episodes,
    characteristics_and_inequalities: meeting.characteristics_and_inequalities,
    issues_of_national_importance: meeting.issues_of_national_importance,
  };
  return (
    <Details id="correct-meeting" summary="Correct the meeting record">
      {saved && (
        <div className="govuk-inset-text" role="status">
          The meeting record has been corrected.
        </div>
      )}
      <SimpleForm<Values> key={etag ?? 'unread'} fields={FIELDS} defaultValues={current} button="Save corrections" onSubmit={save}>
        {(form, error) => <MeetingFields form={form} error={error} />}
      </SimpleForm>
    </Details>
  );
}

function MeetingFields({ form, error }: { form: Parameters<Parameters<typeof SimpleForm<Values>>[0]['children']>[0]; error: (n: never) => string | undefined }) {
  const { register, control } = form;
  const attendees = useFieldArray({ control, name: 'attendees' });
  const e = (name: string) => error(name as never);
  return (
    <>
      <IsoDateField control={control} name="held_on" legend="Date of the meeting" what="the date of the meeting" notFuture error={e('held_on')} />
      {attendees.fields.map((field, i) => (
        <fieldset className="govuk-fieldset app-form-row" key={field.id}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Attendee {i + 1}</legend>
          <Input id={`attendees-${i}-name`} label="Name" error={e(`attendees.${i}.name`)} {...register(`attendees.${i}.name`, { required: 'Enter the attendee’s name' })} />
          <Input id={`attendees-${i}-role`} label="Role" hint="For example, designated doctor (chair)" error={e(`attendees.${i}.role`)} {...register(`attendees.${i}.role`, { required: 'Enter the attendee’s role' })} />
          <Input id={`attendees-${i}-agency`} label="Agency" error={e(`attendees.${i}.agency`)} {...register(`attendees.${i}.agency`, { required: 'Enter the attendee’s agency' })} />
          {i > 0 && (
            <Button type="button" variant="secondary" onClick={() => attendees.remove(i)}>
              Remove attendee {i + 1}
            </Button>
          )}
        </fieldset>
      ))}
      <Button type="button" variant="secondary" onClick={() => attendees.append({ name: '', role: '', agency: '' })}>
        Add another attendee
      </Button>
      <Textarea id="facts_reviewed" label="Facts reviewed" hint="The facts of the case as the meeting reviewed them, and what it reviewed them from" error={e('facts_reviewed')} {...register('facts_reviewed', { required: 'Enter the facts reviewed' })} />
      <Textarea
        id="key_practice_episodes"
        label="Analysis of key practice episodes"
        hint="The moments in the agencies’ work with the child and family that matter most, and why practice happened as it did"
        rows={6}
        error={e('key_practice_episodes')}
        {...register('key_practice_episodes', { required: 'Enter the analysis of key practice episodes' })}
      />
      <Textarea
        id="characteristics_and_inequalities"
        label={EQUALITY_QUESTION}
        hint="The Panel asks every rapid review to answer this. Consider the child’s ethnicity, culture, faith, disability, sex and age, racism and other discrimination, poverty and housing, and whether practitioners’ assumptions shaped what they saw"
        rows={6}
        error={e('characteristics_and_inequalities')}
        {...register('characteristics_and_inequalities', { required: 'Enter how the child’s characteristics, racism and other inequalities shaped their experience and the practice around them' })}
      />
      <Radios id="immediate_action_needed" legend="Is immediate action needed to ensure children’s safety?" legendSize="s" inline error={e('immediate_action_needed')} items={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} registration={register('immediate_action_needed', { required: 'Select whether immediate action is needed' })} />
      <Textarea id="immediate_learning" label="Learning identified" hint="The learning the meeting identified, for the report to the National Panel and the learning briefing" error={e('immediate_learning')} {...register('immediate_learning', { required: 'Enter the learning identified' })} />
      <Textarea
        id="issues_of_national_importance"
        label="Issues of national importance"
        hint="Anything the National Panel should know for its national picture. If there are none, say “None identified”"
        error={e('issues_of_national_importance')}
        {...register('issues_of_national_importance', { required: 'Enter the issues of national importance, or say none were identified' })}
      />
    </>
  );
}
