import { useController, useForm } from 'react-hook-form';
import { ApiError, errorMessage } from '../../api/problem';
import { Button, Checkboxes, ErrorSummary, Textarea } from '../../components/govuk';
import { DateField } from '../../forms/DateField';
import { NO_DATE, isoFromParts, type DateParts } from '../../forms/dates';
import { applyProblemToForm } from '../../forms/problemToForm';
import { summaryErrors } from '../../forms/summary';

interface Values {
  agency_ids: string[];
  due_date: DateParts;
  note: string;
}
const FIELDS = ['agency_ids', 'due_date', 'note'] as const;

interface Props {
  /** What is asked for, in a sentence: "chronologies", "key event analysis reports". */
  things: string;
  agencies: { id: string; name: string }[];
  onSubmit: (body: { agency_ids: string[]; due_date: string; note: string }) => Promise<unknown>;
}

/** Ask some of the review's agencies for a submission, due on one date (business office or lead reviewer). */
export function RequestSubmissionsForm({ things, agencies, onSubmit }: Props) {
  const form = useForm<Values>({ defaultValues: { agency_ids: agencies.map((a) => a.id), due_date: { ...NO_DATE }, note: '' } });
  const { register, control, handleSubmit, setError, formState, reset } = form;
  useController({ control, name: 'agency_ids', rules: { validate: (ids) => (ids?.length ? true : 'Select at least one agency') } });
  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit({ agency_ids: values.agency_ids, due_date: isoFromParts(values.due_date) ?? '', note: values.note });
      reset({ agency_ids: [], due_date: { ...NO_DATE }, note: '' });
    } catch (e) {
      if (e instanceof ApiError) applyProblemToForm(e.problem, setError, FIELDS);
      else setError('root.server', { message: errorMessage(e) });
    }
  });
  const error = (name: string) => (formState.errors as Record<string, { message?: string } | undefined>)[name]?.message;
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summaryErrors(formState.errors, FIELDS)} focusKey={formState.submitCount} />
      <Checkboxes
        id="agency_ids"
        legend="Which agencies?"
        legendSize="s"
        error={error('agency_ids')}
        items={agencies.map((a) => ({ value: a.id, label: a.name }))}
        registration={register('agency_ids')}
      />
      <DateField control={control} name="due_date" legend="Due date" what="the due date" notPast error={error('due_date')} />
      <Textarea id="note" label="What should they cover? (optional)" hint="For example, the period to cover or the key lines of enquiry" rows={3} {...register('note')} />
      <Button disabled={formState.isSubmitting}>Ask for {things}</Button>
    </form>
  );
}
