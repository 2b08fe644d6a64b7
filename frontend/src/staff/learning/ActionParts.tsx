import { Tag } from '../../components/govuk';
import { formatDate } from '../../lib/format';
import { ACTION_STATUSES, LEARNING_KINDS } from './labels';
import type { Action, ActionStatus } from './learningApi';

export function ActionStatusTag({ status }: { status: ActionStatus }) {
  const { label, colour } = ACTION_STATUSES[status];
  return <Tag colour={colour}>{label}</Tag>;
}

/** "Due 31 March 2027", or overdue in red: the registry's deadline, on the working-day calendar. */
export function ActionDue({ action }: { action: Action }) {
  const date = formatDate(action.due_date, false);
  if (action.status === 'complete') return <>Completed {action.completed_on ? formatDate(action.completed_on, false) : ''}</>;
  if (action.status === 'cancelled') return <>Cancelled</>;
  if (action.overdue) return <Tag colour="red">Overdue: was due {date}</Tag>;
  return <>Due {date}</>;
}

/** What the action answers, as people cite it: "Recommendation 3a" or "Immediate action". */
export function answersLabel(action: Action): string {
  const { answers } = action;
  if (!answers.label || !answers.kind) return 'Immediate action of the rapid review';
  return `${LEARNING_KINDS[answers.kind].one} ${answers.label}`;
}
