import { useState } from 'react';
import { errorMessage } from '../../api/problem';
import type { Referral } from '../../api/types';
import { Button, ButtonGroup, ErrorSummary } from '../../components/govuk';
import { useDeleteDraft } from './referralApi';

/** A draft the agency no longer wants: deleted after asking, the audit log keeping that it existed. */
export function DeleteDraft({ referral, etag, onDeleted }: { referral: Referral; etag: string | null; onDeleted: () => void }) {
  const [asking, setAsking] = useState(false);
  const remove = useDeleteDraft(referral.id);
  return (
    <section aria-labelledby="delete-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="delete-heading">
        Delete this draft
      </h2>
      <ErrorSummary errors={remove.error ? [{ message: errorMessage(remove.error) }] : []} focusKey={remove.failureCount} />
      {!asking ? (
        <>
          <p className="govuk-body">If your agency no longer wants to make this referral, you can delete the draft. Nobody outside your agency has seen it.</p>
          <Button type="button" variant="warning" onClick={() => setAsking(true)}>
            Delete draft
          </Button>
        </>
      ) : (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            <p className="govuk-body govuk-!-font-weight-bold">Are you sure you want to delete the draft referral for {referral.child_reference}? This cannot be undone.</p>
            <ButtonGroup>
              <Button type="button" variant="warning" disabled={remove.isPending} onClick={() => remove.mutate(etag, { onSuccess: onDeleted })}>
                Yes, delete the draft
              </Button>
              <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
                No, keep it
              </Button>
            </ButtonGroup>
          </div>
        </div>
      )}
    </section>
  );
}
