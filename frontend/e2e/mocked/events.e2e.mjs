import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { routeApi } from '../fixtures/api.mjs';
import { event, eventsApi, signIn } from '../fixtures/events.mjs';

const NARROW = { viewport: { width: 320, height: 640 } };

/** The page fits its width: nothing to scroll sideways (tables scroll inside their own box). */
async function assertNoSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${label}: page is ${scroll}px wide in a ${width}px viewport`);
}

async function openEventPage(page) {
  await page.goto('/events/ev-1');
  await page.getByRole('heading', { level: 1, name: /Practitioner learning event/ }).waitFor();
  await page.getByRole('rowheader', { name: /^Sam Jones/ }).waitFor();
  await page.getByRole('rowheader', { name: 'All agencies' }).waitFor();
}

/** Every events page, at the size the context gives, passes axe and fits the width. */
async function checkEveryPage(page, size) {
  await page.goto('/events');
  await page.getByRole('table', { name: '2 upcoming events' }).waitFor();
  await expectNoAxeViolations(page, `events list (${size})`);
  await assertNoSidewaysScroll(page, 'events list');

  await page.goto('/events/new');
  await page.getByLabel('Review', { exact: true }).waitFor();
  await expectNoAxeViolations(page, `new event form (${size})`);
  await assertNoSidewaysScroll(page, 'new event form');
  await page.getByRole('button', { name: 'Schedule event' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await page.getByLabel('In person', { exact: true }).check();
  await page.getByLabel('Online', { exact: true }).check();
  await expectNoAxeViolations(page, `new event form with errors (${size})`);
  await assertNoSidewaysScroll(page, 'new event form with errors');

  await openEventPage(page);
  await expectNoAxeViolations(page, `event page (${size})`);
  await assertNoSidewaysScroll(page, 'event page');
  await page.getByRole('button', { name: 'Cancel this event' }).click();
  await page.getByLabel('Why is it cancelled? (optional)').waitFor();
  await page.getByRole('button', { name: 'Make a new link' }).click();
  await page.getByRole('button', { name: /Cancel place\s*of Sam Jones/ }).click();
  await expectNoAxeViolations(page, `event page with its confirmations open (${size})`);
  await assertNoSidewaysScroll(page, 'event page with confirmations');

  await page.goto('/events/ev-1/edit');
  await page.getByLabel('Number of places').waitFor();
  await expectNoAxeViolations(page, `change event form (${size})`);
  await assertNoSidewaysScroll(page, 'change event form');
}

export default [
  {
    name: 'the events pages pass axe on a desktop',
    context: { viewport: { width: 1280, height: 900 } },
    async run({ page }) {
      await signIn(page);
      await routeApi(page, eventsApi());
      await checkEveryPage(page, 'desktop');
    },
  },
  {
    name: 'the events pages pass axe and fit at 320px; wide tables scroll in a focusable box',
    context: NARROW,
    async run({ page }) {
      await signIn(page);
      await routeApi(page, eventsApi());
      await checkEveryPage(page, '320px');

      await openEventPage(page);
      const box = page.getByRole('region', { name: /^\d+ sign-ups?$/ });
      const { scrollWidth, clientWidth, tabIndex } = await box.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, tabIndex: el.tabIndex }));
      assert.ok(scrollWidth > clientWidth, 'the sign-ups table is wider than the screen, so it scrolls in its box');
      assert.equal(tabIndex, 0, 'the scrolling box can be reached by keyboard');
      await box.focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.activeElement.scrollLeft > 0);
    },
  },
  {
    name: 'after the event, attendance is recorded from the keyboard and the page passes axe',
    context: { viewport: { width: 1280, height: 900 } },
    async run({ page }) {
      await signIn(page);
      const api = await routeApi(page, {
        ...eventsApi(event({}, -1)),
        'POST /api/v1/events/ev-1/attendance': () => ({ status: 200, contentType: 'application/json', body: '[]' }),
      });
      await openEventPage(page);
      const group = page.getByRole('group', { name: 'Who attended?' });
      await group.waitFor();
      await expectNoAxeViolations(page, 'event page after the event');

      await group.getByLabel('Sam Jones, Harbourside Health').focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Save attendance');
      await page.keyboard.press('Enter');
      await page.getByText(/Attendance saved/).waitFor();
      const posted = JSON.parse(api.find((r) => r.key === 'POST /api/v1/events/ev-1/attendance').body);
      assert.deepEqual(posted.marks.find((m) => m.sign_up_id === 'su-1'), { sign_up_id: 'su-1', attended: true });
    },
  },
  {
    name: 'an event is scheduled from the keyboard alone, and its sign-up link is shown once',
    context: { viewport: { width: 1280, height: 900 } },
    async run({ page }) {
      await signIn(page);
      const api = await routeApi(page, eventsApi());
      await page.goto('/events/new');
      await page.getByLabel('Review', { exact: true }).waitFor();
      const type = async (label, text, within = page) => {
        await within.getByLabel(label, { exact: true }).focus();
        await page.keyboard.type(text);
      };
      await page.getByLabel('Review', { exact: true }).focus();
      await page.keyboard.press('ArrowDown');
      await page.getByLabel('Practitioner learning event').focus();
      await page.keyboard.press('Space');
      await type('Title', 'Learning event');
      const date = page.getByRole('group', { name: 'Date', exact: true });
      await type('Day', '12', date);
      await type('Month', '3', date);
      await type('Year', '2030', date);
      await type('Start time', '9:30');
      await type('End time', '12:00');
      await page.getByLabel('In person', { exact: true }).focus();
      await page.keyboard.press('Space');
      await type('Venue', 'Civic Centre');
      await type('Number of places', '20');
      await page.keyboard.press('Enter');

      await page.getByText('Event scheduled').waitFor();
      const link = page.getByLabel('The event’s sign-up link');
      assert.match(await link.inputValue(), /\/sign-up\/a-long-open-link-token/);
      const created = JSON.parse(api.find((r) => r.key === 'POST /api/v1/events').body);
      assert.equal(created.start_time, '09:30');
      assert.equal(created.date, '2030-03-12');
      await expectNoAxeViolations(page, 'event page with its new link');
    },
  },
];
