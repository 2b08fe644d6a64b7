import type { Path } from 'react-hook-form';
import { ApiError } from '../../api/problem';
import type { Versioned } from '../../api/versioned';
import type { Notification } from '../../api/types';
import { Checkboxes, Input, Radios, Textarea } from '../../components/govuk';
import { DateField } from '../../forms/DateField';
import { isoFromParts, partsFromIso, todayParts, type DateParts } from '../../forms/dates';
import { Details } from '../common/Details';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { CHARACTERISTIC_FIELDS, characteristicsBody, childValues, type ChildValues } from './childRules';
import { useSaveNotification } from './notificationApi';
import { NotifiedChildFields } from './NotifiedChildFields';
import { useAgencies } from './useAgencies';

interface Props {
  versioned: Versioned<Notification>;
  onSaved: (message: string) => void;
}

/** The day the National Panel was notified: meets the 5 working day deadline and starts the rapid review's 15. */
export function RecordPanelNotified({ versioned, onSaved }: Props) {
  const save = useSaveNotification(versioned.record.id);
  async function submit(v: { notified_panel_on: DateParts }) {
    await save.mutateAsync({ body: { notified_panel_on: isoFromParts(v.notified_panel_on) }, etag: versioned.etag });
    onSaved('The National Panel notification has been recorded.');
  }
  return (
    <section aria-labelledby="panel-notified-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="panel-notified-heading">
        Notify the National Panel
      </h2>
      <p className="govuk-body">Notify the Child Safeguarding Practice Review Panel within 5 working days of the local authority becoming aware, then record the day here.</p>
      <SimpleForm<{ notified_panel_on: DateParts }> fields={['notified_panel_on']} defaultValues={{ notified_panel_on: todayParts() }} button="Record Panel notified" onSubmit={submit}>
        {({ control }, error) => (
          <DateField control={control} name="notified_panel_on" legend="When was the National Panel notified?" what="the date the Panel was notified" notFuture error={error('notified_panel_on')} />
        )}
      </SimpleForm>
    </section>
  );
}

interface Correction {
  became_aware_on: DateParts;
  notified_panel_on: DateParts;
  abuse_or_neglect_suspected: string;
  incident_council: string;
  home_council: string;
  summary: string;
  agency_ids: string[];
}
const FIELDS = ['became_aware_on', 'notified_panel_on', 'abuse_or_neglect_suspected', 'incident_council', 'home_council', 'summary', 'agency_ids'] as const;

/** Correct what was known at the time, folded away: most notifications never need it. */
export function CorrectNotification({ versioned, onSaved }: Props) {
  const n = versioned.record;
  const save = useSaveNotification(n.id);
  const { data: agencies } = useAgencies();
  const notified = n.notified_panel_on !== null;
  async function submit(v: Correction) {
    const body = {
      // A date that cannot be emptied is left out (kept as it is) when its boxes are emptied.
      became_aware_on: isoFromParts(v.became_aware_on) ?? undefined,
      // Emptied boxes clear a Panel date recorded in error; before there is one, the form above records it.
      ...(notified ? { notified_panel_on: isoFromParts(v.notified_panel_on) } : {}),
      abuse_or_neglect_suspected: v.abuse_or_neglect_suspected === 'yes',
      // Older notifications have no councils: left empty, they stay unrecorded.
      incident_council: v.incident_council.trim() || undefined,
      home_council: v.home_council.trim() || undefined,
      summary: v.summary,
      agency_ids: v.agency_ids,
    };
    await save.mutateAsync({ body, etag: versioned.etag });
    onSaved('The notification has been corrected.');
  }
  if (!agencies) return null;
  return (
    <Details summary="Correct this notification">
      <SimpleForm<Correction>
        fields={FIELDS}
        defaultValues={{
          became_aware_on: partsFromIso(n.became_aware_on),
          notified_panel_on: partsFromIso(n.notified_panel_on),
          abuse_or_neglect_suspected: n.abuse_or_neglect_suspected ? 'yes' : 'no',
          incident_council: n.incident_council ?? '',
          home_council: n.home_council ?? '',
          summary: n.summary,
          agency_ids: n.agencies.map((a) => a.id),
        }}
        button="Save corrections"
        onSubmit={submit}
      >
        {({ register, control }, error) => (
          <>
            <DateField control={control} name="became_aware_on" legend="Date the local authority became aware" what="the date the local authority became aware" notFuture error={error('became_aware_on')} />
            {notified && <DateField control={control} name="notified_panel_on" legend="Date the National Panel was notified" hint="Empty the boxes if it was recorded in error. For example, 27 3 2025" what="the date the Panel was notified" notFuture optional error={error('notified_panel_on')} />}
            <Radios id="abuse_or_neglect_suspected" legend="Is abuse or neglect known or suspected?" legendSize="s" inline error={error('abuse_or_neglect_suspected')} items={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} registration={register('abuse_or_neglect_suspected')} />
            <Input id="incident_council" label="Council where the incident happened" error={error('incident_council')} {...register('incident_council')} />
            <Input id="home_council" label="The child’s home council" error={error('home_council')} {...register('home_council')} />
            <Textarea id="summary" label="Summary of the incident" error={error('summary')} {...register('summary', { required: 'Enter a summary of the incident' })} />
            <Checkboxes id="agency_ids" legend="Agencies involved with the child or family" legendSize="s" error={error('agency_ids')} items={agencies.map((a) => ({ value: a.id, label: a.name }))} registration={register('agency_ids')} />
          </>
        )}
      </SimpleForm>
    </Details>
  );
}

interface ChildrenCorrection {
  category: string;
  incident_date: string;
  children: ChildValues[];
}

/** The API names a child's answer `body.children_characteristics.{i}.{field}`; the form holds it as `children.{i}.{field}`. */
function asFormProblem(e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  const errors = e.problem.errors?.map((x) => ({ ...x, field: x.field.replace(/^body\.children_characteristics\b/, 'body.children') }));
  return new ApiError({ ...e.problem, errors });
}

/**
 * Correct what the National Panel was told about each child (age, sex, ethnicity, looked-after status, plans...),
 * folded away beside the children. The rules are those of a new notification, checked as the API checks them;
 * the name, date of birth and address are not asked again.
 */
export function CorrectChildren({ versioned, onSaved }: Props) {
  const n = versioned.record;
  const save = useSaveNotification(n.id);
  const whose = n.children_count > 1 ? 'children’s' : 'child’s';
  const fields = [...n.children_characteristics.flatMap((_, i) => CHARACTERISTIC_FIELDS.map((f) => `children.${i}.${f}`)), 'children'] as Path<ChildrenCorrection>[];
  async function submit(v: ChildrenCorrection) {
    try {
      await save.mutateAsync({ body: { children_characteristics: v.children.map(characteristicsBody) }, etag: versioned.etag });
    } catch (e) {
      throw asFormProblem(e);
    }
    onSaved(`The ${whose} answers for the National Panel have been corrected.`);
  }
  return (
    <Details summary={`Correct the ${whose} answers for the National Panel`}>
      <SimpleForm<ChildrenCorrection>
        fields={fields}
        defaultValues={{
          category: n.category,
          incident_date: n.incident_date,
          children: n.children_characteristics.map((c) => childValues(c, n.children?.find((who) => who.child === c.child)?.date_of_birth)),
        }}
        button={`Save the ${whose} answers`}
        onSubmit={submit}
      >
        {(form, error) => n.children_characteristics.map((c, i) => <NotifiedChildFields key={c.child} form={form} index={i} error={(name) => error(name as Path<ChildrenCorrection>)} identifying={false} />)}
      </SimpleForm>
    </Details>
  );
}
