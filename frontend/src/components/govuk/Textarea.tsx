import type { ComponentProps, ReactNode } from 'react';
import { FormGroup } from './FormGroup';

type Props = ComponentProps<'textarea'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
};

export function Textarea({ id, label, hint, error, rows = 5, ...textarea }: Props) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <textarea id={id} rows={rows} className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} {...aria} {...textarea} />
      )}
    </FormGroup>
  );
}
