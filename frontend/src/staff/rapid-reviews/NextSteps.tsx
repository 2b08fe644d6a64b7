import type { ReactNode } from 'react';
import type { RapidReview } from '../../api/types';
import { Tag, TaskList, type Task } from '../../components/govuk';
import { formatDate } from '../../lib/format';
import { DueText, StateTag } from '../common/StatusTags';
import { REQUEST_STATES } from '../labels';
import { useMe } from '../useMe';
import { useRapidRequests } from './rapidApi';
import { RAPID_REVIEW_SECTIONS, sectionPath } from './sections';

interface Next extends Task {
  next: boolean;
}

const TO_DO = <Tag colour="blue">To do</Tag>;

/**
 * What the caller may do now, from the API's `allowed_actions` (the rapid review's, its immediate actions' and its
 * information requests'), each linking to the section where it is done: what moves the rapid review on first, then
 * what may be done at any time. Nothing is derived from the caller's role.
 */
export function NextSteps({ review }: { review: RapidReview }) {
  const { data: requests } = useRapidRequests(review.id);
  const { data: me } = useMe();
  const tasks: Next[] = [];
  // The request addressed to the caller's agency, while it is theirs to answer.
  for (const request of requests?.items ?? []) {
    if (!request.allowed_actions.includes('submit')) continue;
    tasks.push({
      title: `Send ${request.agency.name}’s information`,
      href: `/information-requests/${request.id}`,
      hint: <DueText due={request.due} />,
      status: <StateTag state={REQUEST_STATES[request.state]} />,
      next: true,
    });
  }
  review.immediate_actions.forEach((action, i) => {
    if (!action.allowed_actions.includes('complete')) return;
    // The owning agency's to do; the business office may complete it for them.
    const owned = me?.agency?.id === action.agency.id;
    tasks.push({
      title: `Complete immediate action ${i + 1}: ${action.agency.name}`,
      href: sectionPath(review.id, 'immediate-actions'),
      hint: `${action.description.split('\n')[0]} (due ${formatDate(action.due_date, false)})`,
      status: action.due?.overdue ? <Tag colour="red">Overdue</Tag> : owned ? TO_DO : 'Optional',
      next: owned,
    });
  });
  for (const { section, steps } of RAPID_REVIEW_SECTIONS) {
    for (const [name, step] of Object.entries(steps ?? {})) {
      if (!review.allowed_actions.includes(name)) continue;
      const next = typeof step.next === 'function' ? step.next(review) : Boolean(step.next);
      const hint: ReactNode = step.hint?.(review);
      const href = sectionPath(review.id, section) + (step.opens ? `#${step.opens}` : '');
      tasks.push({ title: step.label, href, hint: hint || undefined, status: next ? TO_DO : 'Optional', next });
    }
  }
  tasks.sort((a, b) => Number(b.next) - Number(a.next));
  return (
    <section aria-labelledby="next-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="next-heading">
        What you can do
      </h2>
      {tasks.length === 0 ? <p className="govuk-body">There is nothing for you to do on this rapid review now. Its sections show what has been recorded.</p> : <TaskList tasks={tasks} />}
    </section>
  );
}
