import type { ComponentProps } from 'react';
import { Table } from '../../components/govuk';

/**
 * A table in a box that scrolls sideways on a narrow screen instead of widening the page.
 * The box is a labelled, focusable region so keyboard users can scroll it too.
 */
export function ScrollTable({ label, ...table }: ComponentProps<typeof Table> & { label: string }) {
  return (
    <div className="app-scroll-region" role="region" aria-label={label} tabIndex={0}>
      <Table {...table} />
    </div>
  );
}
