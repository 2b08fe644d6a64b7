import { useMutation } from '@tanstack/react-query';
import { useFieldArray, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage, unwrap } from '../../api/problem';
import type { IncidentCategory, NotificationCreate } from '../../api/types';
import { BackLink, Button, Checkboxes, ErrorSummary, Input, Radios, Textarea } from '../../components/govuk';
import { IsoDateField } from '../../forms/IsoDateField';
import { applyProblemToForm } from '../../forms/problemToForm';
import { summaryErrors } from '../../forms/summary';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { INCIDENT_CATEGORIES } from '../labels';
import { CHILD_FIELDS, childBody, EMPTY_CHILD, MAX_CHILDREN, type ChildValues } from './childRules';
import { NotifiedChildFields } from './NotifiedChildFields';
import { useAgencies } from './useAgencies';

interface Values {
  child_reference: string;
  incident_date: string;
  became_aware_on: string;
  category: string;
  abuse_or_neglect_suspected: string;
  incident_council: string;
  home_council: string;
  summary: string;
  children: ChildValues[];
  agency_ids: string[];
}

const FIELDS = ['child_reference', 'incident_date', 'became_aware_on', 'category', 'abuse_or_neglect_suspected', 'incident_council', 'home_council'] as const;
const AFTER_CHILDREN = ['children', 'summary', 'agency_ids'] as const;

/** The business office records a serious incident notification; a rapid review opens with it. */
export function NewNotificationPage() {
  const navigate = useNavigate();
  const agencies = useAgencies();
  const form = useForm<Values>({ defaultValues: { children: [EMPTY_CHILD], agency_ids: [] } });
  const { register, handleSubmit, setError, formState, control } = form;
  const children = useFieldArray({ control, name: 'children' });
  const fields = [...FIELDS, ...children.fields.flatMap((_, i) => CHILD_FIELDS.map((c) => `children.${i}.${c}`)), ...AFTER_CHILDREN] as never[];
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
        incident_council: v.incident_council,
        home_council: v.home_council,
        summary: v.summary,
        children: v.children.map(childBody),
        agency_ids: v.agency_ids,
      });
      navigate(`/incident-notifications/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError) applyProblemToForm(e.problem, setError, [...FIELDS, ...AFTER_CHILDREN]);
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
        <Radios id="category" legend="What was the nature of the incident?" legendSize="s" error={err('category')} items={Object.entries(INCIDENT_CATEGORIES).map(([value, label]) => ({ value, label }))} registration={register('category', required('Select the nature of the incident'))} />
        <Radios id="abuse_or_neglect_suspected" legend="Is abuse or neglect known or suspected?" legendSize="s" inline error={err('abuse_or_neglect_suspected')} items={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} registration={register('abuse_or_neglect_suspected', required('Select whether abuse or neglect is known or suspected'))} />
        <Input id="incident_council" label="Council where the incident happened" hint="The local authority area, for example Harbourside City Council" error={err('incident_council')} {...register('incident_council', required('Enter the council where the incident happened'))} />
        <Input id="home_council" label="The child’s home council" hint="Where the child lived, if different" error={err('home_council')} {...register('home_council', required('Enter the child’s home council'))} />
        <h2 className="govuk-heading-m" id="children" tabIndex={-1}>
          Children
        </h2>
        <p className="govuk-body">Name up to {MAX_CHILDREN} children involved in this incident. The National Panel asks the same questions about each.</p>
        {children.fields.map((child, i) => (
          <NotifiedChildFields key={child.id} form={form} index={i} error={err} onRemove={i > 0 ? () => children.remove(i) : undefined} />
        ))}
        {children.fields.length < MAX_CHILDREN ? (
          <Button type="button" variant="secondary" onClick={() => children.append(EMPTY_CHILD)}>
            Add another child
          </Button>
        ) : (
          <p className="govuk-inset-text">
            You have named {MAX_CHILDREN} children, the most one notification holds.
          </p>
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
