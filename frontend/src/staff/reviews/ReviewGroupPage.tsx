import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Path, UseFormReturn } from 'react-hook-form';
import { unwrap } from '../../api/problem';
import type { Review } from '../../api/types';
import { Button, Checkboxes, Input, NotificationBanner, Select, SummaryList, Table, Tag, Textarea } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { DateField } from '../../forms/DateField';
import { isoFromParts, NO_DATE, partsFromIso, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { editing, ifMatchParam, versioned } from '../../api/versioned';
import { api } from '../api';
import { useAgencies } from '../notifications/useAgencies';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { sectionKey, useReviewChange, useReviewGroup, type GroupMeeting, type ReviewGroup } from './processApi';
import { ReviewSection } from './ReviewSection';

/** The review group: who is in it, whether it has the composition the guidance asks for, and its meetings. */
export function ReviewGroupPage() {
  return <ReviewSection section="review-group">{(review) => <Group review={review} />}</ReviewSection>;
}

function Group({ review }: { review: Review }) {
  const { data, error, isPending } = useReviewGroup(review.id);
  const [banner, setBanner] = useState<string>();
  const [correcting, setCorrecting] = useState<string>();
  if (isPending) return <Loading what="the review group" />;
  if (error) return <LoadProblem error={error} what="review group" />;
  return (
    <>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <Composition group={data} />
      <Members review={review} group={data} onDone={setBanner} />
      {data.allowed_actions.includes('add_member') && <AddMember review={review} onDone={setBanner} />}
      <Meetings group={data} onCorrect={setCorrecting} />
      {correcting && data.meetings.some((m) => m.id === correcting) ? (
        <CorrectMeeting
          review={review}
          group={data}
          meeting={data.meetings.find((m) => m.id === correcting)!}
          onDone={(message) => {
            setCorrecting(undefined);
            setBanner(message);
          }}
          onCancel={() => setCorrecting(undefined)}
        />
      ) : (
        data.allowed_actions.includes('record_meeting') && <RecordMeeting review={review} group={data} onDone={setBanner} />
      )}
    </>
  );
}

function Composition({ group }: { group: ReviewGroup }) {
  const { composition } = group;
  return (
    <section aria-labelledby="composition-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="composition-heading">
        Composition
      </h2>
      <p className="govuk-body">
        The guidance asks for a representative of each of the three statutory partners, and two further partner agencies, at least one of which has had no involvement with the family.
      </p>
      <SummaryList
        rows={[
          { key: 'Meets the guidance', value: composition.met ? <Tag colour="green">Yes</Tag> : <Tag colour="red">Not yet</Tag> },
          ...composition.statutory_partners.map((p) => ({ key: p.label[0]!.toUpperCase() + p.label.slice(1), value: p.agency_names.join(', ') || 'No representative yet' })),
          { key: 'Further partner agencies', value: composition.further_agencies.join(', ') || 'None yet' },
          { key: 'With no involvement with the family', value: composition.uninvolved_agencies.join(', ') || 'None yet' },
        ]}
      />
      {!composition.met && (
        <>
          <h3 className="govuk-heading-s">Still needed</h3>
          <ul className="govuk-list govuk-list--bullet">
            {composition.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Members({ review, group, onDone }: { review: Review; group: ReviewGroup; onDone: (message: string) => void }) {
  const remove = useReviewChange(review.id, async (memberId: string) =>
    unwrap(await api.DELETE('/api/v1/reviews/{review_id}/review-group/members/{member_id}', { params: { path: { review_id: review.id, member_id: memberId } } })),
  );
  const [problem, setProblem] = useState<string>();
  if (group.members.length === 0) return <p className="govuk-body">No one has joined the review group yet.</p>;
  return (
    <>
      {problem && (
        <div className="govuk-error-summary" role="alert">
          <h2 className="govuk-error-summary__title">There is a problem</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{problem}</p>
          </div>
        </div>
      )}
      <Table
        caption="Members"
        wide
        columns={[{ header: 'Name' }, { header: 'Agency' }, { header: 'Role' }, { header: 'Action' }]}
        rows={group.members.map((m) => ({
          key: m.id,
          cells: [
            m.name,
            m.agency?.name ?? 'Independent',
            m.role,
            m.allowed_actions.includes('remove') ? (
              <Button
                type="button"
                variant="secondary"
                className="govuk-!-margin-bottom-0"
                onClick={async () => {
                  setProblem(undefined);
                  try {
                    await remove.mutateAsync(m.id);
                    onDone(`${m.name} has left the review group.`);
                  } catch (e) {
                    setProblem(e instanceof Error ? e.message : String(e));
                  }
                }}
              >
                Remove{' '}<span className="govuk-visually-hidden">{m.name}</span>
              </Button>
            ) : (
              ''
            ),
          ],
        }))}
      />
    </>
  );
}

interface MemberValues {
  name: string;
  agency_id: string;
  role: string;
}

function AddMember({ review, onDone }: { review: Review; onDone: (message: string) => void }) {
  const agencies = useAgencies();
  const add = useReviewChange(review.id, async (v: MemberValues) =>
    unwrap(await api.POST('/api/v1/reviews/{review_id}/review-group/members', { params: { path: { review_id: review.id } }, body: { name: v.name, role: v.role, agency_id: v.agency_id || null } })),
  );
  return (
    <section aria-labelledby="add-member-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="add-member-heading">
        Add a member
      </h2>
      <SimpleForm<MemberValues>
        fields={['name', 'agency_id', 'role']}
        defaultValues={{ name: '', agency_id: '', role: '' }}
        button="Add member"
        onSubmit={async (v) => {
          await add.mutateAsync(v);
          onDone(`${v.name} has joined the review group.`);
        }}
        onDone={(form) => form.reset()}
      >
        {({ register }, error) => (
          <>
            <Input id="name" label="Name" autoComplete="off" error={error('name')} {...register('name', { required: 'Enter the member’s name' })} />
            <Select
              id="agency_id"
              label="Agency they represent"
              error={error('agency_id')}
              options={[{ value: '', label: 'None (independent)' }, ...(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))]}
              {...register('agency_id')}
            />
            <Input id="role" label="Role in the review group" hint="For example, designated nurse for safeguarding children" error={error('role')} {...register('role', { required: 'Enter the member’s role in the review group' })} />
          </>
        )}
      </SimpleForm>
    </section>
  );
}

function Meetings({ group, onCorrect }: { group: ReviewGroup; onCorrect: (meetingId: string) => void }) {
  return (
    <section aria-labelledby="meetings-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="meetings-heading">
        Meetings
      </h2>
      {group.meetings.length === 0 && <p className="govuk-body">No meetings have been recorded.</p>}
      {group.meetings.map((m) => (
        <div key={m.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">Meeting on {formatDate(m.held_on)}</h3>
          </div>
          <div className="govuk-summary-card__content">
            <SummaryList
              rows={[
                { key: 'Attended', value: m.attendees.map((a) => a.name).join(', ') || 'Not recorded' },
                { key: 'Minutes', value: <span className="app-pre-line">{m.minutes}</span> },
                { key: 'Decisions', value: <span className="app-pre-line">{m.decisions || 'None recorded'}</span> },
                { key: 'Family engagement', value: <span className="app-pre-line">{m.family_engagement}</span> },
                { key: 'Recorded by', value: m.recorded_by_name },
              ]}
            />
            {m.allowed_actions.includes('edit') && (
              <Button type="button" variant="secondary" onClick={() => onCorrect(m.id)}>
                Correct this record{' '}<span className="govuk-visually-hidden">of the meeting on {formatDate(m.held_on)}</span>
              </Button>
            )}
          </div>
        </div>
      ))}
    </section>
  );
}

interface MeetingValues {
  held_on: DateParts;
  attendee_ids: string[];
  minutes: string;
  decisions: string;
  family_engagement: string;
}

function RecordMeeting({ review, group, onDone }: { review: Review; group: ReviewGroup; onDone: (message: string) => void }) {
  const record = useReviewChange(review.id, async (v: MeetingValues) =>
    unwrap(
      await api.POST('/api/v1/reviews/{review_id}/review-group/meetings', {
        params: { path: { review_id: review.id } },
        body: { ...v, held_on: isoFromParts(v.held_on), attendee_ids: v.attendee_ids || [] },
      }),
    ),
  );
  return (
    <section aria-labelledby="record-meeting-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="record-meeting-heading">
        Record a meeting
      </h2>
      <SimpleForm<MeetingValues>
        fields={['held_on', 'attendee_ids', 'minutes', 'decisions', 'family_engagement']}
        defaultValues={{ held_on: NO_DATE, attendee_ids: [], minutes: '', decisions: '', family_engagement: '' }}
        button="Record meeting"
        onSubmit={async (v) => {
          await record.mutateAsync(v);
          onDone('The meeting has been recorded.');
        }}
        onDone={(form) => form.reset()}
      >
        {(form, error) => <MeetingFields form={form} error={error} group={group} />}
      </SimpleForm>
    </section>
  );
}

/** A meeting's record corrected on the version read (If-Match): a colleague's change in between is refused. */
function CorrectMeeting({ review, group, meeting, onDone, onCancel }: { review: Review; group: ReviewGroup; meeting: GroupMeeting; onDone: (message: string) => void; onCancel: () => void }) {
  const params = { params: { path: { review_id: review.id, meeting_id: meeting.id } } };
  const read = useQuery({
    queryKey: [...sectionKey(review.id, 'review-group'), meeting.id],
    queryFn: async () => versioned(await api.GET('/api/v1/reviews/{review_id}/review-group/meetings/{meeting_id}', params)),
  });
  const save = useReviewChange(review.id, async (v: MeetingValues) =>
    editing('meeting', async () =>
      unwrap(
        await api.PATCH('/api/v1/reviews/{review_id}/review-group/meetings/{meeting_id}', {
          params: { ...params.params, header: ifMatchParam((read.data ?? (await read.refetch()).data)?.etag ?? null) },
          body: { ...v, held_on: isoFromParts(v.held_on) ?? undefined, attendee_ids: v.attendee_ids || [] },
        }),
      ),
    ),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [meeting.id]);
  const current: MeetingValues = {
    held_on: partsFromIso(meeting.held_on),
    attendee_ids: meeting.attendees.map((a) => a.id),
    minutes: meeting.minutes,
    decisions: meeting.decisions,
    family_engagement: meeting.family_engagement,
  };
  return (
    <section aria-labelledby="correct-meeting-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="correct-meeting-heading" tabIndex={-1} ref={heading}>
        Correct the record of the meeting on {formatDate(meeting.held_on)}
      </h2>
      <SimpleForm<MeetingValues>
        key={meeting.id}
        fields={['held_on', 'attendee_ids', 'minutes', 'decisions', 'family_engagement']}
        defaultValues={current}
        button="Save corrections"
        onSubmit={async (v) => {
          await save.mutateAsync(v);
          onDone('The meeting record has been corrected.');
        }}
      >
        {(form, error) => <MeetingFields form={form} error={error} group={group} />}
      </SimpleForm>
      <Button type="button" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </section>
  );
}

/** One meeting form is on the page at a time (recording, or correcting one), so the fields' ids are unique. */
function MeetingFields({ form, error, group }: { form: UseFormReturn<MeetingValues>; error: (name: Path<MeetingValues>) => string | undefined; group: ReviewGroup }) {
  const { register, control } = form;
  return (
    <>
      <DateField control={control} name="held_on" legend="Date of the meeting" what="the date of the meeting" notFuture error={error('held_on')} />
      {group.members.length > 0 && (
        <Checkboxes id="attendee_ids" legend="Who attended" legendSize="s" error={error('attendee_ids')} items={group.members.map((m) => ({ value: m.id, label: m.name }))} registration={register('attendee_ids')} />
      )}
      <Textarea id="minutes" label="Minutes" error={error('minutes')} {...register('minutes', { required: 'Enter the minutes of the meeting' })} />
      <Textarea id="decisions" label="Decisions" hint="Optional" error={error('decisions')} {...register('decisions')} />
      <Textarea
        id="family_engagement"
        label="Family engagement update"
        hint="Family engagement is an item of every review group meeting"
        error={error('family_engagement')}
        {...register('family_engagement', { required: 'Enter the family engagement update' })}
      />
    </>
  );
}
