import { useState } from 'react';
import { useFieldArray, useForm, type Path } from 'react-hook-form';
import { ApiError, errorMessage, type Problem } from '../../api/problem';
import { Button, ButtonGroup, ErrorSummary, Input, Textarea } from '../../components/govuk';
import { DateField } from '../../forms/DateField';
import { NO_DATE, isoFromParts, partsFromIso, type DateParts } from '../../forms/dates';
import { applyProblemToForm } from '../../forms/problemToForm';
import { fieldId, summaryErrors } from '../../forms/summary';
import type { AnalysisReportContent } from '../chronologies/types';
import '../chronologies/chronologies.css';

interface EventValues {
  date: DateParts;
  title: string;
  analysis: string;
  learning: string;
  learning_addressed: string;
  outstanding_action: string;
  evidence_of_impact: string;
}
interface Values {
  author_name: string;
  author_role: string;
  manager_name: string;
  key_events: EventValues[];
  signature: string;
}

// Section 2's boxes, in the template's order.
const BOXES = [
  ['analysis', 'In-depth analysis', 'The gaps in practice, the reasons for them and what should have happened'],
  ['learning', 'Learning', 'The learning for your agency'],
  ['learning_addressed', 'How has the learning been addressed to date', undefined],
  ['outstanding_action', 'Outstanding action', 'Write ‘None’ if there is none'],
  ['evidence_of_impact', 'Evidence ‘so what’', 'How the change in practice has affected front-line work, with a specific case example'],
] as const;
const EVENT_FIELDS = ['date', 'title', ...BOXES.map(([name]) => name)] as const;
const TOP_FIELDS = ['author_name', 'author_role', 'manager_name', 'key_events', 'signature'] as const;
const EMPTY_EVENT: EventValues = { date: { ...NO_DATE }, title: '', analysis: '', learning: '', learning_addressed: '', outstanding_action: '', evidence_of_impact: '' };

function toValues(content: AnalysisReportContent | null | undefined): Values {
  return {
    author_name: content?.author_name ?? '',
    author_role: content?.author_role ?? '',
    manager_name: content?.manager_name ?? '',
    key_events: (content?.key_events ?? []).map((e) => ({ ...EMPTY_EVENT, ...e, date: partsFromIso(e.date), title: e.title ?? '' }) as EventValues),
    signature: '',
  };
}

export function toContent(values: Values): AnalysisReportContent {
  return {
    author_name: values.author_name,
    author_role: values.author_role,
    manager_name: values.manager_name,
    key_events: values.key_events.map((e) => ({ ...e, date: isoFromParts(e.date) })),
  };
}

/** The API names a draft's boxes `draft.<path>`; the form's fields are the same paths. */
function onTheForm(problem: Problem): Problem {
  return { ...problem, errors: (problem.errors ?? []).map((e) => ({ ...e, field: e.field.replace(/^draft\./, 'body.') })) };
}

interface Props {
  initial: AnalysisReportContent | null | undefined;
  onSaveDraft: (content: AnalysisReportContent) => Promise<unknown>;
  /** Saves the draft, then signs it as its author and sends it for sign-off. */
  onSign: (content: AnalysisReportContent, signature: string) => Promise<unknown>;
}

/**
 * The key event analysis template (Appendix 4b): Section 1's names, then as many key events as there are, each with
 * its six boxes. A draft may be saved with boxes empty; signing it is refused with every empty box named.
 */
export function ReportForm({ initial, onSaveDraft, onSign }: Props) {
  const form = useForm<Values>({ defaultValues: toValues(initial) });
  const { register, control, handleSubmit, setError, clearErrors, getValues, formState } = form;
  const events = useFieldArray({ control, name: 'key_events' });
  const [saved, setSaved] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const fields = [
    'author_name',
    'author_role',
    'manager_name',
    'key_events',
    ...events.fields.flatMap((_, i) => EVENT_FIELDS.map((name) => `key_events.${i}.${name}`)),
    'signature',
  ] as Path<Values>[];
  const errors = summaryErrors(formState.errors, fields);
  const err = (name: string) => {
    const entry = name.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], formState.errors);
    return (entry as { message?: string } | undefined)?.message;
  };

  function fail(e: unknown) {
    setAttempt((n) => n + 1);
    setSaved(false);
    if (e instanceof ApiError) applyProblemToForm(onTheForm(e.problem), setError, [...TOP_FIELDS]);
    else setError('root.server', { message: errorMessage(e) });
  }
  async function saveDraft() {
    clearErrors();
    try {
      await onSaveDraft(toContent(getValues()));
      setSaved(true);
    } catch (e) {
      fail(e);
    }
  }
  const sign = handleSubmit(async (values) => {
    clearErrors();
    try {
      await onSign(toContent(values), values.signature.trim());
    } catch (e) {
      fail(e);
    }
  });

  return (
    <form onSubmit={sign} noValidate>
      <ErrorSummary errors={errors} focusKey={formState.submitCount + attempt} />
      {saved && (
        <div className="govuk-inset-text" role="status">
          Your draft has been saved. Only your agency can see it until it is signed off and submitted.
        </div>
      )}
      <h3 className="govuk-heading-m">Section 1</h3>
      <Input id="author_name" label="Author’s name" error={err('author_name')} {...register('author_name')} />
      <Input id="author_role" label="Author’s job title (optional)" error={err('author_role')} {...register('author_role')} />
      <Input id="manager_name" label="Agency manager’s name" hint="The manager who will sign off the report" error={err('manager_name')} {...register('manager_name')} />
      <h3 className="govuk-heading-m">Section 2: key events</h3>
      <p className="govuk-body">From your chronology, identify the key events. Every box of every key event must be completed before the report is signed.</p>
      {err('key_events') && (
        <p className="govuk-error-message" id="key_events-error">
          <span className="govuk-visually-hidden">Error:</span> {err('key_events')}
        </p>
      )}
      {events.fields.map((event, i) => (
        <fieldset className="govuk-fieldset app-key-event" key={event.id}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Key event {i + 1}</legend>
          <DateField control={control} name={`key_events.${i}.date` as Path<Values>} legend="Date of the key event" what={`the date of key event ${i + 1}`} notFuture optional error={err(`key_events.${i}.date`)} />
          <Input id={fieldId(`key_events.${i}.title`)} label="Title of the key event" error={err(`key_events.${i}.title`)} {...register(`key_events.${i}.title`)} />
          {BOXES.map(([name, label, hint]) => (
            <Textarea key={name} id={fieldId(`key_events.${i}.${name}`)} label={label} hint={hint} rows={4} error={err(`key_events.${i}.${name}`)} {...register(`key_events.${i}.${name}`)} />
          ))}
          <Button type="button" variant="secondary" onClick={() => events.remove(i)}>
            Remove key event {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" variant="secondary" id="key_events" onClick={() => events.append({ ...EMPTY_EVENT, date: { ...NO_DATE } })}>
        Add a key event
      </Button>
      <h3 className="govuk-heading-m">Sign the report</h3>
      <Input
        id="signature"
        label="Type your full name to sign the report as its author"
        hint="Your name, with today’s date, is recorded as your signature. An agency manager then signs it off."
        autoComplete="name"
        error={err('signature')}
        {...register('signature')}
      />
      <ButtonGroup>
        <Button disabled={formState.isSubmitting}>Sign and send for sign-off</Button>
        <Button type="button" variant="secondary" onClick={() => void saveDraft()}>
          Save as draft
        </Button>
      </ButtonGroup>
    </form>
  );
}
