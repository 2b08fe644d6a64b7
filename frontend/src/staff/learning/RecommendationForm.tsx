import { Checkboxes, Input, Radios, Textarea } from '../../components/govuk';
import { useAgencies } from '../notifications/useAgencies';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { LEARNING_KINDS } from './labels';
import { Suggestions } from './Suggestions';
import { useThemes, type LearningKind } from './learningApi';

export interface RecommendationValues {
  kind: LearningKind;
  number: string;
  text: string;
  addressed_to_partnership: boolean;
  agency_ids: string[];
  theme_ids: string[];
  response: string;
  repeats_ids: string[];
}

const FIELDS = ['kind', 'number', 'text', 'addressed_to_partnership', 'agency_ids', 'theme_ids', 'response', 'repeats_ids'] as const;

/** Record one learning output of a review, rapid review or other source (business office). */
export function RecommendationForm({ nextNumber, onSubmit }: { nextNumber: (kind: LearningKind) => number; onSubmit: (values: RecommendationValues) => Promise<unknown> }) {
  const { data: themes } = useThemes();
  const { data: agencies } = useAgencies();
  if (!themes || !agencies) return null;
  return (
    <SimpleForm<RecommendationValues>
      fields={FIELDS}
      defaultValues={{ kind: 'recommendation', number: String(nextNumber('recommendation')), text: '', addressed_to_partnership: true, agency_ids: [], theme_ids: [], response: '', repeats_ids: [] }}
      button="Record it"
      onSubmit={onSubmit}
      onDone={(form) => form.reset({ ...form.getValues(), number: String(Number(form.getValues('number')) + 1), text: '', response: '', theme_ids: [], agency_ids: [], repeats_ids: [] })}
    >
      {({ register, watch }, error) => (
        <>
          <Radios
            id="kind"
            legend="What is it?"
            legendSize="s"
            error={error('kind')}
            items={(Object.keys(LEARNING_KINDS) as LearningKind[]).map((kind) => ({ value: kind, label: LEARNING_KINDS[kind].one }))}
            registration={register('kind', { required: 'Choose what it is' })}
          />
          <Input
            id="number"
            label="Number"
            hint="As the report numbers it (3 for “Recommendation 3”); add sub-parts on its own page"
            inputMode="numeric"
            widthClass="govuk-input--width-3"
            error={error('number')}
            {...register('number', { required: 'Enter the number', pattern: { value: /^[1-9]\d{0,2}$/, message: 'Number must be a whole number from 1 to 999' } })}
          />
          <Textarea id="text" label="Its words" rows={4} error={error('text')} {...register('text', { required: 'Enter its words as the report gives them' })} />
          <Suggestions text={watch('text') ?? ''} registration={register('repeats_ids')} error={error('repeats_ids')} />
          <div className="govuk-form-group">
            <div className="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="addressed_to_partnership" type="checkbox" {...register('addressed_to_partnership')} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="addressed_to_partnership">
                  Addressed to the partnership
                </label>
              </div>
            </div>
          </div>
          <Checkboxes id="agency_ids" legend="Addressed to these agencies" legendSize="s" hint="Leave empty if none is named" error={error('agency_ids')} items={agencies.map((a) => ({ value: a.id, label: a.name }))} registration={register('agency_ids')} />
          <Checkboxes id="theme_ids" legend="Themes" legendSize="s" error={error('theme_ids')} items={themes.map((t) => ({ value: t.id, label: t.name }))} registration={register('theme_ids')} />
          <Textarea id="response" label="The partnership’s response (optional)" hint="What will be done and by whom" rows={4} error={error('response')} {...register('response')} />
        </>
      )}
    </SimpleForm>
  );
}

export function recommendationBody(values: RecommendationValues) {
  return {
    kind: values.kind,
    number: Number(values.number),
    text: values.text,
    addressed_to_partnership: values.addressed_to_partnership,
    agency_ids: values.agency_ids || [],
    theme_ids: values.theme_ids || [],
    response: values.response,
    repeats_ids: values.repeats_ids || [],
    parts: [],
  };
}
