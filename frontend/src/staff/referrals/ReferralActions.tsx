import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/problem';
import type { Referral } from '../../api/types';
import { Button, ButtonLink, ErrorSummary, Input, Radios, Textarea, type SummaryError } from '../../components/govuk';
import { applyProblemToForm } from '../../forms/problemToForm';
import { summaryErrors } from '../../forms/summary';
import { PartnerDecisionPanel } from '../common/PartnerDecisionPanel';
import { ReasonsForm } from '../common/ReasonsForm';
import { REFERRAL_OUTCOMES } from '../labels';
import { useMe } from '../useMe';
import { useReferralAction } from './referralApi';

type Run = ReturnType<typeof useReferralAction>['mutateAsync'];

const OUTCOME_ITEMS = Object.entries(REFERRAL_OUTCOMES).map(([value, o]) => ({ value, label: o.choice, hint: o.hint }));
const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/**
 * What the signed-in person may do to this referral now, as the API's `allowed_actions` says. Each step is made
 * on the version shown (`etag`): if someone changed the referral since, the form says so and stays as it was.
 */
export function ReferralActions({ referral, etag, onDone }: { referral: Referral; etag: string | null; onDone: (message: string) => void }) {
  const { mutateAsync: run } = useReferralAction(referral.id, etag);
  const allowed = new Set(referral.allowed_actions);
  const done = (message: string) => () => onDone(message);
  return (
    <>
      {allowed.has('edit') && (
        <section className="govuk-!-margin-bottom-6">
          <h2 className="govuk-heading-m">Complete the request</h2>
          <ButtonLink to={`/referrals/${referral.id}/edit`}>{referral.state === 'draft' ? 'Continue the form' : 'Change the form and resubmit'}</ButtonLink>
        </section>
      )}
      {allowed.has('sign_off') && <SignOff referral={referral} run={run} onDone={done('You have signed off the referral. It has gone to the business office.')} />}
      {allowed.has('decline_sign_off') && (
        <ActionSection title="Do not sign off">
          <ReasonsForm
            id="decline-reasons"
            label="Why are you not signing this off?"
            hint="The referrer sees these reasons and can change the form."
            button="Decline sign-off"
            variant="warning"
            onSubmit={(reasons) => run({ kind: 'decline-sign-off', reasons }).then(done('Sign-off declined. The referral is back with the referrer.'))}
          />
        </ActionSection>
      )}
      {allowed.has('start_consideration') && (
        <ActionSection title="Consider the request">
          <SimpleAction label="Start consideration" run={() => run({ kind: 'start-consideration' }).then(done('Consideration started.'))} />
        </ActionSection>
      )}
      {allowed.has('recommendation') && <Recommendation run={run} onDone={done('Recommendation recorded. The three safeguarding partners have been asked for their positions.')} />}
      {allowed.has('return') && (
        <ActionSection title="Return to the referrer">
          <ReasonsForm
            id="return-reasons"
            label="Why is the request being returned?"
            hint="For example, which boxes are incomplete or what the senior manager must confirm."
            button="Return the referral"
            variant="warning"
            onSubmit={(reasons) => run({ kind: 'return', reasons }).then(done('The referral has been returned to the referring agency.'))}
          />
        </ActionSection>
      )}
      {referral.recommendation && (
        <PartnerDecisionPanel
          subject="referral"
          positions={referral.partner_positions}
          outstanding={referral.decision_outstanding_from}
          recommendedForReview={referral.recommendation.review_recommended}
          recommendedType={referral.recommendation.review_type}
          canRecord={allowed.has('record_partner_position')}
          onRecord={async (v) => {
            const answer = await run({
              kind: 'partner-position',
              body: { agreed: v.forReview, review_type: v.reviewType, reasons: v.reasons, recorded_on: v.recordedOn },
            });
            onDone(
              answer.record.state === 'decided'
                ? 'Your position is recorded. All three partners have recorded theirs: the decision stands, and the referrer will get the written response.'
                : 'Your position is recorded. The decision stands when all three partners have recorded theirs.',
            );
          }}
        />
      )}
      {referral.allowed_actions.length === 0 && (
        <p className="govuk-body">
          There is nothing for you to do on this referral now. <Link className="govuk-link" to="/referrals">See all referrals</Link>
        </p>
      )}
    </>
  );
}

function ActionSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">{title}</h2>
      {children}
    </section>
  );
}

function SimpleAction({ label, run }: { label: string; run: () => Promise<unknown> }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function click() {
    setBusy(true);
    try {
      await run();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <ErrorSummary errors={error ? [{ message: error }] : []} />
      <Button type="button" disabled={busy} onClick={() => void click()}>
        {label}
      </Button>
    </>
  );
}

function SignOff({ referral, run, onDone }: { referral: Referral; run: Run; onDone: () => void }) {
  const { data: me } = useMe();
  const named = referral.senior_manager.name?.trim() ?? '';
  const someoneElse = !!me && named !== '' && named.toLowerCase() !== me.name.trim().toLowerCase();
  const [designation, setDesignation] = useState(someoneElse ? '' : (referral.senior_manager.designation ?? ''));
  const [agree, setAgree] = useState(false);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (!agree) return setErrors([{ fieldId: 'agree', message: 'Confirm that you agree with this request' }]);
    try {
      await run({ kind: 'sign-off', designation: designation.trim() || undefined });
      onDone();
    } catch (e) {
      setErrors([{ message: errorMessage(e) }]);
    }
  }
  const error = errors.find((e) => e.fieldId === 'agree')?.message;
  return (
    <ActionSection title="Sign off as senior manager for safeguarding">
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} focusKey={attempt} />
        {me && (
          <p className="govuk-body">
            You are signing as <strong>{me.name}</strong>. Your name goes in the senior manager’s box of the form.
          </p>
        )}
        {someoneElse && (
          <div className="govuk-inset-text">
            The form names <strong>{named}</strong> as the senior manager. When you sign, your name, designation and your account’s email address replace
            theirs, and the timeline records that you signed instead.
          </div>
        )}
        <Input id="designation" label="Your designation" hint="For example, Head of safeguarding" value={designation} onChange={(e) => setDesignation(e.target.value)} />
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          {error && (
            <p id="agree-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          )}
          <div className="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="agree" type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} aria-describedby={error ? 'agree-error' : undefined} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="agree">
                I agree with this request for consideration of a review
              </label>
            </div>
          </div>
        </div>
        <Button>Sign off</Button>
      </form>
    </ActionSection>
  );
}

interface RecommendationValues {
  review_recommended: string;
  review_type: string;
  comments: string;
  reason: string;
  legal_advice_sought: string;
}
const RECOMMENDATION_FIELDS = ['review_recommended', 'review_type', 'comments', 'reason', 'legal_advice_sought'] as const;

function Recommendation({ run, onDone }: { run: Run; onDone: () => void }) {
  const { register, handleSubmit, watch, setError, formState } = useForm<RecommendationValues>();
  const errors = summaryErrors(formState.errors, RECOMMENDATION_FIELDS);
  const recommended = watch('review_recommended') === 'yes';
  const onSubmit = handleSubmit(async (v) => {
    try {
      await run({
        kind: 'recommendation',
        body: {
          review_recommended: v.review_recommended === 'yes',
          review_type: v.review_recommended === 'yes' && v.review_type ? (v.review_type as 'cspr' | 'case_mapping') : null,
          comments: v.comments,
          reason: v.reason,
          legal_advice_sought: v.legal_advice_sought === 'yes',
        },
      });
      onDone();
    } catch (e) {
      if (e instanceof ApiError) applyProblemToForm(e.problem, setError, RECOMMENDATION_FIELDS);
      else setError('root.server', { message: errorMessage(e) });
    }
  });
  const required = (what: string) => ({ required: `Enter ${what}` });
  return (
    <ActionSection title="Record the business office’s recommendation">
      <form onSubmit={onSubmit} noValidate>
        <ErrorSummary errors={errors} focusKey={formState.submitCount} />
        <Radios id="review_recommended" legend="Does the business office recommend the case goes further?" legendSize="s" inline items={YES_NO} error={formState.errors.review_recommended?.message} registration={register('review_recommended', { required: 'Select whether the business office recommends the case goes further' })} />
        {recommended && (
          <Radios id="review_type" legend="Where should it go?" legendSize="s" items={OUTCOME_ITEMS} error={formState.errors.review_type?.message} registration={register('review_type', { required: recommended ? 'Select where the case should go' : false })} />
        )}
        <Textarea id="comments" label="Comments" error={formState.errors.comments?.message} {...register('comments', required('comments'))} />
        <Textarea id="reason" label="Reason" error={formState.errors.reason?.message} {...register('reason', required('the reason'))} />
        <Radios id="legal_advice_sought" legend="Was legal advice sought?" legendSize="s" inline items={YES_NO} error={formState.errors.legal_advice_sought?.message} registration={register('legal_advice_sought', { required: 'Select whether legal advice was sought' })} />
        <Button disabled={formState.isSubmitting}>Record recommendation</Button>
      </form>
    </ActionSection>
  );
}

