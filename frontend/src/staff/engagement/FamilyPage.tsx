import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import { editing, ifMatchParam } from '../../api/versioned';
import { Button, Checkboxes, Input, Radios, Select, Table, Tag, Textarea } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { DateField } from '../../forms/DateField';
import { isoFromParts, isEmptyDate, NO_DATE, partsFromIso, todayParts, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useEngagementMutation, useFamilyLog, useGenogram, type FamilyContact, type FamilyContactCreate, type Genogram } from './engagementApi';
import { ANSWERS, CONTACT_KINDS, RELATIONSHIP_KINDS } from './labels';
import { ActionError, ReviewHeading, Row } from './ReviewHeading';

/** The family's part in the review: the dated log of letters and contacts, and the genogram. */
export function FamilyPage() {
  const { reviewId = '' } = useParams();
  usePageTitle('Family engagement');
  const { data, error, isPending } = useFamilyLog(reviewId);
  if (isPending) return <Loading what="the family engagement log" />;
  if (error) return <LoadProblem error={error} what="review" />;
  const awaiting = data.contacts.filter((c) => c.kind === 'findings_offer' && !c.answer && c.allowed_actions.includes('edit')).at(-1);
  return (
    <>
      <ReviewHeading reviewId={reviewId} title="Family engagement" />
      <p className="govuk-body">
        Parents are told of the review by letter, asked for consent to their medical records, written to again mid-way and offered the chance to hear the findings from the lead reviewer
        before publication.
      </p>
      <h2 className="govuk-heading-m">Letters and contacts</h2>
      {data.contacts.length === 0 ? (
        <p className="govuk-body">Nothing has been recorded yet.</p>
      ) : (
        <Table
          caption="The family engagement log, oldest first"
          captionSize="s"
          columns={[{ header: 'Date' }, { header: 'What' }, { header: 'With' }, { header: 'Details' }]}
          rows={data.contacts.map((c) => ({ key: c.id, cells: contactCells(c) }))}
        />
      )}
      {awaiting && <FindingsAnswer key={awaiting.id} reviewId={reviewId} contact={awaiting} />}
      {data.allowed_actions.includes('record_contact') && <AddContact reviewId={reviewId} />}
      <GenogramSection reviewId={reviewId} />
    </>
  );
}

function contactCells(c: FamilyContact) {
  return [
    formatDate(c.occurred_on, false),
    <>
      {CONTACT_KINDS[c.kind]}
      {c.answer && (
        <span className="govuk-!-display-block">
          <Tag colour={c.answer === 'refused' || c.answer === 'declined' ? 'orange' : 'green'}>{ANSWERS[c.answer]}</Tag>
        </span>
      )}
    </>,
    c.with_whom || '—',
    <>
      {c.delivered_by && <span className="govuk-!-display-block">Delivered by {c.delivered_by}</span>}
      {c.answered_on && <span className="govuk-!-display-block">Answered on {formatDate(c.answered_on, false)}</span>}
      {c.notes && <span className="govuk-!-display-block app-pre-line">{c.notes}</span>}
      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Recorded by {c.recorded_by_name}</span>
    </>,
  ];
}

interface AnswerValues {
  findings_answer: 'accepted' | 'declined' | '';
  answered_on: DateParts;
}

function FindingsAnswer({ reviewId, contact }: { reviewId: string; contact: FamilyContact }) {
  const save = useEngagementMutation(reviewId, 'family', async (v: AnswerValues) =>
    editing('entry', async () => {
      const path = { review_id: reviewId, contact_id: contact.id };
      return unwrap(
        await api.PATCH('/api/v1/reviews/{review_id}/family/contacts/{contact_id}', {
          params: { path, header: ifMatchParam(`"${contact.version}"`) },
          body: { answer: v.findings_answer || null, answered_on: isoFromParts(v.answered_on) },
        }),
      );
    }),
  );
  return (
    <>
      <h3 className="govuk-heading-s">The family’s answer to the offer of {formatDate(contact.occurred_on, false)}</h3>
      <SimpleForm<AnswerValues> fields={['findings_answer', 'answered_on']} defaultValues={{ findings_answer: '', answered_on: todayParts() }} button="Save the answer" onSubmit={save.mutateAsync}>
        {({ register, control }, error) => (
          <>
            <Radios
              id="findings_answer"
              legend="Did they accept the offer to hear the findings?"
              legendSize="s"
              inline
              error={error('findings_answer')}
              items={[
                { value: 'accepted', label: 'Accepted' },
                { value: 'declined', label: 'Declined' },
              ]}
              registration={register('findings_answer', { required: 'Select whether they accepted or declined' })}
            />
            <DateField control={control} name="answered_on" legend="Date they answered" what="the date they answered" notFuture error={error('answered_on')} />
          </>
        )}
      </SimpleForm>
    </>
  );
}

interface ContactValues {
  kind: FamilyContact['kind'] | '';
  occurred_on: DateParts;
  with_whom: string;
  delivered_by: string;
  answer: string;
  notes: string;
}

const KIND_ITEMS = (Object.keys(CONTACT_KINDS) as FamilyContact['kind'][]).map((value) => ({ value, label: CONTACT_KINDS[value] }));

function AddContact({ reviewId }: { reviewId: string }) {
  const add = useEngagementMutation(reviewId, 'family', async (v: ContactValues) => {
    const body: FamilyContactCreate = {
      kind: v.kind as FamilyContact['kind'],
      occurred_on: isoFromParts(v.occurred_on)!,
      with_whom: v.with_whom,
      delivered_by: v.delivered_by,
      answer: (v.answer || null) as FamilyContactCreate['answer'],
      notes: v.notes,
    };
    return unwrap(await api.POST('/api/v1/reviews/{review_id}/family/contacts', { params: { path: { review_id: reviewId } }, body }));
  });
  return (
    <>
      <h3 className="govuk-heading-s">Add to the log</h3>
      <SimpleForm<ContactValues>
        fields={['kind', 'occurred_on', 'with_whom', 'delivered_by', 'answer', 'notes']}
        defaultValues={{ kind: '', occurred_on: { ...NO_DATE }, with_whom: '', delivered_by: '', answer: '', notes: '' }}
        button="Add to the log"
        onSubmit={add.mutateAsync}
        onDone={(f) => f.reset()}
      >
        {({ register, control, watch }, error) => {
          const kind = watch('kind');
          return (
            <>
              <Radios id="kind" legend="What was it?" legendSize="s" error={error('kind')} items={KIND_ITEMS} registration={register('kind', { required: 'Select what it was' })} />
              <DateField control={control} name="occurred_on" legend="Date" what="the date" notFuture error={error('occurred_on')} />
              <Input id="with_whom" label="Who it was with or to (optional)" hint="By relationship, for example “Mother and her partner”" error={error('with_whom')} {...register('with_whom')} />
              {kind === 'initial_letter' && (
                <Input
                  id="delivered_by"
                  label="Who delivered the letter"
                  hint="If possible, a practitioner the family already knows, such as their allocated social worker"
                  error={error('delivered_by')}
                  {...register('delivered_by', { required: 'Enter who delivered the letter' })}
                />
              )}
              {kind === 'medical_records_consent' && (
                <Radios
                  id="answer"
                  legend="Was consent given?"
                  legendSize="s"
                  inline
                  error={error('answer')}
                  items={[
                    { value: 'given', label: 'Given' },
                    { value: 'refused', label: 'Refused' },
                  ]}
                  registration={register('answer', { required: 'Select whether consent was given or refused' })}
                />
              )}
              <Textarea id="notes" label="Notes (optional)" rows={3} error={error('notes')} {...register('notes')} />
            </>
          );
        }}
      </SimpleForm>
    </>
  );
}

/** The genogram names the family, so it is shown (and its reading recorded) only when asked for. */
function GenogramSection({ reviewId }: { reviewId: string }) {
  const [shown, setShown] = useState(false);
  const { data, error, isPending } = useGenogram(reviewId, shown);
  return (
    <section aria-labelledby="genogram-heading">
      <h2 className="govuk-heading-m" id="genogram-heading">
        Genogram
      </h2>
      {!shown ? (
        <>
          <p className="govuk-body">The genogram names the family and gives their dates of birth and addresses. Opening it is recorded in the case’s audit log.</p>
          <Button type="button" variant="secondary" onClick={() => setShown(true)}>
            Show the genogram
          </Button>
        </>
      ) : isPending ? (
        <Loading what="the genogram" />
      ) : error ? (
        <p className="govuk-body">{errorMessage(error)}</p>
      ) : (
        <GenogramView reviewId={reviewId} genogram={data} />
      )}
    </section>
  );
}

function GenogramView({ reviewId, genogram }: { reviewId: string; genogram: Genogram }) {
  const [problem, setProblem] = useState<string>();
  // One member form at a time (adding, or changing one person), so no two forms share field ids.
  const [changing, setChanging] = useState<Genogram['members'][number] | null>(null);
  const names = new Map(genogram.members.map((m) => [m.id, `${m.name} (${m.relationship_to_child})`]));
  const remove = useEngagementMutation(reviewId, 'genogram', async (target: { kind: 'member' | 'relationship'; id: string }) => {
    if (target.kind === 'member') {
      return unwrap(await api.DELETE('/api/v1/reviews/{review_id}/family/members/{member_id}', { params: { path: { review_id: reviewId, member_id: target.id } } }));
    }
    return unwrap(await api.DELETE('/api/v1/reviews/{review_id}/family/relationships/{relationship_id}', { params: { path: { review_id: reviewId, relationship_id: target.id } } }));
  });
  const run = (target: { kind: 'member' | 'relationship'; id: string }) => {
    setProblem(undefined);
    remove.mutateAsync(target).catch((e: unknown) => setProblem(errorMessage(e)));
  };
  return (
    <>
      <ActionError message={problem} />
      {genogram.members.length === 0 && <p className="govuk-body">No family members have been added yet.</p>}
      <Households genogram={genogram} />
      {genogram.members.map((m) => (
        <div className="govuk-summary-card" key={m.id}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {m.name}: {m.relationship_to_child}
              {m.deceased && <> (deceased)</>}
            </h3>
            {(m.allowed_actions.includes('edit') || m.allowed_actions.includes('remove')) && (
              <ul className="govuk-summary-card__actions">
                {m.allowed_actions.includes('edit') && (
                  <li className="govuk-summary-card__action">
                    <button type="button" className="govuk-link app-link-button" onClick={() => setChanging(m)}>
                      Change<span className="govuk-visually-hidden"> {m.name}</span>
                    </button>
                  </li>
                )}
                {m.allowed_actions.includes('remove') && (
                  <li className="govuk-summary-card__action">
                    <button type="button" className="govuk-link app-link-button" onClick={() => run({ kind: 'member', id: m.id })}>
                      Remove<span className="govuk-visually-hidden"> {m.name}</span>
                    </button>
                  </li>
                )}
              </ul>
            )}
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <Row label="Relationship to the child">{m.relationship_to_child}</Row>
              <Row label="Date of birth">{m.date_of_birth ? formatDate(m.date_of_birth, false) : 'Not known'}</Row>
              <Row label="Address">{m.address || 'Not known'}</Row>
              <Row label="Household">{m.household || 'Not recorded'}</Row>
              {m.notes && <Row label="Notes">{m.notes}</Row>}
            </dl>
          </div>
        </div>
      ))}
      {genogram.relationships.length > 0 && (
        <Table
          caption="Relationships between family members"
          captionSize="s"
          columns={[{ header: 'Person' }, { header: 'Is the' }, { header: 'Of' }, { header: <span className="govuk-visually-hidden">Actions</span> }]}
          rows={genogram.relationships.map((r) => ({
            key: r.id,
            cells: [
              names.get(r.from_member_id) ?? '',
              RELATIONSHIP_KINDS[r.kind],
              names.get(r.to_member_id) ?? '',
              r.allowed_actions.includes('remove') ? (
                <button type="button" className="govuk-link app-link-button" onClick={() => run({ kind: 'relationship', id: r.id })}>
                  Remove<span className="govuk-visually-hidden"> this relationship</span>
                </button>
              ) : null,
            ],
          }))}
        />
      )}
      {changing ? (
        <MemberForm key={changing.id} reviewId={reviewId} member={changing} onDone={() => setChanging(null)} />
      ) : (
        genogram.allowed_actions.includes('add_member') && <MemberForm reviewId={reviewId} />
      )}
      {genogram.allowed_actions.includes('add_relationship') && genogram.members.length >= 2 && <AddRelationship reviewId={reviewId} genogram={genogram} />}
    </>
  );
}

/** Who lives together, at a glance: each household with its members, oldest first. */
function Households({ genogram }: { genogram: Genogram }) {
  const households = new Map<string, Genogram['members']>();
  for (const m of genogram.members) {
    const key = m.household || 'Household not recorded';
    households.set(key, [...(households.get(key) ?? []), m]);
  }
  if (households.size === 0) return null;
  return (
    <>
      <h3 className="govuk-heading-s">Households</h3>
      <ul className="govuk-list govuk-list--spaced">
        {[...households].map(([household, members]) => (
          <li key={household}>
            <strong>{household}:</strong> {members.map((m) => `${m.name} (${m.relationship_to_child}${m.deceased ? ', deceased' : ''})`).join(', ')}
          </li>
        ))}
      </ul>
    </>
  );
}

interface MemberValues {
  name: string;
  relationship_to_child: string;
  date_of_birth: DateParts;
  address: string;
  household: string;
  deceased: string[];
  member_notes: string;
}

/** Add a person to the genogram, or (given `member`) change their details, sending the version read. */
function MemberForm({ reviewId, member, onDone }: { reviewId: string; member?: Genogram['members'][number]; onDone?: () => void }) {
  const save = useEngagementMutation(reviewId, 'genogram', async (v: MemberValues) => {
    const body = {
      name: v.name,
      relationship_to_child: v.relationship_to_child,
      date_of_birth: isEmptyDate(v.date_of_birth) ? null : isoFromParts(v.date_of_birth),
      address: v.address,
      household: v.household,
      deceased: v.deceased.includes('yes'),
      notes: v.member_notes,
    };
    if (!member) return unwrap(await api.POST('/api/v1/reviews/{review_id}/family/members', { params: { path: { review_id: reviewId } }, body }));
    // The version shown is the one changed: if someone changed this person since, the API refuses (412).
    const path = { review_id: reviewId, member_id: member.id };
    return editing('family member', async () =>
      unwrap(await api.PATCH('/api/v1/reviews/{review_id}/family/members/{member_id}', { params: { path, header: ifMatchParam(`"${member.version}"`) }, body })),
    );
  });
  const defaults: MemberValues = member
    ? {
        name: member.name,
        relationship_to_child: member.relationship_to_child,
        date_of_birth: partsFromIso(member.date_of_birth),
        address: member.address,
        household: member.household,
        deceased: member.deceased ? ['yes'] : [],
        member_notes: member.notes,
      }
    : { name: '', relationship_to_child: '', date_of_birth: { ...NO_DATE }, address: '', household: '', deceased: [], member_notes: '' };
  return (
    <>
      <h3 className="govuk-heading-s">{member ? `Change ${member.name}’s details` : 'Add a family member'}</h3>
      <SimpleForm<MemberValues>
        fields={['name', 'relationship_to_child', 'date_of_birth', 'address', 'household', 'deceased', 'member_notes']}
        defaultValues={defaults}
        button={member ? 'Save the changes' : 'Add to the genogram'}
        onSubmit={save.mutateAsync}
        onDone={(f) => {
          f.reset();
          onDone?.();
        }}
      >
        {({ register, control }, error) => (
          <>
            <Input id="name" label="Full name" error={error('name')} {...register('name', { required: 'Enter the person’s name' })} />
            <Input
              id="relationship_to_child"
              label="Relationship to the child"
              hint="For example, mother, mother’s partner, half-brother"
              error={error('relationship_to_child')}
              {...register('relationship_to_child', { required: 'Enter their relationship to the child' })}
            />
            <DateField control={control} name="date_of_birth" legend="Date of birth (optional)" what="the date of birth" notFuture optional error={error('date_of_birth')} />
            <Input id="address" label="Address (optional)" error={error('address')} {...register('address')} />
            <Input id="household" label="Household (optional)" hint="Who lives together, for example “Mother’s home”" error={error('household')} {...register('household')} />
            <Checkboxes id="deceased" legend="Deceased" legendSize="s" items={[{ value: 'yes', label: 'This person has died' }]} registration={register('deceased')} />
            <Textarea id="member_notes" label="Notes (optional)" rows={3} error={error('member_notes')} {...register('member_notes')} />
          </>
        )}
      </SimpleForm>
    </>
  );
}

interface RelationshipValues {
  from_member_id: string;
  relationship_kind: string;
  to_member_id: string;
}

function AddRelationship({ reviewId, genogram }: { reviewId: string; genogram: Genogram }) {
  const add = useEngagementMutation(reviewId, 'genogram', async (v: RelationshipValues) =>
    unwrap(
      await api.POST('/api/v1/reviews/{review_id}/family/relationships', {
        params: { path: { review_id: reviewId } },
        body: { from_member_id: v.from_member_id, to_member_id: v.to_member_id, kind: v.relationship_kind as Genogram['relationships'][number]['kind'], description: '' },
      }),
    ),
  );
  const people = [{ value: '', label: 'Choose a person' }, ...genogram.members.map((m) => ({ value: m.id, label: `${m.name} (${m.relationship_to_child})` }))];
  return (
    <>
      <h3 className="govuk-heading-s">Add a relationship</h3>
      <SimpleForm<RelationshipValues>
        fields={['from_member_id', 'relationship_kind', 'to_member_id']}
        defaultValues={{ from_member_id: '', relationship_kind: '', to_member_id: '' }}
        button="Add the relationship"
        onSubmit={add.mutateAsync}
        onDone={(f) => f.reset()}
      >
        {({ register }, error) => (
          <>
            <Select id="from_member_id" label="Person" options={people} error={error('from_member_id')} {...register('from_member_id', { required: 'Choose the first person' })} />
            <Select
              id="relationship_kind"
              label="Is the"
              options={[{ value: '', label: 'Choose a relationship' }, ...Object.entries(RELATIONSHIP_KINDS).map(([value, label]) => ({ value, label }))]}
              error={error('relationship_kind')}
              {...register('relationship_kind', { required: 'Choose the relationship' })}
            />
            <Select id="to_member_id" label="Of" options={people} error={error('to_member_id')} {...register('to_member_id', { required: 'Choose the second person' })} />
          </>
        )}
      </SimpleForm>
    </>
  );
}
