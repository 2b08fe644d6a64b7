import type { ReactNode } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { ApiError, errorMessage } from '../../api/problem';
import { Button, ErrorSummary } from '../../components/govuk';
import { applyProblemToForm } from '../../forms/problemToForm';
import { summaryErrors } from '../../forms/summary';

interface Props<T extends FieldValues> {
  fields: readonly Path<T>[];
  defaultValues?: DefaultValues<T>;
  button: string;
  onSubmit: (values: T) => Promise<unknown>;
  /** Runs after a successful submit, e.g. to clear the form. */
  onDone?: (form: UseFormReturn<T>) => void;
  children: (form: UseFormReturn<T>, error: (name: Path<T>) => string | undefined) => ReactNode;
}

/** A form with an error summary, client checks from `register` rules, and the API's field errors mapped in. */
export function SimpleForm<T extends FieldValues>({ fields, defaultValues, button, onSubmit, onDone, children }: Props<T>) {
  const form = useForm<T>({ defaultValues });
  const { handleSubmit, setError, formState } = form;
  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(values);
      onDone?.(form);
    } catch (e) {
      if (e instanceof ApiError) applyProblemToForm(e.problem, setError, fields);
      else setError('root.server', { message: errorMessage(e) });
    }
  });
  const error = (name: Path<T>) => {
    const entry = name.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], formState.errors);
    return (entry as { message?: string } | undefined)?.message;
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summaryErrors(formState.errors, fields)} focusKey={formState.submitCount} />
      {children(form, error)}
      <Button disabled={formState.isSubmitting}>{button}</Button>
    </form>
  );
}
