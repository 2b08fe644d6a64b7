import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { Problem } from '../api/problem';

/** Where the API's problem messages that name no form field are put. */
export const SERVER_ERROR = 'root.server' as const;

/**
 * Converts an API field path to a react-hook-form field name:
 * `body.email` → `email`, `body.people.0.name` / `body.people[0].name` → `people.0.name`.
 * Returns null for a path that names no body field (`body`, `query.limit`).
 */
export function toFieldName(apiField: string): string | null {
  const dotted = apiField.replace(/\[(\w+)\]/g, '.$1').replace(/^\.+|\.+$/g, '');
  const parts = dotted.split('.').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  else if (['query', 'path', 'header', 'cookie'].includes(parts[0] ?? '')) return null;
  return parts.length ? parts.join('.') : null;
}

/**
 * Puts a problem's field errors next to the matching form fields with `setError`.
 * Messages for fields the form does not have, or a problem with no field errors,
 * go to `root.server` (shown in the error summary). Returns how many fields were set.
 */
export function applyProblemToForm<T extends FieldValues>(
  problem: Problem,
  setError: UseFormSetError<T>,
  formFields: readonly Path<T>[],
): number {
  const known = new Set<string>(formFields);
  const unplaced: string[] = [];
  let placed = 0;
  for (const { field, message } of problem.errors ?? []) {
    const name = toFieldName(field);
    const root = name?.split('.')[0];
    if (name && root && known.has(root)) {
      setError(name as Path<T>, { type: 'server', message });
      placed += 1;
    } else {
      unplaced.push(message);
    }
  }
  if (placed === 0 && unplaced.length === 0) unplaced.push(problem.detail || problem.title);
  if (unplaced.length) {
    setError(SERVER_ERROR, { type: 'server', message: unplaced.join(' ') });
  }
  return placed;
}
