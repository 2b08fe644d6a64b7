import { useForm } from 'react-hook-form';
import { ApiError, errorMessage } from '../../api/problem';
import { Button, ButtonGroup, ErrorSummary, Input, Textarea } from '../../components/govuk';
import { DateField } from '../../forms/DateField';
import { NO_DATE, isoFromParts, partsFromIso, type DateParts } from '../../forms/dates';
import { applyProblemToForm } from '../../forms/problemToForm';
import { summaryErrors } from '../../forms/summary';
import type { ChronologyEntry, ChronologyEntryCreate } from './types';

interface Values {
  occurred_on: DateParts;
  occurred_time: string;
  source: string;
  what_happened: string;
  significance: string;
}
const FIELDS = ['occurred_on', 'occurred_time', 'source', 'what_happened', 'significance'] as const;

function initial(entry?: ChronologyEntry): Values {
  if (!entry) return { occurred_on: { ...NO_DATE }, occurred_time: '', source: '', what_happened: '', significance: '' };
  return {
    occurred_on: partsFromIso(entry.occurred_on),
    occurred_time: entry.occurred_time?.slice(0, 5) ?? '',
    source: entry.source,
    what_happened: entry.what_happened,
    significance: entry.significance,
  };
}

/** "9:30", "09.30", "21:05" → "09:30"; anything else null. */
export function normaliseTime(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

interface Props {
  entry?: ChronologyEntry;
  button: string;
  onSubmit: (body: ChronologyEntryCreate) => Promise<unknown>;
  onCancel?: () => void;
}

/** One entry of the chronology template (Appendix 4c): date, time where known, source, what happened,
 * significance. One such form is on the page at a time: its ids are the fields' names. */
export function EntryForm({ entry, button, onSubmit, onCancel }: Props) {
  const { register, control, handleSubmit, setError, formState, reset } = useForm<Values>({ defaultValues: initial(entry) });
  const submit = handleSubmit(async (values) => {
    const time = values.occurred_time.trim();
    try {
      await onSubmit({
        occurred_on: isoFromParts(values.occurred_on) ?? '',
        occurred_time: time ? normaliseTime(time) : null,
        source: values.source,
        what_happened: values.what_happened,
        significance: values.significance,
      });
      if (!entry) reset(initial());
    } catch (e) {
      if (e instanceof ApiError) applyProblemToForm(e.problem, setError, FIELDS);
      else setError('root.server', { message: errorMessage(e) });
    }
  });
  const error = (name: keyof Values) => formState.errors[name]?.message;
  return (
    <form onSubmit={submit} noValidate aria-label={button}>
      <ErrorSummary errors={summaryErrors(formState.errors, FIELDS)} focusKey={formState.submitCount} />
      <DateField control={control} name="occurred_on" legend="Date" what="the date of the event" notFuture error={error('occurred_on')} />
      <Input
        id="occurred_time"
        label="Time (if known)"
        hint="For example, 09:30 or 21:05"
        widthClass="govuk-input--width-5"
        error={error('occurred_time')}
        {...register('occurred_time', { validate: (t) => !t.trim() || normaliseTime(t) !== null || 'Time must be a real time, like 09:30' })}
      />
      <Input id="source" label="Source" hint="Where it is recorded, for example a case note or log number" error={error('source')} {...register('source', { required: 'Enter where this is recorded' })} />
      <Textarea id="what_happened" label="What happened" rows={3} error={error('what_happened')} {...register('what_happened', { required: 'Enter what happened' })} />
      <Textarea id="significance" label="Significance" hint="Why this matters for the child" rows={3} error={error('significance')} {...register('significance', { required: 'Enter why this is significant' })} />
      <ButtonGroup>
        <Button disabled={formState.isSubmitting}>{button}</Button>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </ButtonGroup>
    </form>
  );
}
