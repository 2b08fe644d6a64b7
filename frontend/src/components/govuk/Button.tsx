import type { ComponentProps } from 'react';
import { Link, type LinkProps } from 'react-router';

type Variant = 'secondary' | 'warning' | 'inverse';

function buttonClass(variant?: Variant, className?: string): string {
  return ['govuk-button', variant && `govuk-button--${variant}`, className].filter(Boolean).join(' ');
}

export function Button({ variant, className, type = 'submit', ...button }: ComponentProps<'button'> & { variant?: Variant }) {
  return <button type={type} className={buttonClass(variant, className)} {...button} />;
}

/** A link that looks like a button, for starting or moving on. */
export function ButtonLink({ variant, className, ...link }: LinkProps & { variant?: Variant }) {
  return <Link role="button" draggable={false} className={buttonClass(variant, className)} {...link} />;
}

export function ButtonGroup({ children }: { children: React.ReactNode }) {
  return <div className="govuk-button-group">{children}</div>;
}
