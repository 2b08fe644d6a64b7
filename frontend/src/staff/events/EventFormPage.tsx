import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage, unwrap } from '../../api/problem';
import { BackLink, Button, ButtonGroup, ErrorSummary } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { applyProblemToForm } from '../../forms/problemToForm';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { useMe } from '../useMe';
import './events.css';
import { EventFields } from './EventFields';
import { emptyValues, eventSummaryErrors, FORM_ROOTS, fromEvent, labelled, toCreate, toUpdate, type EventFormValues } from './eventForm';
import { useEvent, useReviews, useSaveEvent, type VersionedEvent } from './eventsApi';
import type { EventCreate } from './types';
import { LoadProblem } from '../../components/layout/LoadProblem';

/** The form's submit: clear old errors, run the checks, and put the API's field errors beside the fields. */
function useEventForm(defaultValues: EventFormValues, send: (values: EventFormValues) => Promise<void>) {
  const form = useForm<EventFormValues>({ defaultValues });
  const [stale, setStale] = useState(false);
  const errors = eventSummaryErrors(form.formState.errors);
  const onSubmit = (event: FormEvent) => {
    form.clearErrors();
    void form.handleSubmit(async (values) => {
      try {
        await send(values);
      } catch (e) {
        setStale(e instanceof ApiError && e.status === 412);
        if (e instanceof ApiError) applyProblemToForm(labelled(e.problem), form.setError, FORM_ROOTS);
        else form.setError('root.server', { message: errorMessage(e) });
      }
    })(event);
  };
  return { form, errors, onSubmit, stale };
}

export function NewEventPage() {
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const reviews = useReviews();
  const create = useMutation({ mutationFn: async (body: EventCreate) => unwrap(await api.POST('/api/v1/events', { body })) });
  const { form, errors, onSubmit } = useEventForm(emptyValues(params.get('review_id') ?? ''), async (values) => {
    const created = await create.mutateAsync(toCreate(values));
    navigate(`/events/${created.id}`, { state: { banner: 'Event scheduled', openLink: created.open_link } });
  });
  usePageTitle('Schedule an event', errors.length > 0);
  if (me && !me.permissions.includes('events:manage')) return <Navigate to="/events" replace />;
  return (
    <>
      <BackLink to="/events">All events</BackLink>
      <ErrorSummary errors={errors} focusKey={form.formState.submitCount} />
      <h1 className="govuk-heading-l">Schedule an event</h1>
      {reviews.isPending && <Loading what="the reviews" />}
      {reviews.error && <p className="govuk-body">{errorMessage(reviews.error)}</p>}
      {reviews.data && reviews.data.length === 0 && <p className="govuk-body">There are no reviews yet. An event belongs to a review, so a review must be agreed first.</p>}
      {/* Drawn once the reviews are here, so the review chosen in the link is selected. */}
      {reviews.data && reviews.data.length > 0 && (
        <form onSubmit={onSubmit} noValidate>
          <EventFields form={form} mode="create" reviews={reviews.data} />
          <ButtonGroup>
            <Button disabled={form.formState.isSubmitting}>Schedule event</Button>
            <Link className="govuk-link" to="/events">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      )}
    </>
  );
}

export function EditEventPage() {
  const { id = '' } = useParams();
  const { data, error, isPending } = useEvent(id);
  usePageTitle('Change the event’s details');
  if (isPending) return <Loading what="the event" />;
  if (error) return <LoadProblem error={error} what="event" />;
  if (!data.record.allowed_actions.includes('edit')) return <Navigate to={`/events/${id}`} replace />;
  return <EditEvent key={data.record.id} loaded={data} />;
}

function EditEvent({ loaded }: { loaded: VersionedEvent }) {
  const { record } = loaded;
  const navigate = useNavigate();
  const save = useSaveEvent(record.id);
  // The values and version the form was opened with: a background refetch must not move either.
  const [was] = useState(() => fromEvent(record));
  const [etag] = useState(loaded.etag);
  const { form, errors, onSubmit, stale } = useEventForm(was, async (values) => {
    const body = toUpdate(values, was);
    if (Object.keys(body).length > 0) await save.mutateAsync({ body, etag });
    navigate(`/events/${record.id}`, { state: { banner: Object.keys(body).length > 0 ? 'Event details saved' : 'Nothing was changed' } });
  });
  usePageTitle('Change the event’s details', errors.length > 0);
  return (
    <>
      <BackLink to={`/events/${record.id}`}>Back to the event</BackLink>
      <ErrorSummary errors={errors} focusKey={form.formState.submitCount} />
      {stale && (
        <p className="govuk-body">
          <a className="govuk-link" href={`/events/${record.id}/edit`}>
            Reload the event
          </a>
        </p>
      )}
      <span className="govuk-caption-l">{record.title}</span>
      <h1 className="govuk-heading-l">Change the event’s details</h1>
      <p className="govuk-body">If you change the date, time or place, everyone with a place is e-mailed an updated calendar invitation. More places are offered to the waiting list.</p>
      <form onSubmit={onSubmit} noValidate>
        <EventFields form={form} mode="edit" hasOpenLink={record.has_open_link} />
        <ButtonGroup>
          <Button disabled={form.formState.isSubmitting}>Save changes</Button>
          <Link className="govuk-link" to={`/events/${record.id}`}>
            Cancel
          </Link>
        </ButtonGroup>
      </form>
    </>
  );
}
