import type { UseFormReturn } from 'react-hook-form';
import { DateInput, Input, Radios, Textarea } from '../../components/govuk';
import { Fieldset } from '../../components/govuk/Fieldset';
import { ErrorMessage, describedBy } from '../../components/govuk/ErrorMessage';
import { EVENT_KINDS } from './labels';
import { fieldError, RULES, type EventFormValues } from './eventForm';
import type { Review } from './types';

interface Props {
  form: UseFormReturn<EventFormValues>;
  /** A new event chooses its review and whether it has an open link; an edit keeps both. */
  mode: 'create' | 'edit';
  reviews?: Review[];
  /** On an edit, whether there is an open link whose closing time can be changed. */
  hasOpenLink?: boolean;
}

/** The event's details: what, when, where, how many, and how people sign up. */
export function EventFields({ form, mode, reviews, hasOpenLink }: Props) {
  const { register, watch, formState } = form;
  const e = (name: string) => fieldError(formState.errors, name);
  const where = watch('where') ?? [];
  const showClosing = mode === 'create' ? watch('create_open_link') === 'yes' : hasOpenLink;
  const dateParts = (name: 'date' | 'open_link_expires_at', validate: (v: EventFormValues) => string | undefined) => ({
    day: register(`${name}.day`, { validate: (_, all) => validate(all) ?? true }),
    month: register(`${name}.month`),
    year: register(`${name}.year`),
  });
  return (
    <>
      {mode === 'create' && (
        <ReviewSelect reviews={reviews} error={e('review_id')} registration={register('review_id', RULES.review_id)} />
      )}
      <Radios
        id="kind"
        legend="Type of event"
        legendSize="s"
        error={e('kind')}
        items={Object.entries(EVENT_KINDS).map(([value, { label, hint }]) => ({ value, label, hint: hint || undefined }))}
        registration={register('kind', RULES.kind)}
      />
      <Input id="title" label="Title" hint="Shown on the sign-up page that practitioners see. Do not name the child or the review." error={e('title')} {...register('title', RULES.title)} />
      <DateInput id="date" legend="Date" legendSize="s" hint="For example, 12 3 2025" error={e('date')} registrations={dateParts('date', RULES.date)} />
      <Input id="start_time" label="Start time" hint="For example, 09:30 or 2pm" widthClass="govuk-input--width-5" autoComplete="off" error={e('start_time')} {...register('start_time', { validate: RULES.time('start time') })} />
      <Input id="end_time" label="End time" hint="For example, 12:00 or midday" widthClass="govuk-input--width-5" autoComplete="off" error={e('end_time')} {...register('end_time', { validate: RULES.time('end time') })} />
      <Fieldset id="where-group" legend="How will people attend?" legendSize="s" hint="Select all that apply." error={e('where')}>
        <div className="govuk-checkboxes">
          <Choice id="where" value="in_person" label="In person" form={form} shown={where.includes('in_person')}>
            <Input id="location" label="Venue" hint="The building, room and address" error={e('location')} {...register('location', { validate: (_, all) => RULES.location(all) })} />
          </Choice>
          <Choice id="where-2" value="online" label="Online" form={form} shown={where.includes('online')}>
            <Input id="virtual_link" type="url" label="Link to join online" hint="For example, https://meet.example.org/abc" error={e('virtual_link')} {...register('virtual_link', { validate: (_, all) => RULES.virtual_link(all) })} />
          </Choice>
        </div>
      </Fieldset>
      <Input id="capacity" label="Number of places" hint="When every place is taken, practitioners can join a waiting list." inputMode="numeric" widthClass="govuk-input--width-4" error={e('capacity')} {...register('capacity', RULES.capacity)} />
      <Textarea id="questions" label="Questions to think about beforehand (optional)" hint="One question on each line. They are shown on the sign-up page." rows={4} error={e('questions')} {...register('questions')} />
      <Textarea id="support_note" label="Support for practitioners (optional)" hint="For example, who to talk to if the case is upsetting. Shown on the sign-up page." rows={3} error={e('support_note')} {...register('support_note')} />
      <Radios
        id="sign_up_open"
        legend="Can practitioners sign up?"
        legendSize="s"
        inline
        error={e('sign_up_open')}
        items={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No, not now' },
        ]}
        registration={register('sign_up_open')}
      />
      {mode === 'create' && (
        <Radios
          id="create_open_link"
          legend="Who can sign up?"
          legendSize="s"
          error={e('create_open_link')}
          items={[
            { value: 'yes', label: 'Anyone with the event’s sign-up link', hint: 'You get a link to share, for example with the agencies involved. You can invite people too.' },
            { value: 'no', label: 'Only people who are invited or nominated', hint: 'Each person is e-mailed a personal link.' },
          ]}
          registration={register('create_open_link')}
        />
      )}
      {showClosing && (
        <>
          <DateInput
            id="open_link_expires_at"
            legend="When does sign-up through the link close? (optional)"
            legendSize="s"
            hint="Leave blank to keep the link working until the event ends. For example, 10 3 2025"
            error={e('open_link_expires_at')}
            registrations={dateParts('open_link_expires_at', RULES.closesDate)}
          />
          <Input id="open_link_expires_at-time" label="Time the link closes" hint="For example, 5pm" widthClass="govuk-input--width-5" autoComplete="off" error={e('open_link_expires_at.time')} {...register('open_link_expires_at.time', { validate: (_, all) => RULES.closesTime(all) })} />
        </>
      )}
    </>
  );
}

/** A checkbox whose follow-up question shows beneath it once ticked (the GOV.UK conditional reveal). */
function Choice({ id, value, label, form, shown, children }: { id: string; value: string; label: string; form: UseFormReturn<EventFormValues>; shown: boolean; children: React.ReactNode }) {
  return (
    <>
      <div className="govuk-checkboxes__item">
        <input className="govuk-checkboxes__input" id={id} type="checkbox" value={value} aria-controls={`${id}-conditional`} {...form.register('where', RULES.where)} />
        <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
          {label}
        </label>
      </div>
      {/* `hidden`, not govuk-frontend's --hidden class, which only applies once its JavaScript has run. */}
      <div className="govuk-checkboxes__conditional" id={`${id}-conditional`} hidden={!shown}>
        {children}
      </div>
    </>
  );
}

function ReviewSelect({ reviews, error, registration }: { reviews?: Review[]; error?: string; registration: ReturnType<UseFormReturn<EventFormValues>['register']> }) {
  const hintId = 'review_id-hint';
  const errorId = error ? 'review_id-error' : undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor="review_id">
        Review
      </label>
      <div id={hintId} className="govuk-hint">
        The review the event is part of. Only staff see this.
      </div>
      {error && errorId && <ErrorMessage id={errorId} message={error} />}
      <select className={`govuk-select${error ? ' govuk-select--error' : ''}`} id="review_id" aria-describedby={describedBy(hintId, errorId)} {...registration}>
        <option value="">Choose a review</option>
        {reviews?.map((r) => (
          <option key={r.id} value={r.id}>
            {r.child_reference} ({r.kind === 'cspr' ? 'Child Safeguarding Practice Review' : 'Case Mapping Exercise'})
          </option>
        ))}
      </select>
    </div>
  );
}
