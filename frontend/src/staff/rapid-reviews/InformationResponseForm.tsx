import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { ApiError, errorMessage } from '../../api/problem';
import type { InformationResponse } from '../../api/types';
import { Button, ButtonGroup, ErrorSummary, Input, Textarea } from '../../components/govuk';
import { IsoDateField } from '../../forms/IsoDateField';
import { applyProblemToForm } from '../../forms/problemToForm';
import { fieldId, summaryErrors } from '../../forms/summary';

type Values = InformationResponse & { key_contacts: { date: string; contact_type: string; summary: string }[] };

const NARRATIVE = [
  ['involvement', 'Your agency’s involvement with the child and family'],
  ['analysis', 'Analysis of your agency’s involvement'],
  ['immediate_learning', 'Immediate learning identified'],
  ['actions_taken', 'Actions already taken as a result of the learning'],
  ['good_practice', 'Good practice'],
] as const;
export const RESPONSE_FIELDS = ['involvement', 'key_contacts', 'analysis', 'immediate_learning', 'actions_taken', 'good_practice', 'author_name', 'author_role'] as const;

const EMPTY: Values = { involvement: '', key_contacts: [], analysis: '', immediate_learning: '', actions_taken: '', good_practice: '', author_name: '', author_role: '' };

interface Props {
  initial: InformationResponse | null | undefined;
  onSaveDraft: (values: InformationResponse) => Promise<unknown>;
  onSubmit: (values: InformationResponse) => Promise<unknown>;
}

/** The Additional Information template (seed 003, Appendix 2b): save as a draft any time; every box to submit. */
export function InformationResponseForm({ initial, onSaveDraft, onSubmit }: Props) {
  const form = useForm<Values>({ defaultValues: { ...EMPTY, ...(initial ?? {}) } as Values });
  const { register, control, handleSubmit, setError, clearErrors, getValues, formState } = form;
  const contacts = useFieldArray({ control, name: 'key_contacts' });
  const [saved, setSaved] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const fields = [...RESPONSE_FIELDS, ...contacts.fields.flatMap((_, i) => [`key_contacts.${i}.date`, `key_contacts.${i}.contact_type`, `key_contacts.${i}.summary`])] as never[];
  const errors = summaryErrors(formState.errors, fields);

  function fail(e: unknown) {
    setAttempt((n) => n + 1);
    setSaved(false);
    if (e instanceof ApiError) applyProblemToForm(e.problem, setError, [...RESPONSE_FIELDS]);
    else setError('root.server', { message: errorMessage(e) });
  }
  async function saveDraft() {
    clearErrors();
    try {
      await onSaveDraft(getValues());
      setSaved(true);
    } catch (e) {
      fail(e);
    }
  }
  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (e) {
      fail(e);
    }
  });
  const err = (name: string) => {
    const entry = name.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], formState.errors);
    return (entry as { message?: string } | undefined)?.message;
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} focusKey={formState.submitCount + attempt} />
      {saved && (
        <div className="govuk-inset-text" role="status">
          Your draft has been saved. Only your agency can see it until you submit.
        </div>
      )}
      {NARRATIVE.slice(0, 1).map(([name, label]) => (
        <Textarea key={name} id={name} label={label} error={err(name)} {...register(name)} />
      ))}
      <fieldset className="govuk-fieldset govuk-!-margin-bottom-6">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Key contacts</legend>
        {contacts.fields.map((c, i) => (
          <fieldset className="govuk-fieldset app-form-row" key={c.id}>
            <legend className="govuk-fieldset__legend">Contact {i + 1}</legend>
            <IsoDateField control={control} name={`key_contacts.${i}.date`} legend="Date" what="the date of the contact" notFuture error={err(`key_contacts.${i}.date`)} />
            <Input id={fieldId(`key_contacts.${i}.contact_type`)} label="Type of contact" hint="For example, home visit or A&E attendance" error={err(`key_contacts.${i}.contact_type`)} {...register(`key_contacts.${i}.contact_type`, { required: 'Enter the type of contact' })} />
            <Textarea id={fieldId(`key_contacts.${i}.summary`)} label="Summary" rows={3} error={err(`key_contacts.${i}.summary`)} {...register(`key_contacts.${i}.summary`, { required: 'Enter a summary of the contact' })} />
            <Button type="button" variant="secondary" onClick={() => contacts.remove(i)}>
              Remove contact {i + 1}
            </Button>
          </fieldset>
        ))}
        <Button type="button" variant="secondary" id="key_contacts" onClick={() => contacts.append({ date: '', contact_type: '', summary: '' })}>
          Add a key contact
        </Button>
      </fieldset>
      {NARRATIVE.slice(1).map(([name, label]) => (
        <Textarea key={name} id={name} label={label} error={err(name)} {...register(name)} />
      ))}
      <Input id="author_name" label="Author’s name" error={err('author_name')} {...register('author_name')} />
      <Input id="author_role" label="Author’s role" error={err('author_role')} {...register('author_role')} />
      <ButtonGroup>
        <Button disabled={formState.isSubmitting}>Submit response</Button>
        <Button type="button" variant="secondary" onClick={() => void saveDraft()}>
          Save as draft
        </Button>
      </ButtonGroup>
    </form>
  );
}
