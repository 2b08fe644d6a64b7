import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/problem';
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

/** Reasons for returning or declining something: required, sent as `{ reasons }`. */
export function ReasonsForm({ id, label, hint, button, variant, onSubmit }: Props) {
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (!reasons.trim()) return setError(`Enter the reasons`);
    setBusy(true);
    try {
      await onSubmit(reasons.trim());
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={error ? [{ fieldId: id, message: error }] : []} focusKey={attempt} />
      <Textarea id={id} label={label} hint={hint} error={error} value={reasons} onChange={(e) => setReasons(e.target.value)} />
      <Button variant={variant} disabled={busy}>
        {button}
      </Button>
    </form>
  );
}
