import type { UseFormReturn } from 'react-hook-form';
import { Button, Input, Radios, Select, Textarea } from '../../components/govuk';
import { IsoDateField } from '../../forms/IsoDateField';
import { fieldId } from '../../forms/summary';
import { ETHNICITIES, LOOKED_AFTER_STATUSES, PLACEMENT_TYPES, PLAN_STATUSES, SEXES, YES_NO_NOT_KNOWN } from '../labels';
import { ageOn, childProblems, revealed, type ChildField, type ChildValues } from './childRules';

/** The part of the notification form this needs: its children, the nature of the incident and its date. */
export interface WithChildren {
  category: string;
  incident_date: string;
  children: ChildValues[];
}

interface Props<T extends WithChildren> {
  form: UseFormReturn<T>;
  index: number;
  error: (name: string) => string | undefined;
  onRemove?: () => void;
  /** False in a correction: the name, date of birth and address are not asked again, only the Panel's answers. */
  identifying?: boolean;
}

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** One child of a notification: who they are (kept in the case record), then what the National Panel asks. */
export function NotifiedChildFields<T extends WithChildren>({ form, index: i, error, onRemove, identifying = true }: Props<T>) {
  // The form is generic over its other fields; its children are always `children.{i}.{field}`.
  const f = form as unknown as UseFormReturn<WithChildren>;
  const child = f.watch(`children.${i}`);
  const incidentDate = f.watch('incident_date');
  const show = revealed(child);
  const name = (field: ChildField) => `children.${i}.${field}` as const;
  const register = (field: ChildField) =>
    f.register(name(field), {
      validate: (_, all) => childProblems(all.children[i] ?? child, i, all.category, all.incident_date, identifying)[field] ?? true,
    });
  const err = (field: ChildField) => error(name(field));
  const who = `child ${i + 1}`;
  const derived = ageOn(child.date_of_birth, incidentDate);

  return (
    <fieldset className="govuk-fieldset app-form-row">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Child {i + 1}</legend>
      {identifying && (
        <>
          <Input id={fieldId(name('name'))} label="Full name" error={err('name')} {...register('name')} />
          <IsoDateField control={f.control} name={name('date_of_birth')} legend="Date of birth" what={`${who}’s date of birth`} notFuture error={err('date_of_birth')} />
          <Textarea id={fieldId(name('address'))} label="Home address" rows={2} error={err('address')} {...register('address')} />
          <p className="govuk-body govuk-!-font-weight-bold">What the National Panel asks</p>
        </>
      )}
      <p className="govuk-hint">These are shared with the agencies that read the notification and go into the rapid review report. The name, date of birth and address are not.</p>
      <Input
        id={fieldId(name('age_at_incident'))}
        label="Age at the incident, in years (optional)"
        hint={derived !== null ? `Worked out from the date of birth: ${derived}` : 'Worked out from the date of birth when left empty'}
        inputMode="numeric"
        widthClass="govuk-input--width-3"
        error={err('age_at_incident')}
        {...register('age_at_incident')}
      />
      <Radios id={fieldId(name('sex'))} legend="Sex" legendSize="s" inline error={err('sex')} items={choices(SEXES)} registration={register('sex')} />
      <Select id={fieldId(name('ethnicity'))} label="Ethnicity" hint="The 2021 Census categories" error={err('ethnicity')} options={[{ value: '', label: 'Select ethnicity' }, ...choices(ETHNICITIES)]} {...register('ethnicity')} />
      {show.ethnicityDescription && <Input id={fieldId(name('ethnicity_description'))} label="Describe the ethnicity (optional)" hint="In the words the family use" error={err('ethnicity_description')} {...register('ethnicity_description')} />}
      <Radios
        id={fieldId(name('disability'))}
        legend="Does the child have a disability?"
        legendSize="s"
        error={err('disability')}
        items={choices(YES_NO_NOT_KNOWN).map((c) => (c.value === 'yes' ? { ...c, revealed: show.disabilityDescription, conditional: <Textarea id={fieldId(name('disability_description'))} label="Describe the disability (optional)" rows={2} error={err('disability_description')} {...register('disability_description')} /> } : c))}
        registration={register('disability')}
      />
      <Radios id={fieldId(name('looked_after_status'))} legend="Looked-after status" legendSize="s" error={err('looked_after_status')} items={choices(LOOKED_AFTER_STATUSES)} registration={register('looked_after_status')} />
      {show.placement && (
        <div className="govuk-inset-text">
          <Radios
            id={fieldId(name('placement_type'))}
            legend={child.looked_after_status === 'care_leaver' ? 'Placement type (optional)' : 'Placement type'}
            hint="Where the child lives, or last lived, while looked after"
            legendSize="s"
            error={err('placement_type')}
            items={choices(PLACEMENT_TYPES).map((c) => (c.value === 'other' ? { ...c, revealed: show.placementDescription, conditional: <Input id={fieldId(name('placement_description'))} label="Describe the placement" error={err('placement_description')} {...register('placement_description')} /> } : c))}
            registration={register('placement_type')}
          />
        </div>
      )}
      <Radios id={fieldId(name('child_in_need_plan'))} legend="Child in need plan" legendSize="s" inline error={err('child_in_need_plan')} items={choices(PLAN_STATUSES)} registration={register('child_in_need_plan')} />
      <Radios id={fieldId(name('child_protection_plan'))} legend="Child protection plan" legendSize="s" inline error={err('child_protection_plan')} items={choices(PLAN_STATUSES)} registration={register('child_protection_plan')} />
      <Radios
        id={fieldId(name('known_to_agencies'))}
        legend="Was the child known to any agency?"
        legendSize="s"
        error={err('known_to_agencies')}
        items={choices(YES_NO_NOT_KNOWN).map((c) => (c.value === 'yes' ? { ...c, revealed: show.knownAgencies, conditional: <Input id={fieldId(name('known_agencies'))} label="Which agencies (optional)" error={err('known_agencies')} {...register('known_agencies')} /> } : c))}
        registration={register('known_to_agencies')}
      />
      {onRemove && (
        <Button type="button" variant="secondary" onClick={onRemove}>
          Remove child {i + 1}
        </Button>
      )}
    </fieldset>
  );
}
