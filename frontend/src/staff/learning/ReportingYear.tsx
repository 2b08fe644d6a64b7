import { useSearchParams } from 'react-router';
import { Button, Select } from '../../components/govuk';

/** Reporting years run from 1 April to 31 March, as partnerships' yearly reports do. */
export function currentReportingYear(today = new Date()): number {
  return today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
}

export function yearLabel(year: number): string {
  return `April ${year} to March ${year + 1}`;
}

/** The period the URL's `year` names ("" for all time), as the reports' query takes it. */
export function periodOf(params: URLSearchParams): { from?: string; to?: string; year?: number } {
  const year = Number(params.get('year'));
  if (!year) return {};
  return { from: `${year}-04-01`, to: `${year + 1}-03-31`, year };
}

/** A choice of reporting year kept in the URL, so a view can be shared. */
export function ReportingYearFilter({ years = 8 }: { years?: number }) {
  const [params, setParams] = useSearchParams();
  const latest = currentReportingYear();
  const options = [{ value: '', label: 'All years' }, ...Array.from({ length: years }, (_, i) => latest - i).map((y) => ({ value: String(y), label: yearLabel(y) }))];
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const value = String(new FormData(event.currentTarget).get('year') ?? '');
        const next = new URLSearchParams(params);
        if (value) next.set('year', value);
        else next.delete('year');
        setParams(next);
      }}
    >
      <Select id="year" name="year" label="Reporting year" hint="1 April to 31 March" options={options} defaultValue={params.get('year') ?? ''} key={params.get('year') ?? ''} />
      <Button variant="secondary">Show</Button>
    </form>
  );
}
