import type { ReactNode } from 'react';
import { unwrap } from '../../api/problem';
import type { Me, RapidReview } from '../../api/types';
import { api } from '../api';
import { DueText } from '../common/StatusTags';
import { Timeline } from '../common/Timeline';
import { Briefing } from './Briefing';
import { Comments } from './Comments';
import { DecisionPanels } from './DecisionPanels';
import { ImmediateActions } from './ImmediateActions';
import { Meeting } from './MeetingForm';
import { NationalPanel } from './NationalPanel';
import { rapidKey } from './rapidApi';
import { RequestsPanel } from './RequestsPanel';

/** A step the caller may take (a name from the rapid review's `allowed_actions`), as the overview lists it. */
interface Step {
  label: string;
  /** The step moves the rapid review on, or is asked of the caller now, rather than one they may take at any time. */
  next?: boolean | ((review: RapidReview) => boolean);
  /** A line under the step: when it is due, what it needs. */
  hint?: (review: RapidReview) => ReactNode;
  /** The id of the folded form (`Details`) the step is taken in: the overview's link opens it. */
  opens?: string;
}

export interface RapidReviewSection {
  /** The path under `/rapid-reviews/:id/` (`''` is the overview). */
  section: string;
  label: string;
  /** Shown only to callers holding this permission (what the section reads needs it). */
  permission?: string;
  /** The steps taken in this section: the overview links each one the API offers the caller to here. */
  steps?: Record<string, Step>;
  /** Ids the one-page workspace had for this part, so an old link (`/rapid-reviews/rr-1#meeting-heading`) lands here. */
  anchors?: string[];
  /** What the section shows. None: the section is a page of its own, routed with its own code (`learning`). */
  content?: (review: RapidReview) => ReactNode;
}

/**
 * The rapid review's sections, in the order of the process (seed 003, Appendix 2a): each is `/rapid-reviews/:id/<section>`
 * with a link in the sub-navigation, and a section with `content` is routed by routes.tsx. A new section is one entry.
 */
export const RAPID_REVIEW_SECTIONS: RapidReviewSection[] = [
  { section: '', label: 'Overview' },
  {
    section: 'information-requests',
    label: 'Information from agencies',
    steps: { send_information_requests: { label: 'Ask agencies for information' } },
    anchors: ['requests-heading'],
    content: (review) => <RequestsPanel review={review} />,
  },
  {
    section: 'meeting',
    label: 'Meeting',
    steps: { record_meeting: { label: 'Record the rapid review meeting', next: true }, correct_meeting: { label: 'Correct the meeting record', opens: 'correct-meeting' } },
    anchors: ['meeting-heading'],
    content: (review) => <Meeting review={review} />,
  },
  {
    section: 'immediate-actions',
    label: 'Immediate actions',
    steps: { add_immediate_action: { label: 'Add an immediate action' } },
    anchors: ['actions-heading', 'actions'],
    content: (review) => <ImmediateActions review={review} />,
  },
  {
    section: 'decision',
    label: 'Recommendation and decision',
    steps: {
      make_recommendation: { label: 'Record the meeting’s recommendation', next: true },
      record_partner_position: { label: 'Record your partner’s position on holding a local Child Safeguarding Practice Review', next: true },
    },
    anchors: ['decision-heading', 'recommendation'],
    content: (review) => <DecisionPanels review={review} />,
  },
  {
    section: 'national-panel',
    label: 'National Panel',
    steps: {
      send_to_panel: { label: 'Record the report sent to the National Panel', next: true, hint: (review) => review.due && <DueText due={review.due} /> },
      record_panel_response: { label: 'Record the National Panel’s response', next: true },
    },
    anchors: ['panel-heading', 'panel'],
    content: (review) => <NationalPanel review={review} />,
  },
  {
    section: 'comments',
    label: 'Scrutineer’s comments',
    steps: { comment: {
        label: 'Comment on the rapid review',
        // Wanted before the safeguarding partners decide (the scrutineer's dashboard deadline); welcome at any time.
        next: (review) => review.state === 'recommendation_made',
        hint: (review) => (review.state === 'recommendation_made' ? 'Before the safeguarding partners decide' : undefined),
      } },
    anchors: ['comments-heading'],
    content: (review) => <Comments review={review} />,
  },
  {
    section: 'briefing',
    label: 'Learning briefing',
    steps: { edit_briefing: { label: 'Write the learning briefing' } },
    anchors: ['briefing-heading'],
    content: (review) => <Briefing review={review} />,
  },
  // The report for the National Panel has its own page (RapidReviewReport.tsx), for those who may read it.
  { section: 'report', label: 'Report for the National Panel', permission: 'rapid_reviews:report' },
  // The learning tracker's page for the rapid review (learning/routes.tsx).
  { section: 'learning', label: 'Learning and actions', permission: 'recommendations:read' },
  {
    section: 'timeline',
    label: 'Timeline',
    anchors: ['timeline-heading'],
    content: (review) => (
      <Timeline
        queryKey={rapidKey(review.id)}
        load={async () => unwrap(await api.GET('/api/v1/rapid-reviews/{rapid_review_id}/timeline', { params: { path: { rapid_review_id: review.id } } }))}
      />
    ),
  },
];

/** The sections `me` may open (all of them while who they are is still loading, less those needing a permission). */
export function sectionsFor(me: Me | undefined): RapidReviewSection[] {
  return RAPID_REVIEW_SECTIONS.filter((s) => !s.permission || Boolean(me?.permissions.includes(s.permission)));
}

/** The section an old link's `#anchor` pointed into, if any: a section's own name or one of its headings' ids. */
export function sectionForAnchor(anchor: string): RapidReviewSection | undefined {
  if (!anchor) return undefined;
  return RAPID_REVIEW_SECTIONS.find((s) => s.section && (s.section === anchor || s.anchors?.includes(anchor)));
}

export const sectionPath = (id: string, section: string) => (section ? `/rapid-reviews/${id}/${section}` : `/rapid-reviews/${id}`);
