import { useRef, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/problem';
import type { Referral } from '../../api/types';
import { BackLink, Button, ButtonGroup, ErrorSummary, Input, type SummaryError } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { missingBoxes, SECTIONS, toFormValues, toUpdate, type FormValues } from './referralForm';
import { ReferralTaskList } from './ReferralTaskList';
import { STALE_MESSAGE, useReferral, useReferralAction, useSaveReferral, type Versioned } from './referralApi';
import { SectionFields } from './SectionFields';
import { LoadProblem } from '../../components/layout/LoadProblem';

/** The Appendix 1 form, section by section, for the referring agency while it is a draft or returned. */
export function ReferralFormPage() {
  const { id = '' } = useParams();
  const { data, error, isPending } = useReferral(id);
  // Decided once, on arrival: after a submit the form navigates itself, with its confirmation.
  const editable = useRef<boolean>(undefined);
  usePageTitle('Request for consideration of a review');
  if (isPending) return <Loading what="the referral" />;
  if (error) return <LoadProblem error={error} what="referral" />;
  editable.current ??= data.record.allowed_actions.includes('edit');
  if (!editable.current) return <Navigate to={`/referrals/${id}`} replace />;
  return <ReferralForm key={data.record.id} loaded={data} />;
}

function ReferralForm({ loaded }: { loaded: Versioned<Referral> }) {
  const { record } = loaded;
  const navigate = useNavigate();
  const form = useForm<FormValues>({ defaultValues: toFormValues(record) });
  const save = useSaveReferral(record.id);
  // Submitting is not conditional: the draft has just been saved with its ETag.
  const action = useReferralAction(record.id, null);
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [problemSections, setProblemSections] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState(false);
  const values = form.watch();
  usePageTitle('Request for consideration of a review', summary.length > 0);

  function showProblem(error: unknown) {
    setAttempt((n) => n + 1);
    setSaved(false);
    form.clearErrors();
    if (error instanceof ApiError && error.status === 412) {
      setStale(true);
      setSummary([{ message: STALE_MESSAGE }]);
      return;
    }
    if (error instanceof ApiError && error.problem.errors?.length) {
      const boxes = missingBoxes(error.problem.errors);
      for (const box of boxes) form.setError(box.name as never, { type: 'server', message: box.message });
      setSummary(boxes.map((b) => ({ fieldId: b.fieldId, message: b.message })));
      setProblemSections([...new Set(boxes.map((b) => b.sectionId).filter((s): s is string => !!s))]);
      return;
    }
    setSummary([{ message: errorMessage(error) }]);
  }

  async function saveDraft(): Promise<boolean> {
    try {
      const result = await save.mutateAsync({ body: toUpdate(form.getValues()), etag: loaded.etag });
      form.reset(toFormValues(result.record));
      return true;
    } catch (error) {
      showProblem(error);
      return false;
    }
  }

  async function onSaveDraft() {
    if (await saveDraft()) {
      setSummary([]);
      setProblemSections([]);
      setSaved(true);
    }
  }

  async function onSubmit() {
    if (!(await saveDraft())) return;
    try {
      await action.mutateAsync({ kind: 'submit' });
      navigate(`/referrals/${record.id}`, { state: { banner: 'Referral submitted. Your senior manager for safeguarding has been asked to sign it off.' } });
    } catch (error) {
      showProblem(error);
    }
  }

  const busy = save.isPending || action.isPending;
  return (
    <>
      <BackLink to={`/referrals/${record.id}`}>Back to the referral</BackLink>
      <ErrorSummary errors={summary} focusKey={attempt} />
      {stale && (
        <p className="govuk-body">
          <a className="govuk-link" href={`/referrals/${record.id}/edit`}>
            Reload the referral
          </a>
        </p>
      )}
      {saved && (
        <div className="govuk-inset-text" role="status">
          Your draft has been saved.
        </div>
      )}
      <span className="govuk-caption-l">{record.child_reference}</span>
      <h1 className="govuk-heading-l">Request for consideration of a review</h1>
      {record.state === 'returned' && record.returned_reasons && (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">Returned by the business office</h2>
          <p className="govuk-body app-pre-line">{record.returned_reasons}</p>
        </div>
      )}
      {record.sign_off_declined_reasons && (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">Your senior manager did not sign this off</h2>
          <p className="govuk-body app-pre-line">{record.sign_off_declined_reasons}</p>
        </div>
      )}
      <p className="govuk-body">Every box must be completed before you submit, or the request will be returned. You can save a draft at any time.</p>
      <ReferralTaskList values={values} problemSections={problemSections} />
      <FormProvider {...form}>
        <form noValidate onSubmit={form.handleSubmit(onSubmit)}>
          <Input
            id="child_reference"
            label="Child reference"
            hint='The anonymised reference used everywhere except this form, for example "Child BM".'
            widthClass="govuk-input--width-10"
            {...form.register('child_reference')}
          />
          {SECTIONS.map((section) => (
            <SectionFields key={section.id} section={section} />
          ))}
          <ButtonGroup>
            <Button disabled={busy}>Submit for sign-off</Button>
            <Button type="button" variant="secondary" disabled={busy} onClick={() => void onSaveDraft()}>
              Save as draft
            </Button>
            <Link className="govuk-link" to={`/referrals/${record.id}`}>
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      </FormProvider>
    </>
  );
}
