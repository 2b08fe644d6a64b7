import type { ReactNode } from 'react';

export interface Column {
  header: ReactNode;
  numeric?: boolean;
}

interface Props {
  caption: ReactNode;
  captionSize?: 's' | 'm' | 'l';
  columns: Column[];
  rows: { key: string; cells: ReactNode[] }[];
}

/** A table whose first cell in each row is its header. */
export function Table({ caption, captionSize = 'm', columns, rows }: Props) {
  const numeric = (i: number) => (columns[i]?.numeric ? ' govuk-table__cell--numeric' : '');
  return (
    <table className="govuk-table">
      <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption>
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
  );
}
