import type { ComponentProps, ReactNode } from 'react';
import { FormGroup } from './FormGroup';

type Props = ComponentProps<'select'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string }[];
};

export function Select({ id, label, hint, error, options, className, ...select }: Props) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <select id={id} className={['govuk-select', error && 'govuk-select--error', className].filter(Boolean).join(' ')} {...aria} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormGroup>
  );
}
