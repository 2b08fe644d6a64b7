import { useId, type ReactNode } from 'react';

export interface Column {
  header: ReactNode;
  numeric?: boolean;
}

interface Props {
  caption: ReactNode;
  captionSize?: 's' | 'm' | 'l';
  columns: Column[];
  rows: { key: string; cells: ReactNode[] }[];
  /** Keeps readable columns (names, e-mail addresses) and scrolls on a narrow screen, rather than squeezing them. */
  wide?: boolean;
}

/**
 * A table whose first cell in each row is its header. It scrolls sideways in its own box rather than
 * widening the page on a narrow screen; the box can take focus (so keyboard users can scroll it) and is
 * named by the caption.
 */
export function Table({ caption, captionSize = 'm', columns, rows, wide = false }: Props) {
  const numeric = (i: number) => (columns[i]?.numeric ? ' govuk-table__cell--numeric' : '');
  const captionId = useId();
  return (
    <div className={`app-table-wrapper${wide ? ' app-table-wrapper--wide' : ''}`} role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="govuk-table">
        <caption id={captionId} className={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((col, i) => (
              <th scope="col" key={i} className={`govuk-table__header${col.numeric ? ' govuk-table__header--numeric' : ''}`}>
                {col.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" key={i} className="govuk-table__header">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={`govuk-table__cell${numeric(i)}`}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
