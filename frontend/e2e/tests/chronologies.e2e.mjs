// The agencies' submissions to Child LW's review (the demo's, at the agencies' submissions stage): the lead reviewer
// returns the Children's Trust's chronology; the academy and the trust submit theirs; the trust writes its key event
// analysis report and its manager signs it off; the lead reviewer reads the integrated chronology. Axe on every page.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { apiAs, expectText, isoDate, signIn } from './helpers.mjs';

const TRUST = 'Harbourside Children\'s Trust';
const ACADEMY = 'Riverside Academy';

async function demoReview(baseURL) {
  const office = await apiAs(baseURL, 'business.office');
  const { items } = await office('GET', '/api/v1/reviews?limit=100');
  const review = items.find((r) => r.child_reference === 'Child LW');
  assert.ok(review, 'the demo has Child LW’s review');
  const chronologies = await office('GET', `/api/v1/reviews/${review.id}/chronologies`);
  const reports = await office('GET', `/api/v1/reviews/${review.id}/analysis-reports`);
  const find = (list, name) => list.find((x) => x.agency.name === name);
  return { review, academy: find(chronologies, ACADEMY), trust: find(chronologies, TRUST), trustReport: find(reports, TRUST) };
}

async function fillDate(page, group, iso) {
  const [year, month, day] = iso.split('-');
  const boxes = page.getByRole('group', { name: group });
  await boxes.getByLabel('Day').fill(String(Number(day)));
  await boxes.getByLabel('Month').fill(String(Number(month)));
  await boxes.getByLabel('Year').fill(year);
}

async function addEntry(page, { date, time, source, what, significance }) {
  await fillDate(page, 'Date', date);
  await page.getByLabel('Time (if known)').fill(time);
  await page.getByLabel('Source').fill(source);
  await page.getByLabel('What happened').fill(what);
  await page.getByLabel('Significance').fill(significance);
  await page.getByRole('button', { name: 'Add the entry' }).click();
  await expectText(page, 'The entry has been added to your draft.');
}

export default [
  {
    name: 'two agencies submit chronologies, one a key event analysis report signed off by its manager, and the lead reviewer reads the integrated chronology',
    async run({ page, context, baseURL }) {
      const { review, academy, trust, trustReport } = await demoReview(baseURL);
      assert.equal(academy.state, 'draft');
      assert.equal(trust.state, 'submitted');
      const base = `/reviews/${review.id}`;

      // The lead reviewer returns the trust's chronology for more work.
      await signIn(page, 'lead.reviewer');
      await page.goto(`${base}/chronologies`);
      await page.getByRole('heading', { level: 1, name: 'Agency chronologies' }).waitFor();
      await expectNoAxeViolations(page, 'chronologies of a review (lead reviewer)');
      await page.getByRole('link', { name: TRUST }).click();
      await page.getByRole('region', { name: /Submitted chronology/ }).waitFor();
      await expectNoAxeViolations(page, 'a submitted chronology (lead reviewer)');
      await page.getByLabel('What more is needed?').fill('Add the health visitor’s contacts in the summer.');
      await page.getByRole('button', { name: 'Return the chronology' }).click();
      await expectText(page, 'The chronology has been returned to the agency for more work.');

      // The academy adds an entry, tries an upload with a bad row (nothing imported), and submits.
      const school = await context.newPage();
      await signIn(school, 'school.lead');
      await school.goto(`${base}/chronologies/${academy.id}`);
      await school.getByRole('heading', { name: 'Add an entry' }).waitFor();
      await expectNoAxeViolations(school, 'an agency’s draft chronology');
      await addEntry(school, { date: isoDate(-60), time: '08:45', source: 'CPOMS', what: 'Child LW’s coat was too thin for the weather.', significance: 'Possible neglect.' });
      const before = await school.getByRole('region', { name: /Your draft: \d+ entries/ }).getAttribute('aria-labelledby');
      assert.ok(before);
      const csv = 'Date,Time,Source,What happened,Significance\n02/03/2026,09:00,CPOMS,Late again,Pattern\n31/02/2026,,CPOMS,,Unknown\n';
      await school.getByLabel('Upload a file').setInputFiles({ name: 'academy.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await school.getByRole('button', { name: 'Upload entries' }).click();
      await school.getByRole('link', { name: 'Row 3, column A (Date): the date must be a real date, like 14/03/2026' }).waitFor();
      await school.getByRole('link', { name: 'Row 3, column D (What happened): enter what happened' }).waitFor();
      await expectNoAxeViolations(school, 'an upload refused row by row');
      await school.getByRole('region', { name: 'Your draft: 11 entries' }).waitFor();
      await school.getByRole('button', { name: 'Submit the chronology' }).click();
      await expectText(school, 'Your chronology has been submitted to the review.');
      await school.getByRole('region', { name: 'Submitted chronology: 11 entries' }).waitFor();

      // The trust adds what was asked for and submits again.
      const trustLead = await context.newPage();
      await signIn(trustLead, 'trust.lead');
      await trustLead.goto(`${base}/chronologies/${trust.id}`);
      await trustLead.getByText('Add the health visitor’s contacts in the summer.').first().waitFor();
      await addEntry(trustLead, { date: isoDate(-120), time: '', source: 'Health visitor liaison record', what: 'Health visitor told of mother’s low mood.', significance: 'Not linked to the earlier contact.' });
      await trustLead.getByRole('button', { name: 'Submit the chronology' }).click();
      await expectText(trustLead, 'Your chronology has been submitted to the review.');

      // The trust's key event analysis report: refused with every empty box named, then completed and signed.
      await trustLead.goto(`${base}/analysis-reports`);
      await trustLead.getByRole('heading', { level: 1, name: 'Key event analysis reports' }).waitFor();
      await expectNoAxeViolations(trustLead, 'reports of a review (agency lead)');
      await trustLead.goto(`${base}/analysis-reports/${trustReport.id}`);
      await trustLead.getByRole('button', { name: 'Add a key event' }).click();
      await trustLead.getByLabel('Author’s name').fill('Tom Okafor');
      await trustLead.getByLabel('Type your full name to sign the report as its author').fill('Tom Okafor');
      await trustLead.getByRole('button', { name: 'Sign and send for sign-off' }).click();
      await trustLead.getByRole('link', { name: 'Enter the agency manager’s name' }).waitFor();
      await trustLead.getByRole('link', { name: 'Enter the evidence of impact (‘so what’) for key event 1' }).waitFor();
      await expectNoAxeViolations(trustLead, 'a report refused with every empty box named');
      await trustLead.getByLabel('Agency manager’s name').fill('Helen Morris');
      await fillDate(trustLead, 'Date of the key event', isoDate(-174));
      await trustLead.getByLabel('Title of the key event').fill('Strategy discussion without health');
      await trustLead.getByLabel('In-depth analysis').fill('Health was not invited, so the health visitor’s knowledge of mother’s low mood was not heard.');
      await trustLead.getByLabel('Learning', { exact: true }).fill('Invite health to every strategy discussion.');
      await trustLead.getByLabel('How has the learning been addressed to date').fill('The MASH checklist now names the health representative.');
      await trustLead.getByLabel('Outstanding action').fill('Audit in three months.');
      await trustLead.getByLabel('Evidence ‘so what’').fill('In May a health visitor joined a strategy discussion and shared a concern that changed the plan.');
      await trustLead.getByRole('button', { name: 'Sign and send for sign-off' }).click();
      await expectText(trustLead, 'You have signed the report. It is waiting for an agency manager to sign it off.');

      const manager = await context.newPage();
      await signIn(manager, 'trust.manager');
      await manager.goto(`${base}/analysis-reports/${trustReport.id}`);
      await manager.getByRole('region', { name: 'The report waiting for sign-off' }).waitFor();
      await expectNoAxeViolations(manager, 'a report waiting for sign-off');
      await manager.getByLabel('Type your full name to sign off the report').fill('Helen Morris');
      await manager.getByRole('button', { name: 'Sign off and submit the report' }).click();
      await expectText(manager, 'The report has been signed off and submitted to the review.');

      // The lead reviewer reads the report and the integrated chronology.
      await page.goto(`${base}/analysis-reports/${trustReport.id}`);
      const submitted = page.getByRole('region', { name: 'Submitted report' });
      await submitted.waitFor();
      assert.match(await submitted.innerText(), /Helen Morris, \d+ \w+ \d{4}/);
      await expectNoAxeViolations(page, 'a submitted report (lead reviewer)');
      await page.goto(`${base}/chronologies/integrated`);
      await page.getByRole('heading', { level: 1, name: 'Integrated chronology' }).waitFor();
      await page.getByText(/No agency recorded contact for \d+ days/).first().waitFor();
      await expectNoAxeViolations(page, 'the integrated chronology');
      await page.getByLabel(ACADEMY).check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('link', { name: 'Clear the filters' }).waitFor();
      assert.match(page.url(), /agency=/);
      await page.getByRole('heading', { name: /^11 entries on/ }).waitFor();
      await expectNoAxeViolations(page, 'the integrated chronology, filtered');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download as an Excel spreadsheet (.xlsx)' }).click();
      assert.match((await download).suggestedFilename(), /\.xlsx$/);
      await page.setViewportSize({ width: 320, height: 800 });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scroll at 320px');
    },
  },
];
