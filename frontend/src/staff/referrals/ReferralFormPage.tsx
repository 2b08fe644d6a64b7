import { useEffect, useRef, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { Link, Navigate, useBlocker, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/problem';
import type { Referral, ReferralUpdate } from '../../api/types';
import { BackLink, Button, ButtonGroup, ErrorSummary, Input, type SummaryError } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { EMPTY_FORM, missingBoxes, SECTIONS, toFormValues, toUpdate, withoutFields, type FormValues, type MissingBox } from './referralForm';
import { ReferralTaskList } from './ReferralTaskList';
import { DeleteDraft } from './DeleteDraft';
import { STALE_MESSAGE, useCreateReferral, useReferral, useReferralAction, useSaveReferral, type Versioned } from './referralApi';
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

/** A new referral: nothing exists on the server until the agency first saves or submits it. */
export function NewReferralFormPage() {
  usePageTitle('Request for consideration of a review');
  return <ReferralForm />;
}

function ReferralForm({ loaded }: { loaded?: Versioned<Referral> }) {
  const record = loaded?.record;
  const navigate = useNavigate();
  const location = useLocation();
  const form = useForm<FormValues>({ defaultValues: record ? toFormValues(record) : EMPTY_FORM });
  const save = useSaveReferral(record?.id ?? '');
  const create = useCreateReferral();
  // Submitting is not conditional: the draft has just been saved with its ETag.
  const action = useReferralAction(record?.id ?? '', null);
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [problemSections, setProblemSections] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [stale, setStale] = useState(false);
  // A new referral's first save moves to its own address; what happened on the way comes with it.
  const arrived = location.state as { saved?: 'all' | 'partly'; problems?: MissingBox[]; message?: string } | null;
  const [saved, setSaved] = useState<'all' | 'partly' | false>(arrived?.saved ?? false);
  const leaving = useRef(false);
  const values = form.watch();
  const { isDirty } = form.formState;
  usePageTitle('Request for consideration of a review', summary.length > 0);

  // Unsaved answers are never lost without asking: leaving the page in the app, or closing or reloading the tab.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => isDirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  function showBoxes(boxes: MissingBox[]) {
    for (const box of boxes) form.setError(box.name as never, { type: 'server', message: box.message });
    setSummary(boxes.map((b) => ({ fieldId: b.fieldId, message: b.message })));
    setProblemSections([...new Set(boxes.map((b) => b.sectionId).filter((s): s is string => !!s))]);
  }

  useEffect(() => {
    if (arrived?.problems?.length) {
      showBoxes(arrived.problems);
      setAttempt((n) => n + 1);
    } else if (arrived?.message) {
      setSummary([{ message: arrived.message }]);
      setAttempt((n) => n + 1);
    }
    // Once, on arrival.
  }, []);

  /** A new referral, now saved, continues at its own address with what the person needs to see. */
  function continueAt(id: string, state: { saved: 'all' | 'partly'; problems?: MissingBox[]; message?: string }) {
    leaving.current = true;
    navigate(`/referrals/${id}/edit`, { replace: true, state });
  }

  function showProblem(error: unknown) {
    setAttempt((n) => n + 1);
    setSaved(false);
    form.clearErrors();
    if (error instanceof ApiError && error.status === 412) {
      setStale(true);
      setSummary([{ message: STALE_MESSAGE }]);
      return;
    }
    if (error instanceof ApiError && error.problem.errors?.length) return showBoxes(missingBoxes(error.problem.errors));
    setSummary([{ message: errorMessage(error) }]);
  }

  function send(body: ReferralUpdate): Promise<Versioned<Referral>> {
    return record ? save.mutateAsync({ body, etag: loaded?.etag ?? null }) : create.mutateAsync(body);
  }

  /**
   * Saves what is valid. An answer the API refuses (an e-mail address without an @) is left out and the rest is
   * saved; the refused answers stay on screen as typed, with their errors. Resolves to the saved referral and the
   * answers not saved, or undefined when nothing could be saved.
   */
  async function saveDraft(): Promise<{ saved: Versioned<Referral>; refused: MissingBox[] } | undefined> {
    const typed = form.getValues();
    const body = toUpdate(typed);
    try {
      return { saved: await send(body), refused: [] };
    } catch (error) {
      const refused = error instanceof ApiError && error.status === 422 ? (error.problem.errors ?? []) : [];
      const rest = refused.length ? withoutFields(body, refused.map((e) => e.field)) : undefined;
      if (!rest) {
        showProblem(error);
        return undefined;
      }
      try {
        return { saved: await send(rest), refused: missingBoxes(refused) };
      } catch (again) {
        showProblem(again);
        return undefined;
      }
    }
  }

  function keepTyped(result: { saved: Versioned<Referral>; refused: MissingBox[] }, typed: FormValues) {
    form.reset(toFormValues(result.saved.record));
    for (const box of result.refused) form.setValue(box.name as never, readPath(typed, box.name) as never, { shouldDirty: true });
  }

  async function onSaveDraft() {
    const typed = form.getValues();
    const result = await saveDraft();
    if (!result) return;
    const partly = result.refused.length > 0;
    if (!record) return continueAt(result.saved.record.id, { saved: partly ? 'partly' : 'all', problems: result.refused });
    keepTyped(result, typed);
    setAttempt((n) => n + 1);
    setSaved(partly ? 'partly' : 'all');
    if (partly) showBoxes(result.refused);
    else {
      setSummary([]);
      setProblemSections([]);
    }
  }

  async function onSubmit() {
    const result = await saveDraft();
    if (!result) return;
    if (result.refused.length) {
      if (!record) return continueAt(result.saved.record.id, { saved: 'partly', problems: result.refused });
      keepTyped(result, form.getValues());
      setAttempt((n) => n + 1);
      setSaved('partly');
      return showBoxes(result.refused);
    }
    const id = result.saved.record.id;
    try {
      await action.mutateAsync({ kind: 'submit', id });
      leaving.current = true;
      navigate(`/referrals/${id}`, { state: { banner: 'Referral submitted. Your senior manager for safeguarding has been asked to sign it off.' } });
    } catch (error) {
      if (!record) {
        const problems = error instanceof ApiError ? missingBoxes(error.problem.errors ?? []) : [];
        return continueAt(id, { saved: 'all', problems, message: problems.length ? undefined : errorMessage(error) });
      }
      form.reset(toFormValues(result.saved.record));
      showProblem(error);
    }
  }

  const busy = save.isPending || create.isPending || action.isPending;
  const back = record ? `/referrals/${record.id}` : '/referrals';
  return (
    <>
      <BackLink to={back}>{record ? 'Back to the referral' : 'Back to referrals'}</BackLink>
      {blocker.state === 'blocked' && (
        <div className="govuk-notification-banner" role="alertdialog" aria-labelledby="unsaved-title" aria-modal="false">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="unsaved-title">
              You have answers that are not saved
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-body">If you leave this page now, the answers you typed since you last saved will be lost.</p>
            <ButtonGroup>
              <Button type="button" onClick={() => blocker.reset()}>
                Stay on this page
              </Button>
              <Button type="button" variant="warning" onClick={() => blocker.proceed()}>
                Leave without saving
              </Button>
            </ButtonGroup>
          </div>
        </div>
      )}
      <ErrorSummary errors={summary} focusKey={attempt} />
      {stale && record && (
        <p className="govuk-body">
          <a className="govuk-link" href={`/referrals/${record.id}/edit`}>
            Reload the referral
          </a>
        </p>
      )}
      {saved === 'all' && (
        <div className="govuk-inset-text" role="status">
          Your draft has been saved.
        </div>
      )}
      {saved === 'partly' && (
        <div className="govuk-inset-text" role="status">
          Your draft has been saved, apart from the answers marked below: correct them and save again.
        </div>
      )}
      {record && <span className="govuk-caption-l">{record.child_reference}</span>}
      <h1 className="govuk-heading-l">Request for consideration of a review</h1>
      {record?.state === 'returned' && record.returned_reasons && (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">Returned by the business office</h2>
          <p className="govuk-body app-pre-line">{record.returned_reasons}</p>
        </div>
      )}
      {record?.sign_off_declined_reasons && (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">Your senior manager did not sign this off</h2>
          <p className="govuk-body app-pre-line">{record.sign_off_declined_reasons}</p>
        </div>
      )}
      <p className="govuk-body">
        Every box must be completed before you submit, or the request will be returned. You can save a draft at any time
        {record ? '' : ': nothing is kept until you do'}.
      </p>
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
            <Link className="govuk-link" to={back}>
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      </FormProvider>
      {record && loaded && record.allowed_actions.includes('delete') && (
        <DeleteDraft
          referral={record}
          etag={loaded.etag}
          onDeleted={() => {
            leaving.current = true;
            navigate('/referrals', { state: { banner: `The draft referral for ${record.child_reference} has been deleted.` } });
          }}
        />
      )}
    </>
  );
}

function readPath(values: FormValues, name: string): unknown {
  return name.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), values);
}
