import type { ComponentProps, ReactNode } from 'react';
import { ErrorMessage, describedBy } from './ErrorMessage';

type Props = ComponentProps<'input'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** e.g. 'govuk-input--width-20' */
  widthClass?: string;
};

export function Input({ id, label, hint, error, widthClass, className, ...input }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const classes = ['govuk-input', widthClass, error && 'govuk-input--error', className].filter(Boolean).join(' ');
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
      <input
        id={id}
        type="text"
        className={classes}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </div>
  );
}
