// The business office commissions a review: appoints the lead reviewer, tells the national bodies, forms the
// review group, records a meeting, drafts and agrees the terms of reference and arranges the authors' briefing;
// the review then moves on to the agencies' submissions. Axe runs on every page.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { apiAs, decideAsPartners, expectText, isoDate, openRapidReview, signIn } from './helpers.mjs';

const RESPONSE = {
  involvement: 'Two domestic call-outs in 2024.',
  key_contacts: [{ date: isoDate(-30), contact_type: 'Call-out', summary: 'Child seen.' }],
  analysis: 'The child was not spoken to alone.',
  immediate_learning: 'Speak to children alone.',
  actions_taken: 'Briefing to officers.',
  good_practice: 'Same-day referral.',
  author_name: 'Dan Reilly',
  author_role: 'Detective sergeant',
};

/** A review decided through the rapid review, at commissioning with no lead reviewer yet. */
async function newReview(baseURL) {
  const { office, rapidReviewId, agencyIds } = await openRapidReview(baseURL, ['Harbourside Police', 'Riverside Academy']);
  const [request] = await office('POST', `/api/v1/rapid-reviews/${rapidReviewId}/information-requests`, { agency_ids: [agencyIds[0]] });
  const police = await apiAs(baseURL, 'police.lead');
  await police('POST', `/api/v1/information-requests/${request.id}/submit`, RESPONSE);
  await office('POST', `/api/v1/rapid-reviews/${rapidReviewId}/meeting`, {
    held_on: isoDate(0),
    attendees: [{ name: 'Dr A Patel', role: 'Designated doctor (chair)', agency: 'Integrated Care Board' }],
    facts_reviewed: 'The police information.',
    immediate_action_needed: false,
    immediate_learning: 'Share police information with health visiting.',
    immediate_actions: [],
    key_practice_episodes: 'The second police call-out, not shared with health visiting.',
    characteristics_and_inequalities: 'The family’s first language is not English; no interpreter was offered.',
    issues_of_national_importance: 'None identified.',
  });
  await office('POST', `/api/v1/rapid-reviews/${rapidReviewId}/recommendation`, { recommendation: 'local_cspr', rationale: 'Significant learning remains.' });
  const decided = await decideAsPartners(baseURL, `/api/v1/rapid-reviews/${rapidReviewId}/partner-positions`, { hold_cspr: true, reasons: 'Agreed.', recorded_on: isoDate(0) });
  assert.ok(decided.review_id, 'the decision opens a review');
  return decided.review_id;
}

async function fillDate(group, iso) {
  const [year, month, day] = iso.split('-');
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
}

const MEMBERS = [
  ['Helen Morris', "Harbourside Children's Trust", 'Head of service'],
  ['Dr Amira Haddad', 'Harbourside Integrated Care Board', 'Designated nurse'],
  ['Alison Grant', 'Harbourside Police', 'Detective chief inspector'],
  ['Grace Adeyemi', 'Harbourside University Hospitals NHS Trust', 'Named nurse'],
  ['Colin Pryce', 'Harbourside Homes', 'Tenancy safeguarding lead'],
];

export default [
  {
    name: 'the business office commissions a review and takes it to the agencies’ submissions',
    async run({ page, baseURL }) {
      const reviewId = await newReview(baseURL);
      await signIn(page, 'business.office');
      await page.goto(`/reviews/${reviewId}`);
      await page.getByRole('region', { name: 'What is done and what is outstanding' }).waitFor();
      await expectNoAxeViolations(page, 'a review at commissioning, with its task list');

      // Commissioning: appoint the lead reviewer, then send the notices.
      await page.getByRole('link', { name: 'Appoint the lead reviewer' }).click();
      await page.getByRole('heading', { level: 1, name: 'Commissioning' }).waitFor();
      await page.getByLabel('Lead reviewer', { exact: true }).selectOption({ label: 'Ruth Kaplan' });
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expectText(page, 'The review has been updated.');
      await page.getByRole('button', { name: 'Send the notices' }).click();
      await expectText(page, 'The notices have been sent to the outbox.');
      await page.getByRole('table', { name: 'Every notice sent' }).waitFor();
      await expectNoAxeViolations(page, 'commissioning with the notices sent');
      await page.getByRole('navigation', { name: 'Sections of this review' }).getByRole('link', { name: 'Overview', exact: true }).click();
      await page.getByRole('button', { name: 'Move on to the terms of reference' }).click();
      await expectText(page, 'The review is now at: Terms of reference.');

      // The review group: five members, then a meeting (family engagement refused when left out).
      await page.getByRole('navigation', { name: 'Sections of this review' }).getByRole('link', { name: 'Review group' }).click();
      await page.getByRole('heading', { level: 1, name: 'Review group' }).waitFor();
      await expectNoAxeViolations(page, 'an empty review group');
      for (const [name, agency, role] of MEMBERS) {
        await page.getByLabel('Name', { exact: true }).fill(name);
        await page.getByLabel('Agency they represent').selectOption({ label: agency });
        await page.getByLabel('Role in the review group').fill(role);
        await page.getByRole('button', { name: 'Add member' }).click();
        await expectText(page, `${name} has joined the review group.`);
        await page.getByRole('table', { name: 'Members' }).getByRole('rowheader', { name }).waitFor();
      }
      await page.getByText('Yes', { exact: true }).first().waitFor();
      await fillDate(page.getByRole('group', { name: 'Date of the meeting' }), isoDate(0));
      await page.getByLabel('Helen Morris').check();
      await page.getByLabel('Alison Grant').check();
      await page.getByLabel('Minutes').fill('Scoped the terms of reference.');
      await page.getByRole('button', { name: 'Record meeting' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectNoAxeViolations(page, 'a meeting without its family engagement update');
      await page.getByLabel('Family engagement update').fill('The mother would like to speak with the lead reviewer.');
      await page.getByRole('button', { name: 'Record meeting' }).click();
      await expectText(page, 'The meeting has been recorded.');
      await page.getByRole('heading', { name: /Meeting on/ }).waitFor();
      await expectNoAxeViolations(page, 'a review group with a meeting');
      await page.getByRole('button', { name: /Correct this record/ }).click();
      await page.getByLabel('Decisions').fill('The lead reviewer circulates draft terms of reference within a week.');
      await expectNoAxeViolations(page, 'correcting a meeting’s record');
      await page.getByRole('button', { name: 'Save corrections' }).click();
      await expectText(page, 'The meeting record has been corrected.');
      await page.getByText('The lead reviewer circulates draft terms of reference within a week.').waitFor();

      // Terms of reference: draft, save, agree at the meeting, arrange the authors' briefing.
      await page.getByRole('navigation', { name: 'Sections of this review' }).getByRole('link', { name: 'Terms of reference' }).click();
      await page.getByRole('button', { name: 'Start drafting the terms of reference' }).click();
      await expectText(page, 'A new draft has been started.');
      await page.getByLabel('Terms of reference', { exact: true }).fill('Multi-agency practice from the child’s birth to the incident.');
      await page.getByLabel('Key lines of enquiry').fill('How was information shared?\nWas the child’s voice heard?');
      await page.getByRole('button', { name: 'Save the draft' }).click();
      await expectText(page, 'Version 1 has been saved.');
      await expectNoAxeViolations(page, 'a draft of the terms of reference');
      await page.getByText('Record that the review group agreed version 1').click();
      await page.getByLabel('At which meeting').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Record agreement' }).click();
      await expectText(page, 'Version 1 is agreed.');
      await fillDate(page.getByRole('group', { name: 'Date of the briefing' }), isoDate(14));
      await page.getByLabel('Where').fill('Harbourside Civic Centre, Committee Room 2');
      await page.getByRole('button', { name: 'Arrange briefing' }).click();
      await expectText(page, 'The authors’ briefing has been arranged.');
      await page.getByRole('table', { name: 'Authors’ briefings' }).waitFor();
      await expectNoAxeViolations(page, 'agreed terms of reference with the authors’ briefing');

      await page.getByRole('navigation', { name: 'Sections of this review' }).getByRole('link', { name: 'Timescales' }).click();
      await page.getByRole('heading', { level: 1, name: 'Timescales' }).waitFor();
      await expectNoAxeViolations(page, 'timescales');

      await page.getByRole('navigation', { name: 'Sections of this review' }).getByRole('link', { name: 'Overview', exact: true }).click();
      await page.getByRole('button', { name: 'Move on to the agencies’ submissions' }).click();
      await expectText(page, 'The review is now at: Agency submissions.');
      await expectNoAxeViolations(page, 'a review at the agencies’ submissions');
    },
  },
];
