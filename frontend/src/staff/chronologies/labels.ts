import type { TagColour } from '../../components/govuk';
import type { AnalysisReportState, SubmissionState } from './types';

export const SUBMISSION_STATES: Record<SubmissionState, { label: string; colour: TagColour }> = {
  requested: { label: 'Not started', colour: 'blue' },
  draft: { label: 'In progress', colour: 'light-blue' },
  submitted: { label: 'Submitted', colour: 'green' },
  returned: { label: 'Returned for more work', colour: 'red' },
};

export const REPORT_STATES: Record<AnalysisReportState, { label: string; colour: TagColour }> = {
  requested: { label: 'Not started', colour: 'blue' },
  draft: { label: 'In progress', colour: 'light-blue' },
  awaiting_sign_off: { label: 'Waiting for sign-off', colour: 'yellow' },
  submitted: { label: 'Submitted', colour: 'green' },
  returned: { label: 'Returned for more work', colour: 'red' },
};

/** "23:40:00" → "11:40pm"; none → "Time not known". */
export function timeText(time: string | null | undefined, formatTime: (hhmm: string) => string): string {
  return time ? formatTime(time.slice(0, 5)) : 'Time not known';
}
