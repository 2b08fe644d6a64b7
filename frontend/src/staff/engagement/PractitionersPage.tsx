import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import { editing, ifMatchParam } from '../../api/versioned';
import { ButtonLink, Input, Radios, Select, Table, Tag, Textarea } from '../../components/govuk';
import { DateField } from '../../forms/DateField';
import { isoFromParts, NO_DATE, partsFromIso, todayParts, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { StateTag } from '../common/StatusTags';
import { EVENT_KINDS, eventStatus } from '../events/labels';
import { formatTimes } from '../events/time';
import { useAgencies } from '../notifications/useAgencies';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useMe } from '../useMe';
import { useEngagementMutation, useOneToOnes, useReviewEvents, type OneToOne } from './engagementApi';
import { ONE_TO_ONE_STATES } from './labels';
import { ReviewHeading } from './ReviewHeading';

/** The review's practitioner engagement: its events (the practitioner event above all) and one-to-one discussions. */
export function PractitionersPage() {
  const { reviewId = '' } = useParams();
  usePageTitle('Practitioner engagement');
  const { data: me } = useMe();
  const events = useReviewEvents(reviewId);
  const oneToOnes = useOneToOnes(reviewId);
  const manages = Boolean(me?.permissions.includes('events:manage'));
  // One one-to-one form at a time: offering a new one, or correcting one still only offered.
  const [changing, setChanging] = useState<OneToOne | null>(null);
  return (
    <>
      <ReviewHeading reviewId={reviewId} title="Practitioner engagement" />
      <p className="govuk-body">
        The practitioner event brings together the frontline practitioners who worked with the family. Those who cannot attend, or would find it too distressing, can be offered a one-to-one
        discussion with the lead reviewer.
      </p>
      <h2 className="govuk-heading-m">Practitioner events</h2>
      {manages && <ButtonLink to={`/events/new?review_id=${reviewId}`}>Arrange a practitioner event</ButtonLink>}
      {events.error && <p className="govuk-body">{errorMessage(events.error)}</p>}
      {events.data && events.data.length === 0 && <p className="govuk-body">No events have been arranged for this review yet.</p>}
      {events.data && events.data.length > 0 && (
        <Table
          caption="Events of this review"
          captionSize="s"
          columns={[{ header: 'Event' }, { header: 'Date' }, { header: 'Places taken' }, { header: 'Status' }]}
          rows={events.data.map((event) => ({
            key: event.id,
            cells: [
              <>
                <Link className="govuk-link" to={`/events/${event.id}`}>
                  {event.title}
                </Link>
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{EVENT_KINDS[event.kind].label}</span>
              </>,
              <>
                {formatDate(event.date, false)}
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{formatTimes(event.start_time, event.end_time)}</span>
              </>,
              `${event.confirmed} of ${event.capacity}`,
              <StateTag state={eventStatus(event)} />,
            ],
          }))}
        />
      )}
      <h2 className="govuk-heading-m">One-to-one discussions</h2>
      {oneToOnes.error && <p className="govuk-body">{errorMessage(oneToOnes.error)}</p>}
      {oneToOnes.data && oneToOnes.data.length === 0 && <p className="govuk-body">No one-to-one discussions have been offered.</p>}
      {oneToOnes.data && oneToOnes.data.length > 0 && (
        <Table
          caption="One-to-one discussions offered"
          captionSize="s"
          columns={[{ header: 'Practitioner' }, { header: 'Agency' }, { header: 'Offered' }, { header: 'Outcome' }, { header: <span className="govuk-visually-hidden">Actions</span> }]}
          rows={oneToOnes.data.map((o) => ({
            key: o.id,
            cells: [
              <>
                {o.practitioner_name}
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{o.practitioner_role}</span>
              </>,
              o.agency_name,
              <>
                {formatDate(o.offered_on, false)}
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">by {o.offered_by}</span>
              </>,
              <Outcome oneToOne={o} />,
              o.allowed_actions.includes('edit') ? (
                <button type="button" className="govuk-link app-link-button" onClick={() => setChanging(o)}>
                  Change<span className="govuk-visually-hidden"> the one-to-one with {o.practitioner_name}</span>
                </button>
              ) : null,
            ],
          }))}
        />
      )}
      {oneToOnes.data && oneToOnes.data.some((o) => o.allowed_actions.includes('record_held')) && (
        <RecordOutcome reviewId={reviewId} offered={oneToOnes.data.filter((o) => o.allowed_actions.includes('record_held'))} />
      )}
      {changing ? (
        <OneToOneForm key={changing.id} reviewId={reviewId} offeredBy={changing.offered_by} oneToOne={changing} onDone={() => setChanging(null)} />
      ) : (
        manages && <OneToOneForm reviewId={reviewId} offeredBy={me?.name ?? ''} />
      )}
    </>
  );
}

function Outcome({ oneToOne: o }: { oneToOne: OneToOne }) {
  return (
    <>
      <StateTag state={ONE_TO_ONE_STATES[o.state]} />
      {o.held_on && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">on {formatDate(o.held_on, false)} with {o.held_by}</span>}
      {o.declined_on && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">on {formatDate(o.declined_on, false)}</span>}
    </>
  );
}

interface OutcomeValues {
  one_to_one_id: string;
  outcome: 'held' | 'declined' | '';
  on: DateParts;
  held_by: string;
}

/** Record whether an offered discussion was held (when, and by whom) or declined. */
function RecordOutcome({ reviewId, offered }: { reviewId: string; offered: OneToOne[] }) {
  const save = useEngagementMutation(reviewId, 'one-to-ones', async (v: OutcomeValues) => {
    const path = { review_id: reviewId, one_to_one_id: v.one_to_one_id };
    const on = isoFromParts(v.on)!;
    if (v.outcome === 'held') {
      return unwrap(await api.POST('/api/v1/reviews/{review_id}/one-to-ones/{one_to_one_id}/held', { params: { path }, body: { held_on: on, held_by: v.held_by } }));
    }
    return unwrap(await api.POST('/api/v1/reviews/{review_id}/one-to-ones/{one_to_one_id}/declined', { params: { path }, body: { declined_on: on } }));
  });
  return (
    <>
      <h3 className="govuk-heading-s">Record the outcome of a one-to-one</h3>
        <SimpleForm<OutcomeValues>
          fields={['one_to_one_id', 'outcome', 'on', 'held_by']}
          defaultValues={{ one_to_one_id: offered.length === 1 ? offered[0]!.id : '', outcome: '', on: todayParts(), held_by: '' }}
          button="Save the outcome"
          onSubmit={save.mutateAsync}
          onDone={(f) => f.reset()}
        >
          {({ register, control, watch }, error) => (
            <>
              <Select
                id="one_to_one_id"
                label="Practitioner"
                error={error('one_to_one_id')}
                options={[{ value: '', label: 'Choose a practitioner' }, ...offered.map((o) => ({ value: o.id, label: `${o.practitioner_name}, ${o.agency_name}` }))]}
                {...register('one_to_one_id', { required: 'Choose the practitioner' })}
              />
              <Radios
                id="outcome"
                legend="What happened?"
                legendSize="s"
                error={error('outcome')}
                items={[
                  { value: 'held', label: 'The discussion was held' },
                  { value: 'declined', label: 'The practitioner declined' },
                ]}
                registration={register('outcome', { required: 'Select whether the discussion was held or declined' })}
              />
              <DateField control={control} name="on" legend="Date" what="the date" notFuture error={error('on')} />
              {watch('outcome') === 'held' && (
                <Input id="held_by" label="Held by" error={error('held_by')} {...register('held_by', { required: 'Enter who held the discussion' })} />
              )}
            </>
          )}
        </SimpleForm>
    </>
  );
}

interface OfferValues {
  agency_id: string;
  practitioner_name: string;
  practitioner_role: string;
  offered_on: DateParts;
  offered_by: string;
  notes: string;
}

interface FormProps {
  reviewId: string;
  offeredBy: string;
  oneToOne?: OneToOne;
  onDone?: () => void;
}

/** Offer a one-to-one, or (given `oneToOne`) correct one still only offered, at the version shown. */
function OneToOneForm({ reviewId, offeredBy, oneToOne, onDone }: FormProps) {
  const { data: agencies } = useAgencies();
  const [done, setDone] = useState<string>();
  const offer = useEngagementMutation(reviewId, 'one-to-ones', async (v: OfferValues) => {
    const body = { ...v, offered_on: isoFromParts(v.offered_on)! };
    if (oneToOne) {
      return editing('one-to-one', async () =>
        unwrap(
          await api.PATCH('/api/v1/reviews/{review_id}/one-to-ones/{one_to_one_id}', {
            params: { path: { review_id: reviewId, one_to_one_id: oneToOne.id }, header: ifMatchParam(`"${oneToOne.version}"`) },
            body,
          }),
        ),
      );
    }
    return unwrap(await api.POST('/api/v1/reviews/{review_id}/one-to-ones', { params: { path: { review_id: reviewId } }, body }));
  });
  if (!agencies) return null;
  const defaults: OfferValues = oneToOne
    ? {
        agency_id: oneToOne.agency_id,
        practitioner_name: oneToOne.practitioner_name,
        practitioner_role: oneToOne.practitioner_role,
        offered_on: partsFromIso(oneToOne.offered_on),
        offered_by: oneToOne.offered_by,
        notes: oneToOne.notes,
      }
    : { agency_id: '', practitioner_name: '', practitioner_role: '', offered_on: { ...NO_DATE }, offered_by: offeredBy, notes: '' };
  return (
    <>
      <h3 className="govuk-heading-s">{oneToOne ? `Change the one-to-one with ${oneToOne.practitioner_name}` : 'Offer a one-to-one discussion'}</h3>
      {done && (
        <p className="govuk-body" role="status">
          <Tag colour="green">Recorded</Tag> {done}
        </p>
      )}
      <SimpleForm<OfferValues>
        fields={['practitioner_name', 'practitioner_role', 'agency_id', 'offered_on', 'offered_by', 'notes']}
        defaultValues={defaults}
        button={oneToOne ? 'Save the changes' : 'Record the offer'}
        onSubmit={offer.mutateAsync}
        onDone={(f) => {
          if (!oneToOne) setDone(`One-to-one offered to ${f.getValues('practitioner_name')}.`);
          f.reset();
          onDone?.();
        }}
      >
        {({ register, control }, error) => (
          <>
            <Input id="practitioner_name" label="Practitioner’s name" error={error('practitioner_name')} {...register('practitioner_name', { required: 'Enter the practitioner’s name' })} />
            <Input id="practitioner_role" label="Their role" hint="For example, health visitor" error={error('practitioner_role')} {...register('practitioner_role', { required: 'Enter the practitioner’s role' })} />
            <Select
              id="agency_id"
              label="Agency"
              error={error('agency_id')}
              options={[{ value: '', label: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]}
              {...register('agency_id', { required: 'Choose the practitioner’s agency' })}
            />
            <DateField control={control} name="offered_on" legend="Date it was offered" what="the date it was offered" notFuture error={error('offered_on')} />
            <Input id="offered_by" label="Offered by" error={error('offered_by')} {...register('offered_by', { required: 'Enter who offered it' })} />
            <Textarea id="notes" label="Notes (optional)" rows={3} error={error('notes')} {...register('notes')} />
          </>
        )}
      </SimpleForm>
    </>
  );
}
