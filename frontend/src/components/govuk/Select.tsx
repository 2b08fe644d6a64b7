import type { ComponentProps, ReactNode } from 'react';
import { ErrorMessage, describedBy } from './ErrorMessage';

type Props = ComponentProps<'select'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string }[];
};

export function Select({ id, label, hint, error, options, className, ...select }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && errorId && <ErrorMessage id={errorId} message={error} />}
      <select
        id={id}
        className={['govuk-select', error && 'govuk-select--error', className].filter(Boolean).join(' ')}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
