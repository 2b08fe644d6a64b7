import { get, type FieldErrors, type FieldValues, type Path } from 'react-hook-form';
import type { SummaryError } from '../components/govuk';

/** The element id a field's error summary link moves to: the field name with dots as hyphens. */
export function fieldId(name: string): string {
  return name.replaceAll('.', '-');
}

/** The form's errors in the order the fields appear, then any error that belongs to no field. */
export function summaryErrors<T extends FieldValues>(errors: FieldErrors<T>, fields: readonly Path<T>[]): SummaryError[] {
  const list: SummaryError[] = [];
  for (const name of fields) {
    const entry: unknown = get(errors, name);
    const message = typeof entry === 'object' && entry !== null && 'message' in entry ? entry.message : undefined;
    if (typeof message === 'string' && message) list.push({ fieldId: fieldId(name), message });
  }
  const server = errors.root?.server?.message;
  if (server) list.push({ message: server });
  return list;
}
