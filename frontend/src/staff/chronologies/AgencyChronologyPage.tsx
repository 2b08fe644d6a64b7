import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage, unwrap } from '../../api/problem';
import { currentEtag, editing, ifMatch, versioned, ifMatchParam } from '../../api/versioned';
import { BackLink, Button, ErrorSummary, NotificationBanner, SummaryList, Table } from '../../components/govuk';
import { LoadProblem } from '../../components/layout/LoadProblem';
import { Loading } from '../../components/layout/Loading';
import { formatDate, formatDateTime, formatTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { ReasonsForm } from '../common/ReasonsForm';
import { DueText, StateTag } from '../common/StatusTags';
import { Timeline } from '../common/Timeline';
import { chronologyKey, useChronology, useRefreshChronology } from './chronologyApi';
import { EntryForm } from './EntryForm';
import { SUBMISSION_STATES, timeText } from './labels';
import type { ChronologyEntry, ChronologyEntryCreate } from './types';
import { UploadForm } from './UploadForm';
import './chronologies.css';

/** One agency's chronology: its working copy for the agency to write (or upload), or what it submitted. */
export function AgencyChronologyPage() {
  const { reviewId = '', chronologyId = '' } = useParams();
  const { data, error, isPending } = useChronology(chronologyId);
  const client = useQueryClient();
  const refresh = useRefreshChronology(chronologyId, reviewId);
  const [banner, setBanner] = useState<string>();
  const [editingId, setEditingId] = useState<string>();
  const [submitError, setSubmitError] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const path = { chronology_id: chronologyId };
  const after = (message: string) => () => {
    setBanner(message);
    refresh();
  };
  const add = useMutation({
    mutationFn: async (body: ChronologyEntryCreate) => unwrap(await api.POST('/api/v1/chronologies/{chronology_id}/entries', { params: { path }, body })),
    onSuccess: after('The entry has been added to your draft.'),
  });
  const change = useMutation({
    mutationFn: async ({ entry, body }: { entry: ChronologyEntry; body: ChronologyEntryCreate }) =>
      editing('entry', async () =>
        unwrap(await api.PATCH('/api/v1/chronologies/{chronology_id}/entries/{entry_id}', { params: { path: { ...path, entry_id: entry.id }, header: ifMatchParam(`"${entry.version}"`) }, body })),
      ),
    onSuccess: () => {
      setEditingId(undefined);
      after('The entry has been changed.')();
    },
  });
  const remove = useMutation({
    mutationFn: async (entry: ChronologyEntry) =>
      editing('entry', async () =>
        unwrap(await api.DELETE('/api/v1/chronologies/{chronology_id}/entries/{entry_id}', { params: { path: { ...path, entry_id: entry.id }, header: ifMatchParam(`"${entry.version}"`) } })),
      ),
    onSuccess: after('The entry has been deleted.'),
  });
  const upload = useMutation({
    mutationFn: async ({ file, replace }: { file: File; replace: boolean }) =>
      unwrap(
        await api.POST('/api/v1/chronologies/{chronology_id}/entries/import', {
          params: { path },
          body: { file: file as unknown as string, replace },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append('file', body.file as unknown as File);
            form.append('replace', String(body.replace ?? false));
            return form;
          },
        }),
      ),
    onSuccess: refresh,
  });
  const submit = useMutation({
    mutationFn: async (etag: string | null) =>
      editing('chronology', async () => versioned(await api.POST('/api/v1/chronologies/{chronology_id}/submit', { params: { path }, headers: ifMatch(etag) }))),
    onSuccess: after('Your chronology has been submitted to the review.'),
  });
  const giveBack = useMutation({
    mutationFn: async (reasons: string) => unwrap(await api.POST('/api/v1/chronologies/{chronology_id}/return', { params: { path }, body: { reasons } })),
    onSuccess: after('The chronology has been returned to the agency for more work.'),
  });
  const revisions = useQuery({
    queryKey: [...chronologyKey(chronologyId), 'revisions'],
    queryFn: async () => unwrap(await api.GET('/api/v1/chronologies/{chronology_id}/revisions', { params: { path } })),
    enabled: (data?.record.revision ?? 0) > 0,
  });
  usePageTitle(data ? `Chronology: ${data.record.agency.name}` : 'Chronology');
  if (isPending) return <Loading what="the chronology" />;
  if (error) return <LoadProblem error={error} what="chronology" />;
  const chronology = data.record;
  const writing = chronology.allowed_actions.includes('save_draft');
  const drafts = chronology.draft_entries ?? [];
  const editingEntry = drafts.find((e) => e.id === editingId);

  async function send() {
    setAttempt((n) => n + 1);
    try {
      // An entry just added, changed or deleted gave the chronology a new version, which may still be being read.
      await submit.mutateAsync(await currentEtag(client, chronologyKey(chronologyId), data));
      setSubmitError([]);
    } catch (e) {
      const errors = e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [];
      setSubmitError(errors.length ? errors : [errorMessage(e)]);
    }
  }

  return (
    <>
      <BackLink to={`/reviews/${reviewId}/chronologies`}>All chronologies for this review</BackLink>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <span className="govuk-caption-l">Chronology: {chronology.child_reference}</span>
      <h1 className="govuk-heading-l">{chronology.agency.name}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <StateTag state={SUBMISSION_STATES[chronology.state]} /> },
          { key: 'Asked for', value: formatDate(chronology.requested_on, false) },
          { key: 'Due', value: <DueText due={chronology.due} /> },
          ...(chronology.note ? [{ key: 'What to cover', value: <span className="app-pre-line">{chronology.note}</span> }] : []),
          ...(chronology.submitted_at
            ? [{ key: chronology.resubmitted ? 'Resubmitted' : 'Submitted', value: `${formatDateTime(chronology.submitted_at)}${chronology.submitted_by_name ? ` by ${chronology.submitted_by_name}` : ''}` }]
            : []),
        ]}
      />
      {chronology.state === 'returned' && chronology.return_reasons && (
        <div className="govuk-inset-text">
          <strong>Returned for more work:</strong> <span className="app-pre-line">{chronology.return_reasons}</span>
        </div>
      )}
      {writing ? (
        <>
          <EntriesTable
            caption={`Your draft: ${drafts.length} ${drafts.length === 1 ? 'entry' : 'entries'}`}
            entries={drafts}
            onChange={(entry) => setEditingId(entry.id)}
            onDelete={(entry) => void remove.mutateAsync(entry).catch((e: unknown) => setBanner(errorMessage(e)))}
          />
          {editingEntry ? (
            <section aria-labelledby="change-heading">
              <h2 className="govuk-heading-m" id="change-heading">
                Change the entry of {formatDate(editingEntry.occurred_on, false)}
              </h2>
              <EntryForm key={editingEntry.id} entry={editingEntry} button="Save the entry" onSubmit={(body) => change.mutateAsync({ entry: editingEntry, body })} onCancel={() => setEditingId(undefined)} />
            </section>
          ) : (
            <section aria-labelledby="add-heading">
              <h2 className="govuk-heading-m" id="add-heading">
                Add an entry
              </h2>
              <EntryForm button="Add the entry" onSubmit={add.mutateAsync} />
            </section>
          )}
          <section aria-labelledby="upload-heading">
            <h2 className="govuk-heading-m" id="upload-heading">
              Or upload your chronology
            </h2>
            <UploadForm onUpload={async (file, replace) => (await upload.mutateAsync({ file, replace })).imported} />
          </section>
          {chronology.allowed_actions.includes('submit') && (
            <section aria-labelledby="submit-heading">
              <h2 className="govuk-heading-m" id="submit-heading">
                Submit your chronology
              </h2>
              <ErrorSummary errors={submitError.map((message) => ({ message }))} focusKey={attempt} />
              <p className="govuk-body">Once submitted, the lead reviewer and the business office read it in the integrated chronology. You cannot change it unless it is returned to you.</p>
              <Button onClick={() => void send()} disabled={submit.isPending}>
                Submit the chronology
              </Button>
            </section>
          )}
        </>
      ) : (
        <EntriesTable caption={chronology.revision ? `Submitted chronology: ${chronology.entries.length} entries` : 'Not submitted yet'} entries={chronology.entries} />
      )}
      {chronology.allowed_actions.includes('return') && (
        <section aria-labelledby="return-heading">
          <h2 className="govuk-heading-m" id="return-heading">
            Return the chronology for more work
          </h2>
          <ReasonsForm id="return-reasons" label="What more is needed?" button="Return the chronology" variant="warning" onSubmit={giveBack.mutateAsync} />
        </section>
      )}
      {(revisions.data ?? []).some((r) => r.returned_at) && (
        <section aria-labelledby="revisions-heading">
          <h2 className="govuk-heading-m" id="revisions-heading">
            Revision history
          </h2>
          <ol className="govuk-list govuk-list--number">
            {(revisions.data ?? []).map((r) => (
              <li key={r.number}>
                Submitted {formatDateTime(r.submitted_at)} by {r.submitted_by_name} ({r.entry_count} entries)
                {r.returned_at && (
                  <>
                    ; returned {formatDateTime(r.returned_at)}
                    {r.returned_by_name ? ` by ${r.returned_by_name}` : ''}: <span className="app-pre-line">{r.return_reasons}</span>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/reviews/${reviewId}/chronologies`}>
          All chronologies for this review
        </Link>
      </p>
      <Timeline queryKey={chronologyKey(chronologyId)} load={async () => unwrap(await api.GET('/api/v1/chronologies/{chronology_id}/timeline', { params: { path } }))} />
    </>
  );
}

interface TableProps {
  caption: string;
  entries: ChronologyEntry[];
  onChange?: (entry: ChronologyEntry) => void;
  onDelete?: (entry: ChronologyEntry) => void;
}

function EntriesTable({ caption, entries, onChange, onDelete }: TableProps) {
  if (!entries.length) return <p className="govuk-body">{caption === 'Not submitted yet' ? 'The agency has not submitted its chronology yet.' : 'There are no entries yet.'}</p>;
  const actions = Boolean(onChange && onDelete);
  return (
    <Table
      caption={caption}
      wide
      columns={[{ header: 'Date' }, { header: 'Time' }, { header: 'Source' }, { header: 'What happened' }, { header: 'Significance' }, ...(actions ? [{ header: 'Actions' }] : [])]}
      rows={entries.map((entry) => ({
        key: entry.id,
        cells: [
          formatDate(entry.occurred_on, false),
          timeText(entry.occurred_time, formatTime),
          entry.source,
          <span className="app-pre-line" key="what">{entry.what_happened}</span>,
          <span className="app-pre-line" key="significance">{entry.significance}</span>,
          ...(actions
            ? [
                <span className="app-entry-actions" key="actions">
                  <button type="button" className="app-link-button" onClick={() => onChange?.(entry)}>
                    Change<span className="govuk-visually-hidden"> the entry of {formatDate(entry.occurred_on, false)}</span>
                  </button>{' '}
                  <button type="button" className="app-link-button" onClick={() => onDelete?.(entry)}>
                    Delete<span className="govuk-visually-hidden"> the entry of {formatDate(entry.occurred_on, false)}</span>
                  </button>
                </span>,
              ]
            : []),
        ],
      }))}
    />
  );
}
