import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Review, ReviewStageChange } from '../../api/types';
import { ifMatch, versionedChange, type Versioned } from '../../api/versioned';
import { DateField } from '../../forms/DateField';
import { isoFromParts, todayParts, type DateParts } from '../../forms/dates';
import { api } from '../api';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { REVIEW_STAGES } from '../labels';
import { reviewKey } from './reviewApi';

type Step = ReviewStageChange['step'];

/** What each step moves the review on to, as its button says. */
const STEPS: Record<Step, { button: string; next: keyof typeof REVIEW_STAGES }> = {
  begin_terms_of_reference: { button: 'Move on to the terms of reference', next: 'terms_of_reference' },
  begin_agency_submissions: { button: 'Move on to the agencies’ submissions', next: 'agency_submissions' },
  begin_practitioner_engagement: { button: 'Move on to practitioner engagement', next: 'practitioner_engagement' },
  begin_overview_report: { button: 'Move on to the overview report', next: 'overview_report' },
  begin_sign_off: { button: 'Move on to sign-off', next: 'sign_off' },
  begin_publication: { button: 'Move on to publication', next: 'publication' },
  publish: { button: 'Record the review as published', next: 'published' },
};

/**
 * The next stage, offered only when the API lists it in `allowed_actions` (who may, and whether the review is
 * ready: a lead reviewer must be appointed before the terms of reference). Made on the version on screen.
 */
export function StageSteps({ review, etag, onMoved }: { review: Review; etag: string | null; onMoved: (message: string) => void }) {
  const client = useQueryClient();
  const steps = review.allowed_actions.filter((s): s is Step => s in STEPS);
  const move = useMutation({
    mutationFn: async ({ step, published_on }: { step: Step; published_on?: DateParts }): Promise<Versioned<Review>> =>
      versionedChange(
        await api.POST('/api/v1/reviews/{review_id}/stage', {
          params: { path: { review_id: review.id } },
          headers: ifMatch(etag),
          body: { step, ...(step === 'publish' && published_on ? { published_on: isoFromParts(published_on) } : {}) },
        }),
        'review',
      ),
    onSuccess: (saved, { step }) => {
      client.setQueryData(reviewKey(review.id), saved);
      void client.invalidateQueries({ queryKey: [...reviewKey(review.id), 'timeline'] });
      void client.invalidateQueries({ queryKey: ['reviews'] });
      onMoved(`The review is now at: ${REVIEW_STAGES[STEPS[step].next].label}.`);
    },
  });
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="stage-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="stage-heading">
        Next stage
      </h2>
      {steps.map((step) =>
        step === 'publish' ? (
          <SimpleForm key={step} fields={['published_on'] as const} defaultValues={{ published_on: todayParts() }} button={STEPS[step].button} onSubmit={(v) => move.mutateAsync({ step, published_on: v.published_on })}>
            {({ control }, error) => <DateField control={control} name="published_on" legend="Date the review was published" what="the date the review was published" notFuture error={error('published_on')} />}
          </SimpleForm>
        ) : (
          <SimpleForm key={step} fields={[] as const} button={STEPS[step].button} onSubmit={() => move.mutateAsync({ step })}>
            {() => null}
          </SimpleForm>
        ),
      )}
    </section>
  );
}
