import type { ReactNode } from 'react';
import { ErrorMessage, describedBy } from './ErrorMessage';

/** What the control inside a form group needs: its description (hint, error) and whether it is invalid. */
export interface ControlAria {
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

interface Props {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (aria: ControlAria) => ReactNode;
}

/** A GOV.UK form group for one labelled control: label, hint and error message, then the control. */
export function FormGroup({ id, label, hint, error, children }: Props) {
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
      {children({ 'aria-describedby': describedBy(hintId, errorId), 'aria-invalid': error ? true : undefined })}
    </div>
  );
}
