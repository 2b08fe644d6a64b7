/**
 * The review's sections: each is `/reviews/:id/<section>`, the same name a task's `section` carries. The overview
 * (the review page itself, with its task list) comes first; each stage 2 area adds its own here.
 */
export const REVIEW_SECTIONS: { section: string; label: string }[] = [
  { section: '', label: 'Overview' },
  { section: 'commissioning', label: 'Commissioning' },
  { section: 'timescales', label: 'Timescales' },
  { section: 'review-group', label: 'Review group' },
  { section: 'terms-of-reference', label: 'Terms of reference' },
  { section: 'chronologies', label: 'Chronologies' },
  { section: 'analysis-reports', label: 'Key event analysis' },
  { section: 'practitioners', label: 'Practitioners' },
  { section: 'family', label: 'Family' },
  { section: 'parallel-processes', label: 'Parallel processes' },
  { section: 'overview-report', label: 'Overview report' },
  { section: 'sign-off', label: 'Sign-off' },
  { section: 'publication', label: 'Publication' },
  { section: 'learning', label: 'Learning and actions' },
];
