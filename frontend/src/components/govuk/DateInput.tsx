import type { UseFormRegisterReturn } from 'react-hook-form';
import { Fieldset, type FieldsetProps } from './Fieldset';

type Part = 'day' | 'month' | 'year';

type Props = Omit<FieldsetProps, 'children' | 'role'> & {
  registrations: Record<Part, UseFormRegisterReturn>;
  /** The boxes' values, when the form controls them (see forms/DateField). */
  values?: Record<Part, string>;
};

const PARTS: { part: Part; label: string; width: string }[] = [
  { part: 'day', label: 'Day', width: 'govuk-input--width-2' },
  { part: 'month', label: 'Month', width: 'govuk-input--width-2' },
  { part: 'year', label: 'Year', width: 'govuk-input--width-4' },
];

/** Day, month and year boxes; the day box takes the group's id so error links land on it. */
export function DateInput({ registrations, values, ...fieldset }: Props) {
  const { id, error } = fieldset;
  return (
    <Fieldset {...fieldset} role="group">
      <div className="govuk-date-input">
        {PARTS.map(({ part, label, width }) => {
          const inputId = part === 'day' ? id : `${id}-${part}`;
          return (
            <div className="govuk-date-input__item" key={part}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={inputId}>
                  {label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input ${width}${error ? ' govuk-input--error' : ''}`}
                  id={inputId}
                  type="text"
                  inputMode="numeric"
                  {...(values ? { value: values[part] } : {})}
                  {...registrations[part]}
                />
              </div>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
