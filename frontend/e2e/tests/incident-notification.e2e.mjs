// The business office corrects what the National Panel was told about a child, after the notification is sent:
// only the Panel's answers are asked again, the rules of a new notification hold, and the page shows the correction.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { apiAs, isoDate, openRapidReview, signIn } from './helpers.mjs';

export default [
  {
    name: 'the business office corrects a child’s looked-after status and placement for the National Panel',
    async run({ page, baseURL }) {
      const { notification } = await openRapidReview(baseURL, ['Harbourside Police']);
      await signIn(page, 'business.office');
      await page.goto(`/incident-notifications/${notification.id}`);
      await page.getByRole('heading', { level: 1, name: notification.child_reference }).waitFor();

      await page.getByText('Correct the child’s answers for the National Panel').click();
      const form = page.locator('details', { hasText: 'Correct the child’s answers for the National Panel' });
      // Who the child is was recorded with the notification and is not asked again.
      assert.equal(await form.getByLabel('Full name').count(), 0);
      // The age is worked out from the date of birth (1 May 2019, in openRapidReview) on the day of the incident.
      const [y, m, d] = isoDate(-3).split('-').map(Number);
      const age = y - 2019 - (m < 5 || (m === 5 && d < 1) ? 1 : 0);
      await form.getByText(`Worked out from the date of birth: ${age}`).waitFor();
      await form.getByRole('group', { name: 'Looked-after status' }).getByLabel('Previously looked after').check();
      await form.getByRole('button', { name: 'Save the child’s answers' }).click();
      // A child who was looked after needs a placement: refused before anything is sent.
      await form.getByRole('alert').getByText('Select the placement type of child 1, who is or was looked after').waitFor();
      await expectNoAxeViolations(page, 'correcting a child’s answers for the National Panel, with an error');
      await form.getByRole('group', { name: /Placement type/ }).getByLabel('Foster care').check();
      await form.getByRole('button', { name: 'Save the child’s answers' }).click();

      await page.getByText('The child’s answers for the National Panel have been corrected.').waitFor();
      const row = (key) => page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) }).locator('dd');
      assert.equal((await row('Looked-after status').textContent())?.trim(), 'Previously looked after');
      assert.equal((await row('Placement type').textContent())?.trim(), 'Foster care');
      // What was kept: the correction, and the answers the Panel had before, in the API and its audit trail.
      const office = await apiAs(baseURL, 'business.office');
      const saved = await office('GET', `/api/v1/incident-notifications/${notification.id}`);
      assert.equal(saved.children_characteristics[0].looked_after_status, 'previously_looked_after');
      assert.equal(saved.children_characteristics[0].placement_type, 'foster_care');
      assert.equal(saved.children_characteristics[0].known_to_agencies, 'yes');
      const timeline = await office('GET', `/api/v1/incident-notifications/${notification.id}/timeline`);
      assert.ok(timeline.some((entry) => entry.summary?.startsWith('Changed the notification')), JSON.stringify(timeline));
    },
  },
];
