import type { Review } from '../../api/types';
import { Tag, TaskList } from '../../components/govuk';
import { REVIEW_STAGES } from '../labels';

type ReviewTask = Review['tasks'][number];

const STATUS: Record<ReviewTask['status'], { label: string; colour?: 'blue' | 'light-blue' | 'grey' }> = {
  completed: { label: 'Completed' },
  in_progress: { label: 'In progress', colour: 'light-blue' },
  not_started: { label: 'Not yet started', colour: 'blue' },
  cannot_start_yet: { label: 'Cannot start yet', colour: 'grey' },
};

/** What is done and outstanding at each of the review's stages, from the API's `tasks`, one task list per stage. */
export function ReviewTaskList({ review }: { review: Review }) {
  if (review.tasks.length === 0) return null;
  const stages = [...new Set(review.tasks.map((t) => t.stage))];
  return (
    <section aria-labelledby="tasks-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="tasks-heading">
        What is done and what is outstanding
      </h2>
      {stages.map((stage) => (
        <div key={stage}>
          <h3 className="govuk-heading-s">
            {REVIEW_STAGES[stage].label}
            {stage === review.stage && <span className="govuk-visually-hidden"> (the stage the review is at)</span>}
          </h3>
          <TaskList
            tasks={review.tasks
              .filter((t) => t.stage === stage)
              .map((t) => ({
                title: t.label,
                href: `/reviews/${review.id}/${t.section}`,
                hint: t.hint ?? undefined,
                status: t.status === 'completed' ? STATUS.completed.label : <Tag colour={STATUS[t.status].colour}>{STATUS[t.status].label}</Tag>,
              }))}
          />
        </div>
      ))}
    </section>
  );
}
