import { useMutation } from '@tanstack/react-query';
import { useFieldArray, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage, unwrap } from '../../api/problem';
import type { IncidentCategory, NotificationCreate } from '../../api/types';
import { BackLink, Button, Checkboxes, ErrorSummary, Input, Radios, Textarea } from '../../components/govuk';
import { IsoDateField } from '../../forms/IsoDateField';
import { applyProblemToForm } from '../../forms/problemToForm';
import { fieldId, summaryErrors } from '../../forms/summary';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { INCIDENT_CATEGORIES } from '../labels';
import { useAgencies } from './useAgencies';

interface Child {
  name: string;
  date_of_birth: string;
  sex: string;
  ethnicity: string;
  address: string;
}
interface Values {
  child_reference: string;
  incident_date: string;
  became_aware_on: string;
  category: string;
  abuse_or_neglect_suspected: string;
  summary: string;
  children: Child[];
  agency_ids: string[];
}

const EMPTY_CHILD: Child = { name: '', date_of_birth: '', sex: '', ethnicity: '', address: '' };
const FIELDS = ['child_reference', 'incident_date', 'became_aware_on', 'category', 'abuse_or_neglect_suspected', 'children.0.name', 'children.0.date_of_birth', 'children.0.sex', 'children.0.ethnicity', 'children.0.address', 'summary', 'agency_ids'] as const;
const CHILD_FIELDS: { name: keyof Child; label: string; type?: string }[] = [
  { name: 'name', label: 'Full name' },
  { name: 'date_of_birth', label: 'Date of birth', type: 'date' },
  { name: 'sex', label: 'Sex' },
  { name: 'ethnicity', label: 'Ethnicity' },
  { name: 'address', label: 'Address' },
];

/** The business office records a serious incident notification; a rapid review opens with it. */
export function NewNotificationPage() {
  const navigate = useNavigate();
  const agencies = useAgencies();
  const form = useForm<Values>({ defaultValues: { children: [EMPTY_CHILD], agency_ids: [] } });
  const { register, handleSubmit, setError, formState, control } = form;
  const children = useFieldArray({ control, name: 'children' });
  const fields = [...FIELDS, ...children.fields.flatMap((_, i) => CHILD_FIELDS.map((c) => `children.${i}.${c.name}`))] as never[];
  const errors = summaryErrors(formState.errors, [...new Set(fields)]);
  usePageTitle('Record a serious incident notification', errors.length > 0);
  const create = useMutation({
    mutationFn: async (body: NotificationCreate) => unwrap(await api.POST('/api/v1/incident-notifications', { body })),
  });
  const err = (name: string) => {
    const entry = name.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], formState.errors);
    return (entry as { message?: string } | undefined)?.message;
  };

  const onSubmit = handleSubmit(async (v) => {
    try {
      const created = await create.mutateAsync({
        child_reference: v.child_reference,
        incident_date: v.incident_date,
        became_aware_on: v.became_aware_on,
        category: v.category as IncidentCategory,
        abuse_or_neglect_suspected: v.abuse_or_neglect_suspected === 'yes',
        summary: v.summary,
        children: v.children,
        agency_ids: v.agency_ids,
      });
      navigate(`/incident-notifications/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError) applyProblemToForm(e.problem, setError, ['child_reference', 'incident_date', 'became_aware_on', 'category', 'abuse_or_neglect_suspected', 'summary', 'children', 'agency_ids']);
      else setError('root.server', { message: errorMessage(e) });
    }
  });
  const required = (message: string) => ({ required: message });

  return (
    <>
      <BackLink to="/incident-notifications">All notifications</BackLink>
      <ErrorSummary errors={errors} focusKey={formState.submitCount} />
      <h1 className="govuk-heading-l">Record a serious incident notification</h1>
      <form onSubmit={onSubmit} noValidate>
        <Input id="child_reference" label="Child reference" hint='The anonymised reference, for example "Child BM".' widthClass="govuk-input--width-10" error={err('child_reference')} {...register('child_reference', required('Enter the child reference'))} />
        <IsoDateField control={control} name="incident_date" legend="Date of the incident" what="the date of the incident" notFuture error={err('incident_date')} />
        <IsoDateField control={control} name="became_aware_on" legend="Date the local authority became aware" what="the date the local authority became aware" notFuture error={err('became_aware_on')} />
        <Radios id="category" legend="What happened?" legendSize="s" error={err('category')} items={Object.entries(INCIDENT_CATEGORIES).map(([value, label]) => ({ value, label }))} registration={register('category', required('Select what happened'))} />
        <Radios id="abuse_or_neglect_suspected" legend="Is abuse or neglect known or suspected?" legendSize="s" inline error={err('abuse_or_neglect_suspected')} items={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} registration={register('abuse_or_neglect_suspected', required('Select whether abuse or neglect is known or suspected'))} />
        {children.fields.map((child, i) => (
          <fieldset className="govuk-fieldset app-form-row" key={child.id}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Child {i + 1}</legend>
            {CHILD_FIELDS.map((c) =>
              c.type === 'date' ? (
                <IsoDateField key={c.name} control={control} name={`children.${i}.${c.name}`} legend={c.label} what={`child ${i + 1}’s ${c.label.toLowerCase()}`} notFuture error={err(`children.${i}.${c.name}`)} />
              ) : (
                <Input key={c.name} id={fieldId(`children.${i}.${c.name}`)} label={c.label} error={err(`children.${i}.${c.name}`)} {...register(`children.${i}.${c.name}`, required(`Enter child ${i + 1}’s ${c.label.toLowerCase()}`))} />
              ),
            )}
            {i > 0 && (
              <Button type="button" variant="secondary" onClick={() => children.remove(i)}>
                Remove child {i + 1}
              </Button>
            )}
          </fieldset>
        ))}
        {children.fields.length < 4 && (
          <Button type="button" variant="secondary" onClick={() => children.append(EMPTY_CHILD)}>
            Add another child
          </Button>
        )}
        <Textarea id="summary" label="Summary of the incident" error={err('summary')} {...register('summary', required('Enter a summary of the incident'))} />
        {agencies.data && (
          <Checkboxes id="agency_ids" legend="Agencies involved with the child or family" legendSize="s" hint="Each will be asked for additional information in the rapid review." error={err('agency_ids')} items={agencies.data.map((a) => ({ value: a.id, label: a.name }))} registration={register('agency_ids')} />
        )}
        <Button disabled={formState.isSubmitting}>Record notification</Button>
      </form>
    </>
  );
}
