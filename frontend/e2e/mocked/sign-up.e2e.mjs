import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { EVENT, routeApi, signUpApi } from '../fixtures/api.mjs';

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** The page fits its width: nothing to scroll sideways. */
async function assertNoSidewaysScroll(page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px viewport`);
}

export default [
  {
    name: 'a practitioner signs up on a phone and sees the confirmation',
    context: PHONE,
    async run({ page }) {
      const api = await routeApi(page, signUpApi('tok-1'));
      const scripts = [];
      page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));

      await page.goto('/sign-up/tok-1');
      await page.getByRole('heading', { level: 1, name: EVENT.title }).waitFor();
      assert.ok(await page.getByText(EVENT.questions[0]).isVisible());
      assert.ok(await page.getByText(EVENT.support_note).isVisible());
      await expectNoAxeViolations(page, 'sign-up form');
      await assertNoSidewaysScroll(page);

      // Submitting empty shows the error summary, which must also pass axe.
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      assert.equal(await page.title(), `Error: Sign up: ${EVENT.title} – Safeguarding Reviews`);
      await expectNoAxeViolations(page, 'sign-up form with errors');

      await page.getByLabel('Full name').fill('Sam Jones');
      await page.getByLabel('Email address').fill('sam.jones@example.org');
      await page.getByLabel('Organisation').fill('Northtown Children’s Services');
      await page.getByLabel('Job title').fill('Social worker');
      await page.getByLabel('Frontline practitioner').check();
      await page.getByRole('group', { name: 'Have you worked directly with the child or their family?' }).getByLabel('Yes').check();
      await page.getByLabel('How have you been involved with the child or their family?').fill('Allocated social worker');
      await page.getByLabel('In person').check();
      await page.getByLabel('No, I do not need support').check();
      await page.getByRole('button', { name: 'Sign up' }).click();

      await page.getByRole('heading', { level: 1, name: 'You are signed up' }).waitFor();
      const calendar = page.getByRole('link', { name: 'Add to calendar' });
      assert.equal(await calendar.getAttribute('href'), '/api/v1/public/sign-ups/manage-abc/calendar.ics');
      assert.equal(
        await page.getByRole('link', { name: 'Change your details or cancel your place' }).getAttribute('href'),
        '/sign-ups/manage-abc',
      );
      await expectNoAxeViolations(page, 'sign-up confirmation');
      await assertNoSidewaysScroll(page);

      const posted = api.find((r) => r.key === 'POST /api/v1/public/events/tok-1');
      assert.equal(JSON.parse(posted.body).attendance, 'in_person');
      assert.ok(!scripts.some((url) => url.includes('/StaffApp-')), 'the public page must not load the staff app');
    },
  },
  {
    name: 'the sign-up page reads at 320px and works from the keyboard',
    context: { viewport: { width: 320, height: 640 } },
    async run({ page }) {
      await routeApi(page, signUpApi('tok-1'));
      await page.goto('/sign-up/tok-1');
      await page.getByRole('heading', { level: 1, name: EVENT.title }).waitFor();
      await assertNoSidewaysScroll(page);

      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');

      // Enter in a text field submits; the error summary takes focus and links to the field.
      await page.getByLabel('Full name').focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      assert.ok(
        await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
        `focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`,
      );
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'name');
    },
  },
];
