// A practitioner signs up from a phone for an event the business office scheduled (needs the events API).
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { apiAs, decideAsPartners, isoDate, openRapidReview } from './helpers.mjs';

/** A review to hold the event: the demo's, or one opened by deciding a rapid review here. */
export async function reviewId(baseURL) {
  const office = await apiAs(baseURL, 'business.office');
  const { items } = await office('GET', '/api/v1/reviews?limit=1');
  if (items.length) return items[0].id;
  const { rapidReviewId } = await openRapidReview(baseURL, ['Harbourside Police']);
  await office('POST', `/api/v1/rapid-reviews/${rapidReviewId}/meeting`, {
    held_on: isoDate(0),
    attendees: [{ name: 'Dr A Chair', role: 'Designated doctor (chair)', agency: 'Harbourside Integrated Care Board' }],
    facts_reviewed: 'Chronologies from each agency.',
    immediate_action_needed: false,
    immediate_learning: 'Agencies share what they know the same day.',
    key_practice_episodes: 'The police call-out that was not shared.',
    characteristics_and_inequalities: 'Poverty and overcrowding shaped the risks at home.',
    issues_of_national_importance: 'None identified.',
  });
  await office('POST', `/api/v1/rapid-reviews/${rapidReviewId}/recommendation`, { recommendation: 'local_cspr', rationale: 'Criteria met.' });
  const decided = await decideAsPartners(baseURL, `/api/v1/rapid-reviews/${rapidReviewId}/partner-positions`, { hold_cspr: true, recorded_on: isoDate(0) });
  assert.ok(decided.review_id, 'deciding to hold a review opens one');
  return decided.review_id;
}

/** A new event with an open sign-up link; returns the link's token. */
export async function openEvent(baseURL) {
  const office = await apiAs(baseURL, 'business.office');
  const event = await office('POST', '/api/v1/events', {
    review_id: await reviewId(baseURL),
    kind: 'practitioner_learning_event',
    title: 'Practitioner learning event',
    date: isoDate(30),
    start_time: '09:30',
    end_time: '12:00',
    location: 'Harbourside Civic Centre, Room 2',
    // In person or online: the form asks which (with one way to attend it does not ask).
    virtual_link: 'https://meet.example.org/harbourside',
    capacity: 30,
    create_open_link: true,
  });
  assert.ok(event.open_link?.token, 'the created event carries its open sign-up link');
  return event.open_link.token;
}

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

export default [
  {
    name: 'a practitioner signs up on a 375px phone screen, adds it to their calendar, changes their details and cancels',
    context: PHONE,
    async run({ page, baseURL }) {
      const token = await openEvent(baseURL);
      await page.goto(`/sign-up/${token}`);
      await page.getByRole('heading', { level: 1, name: 'Practitioner learning event' }).waitFor();
      await expectNoAxeViolations(page, 'public sign-up (real backend)');
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px viewport`);

      await page.getByLabel('Full name').fill('Sam Jones');
      await page.getByLabel('Email address').fill('sam.jones@example.org');
      await page.getByLabel('Organisation').fill('Harbourside Children’s Trust');
      await page.getByLabel('Job title').fill('Social worker');
      await page.getByLabel('Frontline practitioner').check();
      await page.getByRole('group', { name: 'Have you worked directly with the child or their family?' }).getByLabel('Yes').check();
      await page.getByLabel('How have you been involved with the child or their family?').fill('Allocated social worker');
      await page.getByLabel('In person').check();
      await page.getByLabel('No, I do not need support').check();
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.getByRole('heading', { level: 1, name: 'You are signed up' }).waitFor();
      await expectNoAxeViolations(page, 'sign-up confirmation (real backend)');

      // "Add to calendar" is a real iCalendar file for this event.
      const ics = await page.request.get(await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href'));
      assert.equal(ics.status(), 200);
      assert.match(ics.headers()['content-type'], /text\/calendar/);
      const calendar = await ics.text();
      assert.match(calendar, /BEGIN:VEVENT/);
      assert.match(calendar, /SUMMARY:Practitioner learning event/);

      // The private link lets them change their details, then cancel their place.
      await page.getByRole('link', { name: 'Change your details or cancel your place' }).click();
      await page.getByRole('heading', { level: 2, name: 'Change your details' }).waitFor();
      await expectNoAxeViolations(page, 'manage sign-up (real backend)');
      await page.getByLabel('Job title').fill('Senior social worker');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Your details have been saved').waitFor();
      await page.reload();
      assert.equal(await page.getByLabel('Job title').inputValue(), 'Senior social worker');
      await page.getByRole('button', { name: 'Cancel my place' }).click();
      await page.getByRole('button', { name: 'Yes, cancel my place' }).click();
      await page.getByText('Your place has been cancelled').waitFor();
      await expectNoAxeViolations(page, 'cancelled sign-up (real backend)');
    },
  },
];
