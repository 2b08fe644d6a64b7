// The learning tracker: an agency lead reports progress and evidence of impact on their action and asks for it to
// be closed; the business office approves the closure (needs the recommendations and actions APIs).
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { agencyId, apiAs, expectText, isoDate, signIn } from './helpers.mjs';

/** A recommendation of Child RM's published review and an action on it for Harbourside Police. */
async function policeAction(baseURL) {
  const office = await apiAs(baseURL, 'business.office');
  const { items: reviews } = await office('GET', '/api/v1/reviews?limit=200');
  const review = reviews.find((r) => r.child_reference === 'Child RM');
  assert.ok(review, 'the demo has Child RM’s published review');
  const { items: people } = await office('GET', `/api/v1/users?limit=200&agency_id=${await agencyId(office, 'Harbourside Police')}`);
  const owner = people.find((p) => p.email.startsWith('police.lead@'));
  const { items: themes } = await office('GET', '/api/v1/themes').then((list) => ({ items: list }));
  const recommendation = await office('POST', '/api/v1/recommendations', {
    kind: 'recommendation', number: 100 + (Date.now() % 800), review_id: review.id, addressed_to_partnership: true,
    text: 'Partners to make sure strategy discussion minutes reach every agency involved, GPs included.',
    theme_ids: [themes.find((t) => t.name === 'Strategy discussions').id],
    response: 'The police will send strategy minutes to GPs through the secure e-mail route.',
    agency_ids: [], repeats_ids: [], parts: [],
  });
  const action = await office('POST', '/api/v1/actions', {
    recommendation_id: recommendation.id, agency_id: await agencyId(office, 'Harbourside Police'), owner_id: owner.id,
    description: 'Send every strategy discussion’s minutes to the child’s GP within one working day.',
    intended_outcome: 'GPs know of every strategy discussion about their patients.', due_date: isoDate(30),
  });
  return { review, recommendation, action };
}

export default [
  {
    name: 'an agency lead reports evidence of impact and asks for closure; the business office approves it',
    async run({ page, context, baseURL }) {
      const { review, recommendation, action } = await policeAction(baseURL);

      await signIn(page, 'police.lead');
      await page.getByRole('link', { name: 'Actions', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Action tracker' }).waitFor();
      await page.getByLabel('Only actions I own').check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/owner_id=/);
      await expectNoAxeViolations(page, 'action tracker, agency lead');
      await page.getByRole('link', { name: action.description }).click();
      await page.getByRole('heading', { level: 1, name: 'Action for Harbourside Police' }).waitFor();
      await expectNoAxeViolations(page, 'action, not started');

      await page.locator('#update-progress').fill('Minutes template changed; the GP practice e-mail list loaded.');
      await page.getByRole('button', { name: 'Post the update' }).click();
      await expectText(page, 'Your update has been posted');

      await page.getByRole('button', { name: 'Ask for closure' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectNoAxeViolations(page, 'closure asked for without evidence');
      await page.locator('#completion-progress').fill('Minutes sent to GPs for every strategy discussion since the change.');
      await page.locator('#completion-evidence_of_impact').fill('All 18 strategy discussions last month reached the GP within a day, against 5 of 16 before.');
      await page.locator('#completion-impact_known_by').fill('Monthly audit of strategy discussion records by the public protection unit.');
      await page.getByRole('button', { name: 'Ask for closure' }).click();
      await expectText(page, 'You asked the business office to close this action');
      await page.getByText('Closure requested').first().waitFor();
      await expectNoAxeViolations(page, 'action awaiting closure, agency lead');

      const office = await context.newPage();
      await signIn(office, 'business.office');
      await office.goto('/actions?status=completion_requested');
      await office.getByRole('link', { name: action.description }).waitFor();
      await expectNoAxeViolations(office, 'action tracker, closure requested');
      await office.getByRole('link', { name: action.description }).click();
      await office.getByRole('heading', { name: 'Closure asked for' }).first().waitFor();
      await expectNoAxeViolations(office, 'action awaiting approval');
      await office.getByRole('button', { name: 'Approve the closure' }).click();
      await expectText(office, 'You approved the closure of this action');
      await office.getByText('Complete', { exact: true }).first().waitFor();
      await expectNoAxeViolations(office, 'action complete');

      await office.goto(`/recommendations/${recommendation.id}`);
      await office.getByRole('heading', { name: 'Actions' }).waitFor();
      await expectNoAxeViolations(office, 'recommendation page');
      await office.goto(`/reviews/${review.id}/learning`);
      await office.getByRole('heading', { level: 2, name: 'Recommendations', exact: true }).waitFor();
      await expectNoAxeViolations(office, 'review learning page');
      await office.goto('/themes');
      await office.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
      await expectNoAxeViolations(office, 'themes');
      await office.goto('/recommendations');
      await office.getByRole('heading', { level: 1, name: 'Learning and recommendations' }).waitFor();
      await expectNoAxeViolations(office, 'learning list');
    },
  },
];
