// The lead reviewer runs Child LW's practitioner and family engagement, and the business office records a parallel
// process: every page checked with axe; an agency finds no family page at all.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { apiAs, expectText, signIn } from './helpers.mjs';

async function childLw(baseURL) {
  const office = await apiAs(baseURL, 'business.office');
  const { items } = await office('GET', '/api/v1/reviews?limit=100');
  const review = items.find((r) => r.child_reference === 'Child LW');
  assert.ok(review, 'the demo has Child LW’s review');
  return review.id;
}

async function fillDate(group, iso) {
  const [y, m, d] = iso.split('-');
  await group.getByLabel('Day').fill(String(Number(d)));
  await group.getByLabel('Month').fill(String(Number(m)));
  await group.getByLabel('Year').fill(y);
}

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

export default [
  {
    name: 'the lead reviewer offers a one-to-one, logs a letter and reads the genogram; the office records a process',
    async run({ page, baseURL }) {
      const review = await childLw(baseURL);
      await signIn(page, 'lead.reviewer');

      await page.goto(`/reviews/${review}/practitioners`);
      await page.getByRole('heading', { level: 1, name: 'Practitioner engagement' }).waitFor();
      await page.getByRole('link', { name: 'Practitioner learning event' }).waitFor();
      await page.getByText('Arrange a practitioner event').waitFor();
      await page.getByText(/Marcus Webb/).first().waitFor();
      await page.getByLabel('Practitioner’s name').fill('Hannah Price');
      await page.getByLabel('Their role').fill('School nurse');
      await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Riverside Academy' });
      await fillDate(page.getByRole('group', { name: 'Date it was offered' }), today());
      await page.getByRole('button', { name: 'Record the offer' }).click();
      await expectText(page, 'One-to-one offered to Hannah Price.');
      await page.getByText(/Hannah Price/).first().waitFor();
      await expectNoAxeViolations(page, 'practitioner engagement (real backend)');
      await page.getByRole('button', { name: 'Change the one-to-one with Marcus Webb' }).click();
      await page.getByRole('heading', { name: 'Change the one-to-one with Marcus Webb' }).waitFor();
      await expectNoAxeViolations(page, 'changing a one-to-one (real backend)');
      await page.getByLabel('Their role').fill('Social worker (now in the fostering team)');
      await page.getByRole('button', { name: 'Save the changes' }).click();
      await page.getByText('Social worker (now in the fostering team)').waitFor();

      await page.goto(`/reviews/${review}/family`);
      await page.getByRole('heading', { level: 1, name: 'Family engagement' }).waitFor();
      await page.getByText('Consent to access medical records').first().waitFor();
      await page.getByLabel('Mid-process letter').check();
      await fillDate(page.getByRole('group', { name: 'Date', exact: true }), today());
      await page.getByLabel('Who it was with or to (optional)').fill('Mother');
      await page.getByRole('button', { name: 'Add to the log' }).click();
      await page.getByText('Mid-process letter').first().waitFor();
      await page.getByRole('button', { name: 'Show the genogram' }).click();
      await page.getByRole('heading', { level: 3, name: /Kerry Lowe: Mother/ }).waitFor();
      await page.getByText('partner of').first().waitFor();
      await expectNoAxeViolations(page, 'family engagement with the genogram (real backend)');

      const office = await page.context().browser().newContext({ baseURL });
      const officePage = await office.newPage();
      await signIn(officePage, 'business.office');
      await officePage.goto(`/reviews/${review}/parallel-processes`);
      await officePage.getByRole('heading', { level: 1, name: 'Parallel processes' }).waitFor();
      await expectText(officePage, 'Holds publication');
      await officePage.getByLabel('Kind of process').selectOption({ label: 'LADO enquiry' });
      await officePage.getByLabel('Name', { exact: true }).fill('LADO enquiry about a former teacher');
      await officePage.getByRole('button', { name: 'Record the process' }).click();
      await expectText(officePage, 'LADO enquiry about a former teacher recorded.');
      const lado = officePage.locator('.govuk-summary-card', { has: officePage.getByRole('heading', { level: 2, name: /LADO enquiry about a former teacher/ }) });
      await lado.getByRole('button', { name: /Record that it has concluded/ }).click();
      await lado.getByLabel('Outcome (optional)').fill('No further action');
      await expectNoAxeViolations(officePage, 'concluding a parallel process (real backend)');
      await lado.getByRole('button', { name: 'Save' }).click();
      await officePage.locator('.govuk-summary-card .govuk-tag', { hasText: 'Concluded' }).first().waitFor();
      await expectNoAxeViolations(officePage, 'parallel processes (real backend)');
      await office.close();

      const agency = await page.context().browser().newContext({ baseURL });
      const agencyPage = await agency.newPage();
      await signIn(agencyPage, 'trust.lead');
      await agencyPage.goto(`/reviews/${review}/family`);
      await agencyPage.getByRole('heading', { level: 1, name: 'Review not found' }).waitFor();
      assert.equal(await agencyPage.getByRole('button', { name: 'Show the genogram' }).count(), 0);
      await expectNoAxeViolations(agencyPage, 'family engagement refused to an agency (real backend)');
      await agency.close();
    },
  },
];
