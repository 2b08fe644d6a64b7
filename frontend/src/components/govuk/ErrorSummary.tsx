import { useEffect, useRef } from 'react';

export interface SummaryError {
  /** The id of the field to move to; omitted for an error that belongs to no field. */
  fieldId?: string;
  message: string;
}

interface Props {
  errors: SummaryError[];
  /** Changes on each failed submit so the summary takes focus again. */
  focusKey?: number;
}

/** Lists a form's errors at the top of the page and takes focus when shown. */
export function ErrorSummary({ errors, focusKey }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;

  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, focusKey]);

  if (!shown) return null;

  const moveTo = (fieldId: string) => (event: React.MouseEvent<HTMLAnchorElement>) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    const legendOrLabel = field.closest('fieldset')?.querySelector('legend') ??
      document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
    (legendOrLabel ?? field).scrollIntoView();
    field.focus({ preventScroll: true });
  };

  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map(({ fieldId, message }) => (
              <li key={`${fieldId ?? ''}:${message}`}>
                {fieldId ? (
                  <a href={`#${fieldId}`} onClick={moveTo(fieldId)}>
                    {message}
                  </a>
                ) : (
                  message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
