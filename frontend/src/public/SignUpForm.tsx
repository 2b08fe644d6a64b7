import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { ApiError, errorMessage } from '../api/problem';
import type { PublicEvent, SignUpCreated } from '../api/types';
import { Button, ErrorSummary } from '../components/govuk';
import { applyProblemToForm, SERVER_ERROR } from '../forms/problemToForm';
import { summaryErrors } from '../forms/summary';
import { usePageTitle } from '../lib/usePageTitle';
import { EventPreparation, EventSummary } from './EventDetails';
import { createSignUp } from './publicApi';
import { SignUpFields } from './SignUpFields';
import { attendanceChoices, EMPTY_VALUES, SIGN_UP_FIELDS, toSignUpCreate, type SignUpValues } from './signUpForm';

interface Props {
  token: string;
  event: PublicEvent;
  onCreated: (created: SignUpCreated) => void;
}

export function SignUpForm({ token, event, onCreated }: Props) {
  const choices = attendanceChoices(event);
  const form = useForm<SignUpValues>({
    defaultValues: { ...EMPTY_VALUES, attendance: choices.length === 1 ? choices[0]?.value : '' },
    shouldFocusError: false, // the error summary takes focus instead
  });
  const { errors, submitCount } = form.formState;
  const summary = summaryErrors(errors, SIGN_UP_FIELDS);
  const full = event.places_left <= 0;
  usePageTitle(`Sign up: ${event.title}`, summary.length > 0);

  const signUp = useMutation({
    mutationFn: (values: SignUpValues) => createSignUp(token, toSignUpCreate(values)),
    onSuccess: onCreated,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 422) applyProblemToForm(error.problem, form.setError, SIGN_UP_FIELDS);
      else form.setError(SERVER_ERROR, { type: 'server', message: errorMessage(error) });
    },
  });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} focusKey={submitCount} />
        <span className="govuk-caption-l">Sign up</span>
        <h1 className="govuk-heading-l">{event.title}</h1>
        <EventSummary event={event} />
        <EventPreparation event={event} />

        {full && !event.waiting_list_open ? (
          <>
            <h2 className="govuk-heading-m">This event is full</h2>
            <p className="govuk-body">There are no places left and the waiting list is closed. Contact your agency’s safeguarding lead if you need to attend.</p>
          </>
        ) : (
          <>
            <h2 className="govuk-heading-m">Your details</h2>
            {full && (
              <div className="govuk-inset-text">This event is full. You can join the waiting list and we will tell you if a place becomes available.</div>
            )}
            <form noValidate onSubmit={(e) => void form.handleSubmit((values) => signUp.mutate(values))(e)}>
              <SignUpFields form={form} event={event} mode="create" />
              <Button disabled={signUp.isPending}>{full ? 'Join the waiting list' : 'Sign up'}</Button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
