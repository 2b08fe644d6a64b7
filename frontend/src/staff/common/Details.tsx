import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

interface Props {
  summary: ReactNode;
  children: ReactNode;
  open?: boolean;
  /** A link to `#id` (a task list's step taken in this form) lands with it open and in view. */
  id?: string;
}

/** A GOV.UK details (show/hide) element: native, so keyboard and screen readers work without script. */
export function Details({ summary, children, open, id }: Props) {
  const { hash } = useLocation();
  const linked = id !== undefined && hash === `#${id}`;
  const element = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (linked) element.current?.scrollIntoView();
  }, [linked]);
  return (
    <details className="govuk-details" open={open || linked || undefined} id={id} ref={element}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}
