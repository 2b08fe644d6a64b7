// A rapid review from its meeting to the Panel, through the UI: the business office, the police, and the three
// safeguarding partners one by one (the decision stands only with the third); then the review it opens.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { expectText, isoDate, openRapidReview, openSection, recordPartnerPosition, signIn, walkSections } from './helpers.mjs';

const POLICE = 'Harbourside Police';

export default [
  {
    name: 'the business office adds an immediate action and recommends; the police complete it; the three safeguarding partners record their positions one by one; the review is commissioned and the report sent',
    async run({ page, context, baseURL }) {
      const { office: officeApi, rapidReviewId, notification } = await openRapidReview(baseURL, [POLICE]);
      await officeApi('POST', `/api/v1/rapid-reviews/${rapidReviewId}/meeting`, {
        held_on: isoDate(0),
        attendees: [{ name: 'Priya Shah', role: 'Project officer (chair)', agency: 'Business office' }],
        facts_reviewed: 'Each agency’s chronology.',
        immediate_action_needed: true,
        immediate_actions: [],
        immediate_learning: 'Share hospital attendances with the school.',
        key_practice_episodes: 'The hospital attendance, which no one shared with the school.',
        characteristics_and_inequalities: 'The family had moved three times in a year; practitioners did not ask how that shaped the child’s life.',
        issues_of_national_importance: 'None identified.',
      });
      const path = `/rapid-reviews/${rapidReviewId}`;

      await signIn(page, 'business.office');
      await page.goto(path);
      // The overview: where the rapid review is, and each step the office may take, linking to its section.
      const next = page.getByRole('region', { name: 'What you can do' });
      await next.getByRole('link', { name: 'Record the meeting’s recommendation' }).waitFor();
      await expectNoAxeViolations(page, 'rapid review overview (business office)');
      // Every section is a page of its own, reached by the sub-navigation, and passes axe.
      const sections = await walkSections(page, 'rapid review (business office)');
      assert.deepEqual(sections.slice(0, 3), ['Overview', 'Information from agencies', 'Meeting']);
      assert.ok(sections.includes('Learning and actions') && sections.at(-1) === 'Timeline', sections.join(', '));
      // The back button returns to the section before.
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Learning and recommendations' }).waitFor();
      assert.match(new URL(page.url()).pathname, /\/learning$/);

      // A step taken in a folded form lands with the form open.
      await page.goto(path);
      await next.getByRole('link', { name: 'Correct the meeting record' }).click();
      await page.getByLabel('Facts reviewed').waitFor();
      assert.equal(new URL(page.url()).pathname, `${path}/meeting`);

      await page.goto(path);
      await next.getByRole('link', { name: 'Add an immediate action' }).click();
      await page.getByRole('heading', { name: 'Add an immediate action' }).waitFor();
      assert.equal(new URL(page.url()).pathname, `${path}/immediate-actions`);
      await page.getByLabel('What needs to happen').fill('Check police records for the mother’s partner');
      await page.getByLabel('Agency responsible').selectOption({ label: POLICE });
      const due = new Date(`${isoDate(7)}T12:00:00Z`);
      const dueGroup = page.getByRole('group', { name: 'Due date' });
      await dueGroup.getByLabel('Day').fill(String(due.getUTCDate()));
      await dueGroup.getByLabel('Month').fill(String(due.getUTCMonth() + 1));
      await dueGroup.getByLabel('Year').fill(String(due.getUTCFullYear()));
      await page.getByRole('button', { name: 'Add action' }).click();
      await page.getByRole('heading', { name: `Action 1: ${POLICE}` }).waitFor();
      await expectNoAxeViolations(page, 'rapid review with an immediate action');
      await openSection(page, 'Recommendation and decision');
      await page.getByLabel('Hold a local Child Safeguarding Practice Review').check();
      await page.getByLabel('Rationale').fill('Agencies did not share what they knew.');
      await expectNoAxeViolations(page, 'rapid review recommendation form');
      await page.getByRole('button', { name: 'Record recommendation' }).click();
      await page.getByRole('button', { name: 'Record recommendation' }).waitFor({ state: 'detached' });
      await openSection(page, 'Overview');
      await page.getByText('Awaiting decision').first().waitFor();

      const police = await context.newPage();
      await signIn(police, 'police.lead');
      await police.goto(path);
      // The police are offered their action, and none of the office's steps.
      const policeNext = police.getByRole('region', { name: 'What you can do' });
      await policeNext.getByRole('link', { name: `Complete immediate action 1: ${POLICE}` }).click();
      await police.getByRole('heading', { level: 2, name: 'Immediate actions' }).waitFor();
      assert.equal(new URL(police.url()).pathname, `${path}/immediate-actions`);
      await police.getByRole('button', { name: /Mark as complete/ }).click();
      await police.getByText('Completed', { exact: true }).waitFor();

      const QUESTION = 'Should a local Child Safeguarding Practice Review be held?';
      const la = await context.newPage();
      await signIn(la, 'la.partner');
      await recordPartnerPosition(la, `${path}/decision`, {
        question: QUESTION,
        beforeSubmit: (p) => expectNoAxeViolations(p, 'partner position form (the local authority)'),
      });
      await la.getByText('Waiting for the integrated care board and the police.').waitFor();
      await la.getByRole('heading', { name: 'Change the local authority’s position' }).waitFor();
      await la.getByText('Not decided yet').waitFor();
      await expectNoAxeViolations(la, 'rapid review with one position recorded');

      const icb = await context.newPage();
      await signIn(icb, 'icb.partner');
      await icb.goto(`${path}/decision`);
      // A disagreement needs reasons: the form says so before anything is sent.
      await icb.getByRole('group', { name: QUESTION }).getByLabel('No', { exact: true }).check();
      await icb.getByRole('button', { name: 'Record position' }).click();
      await icb.getByRole('link', { name: 'Enter the reasons for disagreeing with the recommendation' }).waitFor();
      await expectNoAxeViolations(icb, 'partner position form with an error');
      await recordPartnerPosition(icb, `${path}/decision`, { question: QUESTION, answer: 'No', reasons: 'The single-agency health review will take the learning forward.' });
      await icb.getByText('Waiting for the police.').waitFor();
      await icb.getByText('Disagrees with the recommendation').waitFor();
      await icb.getByText('Not decided yet').waitFor();

      const lead = await context.newPage();
      await signIn(lead, 'police.partner');
      await recordPartnerPosition(lead, `${path}/decision`, {
        question: QUESTION,
        beforeSubmit: (p) => expectNoAxeViolations(p, 'partner position form (the police)'),
      });
      await lead.getByText(/^Hold a local Child Safeguarding Practice Review, .*\(The three safeguarding partners\)$/).waitFor();
      await expectNoAxeViolations(lead, 'rapid review decided by the three partners');
      await lead.getByRole('link', { name: 'Open the Child Safeguarding Practice Review' }).click();
      await lead.getByRole('heading', { level: 1, name: notification.child_reference }).waitFor();
      await lead.locator('strong.govuk-tag', { hasText: /^Commissioning$/ }).waitFor();
      await lead.getByText('Review opened for', { exact: false }).waitFor();
      await expectNoAxeViolations(lead, 'review page (safeguarding partner)');
      const reviewPath = new URL(lead.url()).pathname;
      assert.match(reviewPath, /^\/reviews\/[0-9a-f-]{36}$/);

      // The lead reviewer is appointed on the review's commissioning page.
      await page.goto(`${reviewPath}/commissioning`);
      await page.getByLabel('Lead reviewer', { exact: true }).selectOption({ label: 'Ruth Kaplan' });
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expectText(page, 'The review has been updated.');
      await page.goto(reviewPath);
      const leadRow = page.locator('.govuk-summary-list__row', { hasText: 'Lead reviewer' }).first();
      assert.match(await leadRow.innerText(), /Ruth Kaplan/);
      await page.getByText(/working days? left/).waitFor();
      await expectNoAxeViolations(page, 'review page (business office)');

      await page.goto(path);
      await openSection(page, 'National Panel');
      await page.getByRole('button', { name: 'Record report sent' }).click();
      await page.getByRole('button', { name: 'Record the Panel’s response' }).waitFor();
      await openSection(page, 'Overview');
      await page.getByText('Sent to the National Panel').first().waitFor();
      await next.getByRole('link', { name: 'Record the National Panel’s response' }).waitFor();
    },
  },
];
