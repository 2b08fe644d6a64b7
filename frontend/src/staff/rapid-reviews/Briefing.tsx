import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, unwrap } from '../../api/problem';
import { editing, versioned, ifMatchParam } from '../../api/versioned';
import type { LearningBriefing, RapidReview } from '../../api/types';
import { Input, Textarea } from '../../components/govuk';
import { api } from '../api';
import { rapidKey } from './rapidApi';
import { SimpleForm } from './SimpleForm';

const STEPS = [
  ['case_in_brief', 'The case in brief'],
  ['what_happened', 'What happened'],
  ['what_we_learned', 'What we learned'],
  ['good_practice', 'Good practice'],
  ['what_to_do_differently', 'What to do differently'],
  ['questions_for_your_team', 'Questions for your team'],
] as const;
type Values = Omit<LearningBriefing, 'rapid_review_id' | 'child_reference' | 'updated_at'>;
const FIELDS = ['title', ...STEPS.map(([name]) => name)] as const;

/** The "6 step" learning briefing: edited by the business office, downloaded by anyone who can see it. */
export function Briefing({ review }: { review: RapidReview }) {
  const client = useQueryClient();
  const key = [...rapidKey(review.id), 'briefing'];
  const { data } = useQuery({
    queryKey: key,
    queryFn: async () => versioned(await api.GET('/api/v1/rapid-reviews/{rapid_review_id}/learning-briefing', { params: { path: { rapid_review_id: review.id } } })),
  });
  const [saved, setSaved] = useState(false);
  const canEdit = review.allowed_actions.includes('edit_briefing');
  async function save(values: Values) {
    setSaved(false);
    // Only the briefing's own boxes: the form starts from the whole briefing as read, and the API refuses its other fields.
    const body = Object.fromEntries(FIELDS.map((name) => [name, values[name]])) as Values;
    // Saved over the version read only: a colleague's save in the meantime is a 412, explained in the form.
    const result = await editing('learning briefing', async () =>
      versioned(await api.PUT('/api/v1/rapid-reviews/{rapid_review_id}/learning-briefing', { params: { path: { rapid_review_id: review.id }, header: ifMatchParam(data?.etag ?? null) }, body })),
    );
    client.setQueryData(key, result);
    setSaved(true);
  }
  if (!data) return null;
  const briefing = data.record;
  return (
    <section aria-labelledby="briefing-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="briefing-heading">
        Learning briefing
      </h2>
      <Downloads id={review.id} />
      {saved && (
        <div className="govuk-inset-text" role="status">
          The briefing has been saved.
        </div>
      )}
      {canEdit ? (
        <SimpleForm<Values> key={data.etag ?? briefing.updated_at ?? 'new'} fields={FIELDS} defaultValues={briefing} button="Save briefing" onSubmit={save}>
          {({ register }, error) => (
            <>
              <Input id="title" label="Title" error={error('title')} {...register('title', { required: 'Enter a title' })} />
              {STEPS.map(([name, label]) => (
                <Textarea key={name} id={name} label={label} rows={4} error={error(name)} {...register(name)} />
              ))}
            </>
          )}
        </SimpleForm>
      ) : (
        STEPS.map(([name, label]) => (
          <div key={name}>
            <h3 className="govuk-heading-s">{label}</h3>
            <p className="govuk-body app-pre-line">{briefing[name] || 'Not written yet.'}</p>
          </div>
        ))
      )}
    </section>
  );
}

/** The downloads need the staff token, so they are fetched and handed to the browser as a file. */
function Downloads({ id }: { id: string }) {
  const [error, setError] = useState<string>();
  async function download(kind: 'md' | 'docx') {
    setError(undefined);
    try {
      const params = { params: { path: { rapid_review_id: id } }, parseAs: 'blob' as const };
      const result =
        kind === 'md'
          ? await api.GET('/api/v1/rapid-reviews/{rapid_review_id}/learning-briefing.md', params)
          : await api.GET('/api/v1/rapid-reviews/{rapid_review_id}/learning-briefing.docx', params);
      const blob = unwrap(result) as unknown as Blob;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `learning-briefing.${kind}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <>
      {error && <p className="govuk-error-message">{error}</p>}
      <ul className="govuk-list">
        <li>
          <button type="button" className="app-link-button" onClick={() => void download('md')}>
            Download the briefing as Markdown (.md)
          </button>
        </li>
        <li>
          <button type="button" className="app-link-button" onClick={() => void download('docx')}>
            Download the briefing as a Word document (.docx)
          </button>
        </li>
      </ul>
    </>
  );
}
