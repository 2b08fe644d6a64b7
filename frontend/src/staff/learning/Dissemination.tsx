import { Link } from 'react-router';
import { errorMessage, unwrap } from '../../api/problem';
import { Checkboxes, Input, Radios, Table, Tag, Textarea } from '../../components/govuk';
import { DateField } from '../../forms/DateField';
import { isoFromParts, todayParts, type DateParts } from '../../forms/dates';
import { formatDate } from '../../lib/format';
import { api } from '../api';
import { useAgencies } from '../notifications/useAgencies';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useLearningMutation } from './learningApi';
import { useDisseminations, type Dissemination } from './reportsApi';
import { useQueryClient } from '@tanstack/react-query';

type Source = 'review' | 'rapid_review';
const ITEMS = { learning_briefing: 'Learning briefing', response_document: 'Response to the recommendations' } as const;

function useDisseminationChange<T, R>(fn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  const mutation = useLearningMutation(fn);
  return {
    ...mutation,
    mutateAsync: async (input: T) => {
      const result = await mutation.mutateAsync(input);
      await client.invalidateQueries({ queryKey: ['disseminations'] });
      return result;
    },
  };
}

/** Who received this review's briefing and response, when, and whether they confirmed it was discussed; the
 * business office records new sendings, an agency's lead confirms their own from here. */
export function DisseminationSection({ source, id, canRecord }: { source: Source; id: string; canRecord: boolean }) {
  const key = source === 'review' ? 'review_id' : 'rapid_review_id';
  const { data, error } = useDisseminations({ [key]: id });
  return (
    <section aria-labelledby="dissemination-heading">
      <h2 className="govuk-heading-m" id="dissemination-heading">
        Who it was sent to
      </h2>
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && data.items.length === 0 && <p className="govuk-body">Nothing has been recorded as sent yet.</p>}
      {data && data.items.length > 0 && <DisseminationTable items={data.items} />}
      {canRecord && <RecordSending source={source} id={id} />}
    </section>
  );
}

export function DisseminationTable({ items, withSource = false }: { items: Dissemination[]; withSource?: boolean }) {
  return (
    <Table
      wide
      caption="Sent to agencies"
      captionSize="s"
      columns={[...(withSource ? [{ header: 'Review' }] : []), { header: 'What' }, { header: 'Agency and teams' }, { header: 'Sent' }, { header: 'Discussed in a team meeting' }]}
      rows={items.map((d) => ({
        key: d.id,
        cells: [
          ...(withSource
            ? [
                <Link className="govuk-link" to={d.review_id ? `/reviews/${d.review_id}/learning` : `/rapid-reviews/${d.rapid_review_id}/learning`}>
                  {d.child_reference}
                </Link>,
              ]
            : []),
          ITEMS[d.item],
          <>
            {d.agency.name}
            {d.teams && <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">{d.teams}</span>}
          </>,
          formatDate(d.sent_on, false),
          d.state === 'confirmed' ? (
            <>
              <Tag colour="green">Confirmed</Tag>
              <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">
                {formatDate(d.discussed_on ?? '', false)}, {d.confirmed_by_name}
                {d.confirmation_note ? `: ${d.confirmation_note}` : ''}
              </span>
            </>
          ) : d.allowed_actions.includes('confirm') ? (
            <ConfirmForm dissemination={d} />
          ) : (
            <Tag colour="grey">Not yet confirmed</Tag>
          ),
        ],
      }))}
    />
  );
}

interface ConfirmValues {
  discussed_on: DateParts;
  note: string;
}

function ConfirmForm({ dissemination }: { dissemination: Dissemination }) {
  const confirm = useDisseminationChange(async (v: ConfirmValues) =>
    unwrap(
      await api.POST('/api/v1/learning/disseminations/{dissemination_id}/confirm', {
        params: { path: { dissemination_id: dissemination.id } },
        body: { discussed_on: isoFromParts(v.discussed_on)!, note: v.note },
      }),
    ),
  );
  return (
    <details className="govuk-details govuk-!-margin-bottom-0">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Confirm it was discussed<span className="govuk-visually-hidden"> by {dissemination.agency.name}</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        <SimpleForm<ConfirmValues> fields={['discussed_on', 'note']} defaultValues={{ discussed_on: todayParts(), note: '' }} button="Confirm" onSubmit={confirm.mutateAsync}>
          {({ control, register }, error) => (
            <>
              <DateField control={control} name="discussed_on" legend="Date of the team meeting" what="the date of the team meeting" notFuture error={error('discussed_on')} />
              <Textarea id="note" label="Which team discussed it, and what it decided (optional)" rows={3} error={error('note')} {...register('note')} />
            </>
          )}
        </SimpleForm>
      </div>
    </details>
  );
}

interface SendValues {
  item: 'learning_briefing' | 'response_document';
  agency_ids: string[];
  teams: string;
  sent_on: DateParts;
}

function RecordSending({ source, id }: { source: Source; id: string }) {
  const { data: agencies } = useAgencies();
  const record = useDisseminationChange(async (v: SendValues) =>
    unwrap(
      await api.POST('/api/v1/learning/disseminations', {
        body: {
          item: v.item,
          [source === 'review' ? 'review_id' : 'rapid_review_id']: id,
          agency_ids: v.agency_ids || [],
          teams: v.teams,
          sent_on: isoFromParts(v.sent_on)!,
        },
      }),
    ),
  );
  if (!agencies) return null;
  const items = source === 'rapid_review' ? (['learning_briefing', 'response_document'] as const) : (['response_document'] as const);
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Record that it was sent to agencies</span>
      </summary>
      <div className="govuk-details__text">
        <SimpleForm<SendValues>
          fields={['item', 'agency_ids', 'teams', 'sent_on']}
          defaultValues={{ item: items[0], agency_ids: [], teams: '', sent_on: todayParts() }}
          button="Record it"
          onSubmit={record.mutateAsync}
          onDone={(form) => form.reset({ ...form.getValues(), agency_ids: [], teams: '' })}
        >
          {({ control, register }, error) => (
            <>
              <Radios id="item" legend="What was sent?" legendSize="s" error={error('item')} items={items.map((item) => ({ value: item, label: ITEMS[item] }))} registration={register('item', { required: 'Choose what was sent' })} />
              <Checkboxes
                id="agency_ids"
                legend="Sent to"
                legendSize="s"
                error={error('agency_ids')}
                items={agencies.map((a) => ({ value: a.id, label: a.name }))}
                registration={register('agency_ids', { validate: (v) => (v && v.length > 0) || 'Choose at least one agency' })}
              />
              <Input id="teams" label="Which teams (optional)" hint="For example, locality social work teams; MASH" error={error('teams')} {...register('teams')} />
              <DateField control={control} name="sent_on" legend="When was it sent?" what="the date it was sent" notFuture error={error('sent_on')} />
            </>
          )}
        </SimpleForm>
      </div>
    </details>
  );
}
