// The rapid review report the National Panel receives: the business office opens a demo rapid review that was
// decided and sent to the Panel (Child EO), reads the working days it used, previews the report's sections and
// downloads it as Word and as PDF; a strategic lead (a safeguarding partner) reads it too. Axe on every page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations } from '../axe.mjs';
import { signIn } from './helpers.mjs';

const SECTIONS = [
  'The facts of the case',
  "Each agency's involvement",
  'Analysis of key practice episodes',
  "How the child's ethnicity, disability and other characteristics, racism and other inequalities shaped their experience and the practice around them",
  'Immediate safety actions',
  'Learning identified',
  "The recommendation and the partners' decision",
  'Issues of national importance',
  'Sign-off by the safeguarding partners',
];

async function downloaded(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

export default [
  {
    name: 'the business office previews the rapid review report for the National Panel and downloads it as Word and PDF',
    async run({ page, context }) {
      await signIn(page, 'business.office');
      await page.goto('/rapid-reviews');
      const row = page.getByRole('row', { name: /Child EO/ });
      await row.getByText(/\d+ of 15/).waitFor();
      await row.getByText('Sent on time').waitFor();
      await expectNoAxeViolations(page, 'rapid reviews with working days used');
      await row.getByRole('link', { name: 'Child EO' }).click();
      await page.getByRole('heading', { level: 1, name: 'Child EO' }).waitFor();
      await page.getByText(/^Working days used: \d+ of 15/).waitFor();
      await expectNoAxeViolations(page, 'rapid review sent to the Panel on time');

      await page.getByRole('navigation', { name: 'Sections of this rapid review' }).getByRole('link', { name: 'Report for the National Panel' }).click();
      await page.getByRole('heading', { level: 1, name: 'Rapid review report' }).waitFor();
      for (const [i, heading] of SECTIONS.entries()) {
        await page.getByRole('heading', { level: 2, name: `${i + 1}. ${heading}` }).waitFor();
      }
      // Filled from the records: the submitted responses, the meeting's sections, the decision; the school never named.
      await page.getByRole('heading', { level: 3, name: "The child's school" }).waitFor();
      await page.getByText(/adultification shaped how risk was seen/).waitFor();
      await page.getByText('Not to hold a local Child Safeguarding Practice Review').waitFor();
      assert.equal(await page.getByText('Riverside Academy').count(), 0);
      assert.equal(await page.getByText(/still to be completed/).count(), 0);
      await expectNoAxeViolations(page, 'rapid review report preview');

      const word = await downloaded(page, 'Download the report (Word)');
      assert.equal(word.name, 'rapid-review-report-child-eo.docx');
      assert.ok(word.bytes.length > 1000 && word.bytes.subarray(0, 2).toString() === 'PK', 'a Word document (a zip)');
      const pdf = await downloaded(page, 'Download the report (PDF)');
      assert.equal(pdf.name, 'rapid-review-report-child-eo.pdf');
      assert.ok(pdf.bytes.length > 1000 && pdf.bytes.subarray(0, 5).toString() === '%PDF-', 'a PDF');

      // A safeguarding partner reads the same report.
      const partner = await context.newPage();
      await signIn(partner, 'strategic.lead');
      await partner.goto(page.url());
      await partner.getByRole('heading', { level: 2, name: '9. Sign-off by the safeguarding partners' }).waitFor();
      await expectNoAxeViolations(partner, 'rapid review report (strategic lead)');
    },
  },
];
