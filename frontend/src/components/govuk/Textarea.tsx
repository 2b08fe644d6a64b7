import type { ComponentProps, ReactNode } from 'react';
import { ErrorMessage, describedBy } from './ErrorMessage';

type Props = ComponentProps<'textarea'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
};

export function Textarea({ id, label, hint, error, rows = 5, ...textarea }: Props) {
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
      <textarea
        id={id}
        rows={rows}
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
        {...textarea}
      />
    </div>
  );
}
