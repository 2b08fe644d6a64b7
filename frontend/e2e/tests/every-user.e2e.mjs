// `make run`'s promise: every demo user signs in and can open each part of the product their
// navigation offers, with no page failing an API call and no axe violation.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { signIn, walkSections } from './helpers.mjs';

const DEMO_USERS = [
  'business.office', 'trust.lead', 'trust.manager', 'police.lead', 'police.manager',
  'hospital.lead', 'school.lead', 'lead.reviewer', 'scrutineer', 'strategic.lead',
];

export default [
  {
    name: 'every demo user signs in and opens each deadline on their dashboard, every page in their navigation, the first record on each list and each section of a rapid review',
    async run({ page }) {
      const failed = [];
      // Signing out ends access at once (issue 12): a request still on its way then answers 401, as it should.
      let signingOut = false;
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (signingOut && response.status() === 401) return;
        if (url.pathname.startsWith('/api/') && response.status() >= 400 && url.pathname !== '/api/v1/auth/revoke') {
          failed.push(`${response.request().method()} ${url.pathname} → ${response.status()} (on ${page.url()})`);
        }
      });
      for (const user of DEMO_USERS) {
        await signIn(page, user).catch(async (error) => {
          throw new Error(`${user} could not sign in; the page says: ${(await page.locator('main').innerText()).slice(0, 300)}\n${error}`);
        });
        signingOut = false;
        await page.getByText(/^Loading/).first().waitFor({ state: 'detached' }).catch(() => {});
        await expectNoAxeViolations(page, `${user}'s dashboard`);
        // Every deadline on their dashboard opens the record it is about.
        const deadlineLinks = await page.locator('main table a[href^="/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
        for (const href of deadlineLinks) {
          await page.goto(href);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await page.waitForLoadState('networkidle');
        }
        await page.goto('/');
        await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
        const nav = page.getByRole('navigation', { name: 'Menu' });
        await nav.getByRole('link', { name: 'Dashboard' }).waitFor();
        const links = await nav.getByRole('link').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
        assert.ok(links.length >= 1, `${user} has a navigation`);
        for (const [text, href] of links) {
          if (href === '/') continue;
          await page.goto(href);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await page.waitForLoadState('networkidle');
          await expectNoAxeViolations(page, `${user}: ${text}`);
          // The first record in the list opens too (a list the user can see, records they may open).
          const first = page.locator(`main a[href^="${href}/"]`).first();
          if (await first.count()) {
            await first.click();
            await page.getByRole('heading', { level: 1 }).first().waitFor();
            await page.waitForLoadState('networkidle');
            await expectNoAxeViolations(page, `${user}: a record from ${text}`);
            // A rapid review is an overview and sections: each one this user is offered opens and passes axe.
            if (href === '/rapid-reviews') await walkSections(page, `${user}: a rapid review`);
          }
        }
        signingOut = true;
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByText('You have signed out').waitFor();
      }
      assert.deepEqual(failed, [], `API calls failed:\n${failed.join('\n')}`);
    },
  },
];
