import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { errorMessage, unwrap } from '../../api/problem';
import { Button, Checkboxes } from '../../components/govuk';
import { api } from '../api';
import { useAttendees, useEventMutation } from './eventsApi';
import type { Event, SignUp } from './types';

/**
 * Once the event has started, the business office ticks who came; it can be corrected later. Shown when the event
 * offers `mark_attendance`, for the people each of whom offers it (everyone still holding a place).
 */
export function AttendanceForm({ event }: { event: Event }) {
  const { data } = useAttendees(event.id);
  const people = (data?.sign_ups ?? []).filter((s) => s.allowed_actions.includes('mark_attendance'));
  return (
    <section aria-labelledby="attendance-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="attendance-heading">
        Attendance
      </h2>
      {data && people.length === 0 && <p className="govuk-body">Nobody signed up, so there is no attendance to record.</p>}
      {people.length > 0 && <Marks key={people.map((p) => `${p.id}:${p.attended}`).join()} event={event} people={people} />}
    </section>
  );
}

function Marks({ event, people }: { event: Event; people: SignUp[] }) {
  const [saved, setSaved] = useState('');
  const form = useForm<{ attended: string[] }>({ defaultValues: { attended: people.filter((p) => p.attended).map((p) => p.id) } });
  const save = useEventMutation(event.id, async (attended: string[]) =>
    unwrap(
      await api.POST('/api/v1/events/{event_id}/attendance', {
        params: { path: { event_id: event.id } },
        body: { marks: people.map((p) => ({ sign_up_id: p.id, attended: attended.includes(p.id) })) },
      }),
    ),
  );
  const submit = form.handleSubmit(async ({ attended }) => {
    setSaved('');
    const marked = await save.mutateAsync(attended ?? []).catch(() => null);
    if (marked) setSaved(`Attendance saved: ${marked.filter((m) => m.attended).length} of ${marked.length} attended.`);
  });
  return (
    <form onSubmit={submit} noValidate>
      {save.error && <p className="govuk-error-message">{errorMessage(save.error)}</p>}
      <Checkboxes
        id="attended"
        legend="Who attended?"
        legendSize="s"
        hint="Select everyone who came. You can correct this later."
        items={people.map((p) => ({ value: p.id, label: `${p.name}, ${p.agency_name}${p.status === 'waiting_list' ? ' (was on the waiting list)' : ''}` }))}
        registration={form.register('attended')}
      />
      <Button disabled={save.isPending}>Save attendance</Button>
      <p className="govuk-body" role="status">
        {saved}
      </p>
    </form>
  );
}
