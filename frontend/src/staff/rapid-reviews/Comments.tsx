import { unwrap } from '../../api/problem';
import type { RapidReview } from '../../api/types';
import { Textarea } from '../../components/govuk';
import { api } from '../api';
import { useRapidMutation } from './rapidApi';
import { SimpleForm } from './SimpleForm';

/** The independent scrutineer's comments on the rapid review and its decision. */
export function Comments({ review }: { review: RapidReview }) {
  const add = useRapidMutation(review.id, async (v: { body: string }) =>
    unwrap(await api.POST('/api/v1/rapid-reviews/{rapid_review_id}/comments', { params: { path: { rapid_review_id: review.id } }, body: v })),
  );
  return (
    <section aria-labelledby="comments-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="comments-heading">
        Scrutineer’s comments
      </h2>
      {review.comments.length === 0 && <p className="govuk-body">No comments yet.</p>}
      {review.comments.map((c) => (
        <div className="govuk-inset-text" key={c.id}>
          <p className="govuk-body app-pre-line">{c.body}</p>
          <p className="govuk-body-s app-secondary-text">
            {c.author_name}, <time dateTime={c.created_at}>{new Date(c.created_at).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' })}</time>
          </p>
        </div>
      ))}
      {review.allowed_actions.includes('comment') && (
        <SimpleForm fields={['body'] as const} defaultValues={{ body: '' }} button="Add comment" onSubmit={add.mutateAsync} onDone={(f) => f.reset()}>
          {({ register }, error) => <Textarea id="body" label="Your comment" error={error('body')} {...register('body', { required: 'Enter your comment' })} />}
        </SimpleForm>
      )}
    </section>
  );
}
