import type { ReactNode } from 'react';
import { ErrorMessage, describedBy } from './ErrorMessage';

export interface FieldsetProps {
  id: string;
  legend: ReactNode;
  legendSize?: 's' | 'm' | 'l';
  hint?: ReactNode;
  error?: string;
  role?: 'group';
  children: ReactNode;
}

/** A form group with a fieldset, legend, hint and error message: the frame of Radios, Checkboxes and DateInput. */
export function Fieldset({ id, legend, legendSize, hint, error, role, children }: FieldsetProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role={role} aria-describedby={describedBy(hintId, errorId)}>
        <legend className={`govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}`}>
          {legend}
        </legend>
        {hint && (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && errorId && <ErrorMessage id={errorId} message={error} />}
        {children}
      </fieldset>
    </div>
  );
}
