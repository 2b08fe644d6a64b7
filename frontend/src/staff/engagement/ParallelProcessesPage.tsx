import { useState } from 'react';
import { useParams } from 'react-router';
import { unwrap } from '../../api/problem';
import { editing, ifMatchParam } from '../../api/versioned';
import { Button, Checkboxes, Input, Radios, Select, Tag, Textarea } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { DateField } from '../../forms/DateField';
import { isEmptyDate, isoFromParts, partsFromIso, todayParts, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { StateTag } from '../common/StatusTags';
import { useAgencies } from '../notifications/useAgencies';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useMe } from '../useMe';
import { useEngagementMutation, useParallelProcesses, useReviewEvents, type ParallelProcess, type ParallelProcessCreate } from './engagementApi';
import { CRIMINAL, PROCESS_KINDS, PROCESS_STATUSES } from './labels';
import { ReviewHeading, Row } from './ReviewHeading';

/** Processes running alongside the review, and which of them hold its publication back. */
export function ParallelProcessesPage() {
  const { reviewId = '' } = useParams();
  usePageTitle('Parallel processes');
  const { data: me } = useMe();
  const { data, error, isPending } = useParallelProcesses(reviewId);
  // One step's form open at a time, so the page never holds two forms with the same fields.
  const [open, setOpen] = useState<OpenStep | null>(null);
  if (isPending) return <Loading what="the parallel processes" />;
  if (error) return <LoadProblem error={error} what="review" />;
  const holding = data.filter((p) => p.holding_publication);
  return (
    <>
      <ReviewHeading reviewId={reviewId} title="Parallel processes" />
      {holding.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Publication is held back by {holding.map((p) => `${p.title} (until ${p.publication_held_until})`).join('; ')}.
          </strong>
        </div>
      )}
      {data.length === 0 && <p className="govuk-body">No parallel processes have been recorded.</p>}
      {data.map((process) => (
        <ProcessCard key={process.id} reviewId={reviewId} process={process} open={open?.processId === process.id ? open.step : null} onOpen={setOpen} />
      ))}
      {/* Hidden while a process's own step is open, so the page never holds two forms with the same fields. */}
      {!open && me?.permissions.includes('parallel_processes:manage') && <ProcessForm reviewId={reviewId} />}
    </>
  );
}

type Step = 'edit' | 'invite_officer' | 'terms_given' | 'begin' | 'conclude';
interface OpenStep {
  processId: string;
  step: Step;
}

interface CardProps {
  reviewId: string;
  process: ParallelProcess;
  open: Step | null;
  onOpen: (open: OpenStep | null) => void;
}

function ProcessCard({ reviewId, process: p, open, onOpen }: CardProps) {
  const titleId = `process-${p.id}`;
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={titleId}>
          {p.title} <StateTag state={PROCESS_STATUSES[p.status]} /> {p.holding_publication && <Tag colour="red">Holds publication</Tag>}
        </h2>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <Row label="Kind">{PROCESS_KINDS[p.kind]}</Row>
          <Row label="Agency running it">{p.agency_name ?? 'Not recorded'}</Row>
          <Row label="Began">{p.started_on ? formatDate(p.started_on, false) : 'Not yet'}</Row>
          {p.concluded_on && <Row label="Concluded">{`${formatDate(p.concluded_on, false)}${p.outcome ? `: ${p.outcome}` : ''}`}</Row>}
          {p.next_key_date && <Row label="Next key date">{`${formatDate(p.next_key_date, false)}${p.next_key_date_note ? ` (${p.next_key_date_note})` : ''}`}</Row>}
          {CRIMINAL.has(p.kind) && (
            <>
              <Row label="Officer in charge">
                {p.officer_in_charge_name || 'Not recorded'}
                {p.officer_in_charge_email && <span className="govuk-!-display-block">{p.officer_in_charge_email}</span>}
                {p.officer_in_charge_phone && <span className="govuk-!-display-block">{p.officer_in_charge_phone}</span>}
              </Row>
              <Row label="Given the terms of reference">{p.terms_of_reference_given_on ? formatDate(p.terms_of_reference_given_on, false) : 'Not yet'}</Row>
              <Row label="Told the practitioner event date">{p.practitioner_event_date_given_on ? formatDate(p.practitioner_event_date_given_on, false) : 'Not yet'}</Row>
            </>
          )}
          <Row label="Holds publication">
            {p.holds_publication
              ? `${p.holding_publication ? 'Yes' : 'It did'}, until ${p.publication_held_until}${p.publication_held_until_date ? ` (expected ${formatDate(p.publication_held_until_date, false)})` : ''}`
              : 'No'}
          </Row>
          {p.notes && <Row label="Notes">{p.notes}</Row>}
        </dl>
        <ProcessActions reviewId={reviewId} process={p} open={open} onOpen={onOpen} />
      </div>
    </div>
  );
}

/** The steps the API offers on this process, as buttons; the chosen one opens its small form. */
function ProcessActions({ reviewId, process: p, open, onOpen }: CardProps) {
  const offered: { step: Step; label: string }[] = [];
  if (p.allowed_actions.includes('invite_officer')) offered.push({ step: 'invite_officer', label: `Invite ${p.officer_in_charge_name} to the practitioner event` });
  if (p.allowed_actions.includes('edit') && CRIMINAL.has(p.kind) && !p.terms_of_reference_given_on) offered.push({ step: 'terms_given', label: 'Record that the officer in charge was given the terms of reference' });
  if (p.allowed_actions.includes('edit')) offered.push({ step: 'edit', label: 'Change the details' });
  if (p.allowed_actions.includes('begin')) offered.push({ step: 'begin', label: 'Record that it has begun' });
  if (p.allowed_actions.includes('conclude')) offered.push({ step: 'conclude', label: 'Record that it has concluded' });
  if (offered.length === 0) return null;
  const done = () => onOpen(null);
  const chosen = offered.find((o) => o.step === open);
  if (chosen) {
    const props = { reviewId, process: p, onDone: done };
    return (
      <div className="govuk-inset-text">
        <h3 className="govuk-heading-s">{chosen.label}</h3>
        {chosen.step === 'edit' && <ProcessForm {...props} />}
        {chosen.step === 'invite_officer' && <InviteOfficer {...props} />}
        {chosen.step === 'terms_given' && <TermsGiven {...props} />}
        {chosen.step === 'begin' && <Begin {...props} />}
        {chosen.step === 'conclude' && <Conclude {...props} />}
        <p className="govuk-body">
          <button type="button" className="govuk-link app-link-button" onClick={done}>
            Cancel<span className="govuk-visually-hidden">: {chosen.label.toLowerCase()}</span>
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="govuk-button-group">
      {offered.map((o) => (
        <Button key={o.step} type="button" variant="secondary" className="govuk-!-margin-bottom-0" onClick={() => onOpen({ processId: p.id, step: o.step })}>
          {o.label}
          <span className="govuk-visually-hidden">: {p.title}</span>
        </Button>
      ))}
    </div>
  );
}

interface StepProps {
  reviewId: string;
  process: ParallelProcess;
  onDone: () => void;
}

const path = (reviewId: string, p: ParallelProcess) => ({ review_id: reviewId, process_id: p.id });

function InviteOfficer({ reviewId, process: p, onDone }: StepProps) {
  const events = useReviewEvents(reviewId);
  const invite = useEngagementMutation(reviewId, 'parallel-processes', async (v: { event_id: string }) =>
    unwrap(await api.POST('/api/v1/reviews/{review_id}/parallel-processes/{process_id}/invite-officer', { params: { path: path(reviewId, p) }, body: v })),
  );
  const upcoming = (events.data ?? []).filter((e) => e.allowed_actions.includes('invite'));
  return (
    <>
      {upcoming.length === 0 ? (
        <p className="govuk-body">There is no upcoming event of this review to invite them to.</p>
      ) : (
        <SimpleForm<{ event_id: string }> fields={['event_id']} defaultValues={{ event_id: upcoming[0]!.id }} button="Send the invitation" onSubmit={invite.mutateAsync} onDone={onDone}>
          {({ register }, error) => (
            <Select
              id="event_id"
              label="Event"
              hint="They are e-mailed a personal sign-up link."
              error={error('event_id')}
              options={upcoming.map((e) => ({ value: e.id, label: `${e.title}, ${formatDate(e.date, false)}` }))}
              {...register('event_id', { required: 'Choose the event' })}
            />
          )}
        </SimpleForm>
      )}
    </>
  );
}

function TermsGiven({ reviewId, process: p, onDone }: StepProps) {
  const save = useEngagementMutation(reviewId, 'parallel-processes', async (v: { terms_given_on: DateParts }) => {
    return editing('parallel process', async () =>
      unwrap(
      await api.PATCH('/api/v1/reviews/{review_id}/parallel-processes/{process_id}', {
        params: { path: path(reviewId, p), header: ifMatchParam(`"${p.version}"`) },
        body: { terms_of_reference_given_on: isoFromParts(v.terms_given_on) },
      }),
      ),
    );
  });
  return (
    <>
      <SimpleForm<{ terms_given_on: DateParts }> fields={['terms_given_on']} defaultValues={{ terms_given_on: todayParts() }} button="Save" onSubmit={save.mutateAsync} onDone={onDone}>
        {({ control }, error) => <DateField control={control} name="terms_given_on" legend="Date they were given the terms of reference" what="the date" notFuture error={error('terms_given_on')} />}
      </SimpleForm>
    </>
  );
}

function Begin({ reviewId, process: p, onDone }: StepProps) {
  const begin = useEngagementMutation(reviewId, 'parallel-processes', async (v: { began_on: DateParts }) =>
    unwrap(await api.POST('/api/v1/reviews/{review_id}/parallel-processes/{process_id}/begin', { params: { path: path(reviewId, p) }, body: { started_on: isoFromParts(v.began_on)! } })),
  );
  return (
    <>
      <SimpleForm<{ began_on: DateParts }> fields={['began_on']} defaultValues={{ began_on: todayParts() }} button="Save" onSubmit={begin.mutateAsync} onDone={onDone}>
        {({ control }, error) => <DateField control={control} name="began_on" legend="Date it began" what="the date it began" notFuture error={error('began_on')} />}
      </SimpleForm>
    </>
  );
}

interface ConcludeValues {
  concluded_on: DateParts;
  outcome: string;
}

function Conclude({ reviewId, process: p, onDone }: StepProps) {
  const conclude = useEngagementMutation(reviewId, 'parallel-processes', async (v: ConcludeValues) =>
    unwrap(
      await api.POST('/api/v1/reviews/{review_id}/parallel-processes/{process_id}/conclude', {
        params: { path: path(reviewId, p) },
        body: { concluded_on: isoFromParts(v.concluded_on)!, outcome: v.outcome },
      }),
    ),
  );
  return (
    <>
      <SimpleForm<ConcludeValues> fields={['concluded_on', 'outcome']} defaultValues={{ concluded_on: todayParts(), outcome: '' }} button="Save" onSubmit={conclude.mutateAsync} onDone={onDone}>
        {({ register, control }, error) => (
          <>
            <DateField control={control} name="concluded_on" legend="Date it concluded" what="the date it concluded" notFuture error={error('concluded_on')} />
            <Textarea id="outcome" label="Outcome (optional)" hint="For example, a conviction, a final order, no further action" rows={3} error={error('outcome')} {...register('outcome')} />
          </>
        )}
      </SimpleForm>
    </>
  );
}

interface ProcessValues {
  kind: ParallelProcess['kind'] | '';
  title: string;
  agency_id: string;
  status: 'planned' | 'active';
  started_on: DateParts;
  next_key_date: DateParts;
  next_key_date_note: string;
  officer_in_charge_name: string;
  officer_in_charge_email: string;
  officer_in_charge_phone: string;
  holds_publication: string[];
  publication_held_until: string;
  notes: string;
}

const FIELDS = [
  'kind',
  'title',
  'agency_id',
  'status',
  'started_on',
  'next_key_date',
  'next_key_date_note',
  'officer_in_charge_name',
  'officer_in_charge_email',
  'officer_in_charge_phone',
  'holds_publication',
  'publication_held_until',
  'notes',
] as const;

const optionalDate = (parts: DateParts) => (isEmptyDate(parts) ? null : isoFromParts(parts));

function valuesOf(p: ParallelProcess | undefined): ProcessValues {
  return {
    kind: p?.kind ?? '',
    title: p?.title ?? '',
    agency_id: p?.agency_id ?? '',
    status: 'active',
    started_on: partsFromIso(p?.started_on),
    next_key_date: partsFromIso(p?.next_key_date),
    next_key_date_note: p?.next_key_date_note ?? '',
    officer_in_charge_name: p?.officer_in_charge_name ?? '',
    officer_in_charge_email: p?.officer_in_charge_email ?? '',
    officer_in_charge_phone: p?.officer_in_charge_phone ?? '',
    holds_publication: p?.holds_publication ? ['yes'] : [],
    publication_held_until: p?.publication_held_until ?? '',
    notes: p?.notes ?? '',
  };
}

/** Record a process, or (given `process`) change its details at the version shown; its status moves by its steps. */
function ProcessForm({ reviewId, process, onDone }: { reviewId: string; process?: ParallelProcess; onDone?: () => void }) {
  const { data: agencies } = useAgencies();
  const [done, setDone] = useState<string>();
  const save = useEngagementMutation(reviewId, 'parallel-processes', async (v: ProcessValues) => {
    const details = {
      kind: v.kind as ParallelProcess['kind'],
      title: v.title,
      agency_id: v.agency_id || null,
      started_on: optionalDate(v.started_on),
      next_key_date: optionalDate(v.next_key_date),
      next_key_date_note: v.next_key_date_note,
      officer_in_charge_name: v.officer_in_charge_name,
      officer_in_charge_email: v.officer_in_charge_email || null,
      officer_in_charge_phone: v.officer_in_charge_phone,
      holds_publication: v.holds_publication.includes('yes'),
      publication_held_until: v.holds_publication.includes('yes') ? v.publication_held_until : '',
      notes: v.notes,
    };
    if (process) {
      return editing('parallel process', async () =>
        unwrap(
          await api.PATCH('/api/v1/reviews/{review_id}/parallel-processes/{process_id}', {
            params: { path: path(reviewId, process), header: ifMatchParam(`"${process.version}"`) },
            body: details,
          }),
        ),
      );
    }
    const body: ParallelProcessCreate = {
      ...details,
      status: v.status,
      terms_of_reference_given_on: null,
      practitioner_event_date_given_on: null,
      publication_held_until_date: null,
    };
    return unwrap(await api.POST('/api/v1/reviews/{review_id}/parallel-processes', { params: { path: { review_id: reviewId } }, body }));
  });
  if (!agencies) return null;
  return (
    <>
      {!process && <h2 className="govuk-heading-m">Record a parallel process</h2>}
      {done && (
        <p className="govuk-body" role="status">
          <Tag colour="green">Recorded</Tag> {done}
        </p>
      )}
      <SimpleForm<ProcessValues>
        fields={FIELDS}
        defaultValues={valuesOf(process)}
        button={process ? 'Save the changes' : 'Record the process'}
        onSubmit={save.mutateAsync}
        onDone={(f) => {
          if (!process) setDone(`${f.getValues('title')} recorded.`);
          f.reset();
          onDone?.();
        }}
      >
        {({ register, control, watch }, error) => {
          const kind = watch('kind');
          const holds = watch('holds_publication').includes('yes');
          return (
            <>
              <Select
                id="kind"
                label="Kind of process"
                error={error('kind')}
                options={[{ value: '', label: 'Choose a kind' }, ...Object.entries(PROCESS_KINDS).map(([value, label]) => ({ value, label }))]}
                {...register('kind', { required: 'Choose the kind of process' })}
              />
              <Input id="title" label="Name" hint="For example, “Police investigation (Operation Kestrel)”. Do not name the child." error={error('title')} {...register('title', { required: 'Enter a name for the process' })} />
              <Select
                id="agency_id"
                label="Agency running it (optional)"
                hint="Only this agency, of the agencies, will see the process"
                error={error('agency_id')}
                options={[{ value: '', label: 'No agency' }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]}
                {...register('agency_id')}
              />
              {!process && (
                <Radios
                  id="status"
                  legend="Has it begun?"
                  legendSize="s"
                  inline
                  error={error('status')}
                  items={[
                    { value: 'active', label: 'Yes, it is under way' },
                    { value: 'planned', label: 'No, it is planned' },
                  ]}
                  registration={register('status')}
                />
              )}
              <DateField control={control} name="started_on" legend="Date it began (optional)" what="the date it began" notFuture optional error={error('started_on')} />
              <DateField control={control} name="next_key_date" legend="Next key date (optional)" hint="A hearing, a charging decision, a trial. For example, 27 3 2027" what="the next key date" optional error={error('next_key_date')} />
              <Input id="next_key_date_note" label="What happens then (optional)" error={error('next_key_date_note')} {...register('next_key_date_note')} />
              {(kind === 'criminal_investigation' || kind === 'prosecution') && (
                <>
                  <Input id="officer_in_charge_name" label="Officer in charge" error={error('officer_in_charge_name')} {...register('officer_in_charge_name')} />
                  <Input id="officer_in_charge_email" label="Officer in charge’s email address" type="email" autoComplete="off" spellCheck={false} error={error('officer_in_charge_email')} {...register('officer_in_charge_email')} />
                  <Input id="officer_in_charge_phone" label="Officer in charge’s phone number" type="tel" autoComplete="off" widthClass="govuk-input--width-20" error={error('officer_in_charge_phone')} {...register('officer_in_charge_phone')} />
                </>
              )}
              <Checkboxes
                id="holds_publication"
                legend="Publication"
                legendSize="s"
                items={[{ value: 'yes', label: 'This process holds the review’s publication back' }]}
                registration={register('holds_publication')}
              />
              {holds && (
                <Input
                  id="publication_held_until"
                  label="Held until"
                  hint="For example, “the end of the trial”"
                  error={error('publication_held_until')}
                  {...register('publication_held_until', { required: 'Enter what publication is held until' })}
                />
              )}
              <Textarea id="notes" label="Notes (optional)" rows={3} error={error('notes')} {...register('notes')} />
            </>
          );
        }}
      </SimpleForm>
    </>
  );
}
