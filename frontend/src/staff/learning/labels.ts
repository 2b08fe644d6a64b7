import type { TagColour } from '../../components/govuk';
import type { ActionStatus, LearningKind } from './learningApi';

export const ACTION_STATUSES: Record<ActionStatus, { label: string; colour: TagColour }> = {
  not_started: { label: 'Not started', colour: 'grey' },
  in_progress: { label: 'In progress', colour: 'blue' },
  completion_requested: { label: 'Closure requested', colour: 'purple' },
  complete: { label: 'Complete', colour: 'green' },
  cancelled: { label: 'Cancelled', colour: 'orange' },
};

export const LEARNING_KINDS: Record<LearningKind, { one: string; many: string }> = {
  learning_point: { one: 'Learning point', many: 'Learning points' },
  recommendation: { one: 'Recommendation', many: 'Recommendations' },
  question: { one: 'Question for the partnership', many: 'Questions for the partnership' },
  single_agency_recommendation: { one: 'Single-agency recommendation', many: 'Single-agency recommendations' },
};

export const SORTS = [
  { value: 'due_date', label: 'Due date, soonest first' },
  { value: '-due_date', label: 'Due date, latest first' },
  { value: 'status', label: 'Status' },
  { value: 'agency', label: 'Agency' },
  { value: '-updated_at', label: 'Recently changed' },
];
