import type { ReactNode } from 'react';
import { useController, type Control, type FieldValues, type Path, type UseFormRegisterReturn } from 'react-hook-form';
import { DateInput } from '../components/govuk';
import { dateProblem, isEmptyDate, isoFromParts, partsFromIso, type DateParts } from './dates';
import { fieldId } from './summary';

interface Props<T extends FieldValues> {
  control: Control<T>;
  name: Path<T>;
  legend: ReactNode;
  hint?: ReactNode;
  /** Completes "Enter …" in the error messages, e.g. "the date of the incident". */
  what: string;
  notFuture?: boolean;
  notPast?: boolean;
  /** Empty boxes are allowed (they mean no date). */
  optional?: boolean;
  error?: string;
  legendSize?: 's' | 'm';
}

// Boxes that do not (yet) make a real date are kept as typed, so nothing the person wrote is lost; such a value is
// never an ISO date, and the field's rule reports it in GOV.UK's words before anything is sent.
const TYPED = '~';

/** The form value: "2025-03-07" for a real date, "" for empty boxes, "~7/13/2025" for boxes as typed. */
export function valueFromParts(parts: DateParts): string {
  if (isEmptyDate(parts)) return '';
  return isoFromParts(parts) ?? `${TYPED}${parts.day}/${parts.month}/${parts.year}`;
}

export function partsFromValue(value: string | null | undefined): DateParts {
  if (value?.startsWith(TYPED)) {
    const [day = '', month = '', year = ''] = value.slice(TYPED.length).split('/');
    return { day, month, year };
  }
  return partsFromIso(value);
}

/**
 * The GOV.UK date input for a form whose value is an ISO date string (what the API takes), with GOV.UK's error
 * messages ("The date of the incident must be a real date"), so 31 February is never silently lost or misnamed.
 */
export function IsoDateField<T extends FieldValues>({ control, name, legend, hint, what, notFuture, notPast, optional, error, legendSize = 's' }: Props<T>) {
  const { field } = useController({
    control,
    name,
    rules: {
      validate: (value: string) => {
        const parts = partsFromValue(value);
        return (optional && isEmptyDate(parts)) || (dateProblem(parts, what, { notFuture, notPast }) ?? true);
      },
    },
  });
  const parts = partsFromValue(field.value as string);
  const part = (key: keyof DateParts): UseFormRegisterReturn => ({
    name: `${name}.${key}`,
    onChange: async (event: { target: { value: string } }) => field.onChange(valueFromParts({ ...parts, [key]: event.target.value })),
    onBlur: async () => field.onBlur(),
    ref: key === 'day' ? field.ref : () => undefined,
  });
  return (
    <DateInput
      id={fieldId(name)}
      legend={legend}
      legendSize={legendSize}
      hint={hint ?? 'For example, 27 3 2025'}
      error={error}
      values={parts}
      registrations={{ day: part('day'), month: part('month'), year: part('year') }}
    />
  );
}
