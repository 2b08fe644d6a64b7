import { useEffect, useRef, type ReactNode } from 'react';

/** The confirmation panel; its title is the page's h1 and takes focus when shown. */
export function Panel({ title, children }: { title: ReactNode; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="govuk-panel__body">{children}</div>}
    </div>
  );
}
