// Child TS's overview report, from a draft that still names the child to publication: the lead reviewer shares a
// clean version, the business office records the agreements, the three lead safeguarding partners sign off, the
// report goes to the National Panel, the publication is planned and published, and the PDF is offered.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { apiAs, expectText, isoDate, signIn } from './helpers.mjs';

const CLEAN = [
  'Introduction',
  'This review considers the multi-agency response to Child TS, who was seriously injured at home.',
  'Learning',
  'Information shared at the strategy discussion was not followed up, and escalation procedures were not used when agencies disagreed.',
].join('\n\n');

async function fillDate(page, legend, iso) {
  const [year, month, day] = iso.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
}

async function signOffAs(browser, baseURL, local, reviewId, button, label) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, local);
  await page.goto(`/reviews/${reviewId}/sign-off`);
  await page.getByRole('heading', { level: 1, name: 'Sign-off' }).waitFor();
  await expectNoAxeViolations(page, `sign-off as ${label}`);
  await page.getByRole('button', { name: button }).click();
  await expectText(page, label);
  await context.close();
}

export default [
  {
    name: 'the overview report goes from a draft naming the child to published, through sign-off by each partner',
    async run({ page, context, baseURL }) {
      const browser = context.browser();
      const office = await apiAs(baseURL, 'business.office');
      const { items } = await office('GET', '/api/v1/reviews?limit=100&offset=0');
      const review = items.find((r) => r.child_reference === 'Child TS');
      assert.ok(review, 'the demo has Child TS at sign-off');

      // The lead reviewer sees the anonymisation findings in version 1, then shares a clean version 2.
      await signIn(page, 'lead.reviewer');
      await page.goto(`/reviews/${review.id}/overview-report`);
      await page.getByRole('heading', { level: 1, name: 'Overview report' }).waitFor();
      await expectText(page, '3 to resolve');
      await expectNoAxeViolations(page, 'the overview report, lead reviewer');
      await page.getByRole('link', { name: 'Version 1' }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview report, version 1' }).waitFor();
      assert.equal(await page.locator('mark.app-finding').count(), 3);
      await page.getByRole('link', { name: /Name \(identifier\): “Tyler”/ }).click();
      await expectNoAxeViolations(page, 'a version with findings');
      await page.goto(`/reviews/${review.id}/overview-report`);
      await page.getByLabel('Text of the overview report').fill(CLEAN);
      await page.getByRole('button', { name: 'Save the draft overview report' }).click();
      await expectText(page, 'The draft overview report has been saved.');
      await page.getByLabel('What changed (optional)').first().fill('The child’s name and street removed');
      await page.getByRole('button', { name: 'Share as a new version' }).first().click();
      await expectText(page, 'Version 2 of the overview report has been shared with the review group.');
      await page.getByRole('button', { name: 'Compare' }).click();
      await page.getByRole('heading', { level: 1, name: 'Compare versions' }).waitFor();
      assert.ok((await page.locator('del').count()) > 0, 'the comparison marks what was deleted');
      await expectNoAxeViolations(page, 'comparing two versions');

      // The business office records the review group's and the sub group's agreement.
      const officePage = await (await browser.newContext({ baseURL })).newPage();
      await signIn(officePage, 'business.office');
      await officePage.goto(`/reviews/${review.id}/sign-off`);
      await officePage.getByRole('heading', { level: 1, name: 'Sign-off' }).waitFor();
      await expectNoAxeViolations(officePage, 'sign-off, business office');
      await officePage.getByRole('button', { name: 'Record the review group’s agreement' }).click();
      await expectText(officePage, 'The review group agreed the report');
      await officePage.getByRole('button', { name: 'Record the sub group’s agreement' }).click();
      await expectText(officePage, 'The local learning review sub group agreed the report');

      for (const [local, button, label] of [
        ['la.partner', 'Sign off for the local authority', 'Signed off for the local authority'],
        ['icb.partner', 'Sign off for the integrated care board', 'Signed off for the integrated care board'],
        ['police.partner', 'Sign off for the police', 'Signed off for the police'],
      ]) {
        await signOffAs(browser, baseURL, local, review.id, button, label);
      }

      // Sent to the National Panel three weeks ago (recorded late), so publication today is not too soon.
      await officePage.reload();
      await fillDate(officePage, 'Date it was sent to the National Panel', isoDate(-21));
      await officePage.getByRole('button', { name: 'Record the report as sent to the National Panel' }).click();
      await expectText(officePage, 'Sign-off is complete.');
      await expectNoAxeViolations(officePage, 'sign-off complete');

      // The two de-briefs, and the review moved on to publication (set up through the API).
      for (const kind of ['involved_practitioner_debrief', 'open_debrief']) {
        await office('POST', '/api/v1/events', {
          review_id: review.id, kind, title: 'Practitioner de-brief', date: isoDate(0), start_time: '09:00', end_time: '09:45',
          location: 'Harbourside Civic Centre', capacity: 30,
        });
      }
      // The family offered to hear the findings first (the family engagement page records it).
      await office('POST', `/api/v1/reviews/${review.id}/family/contacts`, { kind: 'findings_offer', occurred_on: isoDate(-1), with_whom: 'Mother' });
      await office('POST', `/api/v1/reviews/${review.id}/stage`, { step: 'begin_publication' });

      await officePage.goto(`/reviews/${review.id}/publication`);
      await officePage.getByRole('heading', { level: 1, name: 'Publication' }).waitFor();
      await expectNoAxeViolations(officePage, 'publication checklist');
      await fillDate(officePage, 'Publication date', isoDate(0));
      await fillDate(officePage, 'Elected members’ briefing', isoDate(0));
      await officePage.getByRole('button', { name: 'Save the plan' }).click();
      await expectText(officePage, 'The publication plan has been saved.');
      await officePage.getByRole('button', { name: 'Publish the report now' }).click();
      await expectText(officePage, 'The report has been published.');
      await officePage.getByRole('button', { name: /Download the overview report \(PDF, version 2\)/ }).waitFor();
      await expectNoAxeViolations(officePage, 'published');
      const reviewNow = await office('GET', `/api/v1/reviews/${review.id}`);
      assert.equal(reviewNow.stage, 'published');
    },
  },
];
