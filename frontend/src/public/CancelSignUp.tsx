import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/problem';
import type { SignUp } from '../api/types';
import { Button, ButtonGroup } from '../components/govuk';
import { cancelSignUp } from './publicApi';

/** Cancelling asks once more before it happens. */
export function CancelSignUp({ manageToken, onCancelled }: { manageToken: string; onCancelled: () => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => cancelSignUp(manageToken),
    onSuccess: () => {
      queryClient.setQueryData<SignUp>(['sign-up', manageToken], (old) => old && { ...old, status: 'cancelled' });
      onCancelled();
    },
  });

  return (
    <>
      <h2 className="govuk-heading-m">Cancel your place</h2>
      {cancel.isError && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {errorMessage(cancel.error)}
        </p>
      )}
      {confirming ? (
        <>
          <p className="govuk-body">Are you sure you want to cancel your place? Someone on the waiting list may be offered it.</p>
          <ButtonGroup>
            <Button type="button" variant="warning" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              Yes, cancel my place
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              No, keep my place
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <>
          <p className="govuk-body">If you can no longer attend, cancel so that someone else can have your place.</p>
          <Button type="button" variant="warning" onClick={() => setConfirming(true)}>
            Cancel my place
          </Button>
        </>
      )}
    </>
  );
}
