import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { ApiError, errorMessage } from '../api/problem';
import type { SignUp } from '../api/types';
import { Button, ErrorSummary } from '../components/govuk';
import { applyProblemToForm, SERVER_ERROR } from '../forms/problemToForm';
import { summaryErrors } from '../forms/summary';
import { updateSignUp } from './publicApi';
import { SignUpFields } from './SignUpFields';
import { EDITABLE_FIELDS, fromSignUp, toSignUpUpdate, type SignUpValues } from './signUpForm';

interface Props {
  manageToken: string;
  signUp: SignUp;
  onSaved: () => void;
}

export function ChangeDetailsForm({ manageToken, signUp, onSaved }: Props) {
  const queryClient = useQueryClient();
  const form = useForm<SignUpValues>({ defaultValues: fromSignUp(signUp), shouldFocusError: false });
  const { errors, dirtyFields, submitCount } = form.formState;
  const summary = summaryErrors(errors, EDITABLE_FIELDS);

  const save = useMutation({
    mutationFn: (values: SignUpValues) => updateSignUp(manageToken, toSignUpUpdate(values, dirtyFields)),
    onSuccess: (updated) => {
      queryClient.setQueryData(['sign-up', manageToken], updated);
      form.reset(fromSignUp(updated));
      onSaved();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 422) applyProblemToForm(error.problem, form.setError, EDITABLE_FIELDS);
      else form.setError(SERVER_ERROR, { type: 'server', message: errorMessage(error) });
    },
  });

  return (
    <>
      <h2 className="govuk-heading-m">Change your details</h2>
      <ErrorSummary errors={summary} focusKey={submitCount} />
      <form noValidate onSubmit={(e) => void form.handleSubmit((values) => save.mutate(values))(e)}>
        <SignUpFields form={form} event={signUp.event} mode="edit" />
        <Button disabled={save.isPending}>Save changes</Button>
      </form>
    </>
  );
}
