import type { ComponentProps, ReactNode } from 'react';
import { FormGroup } from './FormGroup';

type Props = ComponentProps<'input'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** e.g. 'govuk-input--width-20' */
  widthClass?: string;
};

export function Input({ id, label, hint, error, widthClass, className, ...input }: Props) {
  const classes = ['govuk-input', widthClass, error && 'govuk-input--error', className].filter(Boolean).join(' ');
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(aria) => <input id={id} type="text" className={classes} {...aria} {...input} />}
    </FormGroup>
  );
}
