// The business office schedules a practitioner event in the staff pages, invites someone, and the
// sign-up link it is shown opens the public sign-up page.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { expectText, signIn } from './helpers.mjs';
import { reviewId } from './sign-up.e2e.mjs';

export default [
  {
    name: 'the business office schedules an event, invites a practitioner and shares a link that works',
    async run({ page, baseURL, context }) {
      const review = await reviewId(baseURL);
      await signIn(page, 'business.office');
      await page.getByRole('link', { name: 'Events', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Practitioner events' }).waitFor();
      await page.goto(`/events/new?review_id=${review}`);
      await page.getByLabel('Practitioner learning event').check();
      await page.getByLabel('Title', { exact: true }).fill('Learning event for practitioners');
      const date = page.getByRole('group', { name: 'Date', exact: true });
      const when = new Date(Date.now() + 30 * 86_400_000);
      await date.getByLabel('Day').fill(String(when.getUTCDate()));
      await date.getByLabel('Month').fill(String(when.getUTCMonth() + 1));
      await date.getByLabel('Year').fill(String(when.getUTCFullYear()));
      await page.getByLabel('Start time').fill('9:30am');
      await page.getByLabel('End time').fill('12:30pm');
      await page.getByLabel('In person', { exact: true }).check();
      await page.getByLabel('Venue').fill('Harbourside Civic Centre, Room 2');
      await page.getByLabel('Number of places').fill('25');
      await page.getByRole('button', { name: 'Schedule event' }).click();

      await expectText(page, 'Event scheduled');
      const link = await page.getByLabel('The event’s sign-up link').inputValue();
      assert.equal(new URL(link).origin, baseURL);
      assert.match(new URL(link).pathname, /^\/sign-up\/[\w-]+$/);
      await expectNoAxeViolations(page, 'a new event (real backend)');

      const invitations = page.getByRole('region', { name: 'Invitations' });
      await invitations.getByLabel('Full name').fill('Jo Visitor');
      await invitations.getByLabel('Email address').fill(`jo.visitor.${Date.now()}@example.org`);
      await invitations.getByRole('button', { name: 'Send invitation' }).click();
      await expectText(page, 'Invitation e-mailed to Jo Visitor');
      await invitations.getByRole('rowheader', { name: /^Jo Visitor/ }).waitFor();

      // The shared link opens the practitioners' sign-up page.
      const phone = await context.newPage();
      await phone.goto(link);
      await phone.getByRole('heading', { level: 1, name: 'Learning event for practitioners' }).waitFor();
      await phone.close();
    },
  },
];
