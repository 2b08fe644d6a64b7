import type { ComponentProps } from 'react';
import { Table } from '../../components/govuk';

/**
 * A table in a box that scrolls sideways on a narrow screen instead of widening the page.
 * The box is a labelled, focusable region so keyboard users can scroll it too. A `wide` table keeps
 * readable columns (names, e-mail addresses) and scrolls, rather than squeezing them into slivers.
 */
export function ScrollTable({ label, wide, ...table }: ComponentProps<typeof Table> & { label: string; wide?: boolean }) {
  return (
    <div className={`app-scroll-region${wide ? ' app-scroll-region--wide' : ''}`} role="region" aria-label={label} tabIndex={0}>
      <Table {...table} />
    </div>
  );
}
