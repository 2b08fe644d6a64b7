// Every staff page (stage 1, reviews, events), on the demo partnership: no axe violations, readable at 320 px (nothing
// wider than the screen except inside a scrolling table wrapper), and usable from the keyboard alone.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { apiAs, email, PASSWORD, walkSections } from './helpers.mjs';

/** The pages to visit, as each demo user sees them, found through the API. */
async function pagesFor(baseURL) {
  const office = await apiAs(baseURL, 'business.office');
  const first = async (path) => (await office('GET', `${path}?limit=1`)).items[0]?.id;
  const referral = await first('/api/v1/referrals');
  const notification = await first('/api/v1/incident-notifications');
  const rapidReview = await first('/api/v1/rapid-reviews');
  const request = await first('/api/v1/information-requests');
  const review = await first('/api/v1/reviews');
  const event = await first('/api/v1/events');
  return [
    '/',
    '/referrals',
    `/referrals/${referral}`,
    '/incident-notifications',
    '/incident-notifications/new',
    `/incident-notifications/${notification}`,
    '/rapid-reviews',
    `/rapid-reviews/${rapidReview}`,
    `/information-requests/${request}`,
    '/reviews',
    `/reviews/${review}`,
    '/events',
    '/events/new',
    `/events/${event}`,
  ];
}

/** Elements that stick out of a 320 px page (the page itself must not scroll sideways). */
async function overflowing(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) continue;
      // Inside a wrapper that scrolls on its own is fine (wide tables).
      let scroller = el.parentElement;
      while (scroller && scroller !== document.body && getComputedStyle(scroller).overflowX === 'visible') scroller = scroller.parentElement;
      if (scroller && scroller !== document.body) continue;
      wide.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} (${Math.round(box.right)}px)`);
    }
    return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
}

async function signInWithKeyboard(page, local) {
  await page.goto('/sign-in');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  // From the top of the page: Tab to the email box, then type and Tab through the form.
  for (let i = 0; i < 20; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('type') === 'email')) break;
  }
  await page.keyboard.type(email(local));
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

export default [
  {
    name: 'every staff page passes axe and reads at 320 px wide',
    context: { viewport: { width: 320, height: 720 } },
    async run({ page, baseURL }) {
      await signInWithKeyboard(page, 'business.office');
      for (const path of await pagesFor(baseURL)) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        await expectNoAxeViolations(page, `${path} at 320px`);
        const { scroll, width, wide } = await overflowing(page);
        assert.ok(scroll <= width && wide.length === 0, `${path} is ${scroll}px wide at ${width}px: ${wide.join(', ')}`);
        // A rapid review's sections too, each reached by its sub-navigation.
        if (path.startsWith('/rapid-reviews/')) {
          await walkSections(page, `${path} at 320px`, {
            async check(section, name) {
              const fit = await overflowing(section);
              assert.ok(fit.scroll <= fit.width && fit.wide.length === 0, `${name} is ${fit.scroll}px wide at ${fit.width}px: ${fit.wide.join(', ')}`);
            },
          });
        }
      }
    },
  },
  {
    name: 'a business office user signs in and reaches a referral using only the keyboard',
    async run({ page }) {
      await signInWithKeyboard(page, 'business.office');
      // Skip link first, as GOV.UK pages do.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
      let reached = false;
      for (let i = 0; i < 30 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Referrals');
      }
      assert.ok(reached, 'the Referrals link in the navigation is reachable with Tab');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: /Referrals/ }).waitFor();
      // The focus is visible: GOV.UK's yellow focus state on the focused element.
      let onReferral = false;
      for (let i = 0; i < 40 && !onReferral; i += 1) {
        await page.keyboard.press('Tab');
        onReferral = await page.evaluate(() => /^\/referrals\/[0-9a-f-]{36}$/.test(new URL(document.activeElement?.href ?? '/', location.href).pathname));
      }
      assert.ok(onReferral, 'a referral in the list is reachable with Tab');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).backgroundColor);
      assert.equal(outline, 'rgb(255, 221, 0)', 'the focused link shows the GOV.UK focus colour');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    },
  },
];
