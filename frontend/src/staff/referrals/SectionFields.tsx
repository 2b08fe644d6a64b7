import { useFieldArray, useFormContext, type FieldErrors } from 'react-hook-form';
import { get } from 'react-hook-form';
import { Button, Input, Radios, Textarea } from '../../components/govuk';
import { IsoDateField } from '../../forms/IsoDateField';
import { fieldId } from '../../forms/summary';
import { REVIEW_TYPES } from '../labels';
import type { Box, FormValues, Section, Table } from './referralForm';
import { emptyRow } from './referralForm';

function messageAt(errors: FieldErrors<FormValues>, name: string): string | undefined {
  const entry: unknown = get(errors, name);
  return entry && typeof entry === 'object' && 'message' in entry && typeof entry.message === 'string' ? entry.message : undefined;
}

/** One box of the form, drawn the way its kind needs. */
export function BoxField({ box, name }: { box: Box; name: string }) {
  const { register, control, formState } = useFormContext<FormValues>();
  const id = fieldId(name);
  const error = messageAt(formState.errors, name);
  const registration = register(name);
  if (box.kind === 'yesno' || box.kind === 'reviewType') {
    const items =
      box.kind === 'yesno'
        ? [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]
        : Object.entries(REVIEW_TYPES).map(([value, label]) => ({
            value,
            label,
            hint: value === 'case_mapping' ? 'The criteria are not met but there is significant multi-agency learning.' : undefined,
          }));
    return <Radios id={id} legend={box.label} legendSize="s" hint={box.hint} error={error} items={items} registration={registration} inline={box.kind === 'yesno'} />;
  }
  if (box.kind === 'date') {
    // Optional while the draft is written; the API names a date still missing when the referral is submitted.
    return <IsoDateField control={control} name={name as never} legend={box.label} hint={box.hint} what={`the ${box.label.toLowerCase()}`} optional notFuture error={error} />;
  }
  if (box.kind === 'textarea') return <Textarea id={id} label={box.label} hint={box.hint} error={error} rows={3} {...registration} />;
  const type = box.kind === 'time' || box.kind === 'email' || box.kind === 'tel' ? box.kind : 'text';
  const width = type === 'time' ? 'govuk-input--width-10' : undefined;
  return (
    <Input
      id={id}
      label={box.label}
      hint={box.hint}
      error={error}
      type={type}
      widthClass={width}
      autoComplete={type === 'email' ? 'off' : undefined}
      spellCheck={type === 'email' ? false : undefined}
      {...registration}
    />
  );
}

/** A repeating table as a list of rows with "Add another" and "Remove". */
function TableFields({ table }: { table: Table }) {
  const { control, formState } = useFormContext<FormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: table.name as never });
  const tableError = messageAt(formState.errors, table.name);
  return (
    <>
      {fields.map((field, index) => (
        <fieldset className="govuk-fieldset app-form-row" key={field.id}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            {table.rowLabel} {index + 1}
          </legend>
          {table.columns.map((column) => (
            <BoxField key={column.name} box={column} name={`${table.name}.${index}.${column.name}`} />
          ))}
          <Button type="button" variant="secondary" onClick={() => remove(index)}>
            Remove {table.rowLabel.toLowerCase()} {index + 1}
          </Button>
        </fieldset>
      ))}
      {tableError && (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {tableError}
        </p>
      )}
      <Button type="button" variant="secondary" id={table.name} onClick={() => append(emptyRow(table) as never)}>
        {fields.length ? `Add another ${table.rowLabel.toLowerCase()}` : `Add ${table.rowLabel.toLowerCase()}`}
      </Button>
    </>
  );
}

/** A section of the Appendix 1 form, headed so the task list can link to it. */
export function SectionFields({ section }: { section: Section }) {
  return (
    <section id={`section-${section.id}`} aria-labelledby={`section-${section.id}-heading`} className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id={`section-${section.id}-heading`} tabIndex={-1}>
        {section.title}
      </h2>
      {section.hint && <p className="govuk-hint">{section.hint}</p>}
      {section.boxes.map((box) => (
        <BoxField key={box.name} box={box} name={box.name} />
      ))}
      {section.table && <TableFields table={section.table} />}
    </section>
  );
}
