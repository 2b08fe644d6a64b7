import type { ReactNode } from 'react';

export interface Series {
  name: string;
}

/**
 * Stacked horizontal bars drawn with CSS, hidden from screen readers: every chart on the figures page has a
 * table of the same numbers beside it (the table is what assistive technology reads).
 */
export function BarChart({ series, rows, max }: { series: Series[]; rows: { key: string; label: ReactNode; values: number[] }[]; max?: number }) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  return (
    <div aria-hidden="true">
      {series.length > 1 && (
        <ul className="app-bar-chart__key">
          {series.map((s, i) => (
            <li key={s.name}>
              <span className={`app-bar-chart__swatch app-bar-chart__bar--${i + 1}`} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      <ul className="app-bar-chart">
        {rows.map((row) => (
          <li className="app-bar-chart__row" key={row.key}>
            <span className="app-bar-chart__label">{row.label}</span>
            <span className="app-bar-chart__bars">
              {row.values.map((value, i) => (
                <span key={i} className={`app-bar-chart__bar app-bar-chart__bar--${i + 1}`} style={{ width: `${(100 * value) / top}%` }} title={`${series[i]?.name}: ${value}`} />
              ))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
