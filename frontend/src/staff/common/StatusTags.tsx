import type { DueDate } from '../../api/types';
import { Tag, type TagColour } from '../../components/govuk';
import { formatDate } from '../../lib/format';

export function StateTag({ state }: { state: { label: string; colour: TagColour } }) {
  return <Tag colour={state.colour}>{state.label}</Tag>;
}

/** "Due 12 March 2025" or "Overdue: was due 12 March 2025"; nothing once met or waived. */
export function DueText({ due }: { due: DueDate | null | undefined }) {
  if (!due) return <>No deadline</>;
  if (due.status !== 'open') return <>Met ({formatDate(due.due_date, false)})</>;
  if (due.overdue) return <Tag colour="red">Overdue: was due {formatDate(due.due_date, false)}</Tag>;
  return <>Due {formatDate(due.due_date, false)}</>;
}
