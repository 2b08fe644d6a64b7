// A referral from draft to decision, by four people, through the UI (needs the referrals API).
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { expectText, fillDate, recordPartnerPosition, signIn } from './helpers.mjs';

const TEXT = {
  'referrer-name': 'Tom Okafor',
  'referrer-designation': "Harbourside Children's Trust, safeguarding lead",
  'referrer-contact-phone': '01632 960001',
  'referrer-contact-email': 'tom.okafor@example.org',
  'senior_manager-name': 'Helen Morris',
  'senior_manager-designation': 'Head of service, safeguarding',
  'senior_manager-contact-phone': '01632 960002',
  'senior_manager-contact-email': 'helen.morris@example.org',
  rationale: 'Serious harm; concerns about how agencies shared information.',
  'child-name': 'Test Child',
  'child-home_address': '1 Quay Street, Harbourside',
  'child-ethnic_origin': 'White British',
  'child-faith': 'None',
  'child-disability': 'None known',
  'child-child_protection_plan': 'Child in need plan in 2023, neglect, 6 months',
  'child-incident_location': 'Family home',
  'child-carer_at_time_of_incident': 'Mother',
  background: 'History of neglect concerns since 2022.',
  areas_of_learning: 'Information sharing between health and police.',
  'themes-actions_taken': 'Multi-agency audit of neglect cases.',
  'themes-good_practice': 'School escalated concerns promptly.',
};

export default [
  {
    name: 'an agency lead drafts and submits a referral; the manager signs off; the business office recommends; the three safeguarding partners decide; the rapid review it opens is met and decided',
    async run({ page, context }) {
      await signIn(page, 'trust.lead');
      await expectNoAxeViolations(page, 'agency lead dashboard');
      await page.getByRole('link', { name: 'Referrals', exact: true }).click();
      await page.getByRole('button', { name: 'Start a new referral' }).click();
      await page.getByRole('heading', { level: 1, name: 'Request for consideration of a review' }).waitFor();
      await expectNoAxeViolations(page, 'referral form');

      // Submitting an empty form lists every box, linked, and the form says which sections have a problem.
      await page.getByRole('button', { name: 'Submit for sign-off' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      await summary.getByRole('link', { name: /Child’s details: Name/ }).waitFor();
      await expectNoAxeViolations(page, 'referral form with missing boxes');
      await summary.getByRole('link', { name: /Child’s details: Name/ }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'child-name');

      for (const [id, value] of Object.entries(TEXT)) await page.locator(`#${id}`).fill(value);
      await fillDate(page, 'child-date_of_birth', '2016-04-01');
      await fillDate(page, 'child-date_of_death_or_serious_incident', '2025-01-10');
      await page.locator('#review_type_requested').check();
      await page.locator('#child-criminal_investigation_known-2').check();
      await page.locator('#other_agencies').click();
      await page.locator('#other_agencies-0-agency').fill('Harbourside Police');
      await page.locator('#other_agencies-0-contact_details').fill('Child protection team, 01632 960003');
      await page.locator('#other_agencies-0-reason_for_involvement').fill('Attended domestic incidents');
      await page.locator('#chronology').click();
      await fillDate(page, 'chronology-0-occurred_on', '2025-01-10');
      await page.locator('#chronology-0-event').fill('Admitted to hospital');
      await page.locator('#family_members').click();
      await page.locator('#family_members-0-name').fill('Parent One');
      await fillDate(page, 'family_members-0-date_of_birth', '1990-02-02');
      await page.locator('#family_members-0-address').fill('1 Quay Street, Harbourside');
      await page.locator('#family_members-0-relationship').fill('Mother');
      await page.getByText('You have completed 10 of 10 sections.').waitFor();
      await page.getByRole('button', { name: 'Save as draft' }).click();
      await expectText(page, 'Your draft has been saved.');
      await page.getByRole('button', { name: 'Submit for sign-off' }).click();
      await expectText(page, 'Referral submitted.');
      const url = new URL(page.url());
      assert.match(url.pathname, /^\/referrals\/[0-9a-f-]{36}$/);
      await page.getByText('Awaiting sign-off').first().waitFor();
      await expectNoAxeViolations(page, 'submitted referral');

      const manager = await context.newPage();
      await signIn(manager, 'trust.manager');
      await manager.getByRole('region', { name: 'Referrals awaiting your sign-off' }).getByRole('link').first().waitFor();
      await expectNoAxeViolations(manager, 'agency manager dashboard');
      await manager.goto(url.pathname);
      await manager.getByLabel('I agree with this request for consideration of a review').check();
      await expectNoAxeViolations(manager, 'sign-off');
      await manager.getByRole('button', { name: 'Sign off' }).click();
      await expectText(manager, 'You have signed off the referral.');

      const office = await context.newPage();
      await signIn(office, 'business.office');
      await office.goto(url.pathname);
      await office.getByRole('button', { name: 'Start consideration' }).click();
      await office.getByRole('heading', { name: 'Record the business office’s recommendation' }).waitFor();
      await expectNoAxeViolations(office, 'recommendation form');
      await office.locator('#review_recommended').check();
      await office.locator('#review_type').check();
      await office.locator('#comments').fill('Meets the criteria for a local review.');
      await office.locator('#reason').fill('Serious harm with abuse suspected; learning about information sharing.');
      await office.locator('#legal_advice_sought-2').check();
      await office.getByRole('button', { name: 'Record recommendation' }).click();
      await expectText(office, 'Recommendation recorded.');

      // The three safeguarding partners record their positions; the decision stands with the third.
      const partners = [];
      for (const local of ['la.partner', 'icb.partner', 'police.partner']) {
        const partner = await context.newPage();
        await signIn(partner, local);
        partners.push(partner);
      }
      const [la, icb, lead] = partners;
      await recordPartnerPosition(la, url.pathname, { question: 'Should the case go further?', beforeSubmit: (p) => expectNoAxeViolations(p, 'partner position form') });
      await expectText(la, 'Your position is recorded. The decision stands when all three partners have recorded theirs.');
      await recordPartnerPosition(icb, url.pathname, { question: 'Should the case go further?' });
      await icb.getByText('Waiting for the police.').waitFor();
      await recordPartnerPosition(lead, url.pathname, { question: 'Should the case go further?', reasons: 'Agreed by the three partners.' });
      await expectText(lead, 'Agreed: the case goes to a rapid review');
      await lead.getByRole('heading', { name: 'Timeline' }).waitFor();
      await expectNoAxeViolations(lead, 'decided referral with outcome');

      // The referrer sees the outcome on their referral, and where the case went next.
      await page.reload();
      await page.getByText('Agreed: the case goes to a rapid review').waitFor();
      await page.getByRole('link', { name: /^Go to the rapid review for / }).waitFor();

      // The agreed CSPR request opened a rapid review: the business office records the meeting and
      // the recommendation, and the three safeguarding partners decide, all in the browser.
      await office.goto(url.pathname);
      await office.getByRole('link', { name: /^Go to the rapid review for / }).click();
      await office.getByRole('region', { name: 'What you can do' }).getByRole('link', { name: 'Record the rapid review meeting' }).click();
      await office.getByRole('heading', { name: 'Record the rapid review meeting' }).waitFor();
      const rapidReviewPath = new URL(office.url()).pathname.replace(/\/meeting$/, '');
      assert.match(rapidReviewPath, /^\/rapid-reviews\/[0-9a-f-]{36}$/);
      await expectNoAxeViolations(office, 'rapid review meeting section');
      await fillDate(office, 'held_on', new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }));
      await office.locator('#attendees-0-name').fill('Dr A Chair');
      await office.locator('#attendees-0-role').fill('Designated doctor (chair)');
      await office.locator('#attendees-0-agency').fill('Harbourside Integrated Care Board');
      await office.locator('#facts_reviewed').fill('Chronologies from the trust and the police.');
      await office.locator('#key_practice_episodes').fill('The police call-out that was not shared with the school.');
      await office.locator('#characteristics_and_inequalities').fill('The child’s disability meant they could not tell practitioners what was happening; no one used their communication aid.');
      await office.getByRole('group', { name: /Is immediate action needed/ }).getByLabel('No').check();
      await office.locator('#immediate_learning').fill('Practitioners use the child’s own way of communicating.');
      await office.locator('#issues_of_national_importance').fill('None identified.');
      await office.getByRole('button', { name: 'Record meeting' }).click();
      await office.getByRole('heading', { name: 'Rapid review meeting', exact: true }).waitFor();
      await office.goto(`${rapidReviewPath}/decision`);
      await office.getByLabel('Hold a local Child Safeguarding Practice Review').check();
      await office.locator('#rationale').fill('Serious harm; learning about information sharing between agencies.');
      await office.getByRole('button', { name: 'Record recommendation' }).click();
      await office.getByRole('button', { name: 'Record recommendation' }).waitFor({ state: 'detached' });

      for (const partner of partners) {
        await recordPartnerPosition(partner, `${rapidReviewPath}/decision`, { question: 'Should a local Child Safeguarding Practice Review be held?', reasons: 'Agreed by the three partners.' });
      }
      await lead.getByText(/^Hold a local Child Safeguarding Practice Review, /).waitFor();
      await expectNoAxeViolations(lead, 'decided rapid review');
    },
  },
];
