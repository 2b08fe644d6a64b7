import type { ReactNode } from 'react';
import { useController, type Control, type FieldValues, type Path, type UseFormRegisterReturn } from 'react-hook-form';
import { DateInput } from '../components/govuk';
import { dateProblem, isEmptyDate, type DateParts } from './dates';
import { fieldId } from './summary';

interface Props<T extends FieldValues> {
  control: Control<T>;
  name: Path<T>;
  legend: ReactNode;
  hint?: ReactNode;
  /** Completes "Enter …" in the error messages, e.g. "the date the report was sent". */
  what: string;
  notFuture?: boolean;
  notPast?: boolean;
  /** Empty boxes are allowed (they mean no date). */
  optional?: boolean;
  /** The message to show (client check or the API's), from the form's errors. */
  error?: string;
}

/**
 * A GOV.UK date input held as one form value ({ day, month, year }): one error for the whole date,
 * under the field's own name, so the API's `body.<name>` errors land on it too.
 */
export function DateField<T extends FieldValues>({ control, name, legend, hint, what, notFuture, notPast, optional, error }: Props<T>) {
  const { field } = useController({
    control,
    name,
    rules: { validate: (value: DateParts) => (optional && isEmptyDate(value)) || (dateProblem(value, what, { notFuture, notPast }) ?? true) },
  });
  const value = field.value as DateParts;
  const part = (key: keyof DateParts): UseFormRegisterReturn => ({
    name: `${name}.${key}`,
    onChange: async (event: { target: { value: string } }) => field.onChange({ ...value, [key]: event.target.value }),
    onBlur: async () => field.onBlur(),
    // The day box takes focus when the form finds an error here.
    ref: key === 'day' ? field.ref : () => undefined,
  });
  return (
    <DateInput
      id={fieldId(name)}
      legend={legend}
      legendSize="s"
      hint={hint ?? 'For example, 27 3 2025'}
      error={error}
      values={value}
      registrations={{ day: part('day'), month: part('month'), year: part('year') }}
    />
  );
}
