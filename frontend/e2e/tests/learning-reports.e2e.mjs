// The learning reports: the business office imports past reviews from a small fixture file (a bad file first:
// every problem listed, nothing imported), opens the recurrent themes, repeats and figures, and downloads the
// partnership's response document for Child RM's review; an agency lead confirms a briefing was discussed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations } from '../axe.mjs';
import { apiAs, expectText, signIn } from './helpers.mjs';

const FIXTURE = new URL('../fixtures/past-reviews.csv', import.meta.url);

export default [
  {
    name: 'the business office imports past reviews, reads recurrent themes and figures, downloads the response',
    async run({ page, baseURL }) {
      const reference = `Child Q${Date.now() % 100000}`;
      const good = (await readFile(FIXTURE, 'utf8')).replaceAll('Child QX', reference);
      const bad = good.replace('Neglect; Information sharing', 'Neglect; Informaton sharing');

      await signIn(page, 'business.office');
      await page.getByRole('link', { name: 'Reports', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Learning reports' }).waitFor();
      await expectNoAxeViolations(page, 'learning reports');
      await page.getByRole('link', { name: 'Import past reviews' }).click();
      await page.getByRole('heading', { level: 1, name: 'Import past reviews' }).waitFor();
      await expectNoAxeViolations(page, 'import past reviews');

      await page.locator('#history-file').setInputFiles({ name: 'past-reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.getByRole('button', { name: 'Import' }).click();
      await expectText(page, 'nothing was imported');
      await expectText(page, 'Row 2, column H (Themes): Informaton sharing is not a theme on the partnership’s list'.replace('’', "'"));
      await expectNoAxeViolations(page, 'import refused, every problem listed');

      await page.locator('#history-file').setInputFiles({ name: 'past-reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await page.getByRole('button', { name: 'Import' }).click();
      await expectText(page, '2 recommendations and 1 action imported');
      await page.getByRole('rowheader', { name: `Child Safeguarding Practice Review – ${reference}` }).waitFor();
      await expectNoAxeViolations(page, 'import done');

      await page.getByRole('link', { name: 'recurrent themes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Recurrent themes' }).waitFor();
      await page.getByText(`Child Safeguarding Practice Review – ${reference}`).first().waitFor();
      await expectNoAxeViolations(page, 'recurrent themes');
      await page.getByLabel('Reporting year').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/year=/);
      await expectNoAxeViolations(page, 'recurrent themes, one year');

      await page.goto('/learning/repeats');
      await page.getByRole('heading', { level: 1, name: 'Repeated recommendations' }).waitFor();
      await page.getByText('It repeats:').first().waitFor();
      await expectNoAxeViolations(page, 'repeated recommendations');

      await page.goto('/learning/figures');
      await page.getByRole('heading', { level: 2, name: 'Actions by agency' }).waitFor();
      await page.getByRole('region', { name: 'Actions by agency, in numbers' }).waitFor();
      await expectNoAxeViolations(page, 'learning figures');
      const [yearly] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download the yearly report/ }).click()]);
      assert.match(yearly.suggestedFilename(), /^learning-\d{4}-\d{4}\.docx$/);

      const office = await apiAs(baseURL, 'business.office');
      const { items: reviews } = await office('GET', '/api/v1/reviews?limit=200');
      const review = reviews.find((r) => r.child_reference === 'Child RM');
      await page.goto(`/reviews/${review.id}/learning`);
      await page.getByRole('heading', { level: 2, name: 'The partnership’s response' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Who it was sent to' }).waitFor();
      await expectNoAxeViolations(page, 'review learning with response and dissemination');
      const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the response document (Word)' }).click()]);
      assert.equal(docx.suggestedFilename(), 'response-Child-RM.docx');
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as PDF' }).click()]);
      assert.equal(pdf.suggestedFilename(), 'response-Child-RM.pdf');

      // Writing a recommendation like an earlier one suggests it.
      await page.locator('#text').fill('Health and schools should share concerns about neglect with the school nurse and the GP.');
      await page.getByRole('group', { name: /Earlier recommendations like this one/ }).waitFor();
      await page.getByLabel(new RegExp(`${reference}, 1 `)).waitFor();
      await expectNoAxeViolations(page, 'suggestions while writing a recommendation');
    },
  },
  {
    name: 'an agency lead confirms the learning sent to their agency was discussed in a team meeting',
    async run({ page }) {
      await signIn(page, 'trust.lead');
      await page.getByRole('link', { name: 'Reports', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: /Learning sent to Harbourside Children/ }).waitFor();
      await expectNoAxeViolations(page, 'learning sent to the agency');
      await page.getByText('Confirm it was discussed').first().click();
      await page.getByRole('button', { name: 'Confirm', exact: true }).first().click();
      await page.getByText('Confirmed', { exact: true }).first().waitFor();
      await expectNoAxeViolations(page, 'learning confirmed as discussed');
    },
  },
];
