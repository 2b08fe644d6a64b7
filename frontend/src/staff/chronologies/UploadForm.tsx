import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/problem';
import { Button, ErrorSummary } from '../../components/govuk';

interface Props {
  onUpload: (file: File, replace: boolean) => Promise<number>;
}

/**
 * Upload a chronology from a CSV file or an Excel workbook. The API checks every row first: one bad cell and nothing
 * is imported, and each problem is listed by its row and column so the file can be put right.
 */
export function UploadForm({ onUpload }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setDone(undefined);
    if (!file) return setProblems(['Select a CSV or Excel file']);
    setBusy(true);
    try {
      const imported = await onUpload(file, replace);
      setProblems([]);
      setDone(`${imported} ${imported === 1 ? 'entry was' : 'entries were'} imported from ${file.name}.`);
    } catch (e) {
      const errors = e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [];
      setProblems(errors.length ? errors : [errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  }

  const fileError = problems.length ? (problems.length === 1 ? problems[0] : 'The file has problems, listed above; nothing was imported') : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={problems.map((message) => ({ fieldId: 'chronology-file', message }))} focusKey={attempt} />
      {done && (
        <div className="govuk-inset-text" role="status">
          {done}
        </div>
      )}
      <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor="chronology-file">
          Upload a file
        </label>
        <div id="chronology-file-hint" className="govuk-hint">
          A CSV file or Excel workbook (.xlsx) up to 5 MB. The first row names the columns: Date, Time, Source, What happened, Significance.
        </div>
        {fileError && (
          <p id="chronology-file-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {fileError}
          </p>
        )}
        <input
          id="chronology-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
          aria-describedby={`chronology-file-hint${fileError ? ' chronology-file-error' : ''}`}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="chronology-replace" type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="chronology-replace">
              Replace the entries already in your draft
            </label>
          </div>
        </div>
      </div>
      <Button variant="secondary" disabled={busy}>
        Upload entries
      </Button>
    </form>
  );
}
