import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/problem';
import { Button, ButtonGroup, NotificationBanner, Table } from '../../components/govuk';
import { usePageTitle } from '../../lib/usePageTitle';
import { useLearningMutation } from './learningApi';
import { download, uploadHistory, type ImportResult } from './reportsApi';

/** The business office imports past reviews' learning from the template: every bad row is listed and nothing is
 * imported until the file is right. */
export function ImportHistoryPage() {
  usePageTitle('Import past reviews');
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<{ detail: string; rows: string[] }>();
  const [result, setResult] = useState<ImportResult>();
  const upload = useLearningMutation(uploadHistory);
  const summary = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setResult(undefined);
    const file = input.current?.files?.[0];
    if (!file) {
      setProblem({ detail: 'There is a problem', rows: ['Select the filled-in template'] });
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    try {
      setResult(await upload.mutateAsync(file));
      setProblem(undefined);
      if (input.current) input.current.value = '';
    } catch (e) {
      const rows = e instanceof ApiError ? (e.problem.errors ?? []).map((err) => err.message) : [];
      setProblem({ detail: errorMessage(e), rows });
      requestAnimationFrame(() => summary.current?.focus());
    }
  }

  return (
    <>
      <span className="govuk-caption-l">Learning reports</span>
      <h1 className="govuk-heading-l">Import past reviews</h1>
      {problem && (
        <div className="govuk-error-summary" data-module="govuk-error-summary" ref={summary} tabIndex={-1}>
          <div role="alert">
            <h2 className="govuk-error-summary__title">{problem.detail}</h2>
            <div className="govuk-error-summary__body">
              <ul className="govuk-list govuk-error-summary__list">
                {problem.rows.map((row) => (
                  <li key={row}>
                    <a href="#history-file">{row}</a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      )}
      {result && (
        <NotificationBanner type="success" heading={`${result.recommendations} recommendation${result.recommendations === 1 ? '' : 's'} and ${result.actions} action${result.actions === 1 ? '' : 's'} imported`}>
          <p className="govuk-body">
            They now count in the <Link className="govuk-link" to="/learning/recurrent-themes">recurrent themes</Link> and the <Link className="govuk-link" to="/learning/figures">figures</Link>.
          </p>
        </NotificationBanner>
      )}
      {result && (
        <Table
          caption="What was imported"
          columns={[{ header: 'Review' }, { header: 'Published' }, { header: 'Recommendations', numeric: true }, { header: 'Actions', numeric: true }]}
          rows={result.sources.map((s) => ({ key: s.reference, cells: [s.title, s.made_on, s.recommendations, s.actions] }))}
        />
      )}
      <p className="govuk-body">
        Bring in the partnership’s reviews from before this service, with their recommendations, sub-parts, themes and the agencies’ actions, so recurrent themes and repeated
        recommendations have years of history. Fill in the template, one row per recommendation or sub-part; a second action for the same recommendation goes on another row with its text left
        blank.
      </p>
      <p className="govuk-body">Every row is checked first. If any row has a problem, nothing is imported and each problem is listed by its row and column.</p>
      <ButtonGroup>
        <Button type="button" variant="secondary" onClick={() => void download('/api/v1/learning/history/template.xlsx', 'past-reviews-template.xlsx')}>
          Download the template (XLSX)
        </Button>
        <Button type="button" variant="secondary" onClick={() => void download('/api/v1/learning/history/template.csv', 'past-reviews-template.csv')}>
          Download the template (CSV)
        </Button>
      </ButtonGroup>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className={`govuk-form-group${problem ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--m" htmlFor="history-file">
            Upload the filled-in template
          </label>
          <div className="govuk-hint" id="history-file-hint">
            An .xlsx or .csv file, smaller than 5 MB
          </div>
          {problem && (
            <p className="govuk-error-message" id="history-file-error">
              <span className="govuk-visually-hidden">Error:</span> {problem.rows.length > 0 ? `${problem.rows.length} problem${problem.rows.length === 1 ? '' : 's'} in the file` : problem.detail}
            </p>
          )}
          <input
            ref={input}
            className={`govuk-file-upload${problem ? ' govuk-file-upload--error' : ''}`}
            id="history-file"
            name="file"
            type="file"
            accept=".xlsx,.csv"
            aria-describedby={`history-file-hint${problem ? ' history-file-error' : ''}`}
          />
        </div>
        <Button disabled={upload.isPending}>Import</Button>
      </form>
    </>
  );
}
