import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import { editing, ifMatchParam } from '../../api/versioned';
import { Input, NotificationBanner, Select, Table, Textarea } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { DateField } from '../../forms/DateField';
import { isoFromParts, NO_DATE, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { useAgencies } from '../notifications/useAgencies';
import { useMe } from '../useMe';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { ActionDue, ActionStatusTag } from './ActionParts';
import { LEARNING_KINDS } from './labels';
import { useActions, useAgencyPeople, useLearningMutation, useRecommendation, type Recommendation } from './learningApi';
import { addressees, RecommendationBlock } from './RecommendationParts';

/** One recommendation: its words, sub-parts, themes, the partnership's response, and the actions answering it. */
export function RecommendationPage() {
  const { id = '' } = useParams();
  const { data, error, isPending } = useRecommendation(id);
  const title = data ? `${LEARNING_KINDS[data.record.kind].one} ${data.record.label}` : 'Recommendation';
  usePageTitle(title);
  const [done, setDone] = useState<string>();
  const { data: me } = useMe();
  if (isPending) return <Loading what="the recommendation" />;
  if (error) return <LoadProblem error={error} what="recommendation" />;
  const { record: r, etag } = data;
  const allowed = r.allowed_actions;
  const learning = r.review_id ? `/reviews/${r.review_id}/learning` : r.rapid_review_id ? `/rapid-reviews/${r.rapid_review_id}/learning` : null;
  return (
    <>
      <span className="govuk-caption-l">{r.child_reference || r.source_title}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {done && <NotificationBanner type="success" heading={done} />}
      {learning && (
        <p className="govuk-body">
          <Link className="govuk-link" to={learning}>
            All the learning of this {r.review_id ? 'review' : 'rapid review'}
          </Link>
          {r.parent_id && (
            <>
              {' · '}
              <Link className="govuk-link" to={`/recommendations/${r.parent_id}`}>
                The whole recommendation {r.number}
              </Link>
            </>
          )}
        </p>
      )}
      <RecommendationBlock recommendation={r} link={false} />
      {r.repeats && r.repeats.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Earlier recommendations it repeats</h2>
          <ul className="govuk-list govuk-list--bullet">
            {r.repeats.map((earlier) => (
              <li key={earlier.id}>
                <Link className="govuk-link" to={`/recommendations/${earlier.id}`}>
                  {earlier.child_reference || earlier.source_title} {LEARNING_KINDS[earlier.kind].one.toLowerCase()} {earlier.label}
                </Link>{' '}
                ({formatDate(earlier.made_on, false)})
              </li>
            ))}
          </ul>
        </>
      )}
      {me?.permissions.includes('actions:read') && <ActionsOf recommendation={r} />}
      {allowed.includes('add_action') && <AddAction recommendation={r} onDone={() => setDone('The action is set')} />}
      {allowed.includes('edit') && <EditResponse recommendation={r} etag={etag} onDone={() => setDone('The partnership’s response is saved')} />}
      {allowed.includes('add_part') && <AddPart recommendation={r} onDone={() => setDone('The sub-part is added')} />}
    </>
  );
}

function ActionsOf({ recommendation }: { recommendation: Recommendation }) {
  const { data } = useActions({ recommendation_id: recommendation.id, limit: 100, offset: 0 });
  return (
    <section aria-labelledby="actions-heading">
      <h2 className="govuk-heading-m" id="actions-heading">
        Actions
      </h2>
      {data && data.items.length === 0 && <p className="govuk-body">No actions answer this yet{recommendation.parts.length ? ' or its sub-parts' : ''}.</p>}
      {data && data.items.length > 0 && (
        <Table
          caption={`${data.total} action${data.total === 1 ? '' : 's'}`}
          captionSize="s"
          columns={[{ header: 'Action' }, { header: 'Agency' }, { header: 'Due' }, { header: 'Status' }]}
          rows={data.items.map((a) => ({
            key: a.id,
            cells: [
              <Link className="govuk-link" to={`/actions/${a.id}`}>
                {a.answers.label && a.answers.label !== recommendation.label ? `${a.answers.label}: ` : ''}
                {a.description}
              </Link>,
              a.agency.name,
              <ActionDue action={a} />,
              <ActionStatusTag status={a.status} />,
            ],
          }))}
        />
      )}
    </section>
  );
}

interface ActionValues {
  agency_id: string;
  owner_id: string;
  description: string;
  intended_outcome: string;
  due_date: DateParts;
}

function AddAction({ recommendation, onDone }: { recommendation: Recommendation; onDone: () => void }) {
  const { data: agencies } = useAgencies();
  const [agencyId, setAgencyId] = useState('');
  const { data: people } = useAgencyPeople(agencyId, true);
  const create = useLearningMutation(async (v: ActionValues) =>
    unwrap(
      await api.POST('/api/v1/actions', {
        body: {
          recommendation_id: recommendation.id,
          agency_id: v.agency_id,
          owner_id: v.owner_id || null,
          description: v.description,
          intended_outcome: v.intended_outcome,
          due_date: isoFromParts(v.due_date)!,
        },
      }),
    ),
  );
  if (!agencies) return null;
  return (
    <section aria-labelledby="add-action-heading" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m" id="add-action-heading">
        Set an action
      </h2>
      <SimpleForm<ActionValues>
        fields={['agency_id', 'owner_id', 'description', 'intended_outcome', 'due_date']}
        defaultValues={{ agency_id: '', owner_id: '', description: '', intended_outcome: '', due_date: { ...NO_DATE } }}
        button="Set the action"
        onSubmit={create.mutateAsync}
        onDone={(form) => {
          form.reset();
          setAgencyId('');
          onDone();
        }}
      >
        {({ register, control }, error) => (
          <>
            <Select
              id="agency_id"
              label="Agency that owns it"
              error={error('agency_id')}
              options={[{ value: '', label: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]}
              {...register('agency_id', { required: 'Choose the agency that owns the action', onChange: (e: { target: { value: string } }) => setAgencyId(e.target.value) })}
            />
            <Select
              id="owner_id"
              label="Owner (optional)"
              hint="A person of that agency who answers for the action"
              error={error('owner_id')}
              options={[{ value: '', label: agencyId ? 'Not named yet' : 'Choose the agency first' }, ...(people ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))]}
              {...register('owner_id')}
            />
            <Textarea id="description" label="What the agency will do" rows={3} error={error('description')} {...register('description', { required: 'Enter what the agency will do' })} />
            <Textarea id="intended_outcome" label="Intended outcome (optional)" hint="What should be different in frontline practice" rows={3} error={error('intended_outcome')} {...register('intended_outcome')} />
            <DateField control={control} name="due_date" legend="Due date" what="the due date" error={error('due_date')} />
          </>
        )}
      </SimpleForm>
    </section>
  );
}

function EditResponse({ recommendation, etag, onDone }: { recommendation: Recommendation; etag: string | null; onDone: () => void }) {
  const save = useLearningMutation(async (v: { response: string }) =>
    editing('recommendation', async () =>
      unwrap(
        await api.PATCH('/api/v1/recommendations/{recommendation_id}', {
          params: { path: { recommendation_id: recommendation.id }, header: ifMatchParam(etag) },
          body: { response: v.response },
        }),
      ),
    ),
  );
  return (
    <section aria-labelledby="response-heading" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m" id="response-heading">
        The partnership’s response
      </h2>
      <p className="govuk-body-s">To: {addressees(recommendation)}</p>
      <SimpleForm<{ response: string }> fields={['response']} defaultValues={{ response: recommendation.response }} button="Save the response" onSubmit={save.mutateAsync} onDone={onDone}>
        {({ register }, error) => <Textarea id="response" label="What will be done and by whom" rows={5} error={error('response')} {...register('response')} />}
      </SimpleForm>
    </section>
  );
}

function AddPart({ recommendation, onDone }: { recommendation: Recommendation; onDone: () => void }) {
  const [error, setError] = useState<string>();
  const add = useLearningMutation(async (v: { text: string }) =>
    unwrap(await api.POST('/api/v1/recommendations/{recommendation_id}/parts', { params: { path: { recommendation_id: recommendation.id } }, body: { text: v.text, addressed_to_partnership: recommendation.addressed_to_partnership, agency_ids: [], theme_ids: [], response: '' } })),
  );
  return (
    <section aria-labelledby="part-heading" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m" id="part-heading">
        Add a sub-part
      </h2>
      {error && <p className="govuk-error-message">{error}</p>}
      <SimpleForm<{ text: string }>
        fields={['text']}
        defaultValues={{ text: '' }}
        button="Add the sub-part"
        onSubmit={async (v) => {
          setError(undefined);
          try {
            await add.mutateAsync(v);
          } catch (e) {
            setError(errorMessage(e));
            throw e;
          }
        }}
        onDone={(form) => {
          form.reset();
          onDone();
        }}
      >
        {({ register }, fieldError) => (
          <Input id="text" label={`Recommendation ${recommendation.number}${String.fromCharCode(97 + recommendation.parts.length)}`} error={fieldError('text')} {...register('text', { required: 'Enter the sub-part’s words' })} />
        )}
      </SimpleForm>
    </section>
  );
}
