import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/problem';
import { Button, ErrorSummary, Textarea } from '../../components/govuk';

interface Props {
  id: string;
  label: string;
  hint?: string;
  button: string;
  variant?: 'warning' | 'secondary';
  /** Sends the reasons; a rejected promise shows its message. */
  onSubmit: (reasons: string) => Promise<unknown>;
}

/** Whether the API's refusal is about the reasons themselves (shown on the box) or something else (summary only). */
function aboutTheReasons(error: unknown): boolean {
  return error instanceof ApiError && (error.problem.errors ?? []).some((e) => e.field === 'body.reasons' || e.field === 'reasons');
}

/**
 * Reasons for returning or declining something: required, sent as `{ reasons }`. A refusal that is not about the
 * reasons (say someone else changed the record first) is shown in the error summary and the reasons are kept.
 */
export function ReasonsForm({ id, label, hint, button, variant, onSubmit }: Props) {
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<{ message: string; onBox: boolean }>();
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (!reasons.trim()) return setError({ message: 'Enter the reasons', onBox: true });
    setBusy(true);
    try {
      await onSubmit(reasons.trim());
      setError(undefined);
    } catch (e) {
      setError({ message: errorMessage(e), onBox: aboutTheReasons(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={error ? [{ fieldId: error.onBox ? id : undefined, message: error.message }] : []} focusKey={attempt} />
      <Textarea id={id} label={label} hint={hint} error={error?.onBox ? error.message : undefined} value={reasons} onChange={(e) => setReasons(e.target.value)} />
      <Button variant={variant} disabled={busy}>
        {button}
      </Button>
    </form>
  );
}
