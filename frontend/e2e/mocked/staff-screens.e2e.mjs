// The stage 1 staff screens against a faked API: axe at desktop and at 320px, and keyboard-only use.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { routeApi } from '../fixtures/api.mjs';
import { json, NOTIFICATION, PEOPLE, rapidReview, REVIEW, staffApi, TODAY } from '../fixtures/staff.mjs';

const NARROW = { viewport: { width: 320, height: 640 } };

/** Starts the page signed in: the app swaps the stored refresh token for an access token. */
async function signedIn(page, table) {
  await page.addInitScript(() => sessionStorage.setItem('safeguarding-reviews.refresh-token', 'refresh-0'));
  return routeApi(page, table);
}

async function assertNoSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${label}: page is ${scroll}px wide in a ${width}px viewport`);
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `limit` presses. */
async function tabTo(page, matches, limit = 150) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const label = el?.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : undefined;
      return { tag: el?.tagName, text: el?.textContent?.trim() ?? '', label: label?.trim() ?? '', id: el?.id ?? '' };
    });
    if (matches(focused)) return focused;
  }
  throw new Error('never reached the control by pressing Tab');
}

/** Each page checked with axe as it first shows (once `ready`, its last heading, shows), and again with its form's errors. */
async function checkPage(page, { path, heading, ready = 'Timeline', label, errorsButton }) {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.getByRole('heading', { level: 2, name: ready }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, label);
  await assertNoSidewaysScroll(page, label);
  if (errorsButton) {
    await errorsButton(page);
    await page.getByRole('heading', { name: 'There is a problem' }).first().waitFor();
    await expectNoAxeViolations(page, `${label} with errors`);
    await assertNoSidewaysScroll(page, `${label} with errors`);
  }
}

// The rapid review's overview and each of its sections (rapid-reviews/sections.tsx), by the heading each ends with.
const RAPID_REVIEW = [
  ['', 'What you can do'],
  ['information-requests', 'Information requests'],
  ['meeting', 'Rapid review meeting'],
  ['immediate-actions', 'Immediate actions'],
  ['decision', 'Recommendation and decision'],
  ['national-panel', 'National Panel'],
  ['comments', 'Scrutineer’s comments'],
  ['briefing', 'Learning briefing'],
  ['timeline', 'Timeline'],
].map(([section, ready]) => ({
  path: section ? `/rapid-reviews/rr-1/${section}` : '/rapid-reviews/rr-1',
  heading: 'Child BM',
  ready,
  label: `rapid review: ${section || 'overview'}`,
  ...(section === 'immediate-actions' && {
    async errorsButton(page) {
      await page.getByRole('button', { name: 'Add action' }).click();
    },
  }),
}));

const PAGES = [
  ...RAPID_REVIEW,
  { path: '/', heading: 'Dashboard', label: 'business office dashboard', noTimeline: true },
  { path: '/incident-notifications', heading: 'Serious incident notifications', label: 'notifications list', noTimeline: true },
  { path: '/rapid-reviews', heading: 'Rapid reviews', label: 'rapid reviews list', noTimeline: true },
  { path: '/reviews', heading: 'Reviews', label: 'reviews list', noTimeline: true },
  {
    path: '/reviews/rv-1',
    heading: 'Child BM',
    label: 'review page',
  },
  {
    path: '/incident-notifications/n-1',
    heading: 'Child BM',
    label: 'incident notification',
    async errorsButton(page) {
      const group = page.getByRole('group', { name: 'When was the National Panel notified?' });
      await group.getByLabel('Day').fill('31');
      await group.getByLabel('Month').fill('2');
      await page.getByRole('button', { name: 'Record Panel notified' }).click();
    },
  },
];

async function checkAll(page) {
  await signedIn(page, staffApi(PEOPLE.office));
  for (const p of PAGES) {
    if (p.noTimeline) {
      await page.goto(p.path);
      await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
      await page.getByRole('table').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page, p.label);
      await assertNoSidewaysScroll(page, p.label);
    } else {
      await checkPage(page, p);
    }
  }
}

export default [
  {
    name: 'the new notification form, its revealed follow-up questions and its errors pass axe and fit at 320px',
    context: NARROW,
    async run({ page }) {
      await signedIn(page, staffApi(PEOPLE.office));
      await page.goto('/incident-notifications/new');
      await page.getByRole('heading', { level: 1, name: 'Record a serious incident notification' }).waitFor();
      await page.getByLabel('Currently looked after').check();
      await page.getByRole('group', { name: 'Placement type' }).getByLabel('Other').check();
      await page.getByRole('group', { name: 'Does the child have a disability?' }).getByLabel('Yes').check();
      await page.getByRole('button', { name: 'Add another child' }).click();
      await page.getByRole('button', { name: 'Record notification' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByRole('link', { name: 'Select the sex of child 2' }).waitFor();
      await expectNoAxeViolations(page, 'new notification form');
      await assertNoSidewaysScroll(page, 'new notification form');
    },
  },
  {
    name: 'the stage 1 lists, each section of a rapid review, review and notification pages pass axe on a desktop',
    context: { viewport: { width: 1280, height: 900 } },
    run: ({ page }) => checkAll(page),
  },
  {
    name: 'the stage 1 lists, each section of a rapid review, review and notification pages pass axe and fit at 320px',
    context: NARROW,
    run: ({ page }) => checkAll(page),
  },
  {
    name: 'the Panel submission date is recorded from the keyboard alone',
    context: NARROW,
    async run({ page }) {
      const api = await signedIn(page, {
        ...staffApi(PEOPLE.office),
        'POST /api/v1/rapid-reviews/rr-1/panel-submission': () => json(rapidReview({ state: 'sent_to_panel', sent_to_panel_on: TODAY, allowed_actions: [] })),
      });
      await page.goto('/rapid-reviews/rr-1/national-panel');
      await page.getByRole('heading', { name: 'National Panel', level: 2 }).waitFor();
      await page.waitForLoadState('networkidle');
      // The date boxes start at today; Tab through to the button and press Enter.
      await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Record report sent');
      await page.keyboard.press('Enter');
      await page.waitForResponse((r) => r.url().endsWith('/panel-submission'));
      const posted = api.find((r) => r.key === 'POST /api/v1/rapid-reviews/rr-1/panel-submission');
      assert.deepEqual(JSON.parse(posted.body), { sent_on: TODAY });
    },
  },
  {
    name: 'an agency completes its immediate action with the space bar',
    async run({ page }) {
      const api = await signedIn(page, {
        ...staffApi(PEOPLE.policeLead),
        'POST /api/v1/rapid-reviews/rr-1/immediate-actions/a-2/complete': () => json({}),
      });
      // From the overview, the police's step leads to the immediate actions section, by the keyboard alone.
      await page.goto('/rapid-reviews/rr-1');
      await page.getByRole('heading', { name: 'What you can do' }).waitFor();
      await page.waitForLoadState('networkidle');
      await tabTo(page, (f) => f.tag === 'A' && f.text === 'Complete immediate action 2: Harbourside Police');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Immediate actions', level: 2 }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/rapid-reviews/rr-1/immediate-actions');
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('button', { name: /Mark as complete/ }).count(), 1, 'only the police action can be completed by the police');
      const focused = await tabTo(page, (f) => f.tag === 'BUTTON' && f.text.startsWith('Mark as complete'));
      assert.equal(focused.text, 'Mark as complete: action 2, Harbourside Police');
      await page.keyboard.press('Space');
      await page.waitForResponse((r) => r.url().endsWith('/complete'));
      const posted = api.find((r) => r.key === 'POST /api/v1/rapid-reviews/rr-1/immediate-actions/a-2/complete');
      assert.deepEqual(JSON.parse(posted.body), { completed_on: TODAY });
      await expectNoAxeViolations(page, 'rapid review as an agency lead');
    },
  },
  {
    name: 'a review’s lead reviewer is commissioned from the keyboard, sending If-Match',
    async run({ page }) {
      const api = await signedIn(page, {
        ...staffApi(PEOPLE.office),
        'PATCH /api/v1/reviews/rv-1': () => json({ ...REVIEW, lead_reviewer: { id: 'u-ruth', name: 'Ruth Kaplan' } }, 200, { ETag: '"2"' }),
      });
      const ifMatch = [];
      page.on('request', (r) => r.method() === 'PATCH' && ifMatch.push(r.headers()['if-match']));
      await page.goto('/reviews/rv-1/commissioning');
      await page.getByRole('heading', { name: 'Lead reviewer and agencies' }).waitFor();
      await page.waitForLoadState('networkidle');
      await tabTo(page, (f) => f.tag === 'SELECT' && f.label === 'Lead reviewer');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Save changes');
      await page.keyboard.press('Enter');
      await page.getByText('The review has been updated.').waitFor();
      const patched = api.find((r) => r.key === 'PATCH /api/v1/reviews/rv-1');
      assert.equal(JSON.parse(patched.body).lead_reviewer_id, 'u-ruth');
      assert.deepEqual(ifMatch, ['"1"']);
      await expectNoAxeViolations(page, 'review page after saving');
    },
  },
  {
    name: 'the notification correction opens and saves from the keyboard',
    async run({ page }) {
      const api = await signedIn(page, {
        ...staffApi(PEOPLE.office),
        'PATCH /api/v1/incident-notifications/n-1': (request) => json({ ...NOTIFICATION, ...JSON.parse(request.postData()) }, 200, { ETag: '"2"' }),
      });
      await page.goto('/incident-notifications/n-1');
      await page.getByRole('heading', { level: 1, name: 'Child BM' }).waitFor();
      await page.waitForLoadState('networkidle');
      await tabTo(page, (f) => f.tag === 'SUMMARY' && f.text === 'Correct this notification');
      await page.keyboard.press('Enter');
      await tabTo(page, (f) => f.tag === 'TEXTAREA' && f.label === 'Summary of the incident');
      await page.keyboard.press('End');
      await page.keyboard.type(' Skull fracture.');
      await expectNoAxeViolations(page, 'notification correction open');
      await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Save corrections');
      await page.keyboard.press('Enter');
      await page.getByText('The notification has been corrected.').waitFor();
      const patched = JSON.parse(api.find((r) => r.key === 'PATCH /api/v1/incident-notifications/n-1').body);
      assert.equal(patched.summary, `${NOTIFICATION.summary} Skull fracture.`);
    },
  },
];
