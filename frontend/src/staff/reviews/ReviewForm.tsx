import type { Versioned } from '../../api/versioned';
import type { Review } from '../../api/types';
import { Checkboxes, Select } from '../../components/govuk';
import { useAgencies } from '../notifications/useAgencies';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useMe } from '../useMe';
import { useLeadReviewers, useSaveReview } from './reviewApi';

interface Values {
  lead_reviewer_id: string;
  agency_ids: string[];
}

/** The business office commissions the lead reviewer and sets the agencies involved. */
export function ReviewForm({ versioned, onSaved }: { versioned: Versioned<Review>; onSaved: () => void }) {
  const { record: review, etag } = versioned;
  const { data: me } = useMe();
  const canListUsers = Boolean(me?.permissions.includes('users:manage'));
  const reviewers = useLeadReviewers(canListUsers);
  const agencies = useAgencies();
  const save = useSaveReview(review.id);
  const current = review.lead_reviewer;
  const reviewerOptions = [
    { value: '', label: 'No lead reviewer yet' },
    ...(reviewers.data ?? []).map((u) => ({ value: u.id, label: u.name })),
    // Keep the commissioned reviewer choosable even if their account has since been closed.
    ...(current && !reviewers.data?.some((u) => u.id === current.id) ? [{ value: current.id, label: current.name }] : []),
  ];
  async function submit(values: Values) {
    // Without the user list there is no reviewer choice, so the reviewer is left as it is.
    const reviewer = canListUsers ? { lead_reviewer_id: values.lead_reviewer_id || null } : {};
    await save.mutateAsync({ body: { ...reviewer, agency_ids: values.agency_ids }, etag });
    onSaved();
  }
  if (!agencies.data || (canListUsers && !reviewers.data)) return null;
  return (
    <section aria-labelledby="commission-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="commission-heading">
        Lead reviewer and agencies
      </h2>
      <SimpleForm<Values>
        fields={['lead_reviewer_id', 'agency_ids']}
        defaultValues={{ lead_reviewer_id: current?.id ?? '', agency_ids: review.agencies.map((a) => a.id) }}
        button="Save changes"
        onSubmit={submit}
      >
        {({ register }, error) => (
          <>
            {canListUsers && <Select id="lead_reviewer_id" label="Lead reviewer" error={error('lead_reviewer_id')} options={reviewerOptions} {...register('lead_reviewer_id')} />}
            <Checkboxes
              id="agency_ids"
              legend="Agencies involved in the review"
              legendSize="s"
              error={error('agency_ids')}
              items={agencies.data.map((a) => ({ value: a.id, label: a.name }))}
              registration={register('agency_ids')}
            />
          </>
        )}
      </SimpleForm>
    </section>
  );
}
